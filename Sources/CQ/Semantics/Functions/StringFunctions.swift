// StringFunctions: the definitions of the string functions — len, lower,
// upper, trim, substr, replace, split_part, position, left, right, lpad,
// rpad, repeat, concat, extract and regex_replace. Characters are Unicode
// scalars (as SQLite's length() and substr()), so Chinese text measures and
// pads by character. The kernels are in Engine/Kernels (StringKernels,
// TextKernels, RegexKernels). SQLite has no regular expressions in its
// library: the regex functions are refused there.

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

extension Function {
    static let splitPart = Function(
        "split_part", [Overload([.exactly(.string), .exactly(.string), .exactly(.int)], result: .fixed(.string),
                                .eager { try $0.splitPart($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.refused("split_part()"), [
            (.duckdb, .name("SPLIT_PART")),
            // PostgreSQL refuses field 0 and does not split at an empty separator.
            (.postgres, .custom { w, c in
                guard case .string(let sep)? = w.constant(try c.argument(1)), !sep.isEmpty,
                      case .int(let i)? = w.constant(try c.argument(2)), i != 0 else {
                    throw w.refuse("split_part() without a constant separator and a constant field other than 0", c.range)
                }
                return w.function("SPLIT_PART", c.sql)
            }),
        ]),
        help: FunctionHelp("split_part(s, sep, i): the i-th field between separators (1-based; negative from the end; \"\" if none)",
                           example: "projects | select location, district = split_part(location, \"区\", 1) | take 3"))

    static let position = Function(
        "position", [Overload([.exactly(.string), .exactly(.string)], result: .fixed(.int), .eager { try $0.position($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.refused("position()"), [
            (.sqlite, .name("INSTR")), (.duckdb, .name("STRPOS")), (.postgres, .name("STRPOS")),
        ]),
        help: FunctionHelp("position(s, sub): where sub first starts in s (1-based characters), 0 when absent",
                           example: "projects | select name, at = position(name, \"科学\") | where at > 0 | take 3"))

    static let left = edge("left", fromEnd: false, summary: "left(s, n): the first n characters (a negative n leaves out the last -n)",
                           example: "projects | select name, head = left(name, 2) | take 3")
    static let right = edge("right", fromEnd: true, summary: "right(s, n): the last n characters (a negative n leaves out the first -n)",
                            example: "projects | select name, tail = right(name, 2) | take 3")

    /// left and right. SQLite spells them with substr for a constant n of 0 or more.
    private static func edge(_ name: String, fromEnd: Bool, summary: String, example: String) -> Function {
        Function(
            name, [Overload([.exactly(.string), .exactly(.int)], result: .fixed(.string), .eager { try $0.edge($1, fromEnd: fromEnd) })],
            nulls: .propagates, mayFail: false,
            sql: SQLSpelling(.refused("\(name)()"), [
                (.duckdb, .name(name.uppercased())), (.postgres, .name(name.uppercased())),
                (.sqlite, .custom { w, c in
                    guard case .int(let n)? = w.constant(try c.argument(1)), n >= 0 else {
                        throw w.refuse("\(name)() with a length that is not a constant of 0 or more", c.range)
                    }
                    if n == 0 { return SQLText("''") }
                    return w.function("SUBSTR", [try c.x(0)] + (fromEnd ? [SQLText("-\(n)", SQLText.unary)] : [SQLText("1"), SQLText("\(n)")]))
                }),
            ]),
            help: FunctionHelp(summary, example: example))
    }

    static let lpad = pad("lpad", left: true, example: "projects | select id, code = lpad(string(id), 4, \"0\") | take 3")
    static let rpad = pad("rpad", left: false, example: "projects | select name = rpad(name, 6, \"·\"), investment | take 3")

    /// lpad and rpad: the fill defaults to a space; a longer string is cut to n.
    private static func pad(_ name: String, left: Bool, example: String) -> Function {
        Function(
            name, [Overload([.exactly(.string), .exactly(.int), .exactly(.string)], optional: 1, result: .fixed(.string),
                            .eager { try $0.pad($1, left: left) })],
            nulls: .propagates, mayFail: true,
            sql: SQLSpelling(.refused("\(name)()"), [
                (.duckdb, .custom { w, c in w.function(name.uppercased(), c.sql.count > 2 ? c.sql : c.sql + [SQLText("' '")]) }),
                (.postgres, .custom { w, c in w.function(name.uppercased(), c.sql.count > 2 ? c.sql : c.sql + [SQLText("' '")]) }),
            ]),
            help: FunctionHelp("\(name)(s, n[, fill]): s \(left ? "left" : "right")-padded with fill (default a space) to n characters, "
                               + "or cut to n", example: example))
    }

    static let `repeat` = Function(
        "repeat", [Overload([.exactly(.string), .exactly(.int)], result: .fixed(.string), .eager { try $0.repeated($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("repeat()"), [
            (.duckdb, .name("REPEAT")), (.postgres, .name("REPEAT")),
            (.sqlite, .custom { w, c in w.function("REPLACE", [w.function("HEX", [w.function("ZEROBLOB", [try c.x(1)])]),
                                                               SQLText("'00'"), try c.x(0)]) }),
        ]),
        help: FunctionHelp("repeat(s, n): s written n times (\"\" for n of 0 or less)",
                           example: "projects | select name, stars = repeat(\"★\", start_year - 2018) | take 3"))

    static let concat = Function(
        "concat", [Overload([.any], repeating: .last, result: .fixed(.string), .eager { try $0.concat($1) })],
        nulls: .custom("a null argument counts as \"\"; never null"), mayFail: false,
        sql: SQLSpelling(.custom { w, c in
            let parts = try zip(c.arguments, c.sql).map { arg, x -> String in
                let text = arg.type == .string || arg.type == .null
                    ? x : try w.spell(.string, SQLCall(arguments: [arg], sql: [x], type: .string, range: c.range))
                if case .literal(let v) = arg.kind, v != .null { return text.operand(SQLText.concat) }
                return w.function("COALESCE", [text, SQLText("''")]).text
            }
            return SQLText(parts.joined(separator: " || "), parts.count > 1 ? SQLText.concat : SQLText.atom)
        }),
        help: FunctionHelp("concat(a, …): the arguments as text, one after another",
                           example: "projects | select label = concat(name, \"（\", start_year, \"）\") | take 3"))

    static let extract = Function(
        "extract", [Overload([.exactly(.string), .exactly(.string), .exactly(.int)], optional: 1, result: .fixed(.string),
                             .eager { try $0.extract($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("extract() (regular expressions)"), [
            (.duckdb, .custom { w, c in
                let (s, pattern) = (try c.x(0), try c.x(1))
                let group = try w.constantGroup(c)
                return SQLText("CASE WHEN regexp_matches(\(s.text), \(pattern.text)) "
                               + "THEN regexp_extract(\(s.text), \(pattern.text), \(group)) END")
            }),
            // regexp_match gives the groups; group 0, the whole match, is a group around the pattern.
            (.postgres, .custom { w, c in
                let (s, pattern) = (try c.x(0), try c.x(1))
                let group = try w.constantGroup(c)
                let groups = group == 0 ? "regexp_match(\(s.text), '(' || \(pattern.text) || ')')" : "regexp_match(\(s.text), \(pattern.text))"
                return SQLText("CASE WHEN \(s.operand(SQLText.comparison + 1)) ~ \(pattern.operand(SQLText.comparison + 1)) "
                               + "THEN COALESCE((\(groups))[\(Swift.max(group, 1))], '') END")
            }),
        ]),
        help: FunctionHelp("extract(s, pattern[, group]): the first match of a regular expression (or its group), null if none",
                           example: "projects | select name, digits = extract(name, \"[0-9]+\") | where digits is not null | take 3"))

    static let regexReplace = Function(
        "regex_replace", [Overload([.exactly(.string), .exactly(.string), .exactly(.string)], result: .fixed(.string),
                                   .eager { try $0.regexReplace($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("regex_replace() (regular expressions)"), [
            (.duckdb, .custom { w, c in w.function("regexp_replace", c.sql + [SQLText("'g'")]) }),
            (.postgres, .custom { w, c in w.function("regexp_replace", c.sql + [SQLText("'g'")]) }),
        ]),
        help: FunctionHelp("regex_replace(s, pattern, to): every match replaced by to (\\1 … \\9 name groups)",
                           example: "projects | select name, n = regex_replace(name, \"[（(].*[）)]\", \"\") | take 3"))
}

extension SQLExpressionWriter {
    /// extract()'s group as a constant (0 when absent); engines want it written out.
    func constantGroup(_ c: SQLCall) throws -> Int {
        guard c.arguments.count > 2 else { return 0 }
        guard case .int(let g)? = constant(try c.argument(2)), g >= 0 else {
            throw refuse("extract() with a group that is not a constant of 0 or more", c.range)
        }
        return g
    }
}

extension Functions {
    static let strings: [Function] = [.len, .lower, .upper, .trim, .substr, .replace, .splitPart, .position, .left, .right,
                                      .lpad, .rpad, .repeat, .concat, .extract, .regexReplace]
}
