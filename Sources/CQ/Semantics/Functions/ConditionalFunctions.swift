// ConditionalFunctions: the definitions of if(…) and coalesce(…), the
// functions with lazy arguments: each branch or later argument is evaluated
// only for the rows that use it (Engine/Kernels/Conditionals.swift), so
// `if(b == 0, 0, a / b)` never fails.

extension Function {
    static let `if` = Function(
        "if", [Overload([.exactly(.bool), .any, .any], result: .commonFrom(1), .lazy { try $0.conditional($1, $2, $3) })],
        nulls: .custom("a null condition counts as false (gives b)"), mayFail: false,
        sql: SQLSpelling(.custom { _, c in
            SQLText("CASE WHEN \(try c.x(0).text) THEN \(try c.x(1).text) ELSE \(try c.x(2).text) END")
        }),
        help: FunctionHelp("if(cond, a, b): a where cond is true, else b",
                           example: "projects | select name, big = if(investment >= 100亿, \"大\", \"小\")"))

    static let coalesce = Function(
        "coalesce", [Overload([.any, .any], variadic: true, result: .commonFrom(0), .lazy { try $0.firstNonNull($1, $2, $3) })],
        nulls: .custom("null only when every argument is null"), mayFail: false,
        sql: SQLSpelling(.name("COALESCE")),
        help: FunctionHelp("the first argument that is not null",
                           example: "projects | select name, inv = coalesce(investment, 0)"))
}

extension Functions {
    static let conditionals: [Function] = [.if, .coalesce]
}
