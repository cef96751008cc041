// ConditionalFunctions: the definitions of if(…), case(…) and coalesce(…),
// the functions with lazy arguments: each condition, branch or later
// argument is evaluated only for the rows that still need it
// (Engine/Kernels/Conditionals.swift), so `if(b == 0, 0, a / b)` never
// fails. A null condition counts as false.

extension Function {
    static let `if` = Function(
        "if", [Overload([.exactly(.bool), .any, .any], result: .common, .lazy { try $0.conditional($1, $2, $3) })],
        nulls: .custom("a null condition counts as false (gives b)"), mayFail: false,
        sql: SQLSpelling(.custom { _, c in
            SQLText("CASE WHEN \(try c.x(0).text) THEN \(try c.x(1).text) ELSE \(try c.x(2).text) END")
        }),
        help: FunctionHelp("if(cond, a, b): a where cond is true, else b",
                           example: "projects | select name, big = if(investment >= 100亿, \"大\", \"小\")"))

    /// KQL's `case(c1, v1, c2, v2, …, else)`: the value of the first true condition, else the last argument.
    static let `case` = Function(
        "case", [Overload([.exactly(.bool), .any, .any], repeating: .leadingPairs, result: .common,
                          .lazy { try $0.cases($1, $2, $3) })],
        nulls: .custom("a null condition counts as false; else when no condition is true"), mayFail: false,
        sql: SQLSpelling(.custom { _, c in
            var text = "CASE"
            var i = 0
            while i + 1 < c.sql.count {
                text += " WHEN \(c.sql[i].text) THEN \(c.sql[i + 1].text)"
                i += 2
            }
            return SQLText(text + " ELSE \(try c.x(c.sql.count - 1).text) END")
        }),
        help: FunctionHelp("case(c1, v1, c2, v2, …, else): the value after the first true condition, else the last",
                           example: "projects | select name, size = case(investment >= 100亿, \"大\", investment >= 10亿, \"中\", \"小\")"))

    static let coalesce = Function(
        "coalesce", [Overload([.any, .any], repeating: .last, result: .common, .lazy { try $0.firstNonNull($1, $2, $3) })],
        nulls: .custom("null only when every argument is null"), mayFail: false,
        sql: SQLSpelling(.name("COALESCE")),
        help: FunctionHelp("the first argument that is not null",
                           example: "projects | select name, inv = coalesce(investment, 0)"))
}

extension Functions {
    static let conditionals: [Function] = [.if, .case, .coalesce]
}
