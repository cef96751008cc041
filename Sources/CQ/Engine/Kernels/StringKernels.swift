// StringKernels: `contains`, `startswith`, `endswith`, `matches`, string
// concatenation, and the string functions len, lower, upper, trim, substr
// and replace.
//
// All work on UTF-8 bytes through StringWalk (per dictionary entry when the
// other arguments are constants, else per row); only lower/upper (Unicode
// case mapping) and matches (Swift Regex) go through String. Characters are
// Unicode scalars, like SQLite's length() and substr(). Null rule: null in
// any argument → null. An invalid regular expression is an error at the
// pattern's position.

extension Evaluator {
    /// `s contains t`, `s startswith t`, `s endswith t`, `s matches pattern`.
    func stringPredicate(_ op: BinaryOp, _ x: Operand, _ y: Operand, count: Int, _ expr: BoundExpr,
                         pattern: BoundExpr) throws -> Column {
        guard let s = x.strings(count: count), let t = y.strings(count: count) else {
            throw internalError("'\(op.rawValue)' needs strings", expr)
        }
        let validity = Bitmap.both(x.validity, y.validity)
        let values: [Bool]
        if op == .matches {
            values = try regexMatches(s, t, validity: validity, constantPattern: y.isScalar, pattern)
        } else if op == .contains, y.isScalar, walksEntries(s, perEntry: true) {
            values = t.dictionary.withEntries { needle in
                spreadByCode(ByteSearch.entriesContaining(s.dictionary, needle(0)), s.codes, fallback: false)
            }
        } else {
            let test: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
            switch op {
            case .startswith: test = { $0.count >= $1.count && compareBytes(UnsafeBufferPointer(rebasing: $0.prefix($1.count)), $1) == 0 }
            case .endswith: test = { $0.count >= $1.count && compareBytes(UnsafeBufferPointer(rebasing: $0.suffix($1.count)), $1) == 0 }
            default: test = { ByteSearch.find($1, in: $0, from: 0) != nil }
            }
            values = try t.dictionary.withEntries { needle in
                try mapStrings(s, validity: validity, perEntry: y.isScalar, fallback: false) { row, hay in
                    test(hay, needle(t.codes[row]))
                }
            }
        }
        return Column(.bool(values), validity: validity)
    }

    /// `s matches pattern`: the pattern is found anywhere in s (Swift Regex).
    private func regexMatches(_ s: StringColumn, _ patterns: StringColumn, validity: Bitmap?, constantPattern: Bool,
                              _ pattern: BoundExpr) throws -> [Bool] {
        var compiled = CompiledPatterns(patterns, at: pattern.range)
        return try mapStrings(s, validity: validity, perEntry: constantPattern, fallback: false) { row, bytes in
            String(decoding: bytes, as: UTF8.self).contains(try compiled.regex(row))
        }
    }

    /// `a + b` on strings: concatenation.
    func concatenate(_ x: Operand, _ y: Operand, count: Int, validity: Bitmap?) throws -> Column {
        guard let a = x.strings(count: count), let b = y.strings(count: count) else {
            return Column.nulls(.string, count: count)
        }
        let result: StringColumn
        if x.isScalar && !y.isScalar {
            // "prefix" + column: once per entry of the column.
            result = try a.dictionary.withEntries { prefix in
                try transformStrings(b, validity: validity, perEntry: true) { _, s, out in
                    out.append(contentsOf: prefix(0))
                    out.append(contentsOf: s)
                }
            }
        } else {
            result = try b.dictionary.withEntries { suffix in
                try transformStrings(a, validity: validity, perEntry: y.isScalar) { row, s, out in
                    out.append(contentsOf: s)
                    out.append(contentsOf: suffix(b.codes[row]))
                }
            }
        }
        return Column(.string(result), validity: validity)
    }

