// WindowFunctions: the definitions of the window-only functions — row_number,
// rank, dense_rank, percent_rank, ntile, lag and lead (LANGUAGE.md §8
// Windows). They are called only with `over (…)` (the binder refuses them
// without it, WindowBinder.swift) and are computed by Engine/Window.swift
// over each partition in its order; they ignore a `rows` frame. Aggregates
// over a window (`sum(x) over (…)`, `first`, `last`) are the aggregates'
// own definitions, run through their accumulators. How a window call is
// written in SQL around these spellings is Plan/SQLWindows.swift's.

/// Which window function a definition is (Engine/Window.swift switches on it).
public enum WindowKind: Sendable, Equatable {
    case rowNumber, rank, denseRank, percentRank, ntile, lag, lead

    /// Whether the result depends only on the sort keys, so rows tied on them are peers (SQL needs no tie-break).
    var usesPeers: Bool { self == .rank || self == .denseRank || self == .percentRank }
}

extension Function {
    static let rowNumber = window(
        "row_number", .rowNumber, [], .fixed(.int), sql: "ROW_NUMBER", nulls: "never null",
        summary: "the row's position in its partition (1, 2, 3, …; ties in input order)",
        example: "projects | extend n = row_number() over (by category sort investment desc) | where n <= 2")

    static let rank = window(
        "rank", .rank, [], .fixed(.int), sql: "RANK", nulls: "never null",
        summary: "1 + the number of rows before the row's peers (ties share a rank, then a gap)",
        example: "projects | extend r = rank() over (sort start_year) | select name, start_year, r")

    static let denseRank = window(
        "dense_rank", .denseRank, [], .fixed(.int), sql: "DENSE_RANK", nulls: "never null",
        summary: "the number of distinct sort values up to the row's (ties share a rank, no gaps)",
        example: "projects | extend r = dense_rank() over (sort start_year) | select name, start_year, r")

    static let percentRank = window(
        "percent_rank", .percentRank, [], .fixed(.float), sql: "PERCENT_RANK", nulls: "never null",
        summary: "(rank - 1) / (rows in the partition - 1), 0 for a partition of one row",
        example: "projects | extend p = percent_rank() over (sort investment) | select name, p")

    static let ntile = window(
        "ntile", .ntile, [.exactly(.int)], .fixed(.int), sql: "NTILE",
        nulls: "never null; n is a constant of 1 or more",
        summary: "ntile(n): the bucket 1…n of the row when the partition is cut into n near-equal parts, larger first",
        example: "projects | extend quartile = ntile(4) over (sort investment) | select name, quartile")

    static let lag = window(
        "lag", .lag, [.any, .exactly(.int), .any], .common, optional: 2, sql: "LAG",
        nulls: "null (or the default) before the partition's first row; nulls are not skipped",
        summary: "lag(x[, n[, default]]): x of the row n rows (1) before in the partition",
        example: "figures | where metric == \"研发投入\" | extend before = lag(value) over (by subject sort period)")

    static let lead = window(
        "lead", .lead, [.any, .exactly(.int), .any], .common, optional: 2, sql: "LEAD",
        nulls: "null (or the default) after the partition's last row; nulls are not skipped",
        summary: "lead(x[, n[, default]]): x of the row n rows (1) after in the partition",
        example: "figures | where metric == \"研发投入\" | extend after = lead(value) over (by subject sort period)")

    /// A window function of one overload, written `NAME(args) OVER (…)` in every dialect.
    private static func window(_ name: String, _ kind: WindowKind, _ params: [ParamType], _ result: ResultType,
                               optional: Int = 0, sql: String, nulls: String, summary: String,
                               example: String) -> Function {
        Function(name, [Overload(params, optional: optional, result: result, .window(kind))],
                 nulls: .custom(nulls), mayFail: false, sql: SQLSpelling(.name(sql)),
                 help: FunctionHelp(summary, example: example))
    }

    /// The window function's kind, nil for any other function.
    var windowKind: WindowKind? {
        if case .window(let kind)? = overloads.first?.kernel { return kind }
        return nil
    }
}

extension Functions {
    static let windows: [Function] = [.rowNumber, .rank, .denseRank, .percentRank, .ntile, .lag, .lead]
}
