// AggregateFunctions: the definitions of the aggregates — count,
// count_distinct, count_if, sum, avg, min, max, arg_min, arg_max, median,
// quantile, mode, stddev, var, corr, first, last and string_agg. Each
// overload's kernel makes the accumulator of one call (Engine/Aggregates.swift
// and its neighbours); every aggregate skips null arguments, as in SQL.
// Aggregates are allowed only in `summarize` (AggregateBinder).

extension Function {
    static let count = Function(
        "count", [Overload([], result: .fixed(.int), .aggregate { _ in CountAccumulator(.rows) }),
                  Overload([.any], result: .fixed(.int), .aggregate { _ in CountAccumulator(.present) })],
        nulls: .custom("count() counts every row; count(x) skips nulls; 0 for no rows"), mayFail: false,
        sql: SQLSpelling(.custom { w, c in c.sql.isEmpty ? SQLText("COUNT(*)") : w.function("COUNT", c.sql) }),
        help: FunctionHelp("count() counts rows; count(x) counts non-null values of x",
                           example: "projects | summarize count() by category"))

    static let countDistinct = Function(
        "count_distinct", [Overload([.any], result: .fixed(.int),
                                    .aggregate { _ in CollectingAccumulator(Aggregates.distinctCounts) })],
        nulls: .custom("skips nulls; 0 for no rows"), mayFail: false,
        sql: SQLSpelling(.custom { _, c in SQLText("COUNT(DISTINCT \(try c.x(0).text))") }),
        help: FunctionHelp("number of distinct non-null values", example: "figures | summarize count_distinct(subject)"))

