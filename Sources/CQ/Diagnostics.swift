// Diagnostics: where things are (SourceRange), what went wrong (CQError),
// and how an error is shown (the one renderer of carets and hints).
//
// Every phase — lexer, parser, binder, executor, shell commands — throws a
// CQError: a `Problem` (an enum with associated values: the facts) plus the
// range of source text it is about. Nothing else builds error text; the
// shell only chooses between `render(in:)` (people) and `json(in:)` (tools).
// Suggestions ("did you mean") are computed here from edit distance so that
// every "unknown name" error suggests the same way.

/// A half-open range of UTF-8 byte offsets into the source text of a script.
public struct SourceRange: Hashable, Sendable {
    public var start: Int
    public var end: Int
    /// The text the offsets are into, when the parser was told (the session tells it): a range kept
    /// past its statement — in a user function's body, bound and run at a later call — still points
    /// at its own line. Nil means the text being run. Equality and hashing compare offsets only.
    public var origin: SourceOrigin?
    public init(_ start: Int, _ end: Int, origin: SourceOrigin? = nil) {
        self.start = start
        self.end = max(start, end)
        self.origin = origin
    }
    /// The smallest range that covers both (in this range's text).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end), origin: origin ?? other.origin)
    }
    public static let none = SourceRange(0, 0)

    public static func == (a: SourceRange, b: SourceRange) -> Bool { a.start == b.start && a.end == b.end }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }
}

/// The text a range belongs to (one per run of a script or line), shared by reference.
public final class SourceOrigin: Sendable {
    public let source: SourceText
    public init(_ source: SourceText) {
        self.source = source
    }
}

/// The phase that found the error; shown in JSON output and used by the shell.
public enum Phase: String, Sendable {
    case syntax, semantics, runtime, command, io
    /// A fault that is a bug in cq (a plan the binder should have refused), never the user's input.
    case `internal`
}

