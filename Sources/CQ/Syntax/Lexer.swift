// Lexer: turns the UTF-8 bytes of a script into tokens, one at a time, as the
// parser asks for them (LANGUAGE.md §1 and §3).
//
// It knows the literal forms (`1_000`, `3.14`, `1e9`, the exact Chinese
// magnitudes `13.5万` / `351.5亿` / `2万亿`, strings with escapes, dates
// `@2023-03-06` and datetimes `@2023-03-06T05:30` / `@2023-03-06 05:30:00.5`,
// read by DateMath like an imported cell), names of any script and backtick names, comments, the `#!`
// first line, and the line-continuation rules: a line break is reported as a
// `newline` token only when it ends a statement — not inside brackets, not
// after an operator, `|` or `,` (a `%` glued to a number, as in `sample 10%`,
// is a percent sign and ends the line), not when the next non-blank line starts with
// `|`. Line breaks followed only by blank lines and comments become `end`, so
// an unfinished statement at the end of the input is "incomplete". It leaves
// grammar to the parser (stage words are plain names here) and the reading
// of `.command` lines to `readCommand()`, which the parser calls at the start
// of a statement.
//
// It is hand-written over bytes (not `String` or `Character`) because it runs
// on every statement and must stay linear on hostile input (megabyte names,
// unterminated strings, invalid UTF-8). Every error is thrown only after the
// offending text has been consumed, so lexing can always go on after it.

/// A `.command` line read raw by `Lexer.readCommand()`.
public struct RawCommand: Equatable, Sendable {
    /// The command's name, or nil when no name follows the `.`.
    public var name: Identifier?
    /// The rest of the line, trimmed of blanks.
    public var args: String
    /// Byte offset of `args` in the text.
    public var argsStart: Int
    /// Byte offset just past the last non-blank character of the command.
    public var end: Int
}

/// Pulls tokens from the UTF-8 bytes of a script. Never traps, whatever the bytes.
public struct Lexer {
    /// The longest name accepted, in UTF-8 bytes.
    public static let maxNameLength = 10_000

    private let bytes: [UInt8]
    /// The byte offset of the next unread byte.
    private var position = 0
    /// Open `(` and `[` not yet closed; line breaks inside brackets never end a statement.
    public private(set) var depth = 0
    /// Whether the last token asks for the statement to go on past a line break.
    private var continuesLine = false
    /// The kind of the last token returned, and where it ended.
    private var previous: TokenKind = .end
    private var previousEnd = 0

    /// Stage words that cannot end a stage: after them a line break continues the statement
    /// (`projects | where` ⏎ `investment > 0`), just as the shell's continuation prompt promises.
    static let stagesNeedingArguments: Set<String> = ["where", "select", "extend", "summarize", "sort", "take", "limit",
                                                       "top", "join", "rename", "drop", "union", "chart",
                                                       "pivot", "unpivot", "sample"]

    /// A stage word right after `|`, or `by` / `on` inside a stage, asks for more on the next line.
    static func wantsMore(_ kind: TokenKind, after previous: TokenKind) -> Bool {
        guard case .name(let name, quoted: false) = kind else { return false }
        let word = name.lowercased()
        if previous == .symbol(.pipe) { return stagesNeedingArguments.contains(word) }
        return word == "by" || word == "on"
    }

