// StringFunctions: the definitions of the string functions — len, lower,
// upper, trim, substr, replace. Characters are Unicode scalars (as SQLite's
// length() and substr()). The kernels are in Engine/Kernels/StringKernels.swift.

extension Function {
    static let len = Function(
        "len", [Overload([.exactly(.string)], result: .fixed(.int), .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.name("LENGTH")),
        help: FunctionHelp("number of characters", example: "enterprises | select name, n = len(name)"))

    static let lower = Function(
        "lower", [Overload([.exactly(.string)], result: .fixed(.string), .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.name("LOWER")),
        help: FunctionHelp("lower case", example: "enterprises | select name_en, l = lower(name_en)"))

    static let upper = Function(
        "upper", [Overload([.exactly(.string)], result: .fixed(.string), .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.name("UPPER")),
        help: FunctionHelp("upper case", example: "enterprises | select name_en, u = upper(name_en)"))

    /// cq trims spaces, tabs, line breaks and the ideographic space U+3000.
    static let trim = Function(
        "trim", [Overload([.exactly(.string)], result: .fixed(.string), .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.refused("trim()"), [
            (.sqlite, .custom { w, c in w.function("TRIM", [try c.x(0), SQLText("' ' || CHAR(9, 10, 13, 12288)", SQLText.concat)]) }),
            (.duckdb, .custom { w, c in
                w.function("TRIM", [try c.x(0), SQLText("' ' || CHR(9) || CHR(10) || CHR(13) || CHR(12288)", SQLText.concat)])
            }),
            (.postgres, .custom { w, c in
                w.function("BTRIM", [try c.x(0), SQLText("' ' || CHR(9) || CHR(10) || CHR(13) || CHR(12288)", SQLText.concat)])
            }),
        ]),
        help: FunctionHelp("without leading and trailing white space", example: "trim(\"  科学城  \")"))

    /// Positions from 1 with a length of 0 or more mean the same everywhere; SQLite also has cq's rules for the rest.
    static let substr = Function(
        "substr", [Overload([.exactly(.string), .exactly(.int), .exactly(.int)], optional: 1, result: .fixed(.string),
                            .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.custom { w, c in
            let start = try c.argument(1)
            guard case .int(let first)? = w.constant(start), first >= 1 else {
                throw w.refuse("substr() with a start that is not a constant of 1 or more", start.range)
            }
            if c.arguments.count > 2 {
                let length = try c.argument(2)
                guard case .int(let n)? = w.constant(length), n >= 0 else {
                    throw w.refuse("substr() with a length that is not a constant of 0 or more", length.range)
                }
            }
            return w.function("SUBSTR", c.sql)
        }, [(.sqlite, .name("SUBSTR"))]),
        help: FunctionHelp("substr(s, start[, length]): characters from start (1-based; negative counts from the end)",
                           example: "projects | select name, head = substr(name, 1, 2)"))

    static let replace = Function(
        "replace", [Overload([.exactly(.string), .exactly(.string), .exactly(.string)], result: .fixed(.string),
                             .eager { try $0.stringFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.name("REPLACE")),
        help: FunctionHelp("replace(s, from, to): every occurrence of from replaced by to",
                           example: "projects | select n = replace(name, \"重庆\", \"渝\")"))
}

extension Functions {
    static let strings: [Function] = [.len, .lower, .upper, .trim, .substr, .replace]
}