/// Everything that can go wrong, as facts. `message` and `hint` turn them into words.
public enum Problem: Equatable, Sendable {
    // Syntax
    case unexpectedCharacter(String)
    case unterminatedName
    case invalidEscape(String)
    case invalidNumber(String)
    case integerTooLarge(String)
    case invalidDate(String)
    case unexpectedToken(found: String, expected: String)
    /// Input ended inside a statement; the shell shows a continuation prompt instead.
    case incomplete(expected: String)
    case tooDeep(limit: Int)
    case tooLong(what: String, limit: Int)
    case unknownStage(String, suggestion: String?)
    /// A function's name where a stage should be (`projects | sum`).
    case functionAsStage(String, aggregate: Bool)
    case unknownCommand(String, suggestion: String?)
    // Semantics
    case unknownColumn(String, table: String?, suggestion: String?)
    /// A column the right side of a semi or anti join (`kind`) had, which that join does not keep.
    case droppedByJoin(String, table: String?, kind: String)
    /// A column an earlier item of the same `extend` or `select` (`stage`) makes: its items all see
    /// the stage's input, so only the next stage sees it.
    case madeInSameStage(String, table: String?, stage: String)
    case unknownTable(String, suggestion: String?)
    case unknownFunction(String, suggestion: String?)
    case unknownName(String, suggestion: String?)
    case wrongArgumentCount(function: String, expected: String, got: Int)
    case wrongArgumentType(function: String, signatures: String, got: String)
    case typeMismatch(String)
    case compareWithNull(negated: Bool)
    case unnamedColumn(String)
    case duplicateColumn(String)
    case aggregateNotAllowed(String)
    case aggregateRequired(String)
    case notConstant(String)
    case invalidArgument(String)
    case unionMismatch(String)
    case tableIsScalar(String)
    case scalarIsTable(String)
    /// A name that is both a column at that point (of `table`, when the columns have one) and a `let` scalar.
    case ambiguousName(String, table: String?)
    /// `table.column` where no query in scope reads that table.
    case tableNotInScope(String, suggestion: String?)
    /// `table.column` after a join or summarize, whose columns have no table name: the column is `name`.
    case qualifiedAfterJoin(String, name: String)
    /// A name inside a subquery that belongs to the query (or function) around it.
    case outerReference(String)
    /// A subquery used as a value or after `in` that gives these columns instead of one.
    case subqueryColumns([String])
    /// A user function named where a value or a table is wanted.
    case functionNotCalled(String)
    /// A user function that calls itself, directly or through functions it calls.
    case recursiveFunction(String)
    /// Calls of user functions past a limit of the binder (`what` says which, as a noun phrase).
    case tooManyCalls(what: String, limit: Int)
    /// `f(…) over (…)` where windows are not computed (summarize, keys, sort, inside another call's window).
    case windowNotAllowed
    /// A window function (row_number, lag, …) called without `over`.
    case windowWithoutOver(String)
    /// `over` after a scalar function.
    case overOnScalar(String)
    /// A pivot, unpivot or sample that cannot be made as written: what is wrong, and what to write instead.
    case cannotReshape(String, hint: String)
    // Runtime
    /// A subquery used as a value that gave more than one row.
    case subqueryRows(query: String, rows: Int)
    case integerOverflow(expression: String)
    case divisionByZero(expression: String)
    case conversion(expression: String, detail: String)
    /// A function given a value outside its domain (the square root of a negative number).
    case outOfDomain(expression: String, detail: String)
    /// A value a function cannot take, met at run time (a date beyond year 9999, an unknown unit in a column).
    case invalidValue(expression: String, detail: String)
    case cancelled
    /// A bug in cq found while running: what it is about and what went wrong.
    case internalFault(expression: String, detail: String)
    // Shell commands and files
    case commandUsage(command: String, usage: String)
    case io(String)
    case importFailed(file: String, line: Int?, detail: String)
    case refusedInSafeMode(String)
    /// An optional C library of the system (SQLite, libpq, …) that a command needs and the machine lacks:
    /// what it is for, the file names tried and the Debian package that provides it.
    case missingLibrary(purpose: String, tried: [String], package: String)
    case unsupportedSQL(stage: String, dialect: String)
}

extension Problem {
    public var phase: Phase {
        switch self {
        case .unexpectedCharacter, .unterminatedName, .invalidEscape, .invalidNumber,
             .integerTooLarge, .invalidDate, .unexpectedToken, .incomplete, .tooDeep, .tooLong,
             .unknownStage, .functionAsStage, .unknownCommand:
            return .syntax
        case .unknownColumn, .droppedByJoin, .madeInSameStage, .unknownTable, .unknownFunction, .unknownName, .wrongArgumentCount,
             .wrongArgumentType, .typeMismatch, .compareWithNull, .unnamedColumn, .duplicateColumn,
             .aggregateNotAllowed, .aggregateRequired, .notConstant, .invalidArgument, .unionMismatch,
             .tableIsScalar, .scalarIsTable, .unsupportedSQL, .ambiguousName, .tableNotInScope, .qualifiedAfterJoin, .outerReference,
             .subqueryColumns, .functionNotCalled, .recursiveFunction, .tooManyCalls, .windowNotAllowed,
             .windowWithoutOver, .overOnScalar, .cannotReshape:
            return .semantics
        case .integerOverflow, .divisionByZero, .conversion, .outOfDomain, .invalidValue, .cancelled, .subqueryRows:
            return .runtime
        case .internalFault:
            return .internal
        case .commandUsage, .refusedInSafeMode:
            return .command
        case .io, .importFailed, .missingLibrary:
            return .io
        }
    }