    public init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [Byte.hash, Byte.bang]) {
            position = lineEnd(from: 0)
        }
    }

    /// The text of a byte range of the input (out-of-range parts are ignored).
    public func text(_ range: SourceRange) -> String {
        let start = min(max(0, range.start), bytes.count)
        let end = min(max(start, range.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The next token; `end` (again and again) at the end of the input.
    public mutating func next() throws(CQError) -> Token {
        // Each turn returns a token or moves past a skipped line break, so the loop ends.
        while true {
            position = skipBlanks(from: position, newlines: false)
            guard let byte = byte(at: position) else {
                return Token(.end, SourceRange(bytes.count, bytes.count))
            }
            if byte == Byte.newline {
                if let token = lineBreak() { return token }
                continue
            }
            continuesLine = false
            let token = try lexToken(byte)
            continuesLine = (token.kind.continuesLine && !isPercentSign(token)) || Self.wantsMore(token.kind, after: previous)
            previous = token.kind
            previousEnd = token.range.end
            return token
        }
    }

    /// A `%` written right after a number (`sample 10%`) is a percent sign, not `%` waiting for its operand.
    private func isPercentSign(_ token: Token) -> Bool {
        guard token.kind == .symbol(.percent), token.range.start == previousEnd else { return false }
        switch previous {
        case .integer, .float: return true
        default: return false
        }
    }

    /// Reads a command raw, right after its `.`: the name, then the rest of the
    /// command trimmed (no tokens). It ends before the line break, or before a
    /// `;` outside quotes (`.mode csv; projects | take 1` is two statements,
    /// `.import "a;b.csv"` one).
    public mutating func readCommand() -> RawCommand {
        let nameStart = position
        position = nameEnd(from: position)
        let nameEnd = position
        let lineEnd = commandEnd(from: position)
        var argsStart = position
        var argsEnd = lineEnd
        while argsStart < argsEnd && Byte.isBlank(bytes[argsStart]) { argsStart += 1 }
        while argsEnd > argsStart && Byte.isBlank(bytes[argsEnd - 1]) { argsEnd -= 1 }
        position = lineEnd
        continuesLine = false
        let nameRange = SourceRange(nameStart, nameEnd)
        return RawCommand(name: nameEnd > nameStart ? Identifier(text(nameRange), nameRange) : nil,
                          args: text(SourceRange(argsStart, argsEnd)),
                          argsStart: argsStart,
                          end: max(nameEnd, argsEnd))
    }

    // MARK: - Blanks, comments and line breaks

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The offset of the next line break at or after `index`, or the end of the input.
    private func lineEnd(from index: Int) -> Int {
        bytes[index...].firstIndex(of: Byte.newline) ?? bytes.count
    }

    /// Where a command's text ends: the next line break, or a `;` outside a quoted
    /// part (`"…"` or `'…'`, where a backslash escapes the next byte).
    private func commandEnd(from index: Int) -> Int {
        var quote: UInt8?
        var i = index
        while let b = byte(at: i), b != Byte.newline {
            if let q = quote {
                if b == UInt8(ascii: "\\"), let next = byte(at: i + 1), next != Byte.newline {
                    i += 1
                } else if b == q {
                    quote = nil
                }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ";") {
                return i
            }
            i += 1
        }
        return min(i, bytes.count)
    }

    /// Skips blanks and `--` comments (and line breaks too when `newlines`).
    private func skipBlanks(from index: Int, newlines: Bool) -> Int {
        var i = index
        while let b = byte(at: i) {
            if Byte.isBlank(b) || (newlines && b == Byte.newline) {
                i += 1
            } else if b == Byte.minus && byte(at: i + 1) == Byte.minus {
                i = lineEnd(from: i)
            } else {
                break
            }
        }
        return i
    }

    /// At a line break: the `newline` token if it ends a statement, `end` if only
    /// blank lines and comments follow, or nil (the break was skipped) if the statement goes on.
    private mutating func lineBreak() -> Token? {
        let start = position
        if depth > 0 || continuesLine {
            position += 1
            return nil
        }
        let following = skipBlanks(from: position, newlines: true)
        guard let next = byte(at: following) else {
            position = following
            return Token(.end, SourceRange(bytes.count, bytes.count))
        }
        position = following
        if next == Byte.pipe { return nil }
        return Token(.newline, SourceRange(start, start + 1))
    }

    // MARK: - Tokens

    private mutating func lexToken(_ byte: UInt8) throws(CQError) -> Token {
        switch byte {
        case Byte.zero...Byte.nine: return try lexNumber()
        case Byte.at: return try lexDate()
        case Byte.doubleQuote, Byte.singleQuote: return try lexString(quote: byte)
        case Byte.backtick: return try lexQuotedName()
        case _ where byte >= 0x80 || Byte.isLetter(byte) || byte == Byte.underscore:
            let start = position
            guard let decoded = decode(at: position) else { throw invalidByte(byte) }
            if isNameStart(decoded.scalar) { return try lexName() }
            position += decoded.length
            throw CQError(.unexpectedCharacter(String(decoded.scalar)), at: SourceRange(start, position))
        default:
            return try lexSymbol(byte)
        }
    }

    /// Operators and punctuation: the longest `Symbol` spelled at this position.
    private mutating func lexSymbol(_ byte: UInt8) throws(CQError) -> Token {
        let start = position
        for length in [2, 1] where start + length <= bytes.count {
            guard let symbol = Symbol(rawValue: text(SourceRange(start, start + length))) else { continue }
            position += length
            switch symbol {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth = max(0, depth - 1)
            default: break
            }
            return Token(.symbol(symbol), SourceRange(start, position))
        }
        throw invalidByte(byte)
    }

    /// Consumes the byte `b` at `position` and returns the error for it, shown as itself or as `\xNN`.
    private mutating func invalidByte(_ b: UInt8) -> CQError {
        let start = position
        position += 1
        let shown: String
        if b > 0x20 && b < 0x7F {
            shown = String(Unicode.Scalar(b))
        } else {
            let hex = String(b, radix: 16, uppercase: true)
            shown = "\\x" + (hex.count < 2 ? "0" : "") + hex
        }
        return CQError(.unexpectedCharacter(shown), at: SourceRange(start, position))
    }

    // MARK: Names

    private func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (Byte.isLetter(UInt8(scalar.value)) || scalar == "_") : scalar.properties.isAlphabetic
    }

    private func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || (scalar.isASCII && Byte.isDigit(UInt8(scalar.value)))
    }

    /// The end of the run of name characters starting at `index`.
    private func nameEnd(from index: Int) -> Int {
        var i = index
        while let b = byte(at: i) {
            if b < 0x80 {
                guard Byte.isLetter(b) || Byte.isDigit(b) || b == Byte.underscore else { break }
                i += 1
            } else {
                guard let decoded = decode(at: i), isNameContinue(decoded.scalar) else { break }
                i += decoded.length
            }
        }
        return i
    }

    /// name → letter { letter | digit }     (letters of any script and `_`)
    private mutating func lexName() throws(CQError) -> Token {
        let start = position
        position = nameEnd(from: position)
        let range = SourceRange(start, position)
        guard position - start <= Self.maxNameLength else {
            throw CQError(.tooLong(what: "name", limit: Self.maxNameLength), at: range)
        }
        let name = text(range)
        if name.utf8.count <= 10, let keyword = Keyword(rawValue: name.lowercased()) {
            return Token(.keyword(keyword), range)
        }
        return Token(.name(name, quoted: false), range)
    }

    /// quotedName → '`' { any character but '`' and line break } '`'
    private mutating func lexQuotedName() throws(CQError) -> Token {
        let start = position
        position += 1
        var problem: CQError?
        while let b = byte(at: position) {
            if b == Byte.backtick {
                position += 1
                let range = SourceRange(start, position)
                if let problem { throw problem }
                guard position - start > 2 else {
                    throw CQError(.unexpectedToken(found: "'``'", expected: "a name between the backticks"), at: range)
                }
                guard position - start - 2 <= Self.maxNameLength else {
                    throw CQError(.tooLong(what: "name", limit: Self.maxNameLength), at: range)
                }
                return Token(.name(text(SourceRange(start + 1, position - 1)), quoted: true), range)
            }
            if b == Byte.newline { throw CQError(.unterminatedName, at: SourceRange(start, position)) }
            if let decoded = decode(at: position) {
                position += decoded.length
            } else {
                let error = invalidByte(b)
                problem = problem ?? error
            }
        }
        throw incompleteAtEnd("'`' to end the name")
    }

    // MARK: Numbers

    /// number → digits [ '.' digits ] [ ('e' | 'E') ['+' | '-'] digits ] [ '万' | '亿' | '万亿' ]
    /// digits → digit { ['_'] digit }
    private mutating func lexNumber() throws(CQError) -> Token {
        let start = position
        var malformed = false
        let integer = scanDigits(&malformed)
        var fraction = ""
        if byte(at: position) == Byte.dot, let next = byte(at: position + 1), Byte.isDigit(next) {
            position += 1
            fraction = scanDigits(&malformed)
        }
        var exponent = ""
        if let e = byte(at: position), e == Byte.lowerE || e == Byte.upperE {
            var digitsStart = position + 1
            if let sign = byte(at: digitsStart), sign == Byte.plus || sign == Byte.minus { digitsStart += 1 }
            if let digit = byte(at: digitsStart), Byte.isDigit(digit) {
                let sign = text(SourceRange(position + 1, digitsStart))
                position = digitsStart
                exponent = sign + scanDigits(&malformed)
            }
        }
        let magnitude = scanMagnitude()
        // A number running into letters or digits (`12abc`, `1e`, `3万元`) is one malformed number.
        let end = nameEnd(from: position)
        malformed = malformed || end > position
        position = end
        let range = SourceRange(start, position)
        let written = text(range)
        guard !malformed, magnitude == 0 || exponent.isEmpty else {
            throw CQError(.invalidNumber(written), at: range)
        }
        if magnitude > 0 {
            return Token(try scaled(integer, fraction, magnitude, written: written, range: range), range)
        }
        if fraction.isEmpty && exponent.isEmpty {
            guard let value = Int(integer) else { throw CQError(.integerTooLarge(written), at: range) }
            return Token(.integer(value), range)
        }
        let decimal = integer + "." + (fraction.isEmpty ? "0" : fraction) + (exponent.isEmpty ? "" : "e" + exponent)
        guard let value = Double(decimal), value.isFinite else { throw CQError(.invalidNumber(written), at: range) }
        return Token(.float(value), range)
    }

    /// Digits with `_` allowed only between two digits; returns the digits alone.
    private mutating func scanDigits(_ malformed: inout Bool) -> String {
        let start = position
        var underscores = 0
        var previousWasUnderscore = false
        while let b = byte(at: position), Byte.isDigit(b) || b == Byte.underscore {
            let isUnderscore = b == Byte.underscore
            if isUnderscore {
                underscores += 1
                malformed = malformed || previousWasUnderscore
            }
            previousWasUnderscore = isUnderscore
            position += 1
        }
        malformed = malformed || previousWasUnderscore
        let run = bytes[start..<position]
        return String(decoding: underscores == 0 ? run : run.filter { $0 != Byte.underscore }[...], as: UTF8.self)
    }

    private static let wan = Array("万".utf8)
    private static let yi = Array("亿".utf8)

    /// The power of ten of a magnitude suffix at `position` (consumed), or 0.
    private mutating func scanMagnitude() -> Int {
        if bytes[position...].starts(with: Self.wan) {
            position += Self.wan.count
            guard bytes[position...].starts(with: Self.yi) else { return 4 }
            position += Self.yi.count
            return 12
        }
        if bytes[position...].starts(with: Self.yi) {
            position += Self.yi.count
            return 8
        }
        return 0
    }

    /// `integer.fraction × 10^magnitude`, exactly: the decimal point is moved in the digit string,
    /// never by multiplying a float. A whole result is an integer; otherwise the shifted decimal is parsed.
    private func scaled(_ integer: String, _ fraction: String, _ magnitude: Int,
                        written: String, range: SourceRange) throws(CQError) -> TokenKind {
        let digits = Array((integer + fraction).utf8)
        let point = integer.utf8.count + magnitude
        let whole: String
        let rest: ArraySlice<UInt8>
        if point >= digits.count {
            whole = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: point - digits.count)
            rest = []
        } else {
            whole = String(decoding: digits[..<point], as: UTF8.self)
            rest = digits[point...]
        }
        if rest.allSatisfy({ $0 == Byte.zero }) {
            guard let value = Int(whole) else { throw CQError(.integerTooLarge(written), at: range) }
            return .integer(value)
        }
        guard let value = Double(whole + "." + String(decoding: rest, as: UTF8.self)), value.isFinite else {
            throw CQError(.invalidNumber(written), at: range)
        }
        return .float(value)
    }

    // MARK: Dates

    /// date     → '@' YYYY '-' MM '-' DD
    /// datetime → date ( 'T' | ' ' ) HH ':' MM [ ':' SS [ '.' FRACTION ] ] [ 'Z' | ( '+' | '-' ) HH ':' MM ]
    private mutating func lexDate() throws(CQError) -> Token {
        let start = position
        position += 1
        while let b = byte(at: position), Byte.isDigit(b) || b == Byte.minus { position += 1 }
        if startsTime(at: position) {
            position += 1
            while let b = byte(at: position), Byte.isDigit(b) || b == Byte.colon || b == Byte.dot { position += 1 }
            if byte(at: position) == Byte.upperZ {
                position += 1
            } else if let sign = byte(at: position), sign == Byte.plus || sign == Byte.minus, isOffset(at: position + 1) {
                position += 6
            }
        }
        position = nameEnd(from: position)
        let range = SourceRange(start, position)
        let literal = bytes[(start + 1)..<position]
        if let days = DateMath.parse(literal) { return Token(.date(days), range) }
        if let micros = Array(literal).withUnsafeBufferPointer({ DateMath.parseDateTime($0) }) {
            return Token(.datetime(micros), range)
        }
        throw CQError(.invalidDate(text(range)), at: range)
    }

    /// Whether a date literal goes on into a time here: a `T`, or a space before `HH:`.
    private func startsTime(at i: Int) -> Bool {
        if byte(at: i) == Byte.upperT { return true }
        guard byte(at: i) == 0x20, let h1 = byte(at: i + 1), let h2 = byte(at: i + 2) else { return false }
        return Byte.isDigit(h1) && Byte.isDigit(h2) && byte(at: i + 3) == Byte.colon
    }

    /// Whether `HH:MM` (a time zone offset after its sign) starts here.
    private func isOffset(at i: Int) -> Bool {
        [0, 1, 3, 4].allSatisfy { byte(at: i + $0).map(Byte.isDigit) ?? false } && byte(at: i + 2) == Byte.colon
    }

    // MARK: Strings

    /// string → '"' { char | escape } '"' | "'" { char | escape } "'"     (line breaks allowed inside)
    private mutating func lexString(quote: UInt8) throws(CQError) -> Token {
        let start = position
        position += 1
        var content: [UInt8] = []
        var problem: CQError?
        var run = position  // the start of the plain characters not yet copied into `content`
        while let b = byte(at: position) {
            if b < 0x80 && b != quote && b != Byte.backslash {
                position += 1
                continue
            }
            content.append(contentsOf: bytes[run..<position])
            if b == quote {
                position += 1
                if let problem { throw problem }
                return Token(.string(String(decoding: content, as: UTF8.self)), SourceRange(start, position))
            }
            if b == Byte.backslash {
                do { try lexEscape(into: &content) } catch { problem = problem ?? error }
            } else if let decoded = decode(at: position) {
                content.append(contentsOf: bytes[position..<(position + decoded.length)])
                position += decoded.length
            } else {
                let error = invalidByte(b)
                problem = problem ?? error
            }
            run = position
        }
        // The caret goes under the opening quote: in a script, the end of the input is far
        // from the string that was left open (the shell only asks for more lines).
        position = bytes.count
        throw CQError(.incomplete(expected: "end of string"), at: SourceRange(start, start + 1))
    }

    /// What `\"`, `\'`, `\\`, `\n`, `\t`, `\r` and `\0` stand for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        Byte.doubleQuote: Byte.doubleQuote, Byte.singleQuote: Byte.singleQuote, Byte.backslash: Byte.backslash,
        Byte.lowerN: Byte.newline, Byte.lowerT: 0x09, Byte.lowerR: 0x0D, Byte.zero: 0x00,
    ]

    /// escape → '\' ( '"' | "'" | '\' | 'n' | 't' | 'r' | '0' | 'u{' hex{1,6} '}' )
    private mutating func lexEscape(into content: inout [UInt8]) throws(CQError) {
        let start = position
        position += 1
        guard let b = byte(at: position) else { return }  // the caller reports the unterminated string
        if let replacement = Self.simpleEscapes[b] {
            position += 1
            content.append(replacement)
            return
        }
        if b == Byte.lowerU {
            position += 1
            let scalar = scanBracedHex()
            guard let scalar else { throw CQError(.invalidEscape(text(SourceRange(start, position))), at: SourceRange(start, position)) }
            Unicode.UTF8.encode(scalar) { content.append($0) }
            return
        }
        if b != Byte.newline { position += decode(at: position)?.length ?? 1 }
        throw CQError(.invalidEscape(text(SourceRange(start, position))), at: SourceRange(start, position))
    }

    /// `{` 1–6 hex digits `}` naming a valid scalar (consumed as far as it is well formed).
    private mutating func scanBracedHex() -> Unicode.Scalar? {
        guard byte(at: position) == Byte.leftBrace else { return nil }
        position += 1
        var value: UInt32 = 0
        var count = 0
        while let b = byte(at: position), let digit = Byte.hexValue(b) {
            position += 1
            count += 1
            if count <= 6 { value = value * 16 + digit }
        }
        guard byte(at: position) == Byte.rightBrace else { return nil }
        position += 1
        return (1...6).contains(count) ? Unicode.Scalar(value) : nil
    }

    /// Ends the input and returns the "incomplete" error placed at its end.
    private mutating func incompleteAtEnd(_ expected: String) -> CQError {
        position = bytes.count
        return CQError(.incomplete(expected: expected), at: SourceRange(bytes.count, bytes.count))
    }

    // MARK: UTF-8

    /// The scalar encoded at `index` and its length in bytes, or nil at the end
    /// of the input or on invalid UTF-8 (bad lead or continuation byte, overlong form, surrogate).
    private func decode(at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard let lead = byte(at: index) else { return nil }
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        let minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, minimum, value) = (2, 0x80, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, minimum, value) = (3, 0x800, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, minimum, value) = (4, 0x10000, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for continuation in bytes[(index + 1)..<(index + length)] {
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}

/// The ASCII bytes the lexer looks at, by name.
private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let hash = UInt8(ascii: "#")
    static let bang = UInt8(ascii: "!")
    static let at = UInt8(ascii: "@")
    static let pipe = UInt8(ascii: "|")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let underscore = UInt8(ascii: "_")
    static let backtick = UInt8(ascii: "`")
    static let backslash = UInt8(ascii: "\\")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let leftBrace = UInt8(ascii: "{")
    static let rightBrace = UInt8(ascii: "}")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let lowerN = UInt8(ascii: "n")
    static let lowerT = UInt8(ascii: "t")
    static let lowerR = UInt8(ascii: "r")
    static let lowerU = UInt8(ascii: "u")
    static let upperT = UInt8(ascii: "T")
    static let upperZ = UInt8(ascii: "Z")
    static let colon = UInt8(ascii: ":")

    /// Space, tab, carriage return, vertical tab, form feed (not the line break).
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }
    static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case zero...nine: return UInt32(b - zero)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}
