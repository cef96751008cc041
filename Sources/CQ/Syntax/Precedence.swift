// Precedence: the one table of cq's operators — which tokens are prefix or
// infix operators, what they build, and how tightly they bind
// (LANGUAGE.md §3). The parser's precedence climbing reads only this table,
// and the lexer asks it which tokens continue a statement onto the next line.
//
// Associativity is left for every level except comparisons, which do not
// chain (`a < b < c` is an error); the parser enforces that.

/// Binding strength, loosest first.
enum Precedence: Int, Comparable {
    case or = 1, and, not, comparison, coalesce, additive, multiplicative, unary

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// The next tighter level (the right operand of a left-associative operator binds at least this tightly).
    var tighter: Precedence { Precedence(rawValue: rawValue + 1) ?? .unary }
}

/// What an infix token builds.
enum InfixOperator: Equatable {
    case binary(BinaryOp)
    /// `is [not] null`
    case isNull
    /// `in [..]`, or `not in [..]` when `negated` (the `not` is the operator token, `in` must follow).
    case inList(negated: Bool)
}

/// The operator table.
enum OperatorTable {
    /// The infix operator a token starts, with its precedence, or nil.
    static func infix(_ kind: TokenKind) -> (op: InfixOperator, precedence: Precedence)? {
        switch kind {
        case .keyword(.or):             return (.binary(.or), .or)
        case .keyword(.and):            return (.binary(.and), .and)
        case .symbol(.equal):           return (.binary(.eq), .comparison)
        case .symbol(.notEqual):        return (.binary(.ne), .comparison)
        case .symbol(.less):            return (.binary(.lt), .comparison)
        case .symbol(.lessEqual):       return (.binary(.le), .comparison)
        case .symbol(.greater):         return (.binary(.gt), .comparison)
        case .symbol(.greaterEqual):    return (.binary(.ge), .comparison)
        case .keyword(.contains):       return (.binary(.contains), .comparison)
        case .keyword(.startswith):     return (.binary(.startswith), .comparison)
        case .keyword(.endswith):       return (.binary(.endswith), .comparison)
        case .keyword(.matches):        return (.binary(.matches), .comparison)
        case .keyword(.is):             return (.isNull, .comparison)
        case .keyword(.in):             return (.inList(negated: false), .comparison)
        case .keyword(.not):            return (.inList(negated: true), .comparison)
        case .symbol(.coalesce):        return (.binary(.coalesce), .coalesce)
        case .symbol(.plus):            return (.binary(.add), .additive)
        case .symbol(.minus):           return (.binary(.sub), .additive)
        case .symbol(.star):            return (.binary(.mul), .multiplicative)
        case .symbol(.slash):           return (.binary(.div), .multiplicative)
        case .symbol(.slashSlash):      return (.binary(.intdiv), .multiplicative)
        case .symbol(.percent):         return (.binary(.mod), .multiplicative)
        default:                        return nil
        }
    }

    /// The prefix operator a token starts, with the precedence of its operand, or nil.
    static func prefix(_ kind: TokenKind) -> (op: UnaryOp, precedence: Precedence)? {
        switch kind {
        case .keyword(.not):            return (.not, .not)
        case .symbol(.minus):           return (.negate, .unary)
        default:                        return nil
        }
    }
}