    /// One sentence saying what is wrong.
    public var message: String {
        switch self {
        case .unexpectedCharacter(let c): return "unexpected character '\(c)'"
        case .unterminatedName: return "unterminated backtick name"
        case .invalidEscape(let e): return "invalid escape '\(e)' in string"
        case .invalidNumber(let n): return "invalid number '\(n)'"
        case .integerTooLarge(let n): return "integer literal '\(n)' does not fit in 64 bits"
        case .invalidDate(let d): return "invalid date '\(d)'"
        case .unexpectedToken(let found, let expected): return "expected \(expected), found \(found)"
        case .incomplete(let expected): return "incomplete statement: expected \(expected)"
        case .tooDeep(let limit): return "expression nested too deeply (limit \(limit))"
        case .tooLong(let what, let limit): return "\(what) too long (limit \(limit))"
        case .unknownStage(let s, _): return "unknown stage '\(s)'"
        case .functionAsStage(let f, _): return "'\(f)' is a function, not a stage"
        case .unknownCommand(let c, _): return "unknown command '.\(c)'"
        case .unknownColumn(let c, let table, _), .droppedByJoin(let c, let table, _), .madeInSameStage(let c, let table, _):
            if let table { return "unknown column '\(c)' in table '\(table)'" }
            return "unknown column '\(c)'"
        case .unknownTable(let t, _): return "unknown table '\(t)'"
        case .unknownFunction(let f, _): return "unknown function '\(f)'"
        case .unknownName(let n, _): return "unknown name '\(n)'"
        case .wrongArgumentCount(let f, let expected, let got):
            return "\(f)() takes \(expected), got \(got)"
        case .wrongArgumentType(let f, let signatures, let got):
            return "\(f)() cannot take (\(got)); it takes \(signatures)"
        case .typeMismatch(let s): return s
        case .compareWithNull: return "comparison with null is always null"
        case .cannotReshape(let s, _): return s
        case .unnamedColumn(let e): return "computed column '\(e)' needs a name"
        case .duplicateColumn(let c): return "column '\(c)' appears twice"
        case .aggregateNotAllowed(let f): return "aggregate \(f)() is allowed only in summarize or with over (…)"
        case .aggregateRequired(let e): return "summarize needs an aggregate call, found '\(e)'"
        case .notConstant(let e): return "'\(e)' must be a constant"
        case .invalidArgument(let s): return s
        case .unionMismatch(let s): return s
        case .tableIsScalar(let n): return "'\(n)' is a scalar, not a table"
        case .scalarIsTable(let n): return "'\(n)' is a table, not a scalar"
        case .ambiguousName(let n, let table):
            return "'\(n)' is both a column\(table.map { " of '\($0)'" } ?? "") and a scalar bound with let"
        case .tableNotInScope(let t, _), .qualifiedAfterJoin(let t, _): return "no query here reads a table '\(t)'"
        case .outerReference(let n): return "a subquery cannot use '\(n)', which belongs to the query around it"
        case .subqueryColumns(let names):
            return "a subquery in an expression must give one column, but this one gives \(names.count)"
                + (names.isEmpty ? "" : ": " + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : ""))
        case .functionNotCalled(let f): return "'\(f)' is a function; call it with its arguments, \(f)(…)"
        case .recursiveFunction(let f): return "function '\(f)' calls itself"
        case .tooManyCalls(let what, let limit): return "\(what) (limit \(limit))"
        case .windowNotAllowed: return "a window (over) cannot be used here: windows belong in extend, select and where"
        case .windowWithoutOver(let f): return "\(f)() is a window function and needs 'over (…)'"
        case .overOnScalar(let f): return "'over' needs a window function or an aggregate, but \(f)() is a scalar function"
        case .subqueryRows(let query, let rows): return "subquery '\(query)' gave \(rows) rows, but a value needs at most one"
        case .integerOverflow(let e): return "integer overflow in '\(e)'"
        case .divisionByZero(let e): return "division by zero in '\(e)'"
        case .conversion(let e, let detail): return "cannot convert in '\(e)': \(detail)"
        case .outOfDomain(let e, let detail): return "cannot compute '\(e)': \(detail)"
        case .invalidValue(let e, let detail): return "\(detail) in '\(e)'"
        case .cancelled: return "cancelled"
        case .internalFault(let e, let detail): return e.isEmpty ? "internal error: \(detail)" : "internal error in '\(e)': \(detail)"
        case .commandUsage(let c, let usage): return usage.isEmpty ? "usage: .\(c) (no arguments)" : "usage: .\(c) \(usage)"
        case .io(let s): return s
        case .importFailed(let file, let line, let detail):
            if let line { return "\(file):\(line): \(detail)" }
            return "\(file): \(detail)"
        case .refusedInSafeMode(let c): return ".\(c) is not allowed in safe mode (--safe)"
        case .missingLibrary(let purpose, let tried, let package):
            return "\(purpose) needs \(tried.first ?? "a system library"), which this machine lacks "
                + "(install the Debian package \(package))"
        case .unsupportedSQL(let stage, let dialect): return "cannot express \(stage) in \(dialect) SQL"
        }
    }

    /// A short teaching hint shown under the caret, if any.
    public var hint: String? {
        switch self {
        case .unknownStage(_, let s?), .unknownCommand(_, let s?), .unknownColumn(_, _, let s?),
             .unknownTable(_, let s?), .unknownFunction(_, let s?), .unknownName(_, let s?):
            return "did you mean '\(s)'?"
        case .cannotReshape(_, let hint):
            return hint
        case .functionAsStage(let f, let aggregate):
            return aggregate ? "aggregates go in a summarize: write '| summarize \(f)(…)'"
                             : "functions go in an expression: write '| extend x = \(f)(…)'"
        case .droppedByJoin(let c, _, let kind):
            let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "'\(c)' is a column of the right side, which \(article) \(kind) join does not keep (an inner join keeps it)"
        case .madeInSameStage(let c, _, let stage):
            return "'\(c)' is made by this \(stage), whose items all read the columns it receives: compute this one in a next stage ('| extend …')"
        case .compareWithNull(let negated):
            return negated ? "use 'x is not null'" : "use 'x is null'"
        case .ambiguousName(let n, let table):
            return "rename the scalar" + (table.map { ", or write '\($0).\(n)' where you mean the column" } ?? "")
        case .tableNotInScope(_, let s?):
            return "did you mean '\(s)'?"
        case .qualifiedAfterJoin(_, let name):
            return "a join's or summarize's columns have no table name: write '\(name)'"
        case .outerReference:
            return "a subquery runs once, on its own; to relate rows of two tables, join them"
        case .subqueryColumns:
            return "select the one column you need: (… | select col)"
        case .recursiveFunction:
            return "a function may call only functions defined before it"
        case .aggregateNotAllowed(let f):
            return "group rows with summarize, or give each row a value over a window: '\(f)(…) over (by …)' in extend, select or where"
        case .windowNotAllowed:
            return "summarize first, then 'extend … over'; or compute it with 'extend name = … over (…)' and use the name"
        case .windowWithoutOver(let f):
            return "write '\(f)() over (by KEY sort EXPR)'"
        case .overOnScalar:
            return "a scalar function is computed row by row; use it inside a window call's arguments instead"
        case .subqueryRows:
            return "keep one row: '| take 1', or summarize it"
        case .unnamedColumn(let e):
            return "write 'name = \(e)'"
        case .unexpectedCharacter(let c):
            return Self.asciiTwin[c].map { "Chinese punctuation: write '\($0)' instead" }
        case .invalidNumber(let n) where n.unicodeScalars.contains(where: { $0.value >= 0x80 }):
            return "numbers take only 万, 亿 or 万亿 after them; leave out units such as 元 (write 50亿, not 50亿元)"
        case .incomplete:
            return nil
        case .unsupportedSQL(let stage, let dialect) where dialect == SQLDialect.portable.displayName && !stage.hasPrefix("sample"):
            return "no form works in all of SQLite, DuckDB and PostgreSQL; choose one with .dialect or --dialect"
        default:
            return nil
        }
    }
}

