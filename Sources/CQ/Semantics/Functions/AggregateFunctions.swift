// AggregateFunctions: the definitions of the aggregates — count,
// count_distinct, sum, avg, min, max, median, stddev. Each overload's kernel
// makes the accumulator of one call (Engine/Aggregates.swift); every
// aggregate skips null arguments, as in SQL. Aggregates are allowed only in
// `summarize` (AggregateBinder).

extension Function {
    static let count = Function(
        "count", [Overload([], result: .fixed(.int), .aggregate { _ in CountAccumulator(countsRows: true) }),
                  Overload([.any], result: .fixed(.int), .aggregate { _ in CountAccumulator(countsRows: false) })],
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
                    case .portable:
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

extension Functions {
    static let aggregates: [Function] = [.count, .countDistinct, .sum, .avg, .min, .max, .median, .stddev]
}