    /// len, lower, upper, trim, substr, replace.
    func stringFunction(_ call: Call) throws -> Column {
        guard let s = try call.operand(0).strings(count: call.count) else { throw call.unsupported }
        let validity = call.validity
        let constantArgs = call.operands.dropFirst().allSatisfy(\.isScalar)
        switch call.function {
        case .len:
            let values = try mapStrings(s, validity: validity, perEntry: true, fallback: 0) { _, b in scalarCount(b) }
            return Column(.int(values), validity: validity)
        case .lower, .upper:
            let lower = call.function == .lower
            return Column(.string(try transformStrings(s, validity: validity, perEntry: true) { _, b, out in
                let text = String(decoding: b, as: UTF8.self)
                out.append(contentsOf: (lower ? text.lowercased() : text.uppercased()).utf8)
            }), validity: validity)
        case .trim:
            return Column(.string(try transformStrings(s, validity: validity, perEntry: true) { _, b, out in
                out.append(contentsOf: trimmed(b))
            }), validity: validity)
        case .substr:
            guard let start = try call.operand(1).ints else { throw call.unsupported }
            let length = call.operands.count > 2 ? try call.operand(2).ints : nil
            if call.operands.count > 2 && length == nil { throw call.unsupported }
            return Column(.string(try transformStrings(s, validity: validity, perEntry: constantArgs) { row, b, out in
                out.append(contentsOf: b[substrRange(b, start: start.at(row), length: length?.at(row))])
            }), validity: validity)
        case .replace:
            guard let from = try call.operand(1).strings(count: call.count),
                  let to = try call.operand(2).strings(count: call.count) else { throw call.unsupported }
            let result = try from.dictionary.withEntries { fromEntry in
                try to.dictionary.withEntries { toEntry in
                    try transformStrings(s, validity: validity, perEntry: constantArgs) { row, b, out in
                        ByteSearch.replaceAll(b, fromEntry(from.codes[row]), toEntry(to.codes[row]), into: &out)
                    }
                }
            }
            return Column(.string(result), validity: validity)
        default:
            throw call.unsupported
        }
    }
}

/// Number of Unicode scalars in UTF-8 bytes (bytes that do not continue a character).
func scalarCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for byte in b where byte & 0xC0 != 0x80 { n += 1 }
    return n
}

/// The byte offset where the k-th character (0-based) starts, or the end.
func byteOffset(_ b: UnsafeBufferPointer<UInt8>, character k: Int) -> Int {
    var seen = 0
    for i in 0..<b.count where b[i] & 0xC0 != 0x80 {
        if seen >= k { return i }
        seen += 1
    }
    return b.count
}

/// The bytes of SQLite's substr(s, start[, length]): 1-based; start 0 counts as the position before
/// the first character; a negative start counts from the end; a negative length takes the
/// characters before start. Arguments are clamped so that no value can overflow.
func substrRange(_ b: UnsafeBufferPointer<UInt8>, start: Int, length: Int?) -> Range<Int> {
    let limit = 1 << 40
    var p1 = min(max(start, -limit), limit)
    var p2 = min(max(length ?? limit, -limit), limit)
    let negativeLength = p2 < 0
    if negativeLength { p2 = -p2 }
    let characters = scalarCount(b)
    if p1 < 0 {
        p1 += characters
        if p1 < 0 {
            p2 = max(0, p2 + p1)
            p1 = 0
        }
    } else if p1 > 0 {
        p1 -= 1
    } else if p2 > 0 {
        p2 -= 1
    }
    if negativeLength {
        p1 -= p2
        if p1 < 0 {
            p2 += p1
            p1 = 0
        }
    }
    let from = byteOffset(b, character: p1)
    let to = byteOffset(b, character: p1 + max(0, p2))
    return from..<max(from, to)
}

/// The bytes without leading and trailing spaces, tabs, newlines and ideographic spaces (U+3000).
func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
    func isSpace(_ i: Int) -> Bool {
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        default: return false
        }
    }
    /// U+3000 is E3 80 80 in UTF-8.
    func isIdeographicSpace(at i: Int) -> Bool {
        i >= 0 && i + 2 < b.count && b[i] == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x80
    }
    var lo = 0
    var hi = b.count
    while lo < hi {
        if isSpace(lo) { lo += 1 } else if isIdeographicSpace(at: lo) { lo += 3 } else { break }
    }
    while hi > lo {
        if isSpace(hi - 1) { hi -= 1 } else if hi - 3 >= lo && isIdeographicSpace(at: hi - 3) { hi -= 3 } else { break }
    }
    return b[lo..<hi]
}