extension Problem {
    /// Fullwidth punctuation typed with a Chinese input method, and the ASCII character cq expects.
    static let asciiTwin: [String: String] = [
        "，": ",", "（": "(", "）": ")", "；": ";", "“": "\"", "”": "\"", "‘": "'", "’": "'", "＝": "=", "｜": "|",
        "＞": ">", "＜": "<", "！": "!", "【": "[", "】": "]", "　": " ", "：": ":", "。": ".", "＋": "+", "－": "-",
    ]
}

/// An error of any phase: what is wrong and where. Errors are values, rendered in one place.
public struct CQError: Error, Equatable, Sendable {
    public var problem: Problem
    public var range: SourceRange?
    public init(_ problem: Problem, at range: SourceRange? = nil) {
        self.problem = problem
        self.range = range
    }
    public var phase: Phase { problem.phase }
    /// True when the input simply ended too early (the shell then asks for more).
    public var isIncomplete: Bool {
        if case .incomplete = problem { return true }
        return false
    }
}

/// The text an error refers to: a script's whole text and its name (nil for the shell).
public struct SourceText: Sendable {
    public let text: String
    public var fileName: String?
    /// The first line of `text` is this line of the file (for statements cut out of a larger text).
    public var firstLine: Int
    /// The byte offset where each line starts, so placing an error costs no pass over the text
    /// (a script of a million bad lines run with `--continue` would otherwise take hours).
    private let lineStarts: [Int]

