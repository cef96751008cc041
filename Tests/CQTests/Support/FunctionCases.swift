// FunctionCases: queries that call the string, number and aggregate
// functions over the awkward differential tables (DifferentialData: nulls,
// Chinese text, empty strings, decomposed é, negative numbers, ties). The
// SQL round trips (SQLRoundTripTests) compile each one to every dialect and
// compare the engines' own functions — DuckDB's split_part, lpad,
// quantile_cont, corr… — with cq's answer cell by cell, so they are a
// differential test of the functions as much as of their SQL. Queries cq
// answers with a runtime error (sqrt of a negative number) are not compared.

enum FunctionCases {
    static let textColumns = ["s", "g", "h"]

    /// Every case, over 300.
    static var queries: [String] { strings + numbers + aggregates + large }

    /// `t | select id, x = EXPR` for each expression.
    private static func over(_ exprs: [String]) -> [String] { exprs.map { "t | select id, x = \($0)" } }

    static var strings: [String] {
        var exprs: [String] = []
        for c in textColumns {
            for sep in ["\",\"", "\"a\"", "\"%\"", "\"科\""] {
                for i in [1, 2, -1] { exprs.append("split_part(\(c), \(sep), \(i))") }
            }
            for sub in ["\"a\"", "\"科学\"", "\"\"", "\"%\"", "\"é\""] { exprs.append("position(\(c), \(sub))") }
            for n in [0, 1, 2, -1, 10] {
                exprs.append("left(\(c), \(n))")
                exprs.append("right(\(c), \(n))")
            }
            for n in [0, 3, 6] {
                for fill in ["\"*\"", "\"ab\"", "\"·\""] {
                    exprs.append("lpad(\(c), \(n), \(fill))")
                    exprs.append("rpad(\(c), \(n), \(fill))")
                }
            }
            exprs += ["lpad(\(c), 4)", "rpad(\(c), 4)", "repeat(\(c), 2)", "concat(\(c), \"-\", i)", "concat(i, \(c), d, b)",
                      "extract(\(c), \"[a-z]+\")", "extract(\(c), \"([a-z])([a-z])\", 2)", "extract(\(c), \"[0-9]+\", 0)",
                      "regex_replace(\(c), \"[a-z]\", \"_\")", "regex_replace(\(c), \"(a)(b)\", \"\\\\2\\\\1\")",
                      "regex_replace(\(c), \"科学\", \"\")"]
        }
        exprs += ["position(s, g)", "position(g, h)", "split_part(s, h, 1)", "left(s, k - 3)", "right(g, i)",
                  "lpad(h, k, g)", "repeat(g, k - 2)", "concat(g, h, s)", "greatest(g, h)", "least(s, g, h)"]
        return over(exprs)
    }

    static var numbers: [String] {
        var exprs: [String] = []
        for c in ["i", "j", "f", "r"] {
            exprs += ["sqrt(abs(\(c)))", "ln(abs(\(c)) + 1)", "log10(abs(\(c)) + 0.5)", "exp(\(c) / 100)", "pow(\(c), 2)",
                      "pow(2, \(c) / 4)", "sign(\(c))", "greatest(\(c), 0)", "least(\(c), 1, k)", "greatest(\(c), null)",
                      "case(\(c) > 0, \"pos\", \(c) < 0, \"neg\", \(c) == 0, \"zero\", \"none\")"]
        }
        exprs += ["greatest(i, j, f)", "least(i, j)", "greatest(d, @2023-01-01)", "least(b, i > 0)", "pow(j, j)",
                  "sqrt(f)", "ln(f)", "case(b, i, not b, j, k)", "case(s contains \"a\", left(s, 1), g)"]
        return over(exprs)
    }

    /// Over `big`: 3000 rows, 500 names, 150 groups.
    static var large: [String] {
        var exprs: [String] = []
        for c in ["name", "grp"] {
            exprs += ["position(\(c), \"_\")", "left(\(c), 2)", "right(\(c), -1)", "lpad(\(c), 6, \"0\")", "rpad(\(c), 3, \"·\")",
                      "split_part(\(c), \"_\", 2)", "split_part(\(c), \"庆\", -1)", "extract(\(c), \"[0-9]+\")",
                      "regex_replace(\(c), \"[0-9]\", \"#\")", "concat(\(c), \":\", n)", "repeat(\(c), 2)",
                      "greatest(\(c), \"n3\")", "least(\(c), name)"]
        }
        exprs += ["greatest(n, key)", "least(n, x, key)", "sqrt(abs(x))", "pow(x, 2)", "sign(n)", "sign(x)", "ln(abs(n) + 1)",
                  "log10(abs(x) + 1)", "exp(x / 1000)", "case(n > 500, \"high\", n > 0, \"mid\", n is null, \"?\", \"low\")"]
        return exprs.map { "big | select id, x = \($0)" }
    }

    static var aggregates: [String] {
        var queries: [String] = []
        for key in ["g", "h", "b"] {
            queries += [
                "t | summarize c = count_if(b), p = count_if(i > 0), n = count() by \(key)",
                "t | summarize v = var(f), w = var(i), sd = stddev(r) by \(key)",
                "t | summarize c = corr(i, f), d = corr(f, r), e = corr(j, k) by \(key)",
                "t | summarize a = arg_max(id, f), b = arg_min(s, id), c = arg_max(g, d) by \(key)",
                "t | summarize m = mode(k), n = mode(h) by \(key)",
                "t | summarize s = string_agg(s), t = string_agg(g, \" | \") by \(key)",
            ]
            for p in ["0", "0.25", "0.5", "0.9", "1", "1 / 3"] {
                queries.append("t | summarize q = quantile(f, \(p)), r = quantile(i, \(p)), m = median(r) by \(key)")
            }
        }
        queries += [
            "big | summarize q = quantile(x, 0.9), v = var(n), c = corr(n, x), p = count_if(n > 0) by grp",
            "big | summarize a = arg_max(name, id), b = arg_min(key, id), s = string_agg(name, \";\") by grp",
            "big | summarize q1 = quantile(n, 0.1), q9 = quantile(n, 0.99), m = mode(key) by key % 7",
            "t | summarize pct = 100.0 * count_if(i > 0) / count(), spread = quantile(f, 0.75) - quantile(f, 0.25)",
            "t | where false | summarize count_if(b), quantile(f, 0.5), var(f), corr(i, f), string_agg(g), mode(h)",
            "e | summarize n = count_if(x == \"a\"), s = string_agg(x), m = mode(id)",
        ]
        return queries
    }
}
