// Functions: the one registry of cq's functions — name, signatures, result
// type, null rule, a one-line summary and an example.
//
// The binder checks calls against these signatures, `.help` prints them,
// the SQL emitter maps them, and the Evaluator / Aggregates implement the
// kernel of each case (switching on the case once per column). Adding a
// function means: a case here, an entry in `all`, a kernel in the engine.

/// Scalar functions (one value per row).
public enum ScalarFunction: String, CaseIterable, Sendable {
    case len, lower, upper, trim, substr, replace, round, abs, floor, ceil
    case year, month, day, date
    case `if`, coalesce
    case string, int, float
}

/// Aggregate functions (one value per group). `count` with no argument counts rows.
public enum AggregateFunction: String, CaseIterable, Sendable {
    case count
    case countDistinct = "count_distinct"
    case sum, avg, min, max, median, stddev
}

/// What a parameter accepts.
public enum ParamType: Equatable, Sendable {
    case exactly(DataType)
    /// int or float
    case numeric
    /// int, float, string or date (orderable and comparable)
    case orderable
    /// any type
    case any

    public func accepts(_ t: DataType) -> Bool {
        if t == .null { return true }
        switch self {
        case .exactly(let d): return d == t || (d == .float && t == .int)
        case .numeric: return t == .int || t == .float
        case .orderable: return t.isOrderable
        case .any: return true
        }
    }

    public var description: String {
        switch self {
        case .exactly(let d): return d.rawValue
        case .numeric: return "number"
        case .orderable: return DataType.allCases.filter(\.isOrderable).map(\.rawValue).joined(separator: "|")
        case .any: return "any"
        }
    }
}

/// How the result type follows from the argument types.
public enum ResultType: Equatable, Sendable {
    case fixed(DataType)
    /// The type of argument i (int stays int, float stays float).
    case argument(Int)
    /// The common type of all arguments from index i on.
    case commonFrom(Int)
}

/// One accepted shape of a call.
public struct Signature: Equatable, Sendable {
    public var params: [ParamType]
    /// How many trailing params may be left out.
    public var optional: Int
    /// When true the last param repeats (coalesce).
    public var variadic: Bool
    public var result: ResultType

    public init(_ params: [ParamType], optional: Int = 0, variadic: Bool = false, result: ResultType) {
        self.params = params
        self.optional = optional
        self.variadic = variadic
        self.result = result
    }

    public var description: String {
        let parts = params.enumerated().map { i, p -> String in
            i >= params.count - optional ? "[\(p.description)]" : p.description
        }
        return "(" + parts.joined(separator: ", ") + (variadic ? ", …" : "") + ")"
    }
}

/// A function's entry in the registry.
public struct FunctionInfo: Sendable {
    public enum Kind: Sendable {
        case scalar(ScalarFunction)
        case aggregate(AggregateFunction)
    }
    public var name: String
    public var kind: Kind
    public var signatures: [Signature]
    public var summary: String
    /// How nulls are treated, in one sentence.
    public var nullRule: String
    /// An example that runs over the built-in tables.
    public var example: String

    public var isAggregate: Bool {
        if case .aggregate = kind { return true }
        return false
    }
}

/// The registry.
public enum Functions {
    static let nullIn = "null if any argument is null"

