// RegexKernels: the functions that take a regular expression —
// extract(s, pattern[, group]) and regex_replace(s, pattern, to) — and the
// compiled-pattern cache they share with the `matches` operator.
//
// Patterns are Swift Regex syntax, compiled once per distinct pattern
// string; an invalid pattern is an error at the pattern's position. A
// pattern runs by backtracking (see docs/reference.md, Limits). extract
// gives null where the pattern does not match (and "" for a group that took
// no part in the match); regex_replace replaces every match, and its
// replacement may name groups as \1 … \9 (\0 is the whole match, \\ a
// backslash). Null rule: null in any argument gives null. The definitions
// are in Semantics/Functions/StringFunctions.swift.

/// The compiled regular expressions of a column of patterns, one per dictionary entry, compiled when first used.
struct CompiledPatterns {
    let patterns: StringColumn
    let range: SourceRange
    private var compiled: [Int32: Regex<AnyRegexOutput>] = [:]

    init(_ patterns: StringColumn, at range: SourceRange) {
        self.patterns = patterns
        self.range = range
    }

    /// The pattern of a row, compiled.
    mutating func regex(_ row: Int) throws -> Regex<AnyRegexOutput> {
        let code = patterns.codes[row]
        if let r = compiled[code] { return r }
        let text = patterns.dictionary.withBytes(Int(code)) { String(decoding: $0, as: UTF8.self) }
        do {
            let r = try Regex(text)
            compiled[code] = r
            return r
        } catch {
            throw CQError(.invalidArgument("invalid regular expression '\(text)': \(error)"), at: range)
        }
    }
}

extension Evaluator {
    /// The pattern argument's range, for an invalid pattern (the call's when absent).
    private func patternRange(_ call: Call) -> SourceRange {
        if case .call(_, let args) = call.expr.kind, args.count > 1 { return args[1].range }
        return call.expr.range
    }

    /// extract(s, pattern[, group]): the first match (or its group), null when the pattern does not match.
    func extract(_ call: Call) throws -> Column {
        let s = try strings(call, 0)
        var patterns = CompiledPatterns(try strings(call, 1), at: patternRange(call))
        let groups = call.operands.count > 2 ? try ints(call, 2) : .constant(0)
        var found = [Bool](repeating: false, count: call.count)
        var problem: (row: Int, detail: String)?
        var dictionary = StringDictionary()
        dictionary.isUnique = false
        let validity = call.validity
        try s.dictionary.withEntries { entry in
            for row in 0..<call.count {
                if row % 4096 == 0 { try cancel?.check() }
                defer { dictionary.offsets.append(dictionary.bytes.count) }
                guard validity?[row] != false, problem == nil else { continue }
                let text = String(decoding: entry(s.codes[row]), as: UTF8.self)
                guard let match = try text.firstMatch(of: patterns.regex(row)) else { continue }
                let group = groups.at(row)
                guard group >= 0, group < match.output.count else {
                    problem = (row, missingGroup(group, match.output.count - 1))
                    continue
                }
                found[row] = true
                if let part = match.output[group].substring { dictionary.bytes.append(contentsOf: part.utf8) }
            }
        }
        if let problem {
            throw CQError(.outOfDomain(expression: call.expr.text, detail: problem.detail), at: call.expr.range)
        }
        let codes = (0..<call.count).map { Int32(truncatingIfNeeded: $0) }
        return Column(.string(StringColumn(codes: codes, dictionary: dictionary)), validity: Bitmap(found))
    }

    /// regex_replace(s, pattern, to): every match replaced by `to`, with \1 … \9 standing for groups.
    func regexReplace(_ call: Call) throws -> Column {
        let s = try strings(call, 0), to = try strings(call, 2)
        var patterns = CompiledPatterns(try strings(call, 1), at: patternRange(call))
        var problem: String?
        let result = try to.dictionary.withEntries { replacement in
            try transformStrings(s, validity: call.validity, perEntry: constantRest(call)) { row, b, out in
                let parts = Replacement.parse(replacement(to.codes[row]))
                let text = String(decoding: b, as: UTF8.self)
                let replaced = text.replacing(try patterns.regex(row)) { match -> String in
                    parts.map { part in
                        switch part {
                        case .text(let t): return t
                        case .group(let g):
                            guard g < match.output.count else {
                                problem = problem ?? missingGroup(g, match.output.count - 1)
                                return ""
                            }
                            return match.output[g].substring.map(String.init) ?? ""
                        }
                    }.joined()
                }
                out.append(contentsOf: replaced.utf8)
            }
        }
        if let problem {
            throw CQError(.outOfDomain(expression: call.expr.text, detail: problem), at: call.expr.range)
        }
        return Column(.string(result), validity: call.validity)
    }
}

/// The error detail for a group number the pattern does not have.
func missingGroup(_ group: Int, _ groups: Int) -> String {
    "the pattern has \(groups) group\(groups == 1 ? "" : "s"), so no group \(group)"
}

/// A replacement text of regex_replace: literal text and group references.
enum Replacement: Equatable {
    case text(String)
    case group(Int)

    /// `\0` … `\9` are groups, `\\` is a backslash; any other character is itself.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Replacement] {
        var parts: [Replacement] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                    if !literal.isEmpty { parts.append(.text(String(decoding: literal, as: UTF8.self))) }
                    literal = []
                    parts.append(.group(Int(next - UInt8(ascii: "0"))))
                    i += 2
                    continue
                }
                if next == UInt8(ascii: "\\") {
                    literal.append(next)
                    i += 2
                    continue
                }
            }
            literal.append(b)
            i += 1
        }
        if !literal.isEmpty { parts.append(.text(String(decoding: literal, as: UTF8.self))) }
        return parts
    }
}
