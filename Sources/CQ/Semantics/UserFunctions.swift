// UserFunctions: `let name(a, b) = EXPR` (LANGUAGE.md §8 Expressions) —
// checking a definition, and binding a call.
//
// A function is kept as its parsed body (the catalog's `.function`
// binding); it has no type of its own. Each call binds the body anew in a
// scope of its parameters, each standing for the call's argument, so the
// body is typed at each call and the plan holds the body with the
// arguments in place: the executor and the SQL emitter never see a call.
// The body sees its parameters, `let` scalars and functions, never the
// columns of the query that calls it. A definition is checked at once with
// its parameters null (names, functions, argument counts; types wait for a
// call). Ranges in a body carry their own text (SourceRange.origin), so an
// error found at a later call underlines the body's line.
//
// Calls are bounded so no definition can hang or overflow the binder: a
// function never calls itself (directly, or through a function redefined
// to call it back); chains of calls stop at `maxCallDepth`, a statement at
// `maxCalls` calls, and a body with its arguments in place at the parser's
// expression depth (and binding itself at twice that). Those errors, and a cycle, are reported at the outermost
// call (in a definition, the call in its body that closes the cycle).

/// A function defined with `let name(a, b) = EXPR`.
public struct UserFunction: Sendable {
    public var name: String
    public var parameters: [String]
    public var body: Expr
    /// The body as written (for `.help NAME`).
    public var text: String
    public init(name: String, parameters: [String], body: Expr, text: String) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.text = text
    }

    /// `name(a, b) = body`, as `.help` shows it.
    public var synopsis: String { "\(name)(\(parameters.joined(separator: ", "))) = \(text)" }
}

/// The calls bound so far in one statement, and how deep binding is now (shared by every copy of its binder).
final class CallBudget {
    var calls = 0
    var depth = 0
}

extension Binder {
    /// The longest chain of user functions calling each other.
    static let maxCallDepth = 64
    /// The most user function calls bound in one statement (a body calling a function twice doubles them).
    static let maxCalls = 10_000
    /// The deepest nesting of expressions being bound at once: the statement's own (the parser's limit)
    /// and as much again for the bodies of the functions it calls (functions redefined one under
    /// another could otherwise nest their bodies past what the stack holds).
    static let maxBindDepth = 2 * Parser.maxDepth

    /// A checked function for `let name(parameters) = body`.
    public func define(_ name: Identifier, parameters: [Identifier], body: Expr) throws -> UserFunction {
        if Functions.lookup(name.name) != nil || name.name.lowercased() == "exists" {
            throw CQError(.invalidArgument("'\(name.name)' is a built-in function; choose another name"), at: name.range)
        }
        var seen = Set<String>()
        for parameter in parameters where !seen.insert(parameter.name).inserted {
            throw CQError(.invalidArgument("parameter '\(parameter.name)' appears twice"), at: parameter.range)
        }
        let function = UserFunction(name: name.name, parameters: parameters.map(\.name), body: body, text: text(body.range))
        let nulls = parameters.map { BoundExpr(.literal(.null), type: .null, range: $0.range, text: $0.name) }
        _ = try bindBody(of: function, arguments: nulls)
        return function
    }

    /// The body of `function` with `arguments` in place of its parameters.
    func bindBody(of function: UserFunction, arguments: [BoundExpr]) throws -> BoundExpr {
        var inner = self
        inner.outer = nil
        inner.calling.append(function.name)
        var exprs = ExpressionBinder(binder: inner, schema: zip(function.parameters, arguments).map { Field($0, $1.type) },
                                     tableName: nil)
        exprs.arguments = arguments
        return try exprs.bind(function.body)
    }
}

extension ExpressionBinder {
    /// `f(args)` for a user function: the body, typed with the arguments' types.
    func call(_ function: UserFunction, _ e: Expr, nameRange: SourceRange, _ args: [Expr]) throws -> BoundExpr {
        let count = function.parameters.count
        guard args.count == count else {
            throw CQError(.wrongArgumentCount(function: function.name, expected: count == 1 ? "1 argument" : "\(count) arguments",
                                              got: args.count), at: e.range)
        }
        guard binder.calling.count < Binder.maxCallDepth else {
            throw CQError(.tooManyCalls(what: "functions call each other too deeply", limit: Binder.maxCallDepth), at: nameRange)
        }
        binder.budget.calls += 1
        guard binder.budget.calls <= Binder.maxCalls else {
            throw CQError(.tooManyCalls(what: "too many function calls in one statement", limit: Binder.maxCalls), at: nameRange)
        }
        let arguments = try args.map { try bind($0) }
        let body: BoundExpr
        do {
            body = try binder.bindBody(of: function, arguments: arguments)
        } catch let error as CQError {
            // A cycle or a limit is the caller's doing: say so at the outermost call, in the text being run.
            switch error.problem {
            case .recursiveFunction, .tooManyCalls: throw CQError(error.problem, at: nameRange)
            default: throw error
            }
        }
        guard body.height <= Parser.maxDepth else {
            throw CQError(.tooManyCalls(what: "expression too deep with its functions' bodies in place", limit: Parser.maxDepth),
                          at: nameRange)
        }
        return body
    }
}

extension BoundExpr {
    /// The number of nodes on the longest path from this expression to a leaf.
    var height: Int { 1 + (children.map(\.height).max() ?? 0) }
}
