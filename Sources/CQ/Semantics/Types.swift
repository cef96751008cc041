// Types: the logical types of cq (what a user sees: int, float, string,
// bool, date, datetime, and the type of the `null` literal), the few physical
// storages they are kept in, and `Value`, one cell or scalar.
//
// A logical type says what values mean; a storage says how a column lays
// them out (a date is an int32 of days since 1970-01-01, see DateMath).
// Operators that only move values — gather, group, sort, join keys, append
// — switch on the storage, so a new logical type needs none of them
// changed. Everything else that differs per logical type (text, CSV
// inference, SQL names and literals, `+`/`-` rules) is its entry in
// TypeTraits.swift. The rules that combine types (int + float → float,
// comparability) live here so that the binder, the SQL emitter and `.help`
// state them once.

/// The type of a column or expression.
public enum DataType: String, CaseIterable, Sendable {
    case int, float, string, bool, date
    /// To the microsecond, no time zone.
    case datetime
    /// The type of the bare `null` literal, before context gives it a real type.
    case null

    public var isNumeric: Bool { self == .int || self == .float || self == .null }

    /// How columns of this type are stored.
    public var storage: Storage { traits.storage }

    /// The common type two operands or branches are widened to, if any
    /// (int and float → float; null takes the other side's type).
    public static func common(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if (a == .int && b == .float) || (a == .float && b == .int) { return .float }
        return nil
    }

    /// Whether values of the two types can be compared with `==`, `<`, …: types with a common type,
    /// and a date with a datetime (the date is its midnight, as in DuckDB).
    public static func comparable(_ a: DataType, _ b: DataType) -> Bool {
        common(a, b) != nil || (a.isTemporal && b.isTemporal)
    }

    /// Dates and datetimes.
    public var isTemporal: Bool { self == .date || self == .datetime }

    /// Whether values have an order (`min`, `max`, `sort` keys that `.help` lists as orderable).
    public var isOrderable: Bool { self != .bool && self != .null }
}

/// How a column's values are laid out; several logical types may share one.
public enum Storage: Sendable {
    /// `[Int]` (`ColumnData.int`).
    case int64
    /// `[Int32]` (`ColumnData.int32`).
    case int32
    /// `[Double]` (`ColumnData.float`).
    case float64
    /// `[Bool]` (`ColumnData.bool`).
    case bool
    /// Codes into a string dictionary (`ColumnData.string`).
    case string
    /// No values at all (`ColumnData.null`): the untyped `null`.
    case null
}

/// One value: a cell of a column, a literal, or a scalar binding.
public enum Value: Equatable, Hashable, Sendable {
    case null
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00.
    case datetime(Int)

    public var type: DataType {
        switch self {
        case .null: return .null
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        }
    }

    /// Equal as cq compares: strings by their Unicode scalars (UTF-8 bytes), never by Swift's canonical
    /// equivalence, so "e\u{301}" and "\u{E9}" are two values here as they are to `==`, grouping and DuckDB.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.bool(let x), .bool(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.datetime(let x), .datetime(let y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .int(let x): hasher.combine(1); hasher.combine(x)
        case .float(let x): hasher.combine(2); hasher.combine(x)
        case .string(let x):
            hasher.combine(3)
            for byte in x.utf8 { hasher.combine(byte) }
        case .bool(let x): hasher.combine(4); hasher.combine(x)
        case .date(let x): hasher.combine(5); hasher.combine(x)
        case .datetime(let x): hasher.combine(6); hasher.combine(x)
        }
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A value of `type` from its int64 storage.
    public init(int64 i: Int, as type: DataType) {
        self = type == .datetime ? .datetime(i) : .int(i)
    }

    /// A value of `type` from its int32 storage (date is the one type stored so).
    public init(int32 d: Int32, as type: DataType) {
        self = .date(d)
    }

    /// The value as int64 storage holds it (ints), nil for other storages.
    public var int64: Int? {
        switch self {
        case .int(let i), .datetime(let i): return i
        default: return nil
        }
    }

    /// The value as int32 storage holds it (dates), nil for other storages.
    public var int32: Int32? {
        switch self {
        case .date(let d): return d
        default: return nil
        }
    }

    /// A date or datetime as microseconds since the epoch (a date is its midnight); nil for other values.
    public var micros: Int? {
        switch self {
        case .date(let d): return DateMath.micros(days: d)
        case .datetime(let t): return t
        default: return nil
        }
    }

    /// The value as a Double, for numeric values.
    public var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }
}