    public static let all: [FunctionInfo] = [
        // Aggregates
        FunctionInfo(name: "count", kind: .aggregate(.count),
                     signatures: [Signature([], result: .fixed(.int)), Signature([.any], result: .fixed(.int))],
                     summary: "count() counts rows; count(x) counts non-null values of x",
                     nullRule: "count() counts every row; count(x) skips nulls; 0 for no rows",
                     example: "projects | summarize count() by category"),
        FunctionInfo(name: "count_distinct", kind: .aggregate(.countDistinct),
                     signatures: [Signature([.any], result: .fixed(.int))],
                     summary: "number of distinct non-null values",
                     nullRule: "skips nulls; 0 for no rows",
                     example: "figures | summarize count_distinct(subject)"),
        FunctionInfo(name: "sum", kind: .aggregate(.sum),
                     signatures: [Signature([.numeric], result: .argument(0))],
                     summary: "sum of the values (int stays int; overflow is an error)",
                     nullRule: "skips nulls; null when there are no values",
                     example: "projects | summarize sum(investment) by location"),
        FunctionInfo(name: "avg", kind: .aggregate(.avg),
                     signatures: [Signature([.numeric], result: .fixed(.float))],
                     summary: "arithmetic mean",
                     nullRule: "skips nulls; null when there are no values",
                     example: "projects | summarize avg(investment)"),
        FunctionInfo(name: "min", kind: .aggregate(.min),
                     signatures: [Signature([.orderable], result: .argument(0)), Signature([.exactly(.bool)], result: .fixed(.bool))],
                     summary: "smallest value",
                     nullRule: "skips nulls; null when there are no values",
                     example: "figures | summarize min(published)"),
        FunctionInfo(name: "max", kind: .aggregate(.max),
                     signatures: [Signature([.orderable], result: .argument(0)), Signature([.exactly(.bool)], result: .fixed(.bool))],
                     summary: "largest value",
                     nullRule: "skips nulls; null when there are no values",
                     example: "projects | summarize max(investment)"),
        FunctionInfo(name: "median", kind: .aggregate(.median),
                     signatures: [Signature([.numeric], result: .fixed(.float))],
                     summary: "exact median (mean of the two middle values for an even count)",
                     nullRule: "skips nulls; null when there are no values",
                     example: "projects | summarize median(investment)"),
        FunctionInfo(name: "stddev", kind: .aggregate(.stddev),
                     signatures: [Signature([.numeric], result: .fixed(.float))],
                     summary: "sample standard deviation",
                     nullRule: "skips nulls; null for fewer than two values",
                     example: "projects | summarize stddev(investment)"),
        // Strings
        FunctionInfo(name: "len", kind: .scalar(.len),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.int))],
                     summary: "number of characters", nullRule: nullIn,
                     example: "enterprises | select name, n = len(name)"),
        FunctionInfo(name: "lower", kind: .scalar(.lower),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.string))],
                     summary: "lower case", nullRule: nullIn,
                     example: "enterprises | select name_en, l = lower(name_en)"),
        FunctionInfo(name: "upper", kind: .scalar(.upper),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.string))],
                     summary: "upper case", nullRule: nullIn,
                     example: "enterprises | select name_en, u = upper(name_en)"),
        FunctionInfo(name: "trim", kind: .scalar(.trim),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.string))],
                     summary: "without leading and trailing white space", nullRule: nullIn,
                     example: "trim(\"  科学城  \")"),
        FunctionInfo(name: "substr", kind: .scalar(.substr),
                     signatures: [Signature([.exactly(.string), .exactly(.int), .exactly(.int)], optional: 1, result: .fixed(.string))],
                     summary: "substr(s, start[, length]): characters from start (1-based; negative counts from the end)",
                     nullRule: nullIn,
                     example: "projects | select name, head = substr(name, 1, 2)"),
        FunctionInfo(name: "replace", kind: .scalar(.replace),
                     signatures: [Signature([.exactly(.string), .exactly(.string), .exactly(.string)], result: .fixed(.string))],
                     summary: "replace(s, from, to): every occurrence of from replaced by to", nullRule: nullIn,
                     example: "projects | select n = replace(name, \"重庆\", \"渝\")"),
        // Numbers
        FunctionInfo(name: "round", kind: .scalar(.round),
                     signatures: [Signature([.numeric, .exactly(.int)], optional: 1, result: .argument(0))],
                     summary: "round(x[, digits]): rounded half away from zero (negative digits round to tens, hundreds…)",
                     nullRule: nullIn,
                     example: "projects | select name, yi = round(investment / 1亿, 1)"),
        FunctionInfo(name: "abs", kind: .scalar(.abs),
                     signatures: [Signature([.numeric], result: .argument(0))],
                     summary: "absolute value", nullRule: nullIn,
                     example: "figures | where value < 0 | select metric, a = abs(value)"),
        FunctionInfo(name: "floor", kind: .scalar(.floor),
                     signatures: [Signature([.numeric], result: .argument(0))],
                     summary: "largest whole number not above x", nullRule: nullIn,
                     example: "figures | select value, f = floor(value)"),
        FunctionInfo(name: "ceil", kind: .scalar(.ceil),
                     signatures: [Signature([.numeric], result: .argument(0))],
                     summary: "smallest whole number not below x", nullRule: nullIn,
                     example: "figures | select value, c = ceil(value)"),
        // Dates
        FunctionInfo(name: "year", kind: .scalar(.year),
                     signatures: [Signature([.exactly(.date)], result: .fixed(.int))],
                     summary: "the year of a date", nullRule: nullIn,
                     example: "figures | summarize count() by y = year(published)"),
        FunctionInfo(name: "month", kind: .scalar(.month),
                     signatures: [Signature([.exactly(.date)], result: .fixed(.int))],
                     summary: "the month of a date (1–12)", nullRule: nullIn,
                     example: "figures | select published, m = month(published) | take 3"),
        FunctionInfo(name: "day", kind: .scalar(.day),
                     signatures: [Signature([.exactly(.date)], result: .fixed(.int))],
                     summary: "the day of the month of a date", nullRule: nullIn,
                     example: "figures | select published, d = day(published) | take 3"),
        FunctionInfo(name: "date", kind: .scalar(.date),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.date)), Signature([.exactly(.date)], result: .fixed(.date))],
                     summary: "the date written as YYYY-MM-DD (an invalid date is an error)", nullRule: nullIn,
                     example: "date(\"2023-03-06\")"),
        // Conditionals and conversions
        FunctionInfo(name: "if", kind: .scalar(.if),
                     signatures: [Signature([.exactly(.bool), .any, .any], result: .commonFrom(1))],
                     summary: "if(cond, a, b): a where cond is true, else b",
                     nullRule: "a null condition counts as false (gives b)",
                     example: "projects | select name, big = if(investment >= 100亿, \"大\", \"小\")"),
        FunctionInfo(name: "coalesce", kind: .scalar(.coalesce),
                     signatures: [Signature([.any, .any], variadic: true, result: .commonFrom(0))],
                     summary: "the first argument that is not null",
                     nullRule: "null only when every argument is null",
                     example: "projects | select name, inv = coalesce(investment, 0)"),
        FunctionInfo(name: "string", kind: .scalar(.string),
                     signatures: [Signature([.any], result: .fixed(.string))],
                     summary: "the value as text", nullRule: nullIn,
                     example: "projects | select s = string(start_year)"),
        FunctionInfo(name: "int", kind: .scalar(.int),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.int)), Signature([.numeric], result: .fixed(.int)),
                                  Signature([.exactly(.bool)], result: .fixed(.int))],
                     summary: "the value as int (floats truncate toward zero; text may use 万/亿; impossible conversions are errors)",
                     nullRule: nullIn,
                     example: "int(\"1.5亿\")"),
        FunctionInfo(name: "float", kind: .scalar(.float),
                     signatures: [Signature([.exactly(.string)], result: .fixed(.float)), Signature([.numeric], result: .fixed(.float)),
                                  Signature([.exactly(.bool)], result: .fixed(.float))],
                     summary: "the value as float (text may use 万/亿; impossible conversions are errors)",
                     nullRule: nullIn,
                     example: "float(\"13.5万\")"),
    ]

    /// The entry for a name (case-insensitive), if any.
    public static func lookup(_ name: String) -> FunctionInfo? {
        let lower = name.lowercased()
        return all.first { $0.name == lower }
    }

    public static var names: [String] { all.map(\.name) }
}