    public init(_ text: String, fileName: String? = nil, firstLine: Int = 1) {
        self.text = text
        self.fileName = fileName
        self.firstLine = firstLine
        var starts = [0]
        var copy = text
        copy.withUTF8 { bytes in
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
        }
        lineStarts = starts
    }

    /// Line (1-based, counting from `firstLine`), column (1-based, in characters),
    /// the line's text, and the line's start offset for a byte offset.
    func locate(_ offset: Int) -> (line: Int, column: Int, lineText: String, lineStart: Int) {
        var copy = text
        return copy.withUTF8 { bytes in
            let clamped = min(max(0, offset), bytes.count)
            // The last line start at or before `clamped`.
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = low + (high - low + 1) / 2
                if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
            }
            let lineStart = lineStarts[low]
            let lineEnd = low + 1 < lineStarts.count ? lineStarts[low + 1] - 1 : bytes.count
            let column = bytes[lineStart..<clamped].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            var lineText = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
            if lineText.hasSuffix("\r") { lineText.removeLast() }
            return (low + firstLine, column, lineText, lineStart)
        }
    }
}

extension CQError {
    /// The error as people read it: message, place, source line, caret, hint.
    public func render(in source: SourceText?) -> String {
        let source = range?.origin?.source ?? source
        var out = "error: \(problem.message)\n"
        guard let range, let source, !source.text.isEmpty else {
            if let hint = problem.hint { out += "  = \(hint)\n" }
            return out
        }
        let start = source.locate(range.start)
        // The caret covers the span on the first line of the range.
        let lineBytes = Array(start.lineText.utf8)
        let startInLine = min(max(0, range.start - start.lineStart), lineBytes.count)
        let endInLine = min(max(startInLine, range.end - start.lineStart), lineBytes.count)
        let shown = Self.excerpt(before: String(decoding: lineBytes[0..<startInLine], as: UTF8.self),
                                 spanned: String(decoding: lineBytes[startInLine..<endInLine], as: UTF8.self),
                                 after: String(decoding: lineBytes[endInLine...], as: UTF8.self))
        let pad = String(repeating: " ", count: shown.pad)
        let carets = String(repeating: "^", count: shown.carets)
        let place = source.fileName.map { "\($0):\(start.line):\(start.column)" } ?? "\(start.line):\(start.column)"
        let gutter = String(repeating: " ", count: String(start.line).count)
        out += "\(gutter)--> \(place)\n"
        out += "\(gutter) |\n"
        out += "\(start.line) | \(shown.text)\n"
        out += "\(gutter) | \(pad)\(carets)"
        if let hint = problem.hint { out += " \(hint)" }
        out += "\n"
        return out
    }

