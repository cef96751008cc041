// Token: the words of cq as the lexer hands them to the parser — literals
// (already converted: `351.5亿` arrives as the integer 35150000000), names,
// reserved keywords, punctuation, and the two markers "end of line" (a
// statement ends here) and "end of input".
//
// Only the reserved keywords of LANGUAGE.md §3 are keywords here; stage
// words (`where`, `count`, `top`, `by`, `asc`, …) are ordinary unquoted names
// that the parser recognises where its grammar expects them, so columns may
// carry those names. Which tokens let a statement run on past a line break
// is decided here too, from the operator table (Precedence.swift).

/// The reserved words of the expression language (case-insensitive as written).
public enum Keyword: String, CaseIterable, Sendable {
    case and, or, not, `in`, `is`, null, `true`, `false`
    case contains, startswith, endswith, matches
    case `let`
}

/// Punctuation and operators; the raw value is how the symbol is written.
public enum Symbol: String, CaseIterable, Sendable {
    case pipe = "|", comma = ",", semicolon = ";", dot = "."
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case assign = "=", equal = "==", notEqual = "!="
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//", percent = "%"
    case coalesce = "??"
}

/// What a token is, with its value.
public enum TokenKind: Equatable, Sendable {
    case integer(Int)
    case float(Double)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00.
    case datetime(Int)
    /// A name; `quoted` when written in backticks (then it is never taken for a stage word or keyword).
    case name(String, quoted: Bool)
    case keyword(Keyword)
    case symbol(Symbol)
    /// A line break that ends a statement (line breaks that continue one are not reported).
    case newline
    case end

    /// Whether a statement goes on past a line break that follows this token:
    /// after `|`, `,`, `=`, an opening bracket, and any prefix or infix operator.
    var continuesLine: Bool {
        switch self {
        case .symbol(let symbol):
            return symbol != .rightParen && symbol != .rightBracket && symbol != .semicolon && symbol != .dot
        case .keyword:
            return OperatorTable.infix(self) != nil || OperatorTable.prefix(self) != nil
        default:
            return false
        }
    }
}

/// One token and the UTF-8 byte range it was read from.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange
    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