    static let sum = Function(
        "sum", [Overload([.numeric], result: .argument(0), .aggregate { SumAccumulator(.sum, $0) })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: true,
        sql: SQLSpelling(.custom { w, c in
            let sum = w.function("SUM", [try c.x(0)])
            return c.type(0) == .float || w.dialect == .sqlite ? sum : w.cast(sum, .int)
        }),
        help: FunctionHelp("sum of the values (int stays int; overflow is an error)",
                           example: "projects | summarize sum(investment) by location"))

    static let avg = Function(
        "avg", [Overload([.numeric], result: .fixed(.float), .aggregate { SumAccumulator(.average, $0) })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
        sql: SQLSpelling(.custom { w, c in
            let avg = w.function("AVG", [try c.x(0)])
            return c.type(0) != .float && (w.dialect == .postgres || w.dialect == .portable) ? w.cast(avg, .float) : avg
        }),
        help: FunctionHelp("arithmetic mean", example: "projects | summarize avg(investment)"))

    static let min = extreme("min", largest: false, summary: "smallest value", example: "figures | summarize min(published)")
    static let max = extreme("max", largest: true, summary: "largest value", example: "projects | summarize max(investment)")

    /// min or max: strings by UTF-8 byte order (collated so in PostgreSQL); bools with false < true.
    private static func extreme(_ name: String, largest: Bool, summary: String, example: String) -> Function {
        let make = Kernel.aggregate { _ in ExtremeAccumulator(largest: largest) }
        return Function(
            name, [Overload([.orderable], result: .argument(0), make), Overload([.exactly(.bool)], result: .fixed(.bool), make)],
            nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
            sql: SQLSpelling(.custom { w, c in
                let x = try c.x(0)
                let plain = largest ? "MAX" : "MIN"
                if c.type(0) == .bool {
                    switch w.dialect {
                    case .postgres: return w.function(largest ? "BOOL_OR" : "BOOL_AND", [x])
                    case .portable, .mysql:
                        return w.infix(w.function(plain, [SQLText("CASE WHEN \(x.text) THEN 1 WHEN NOT \(x.atomic) THEN 0 END")]),
                                       "=", SQLText("1"), SQLText.comparison)
                    case .sqlite, .duckdb: break
                    }
                }
                return w.function(plain, [w.collated(x, c.type(0))])
            }),
            help: FunctionHelp(summary, example: example))
    }

    static let median = Function(
        "median", [Overload([.numeric], result: .fixed(.float), .aggregate { _ in CollectingAccumulator(Aggregates.medians) })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
        sql: SQLSpelling(.refused("median()"), [
            (.duckdb, .name("MEDIAN")),
            (.postgres, .custom { _, c in SQLText("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY \(try c.x(0).text))") }),
        ]),
        help: FunctionHelp("exact median (mean of the two middle values for an even count)",
                           example: "projects | summarize median(investment)"))

    static let stddev = Function(
        "stddev", [Overload([.numeric], result: .fixed(.float), .aggregate { _ in VarianceAccumulator(squareRoot: true) })],
        nulls: .custom("skips nulls; null for fewer than two values"), mayFail: false,
        sql: SQLSpelling(.refused("stddev()"), [
            (.duckdb, .name("STDDEV_SAMP")),
            (.postgres, .custom { w, c in
                let x = w.function("STDDEV_SAMP", [try c.x(0)])
                return c.type(0) == .float ? x : w.cast(x, .float)
            }),
        ]),
        help: FunctionHelp("sample standard deviation", example: "projects | summarize stddev(investment)"))
}

extension Function {
    static let countIf = Function(
        "count_if", [Overload([.exactly(.bool)], result: .fixed(.int), .aggregate { _ in CountAccumulator(.trues) })],
        nulls: .custom("counts rows where the condition is true (not false, not null); 0 for no rows"), mayFail: false,
        sql: SQLSpelling(.custom { _, c in SQLText("COUNT(CASE WHEN \(try c.x(0).text) THEN 1 END)") }),
        help: FunctionHelp("the number of rows where the condition is true",
                           example: "projects | summarize big = count_if(investment >= 10亿), n = count() by category"))

    static let argMax = argExtreme("arg_max", largest: true)
    static let argMin = argExtreme("arg_min", largest: false)

    /// arg_max(a, by) and arg_min: only DuckDB has them (its ties may differ from cq's first row).
    private static func argExtreme(_ name: String, largest: Bool) -> Function {
        let make = Kernel.aggregate { _ in ExtremeAccumulator(largest: largest, key: 1, result: 0) }
        return Function(
            name, [Overload([.any, .orderable], result: .argument(0), make), Overload([.any, .exactly(.bool)], result: .argument(0), make)],
            nulls: .custom("skips rows where a or by is null; null when there are none"), mayFail: false,
            sql: SQLSpelling(.refused("\(name)()"), [(.duckdb, .name(name.uppercased()))]),
            help: FunctionHelp("\(name)(a, by): a from the row with the \(largest ? "largest" : "smallest") by (the first such row on ties)",
                               example: "projects | summarize top = \(name)(name, investment) by category"))
    }

    static let quantile = Function(
        "quantile", [Overload([.numeric, .numeric], result: .fixed(.float), .aggregate { agg in
            guard let p = try constantArgument(agg.arguments, 1)?.asDouble else {
                throw CQError(.notConstant(agg.text), at: agg.range)
            }
            return CollectingAccumulator(Aggregates.quantiles(p))
        })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
        sql: SQLSpelling(.refused("quantile()"), [
            (.duckdb, .name("QUANTILE_CONT")),
            (.postgres, .custom { _, c in SQLText("PERCENTILE_CONT(\(try c.x(1).text)) WITHIN GROUP (ORDER BY \(try c.x(0).text))") }),
        ]),
        help: FunctionHelp("quantile(x, p): the exact p-quantile (p from 0 to 1), interpolated between the nearest ranks",
                           example: "projects | summarize p90 = quantile(investment, 0.9) by category"),
        checkArguments: { args in
            guard args.count > 1, let p = try constantArgument(args, 1) else { return }
            guard let d = p.asDouble, d >= 0, d <= 1 else {
                throw CQError(.invalidArgument("quantile() needs p from 0 to 1, got \(args[1].text)"), at: args[1].range)
            }
        })

    static let mode = Function(
        "mode", [Overload([.any], result: .argument(0), .aggregate { _ in CollectingAccumulator(Aggregates.modes) })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
        // PostgreSQL's MODE() gives the smallest of tied values, not the first.
        sql: SQLSpelling(.refused("mode()"), [(.duckdb, .name("MODE"))]),
        help: FunctionHelp("the most frequent value (the first to appear on ties)",
                           example: "projects | summarize common = mode(location)"))

    static let variance = Function(
        "var", aliases: ["variance"], [Overload([.numeric], result: .fixed(.float), .aggregate { _ in VarianceAccumulator(squareRoot: false) })],
        nulls: .custom("skips nulls; null for fewer than two values"), mayFail: false,
        sql: SQLSpelling(.refused("var()"), [
            (.duckdb, .name("VAR_SAMP")),
            (.postgres, .custom { w, c in w.cast(w.function("VAR_SAMP", [try c.x(0)]), .float) }),
        ]),
        help: FunctionHelp("sample variance", example: "projects | summarize var(land_mu)"))

    static let corr = Function(
        "corr", [Overload([.numeric, .numeric], result: .fixed(.float), .aggregate { _ in CorrelationAccumulator() })],
        nulls: .custom("skips rows where x or y is null; null for fewer than two rows or no variance"), mayFail: false,
        sql: SQLSpelling(.refused("corr()"), [
            // DuckDB gives NaN where a variable has no variance; cq gives null, as PostgreSQL does.
            (.duckdb, .custom { w, c in w.function("NULLIF", [w.function("CORR", c.sql), SQLText("'NaN'")]) }),
            (.postgres, .custom { w, c in w.function("CORR", [w.asFloat(try c.x(0), c.type(0)), w.asFloat(try c.x(1), c.type(1))]) }),
        ]),
        help: FunctionHelp("corr(x, y): Pearson's correlation coefficient", example: "projects | summarize corr(land_mu, investment)"))

    static let first = end("first", last: false, example: "projects | summarize first(name) by category")
    static let last = end("last", last: true, example: "projects | summarize last(name) by category")

    /// first and last depend on input order, which SQL's aggregates do not keep.
    private static func end(_ name: String, last: Bool, example: String) -> Function {
        Function(
            name, [Overload([.any], result: .argument(0), .aggregate { _ in EndAccumulator(last: last) })],
            nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
            sql: SQLSpelling(.refused("\(name)() (input order)")),
            help: FunctionHelp("the \(last ? "last" : "first") value that is not null, in input order", example: example))
    }

    static let stringAgg = Function(
        "string_agg", [Overload([.exactly(.string), .exactly(.string)], optional: 1, result: .fixed(.string), .aggregate { agg in
            let separator = try constantArgument(agg.arguments, 1)
            guard case .string(let sep) = separator ?? .string(",") else { return StringAggregateAccumulator(separator: "", agg) }
            return StringAggregateAccumulator(separator: sep, agg)
        })],
        nulls: .custom("skips nulls; null when there are no values"), mayFail: false,
        sql: SQLSpelling(.custom { w, c in w.function("STRING_AGG", [try c.x(0), c.sql.count > 1 ? try c.x(1) : SQLText("','")]) },
                         [(.sqlite, .custom { w, c in w.function("GROUP_CONCAT", [try c.x(0), c.sql.count > 1 ? try c.x(1) : SQLText("','")]) }),
                          (.portable, .refused("string_agg()"))]),
        help: FunctionHelp("string_agg(s[, sep]): the strings joined in input order by sep (a comma by default)",
                           example: "projects | where category == \"医院\" | summarize names = string_agg(name, \"、\")"),
        checkArguments: { args in _ = try constantArgument(args, 1) })
}

extension Functions {
    static let aggregates: [Function] = [.count, .countDistinct, .countIf, .sum, .avg, .min, .max, .argMin, .argMax, .median,
                                         .quantile, .mode, .stddev, .variance, .corr, .first, .last, .stringAgg]
}