    /// Source lines wider than this are shown in part: `excerptContext` columns before the span,
    /// then as much of the span and what follows as fits, with `…` where the line was cut.
    static let excerptWidth = 200
    static let excerptContext = 60

    /// The part of the source line shown above the caret, the caret's indent and its length
    /// in columns. A line of a megabyte (a hostile script) is shown in 200 columns, not whole.
    /// Control characters (other than tab) are shown as U+FFFD, one column each: an error must
    /// not send a script's NUL bytes or escape sequences to the terminal.
    static func excerpt(before: String, spanned: String, after: String) -> (text: String, pad: Int, carets: Int) {
        let before = visible(before), spanned = visible(spanned), after = visible(after)
        let beforeWidth = DisplayWidth.of(before), spanWidth = DisplayWidth.of(spanned)
        if beforeWidth + spanWidth + DisplayWidth.of(after) <= excerptWidth {
            return (before + spanned + after, beforeWidth, max(1, spanWidth))
        }
        var lead = before
        if beforeWidth > excerptContext {
            var kept = String.UnicodeScalarView(), width = 0
            for u in before.unicodeScalars.reversed() {
                width += DisplayWidth.of(u)
                if width > excerptContext - 1 { break }
                kept.append(u)
            }
            lead = "…" + String(String.UnicodeScalarView(kept.reversed()))
        }
        let leadWidth = DisplayWidth.of(lead)
        let room = excerptWidth - leadWidth - 1
        let (span, shownSpanWidth) = DisplayWidth.prefix(spanned, fitting: room)
        let (tail, _) = DisplayWidth.prefix(after, fitting: room - shownSpanWidth)
        let cut = span.unicodeScalars.count < spanned.unicodeScalars.count || tail.unicodeScalars.count < after.unicodeScalars.count
        return (lead + span + tail + (cut ? "…" : ""), leadWidth, max(1, shownSpanWidth))
    }

    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t") || (0x7F...0x9F).contains(u.value)
    }

    /// The error as one JSON object (message, line, column, end column, hint), for tools.
    public func json(in source: SourceText?) -> String {
        let source = range?.origin?.source ?? source
        var fields: [(String, String)] = [
            ("phase", JSONText.quote(phase.rawValue)),
            ("message", JSONText.quote(problem.message)),
        ]
        if let range, let source {
            let start = source.locate(range.start)
            let end = source.locate(range.end)
            if let file = source.fileName { fields.append(("file", JSONText.quote(file))) }
            fields.append(("line", String(start.line)))
            fields.append(("column", String(start.column)))
            fields.append(("end_line", String(end.line)))
            fields.append(("end_column", String(end.column)))
        }
        fields.append(("hint", problem.hint.map(JSONText.quote) ?? "null"))
        return "{" + fields.map { "\(JSONText.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// JSON string quoting shared by error output and the JSON renderers.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// "Did you mean": the closest candidate by edit distance, if it is close enough.
public enum Suggest {
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(target, Array(c.lowercased()))
            if let (_, bestDistance) = best, d >= bestDistance { continue }
            best = (c, d)
        }
        guard let (c, d) = best else { return nil }
        let allowed = max(1, min(3, target.count / 3 + 1))
        return d <= allowed && d < max(target.count, c.count) ? c : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if a.count > 64 || b.count > 64 { return abs(a.count - b.count) + (a == b ? 0 : 64) }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            prev2 = prev
            prev = cur
        }
        return prev[b.count]
    }
}
