// Types: the logical types of cq (what a user sees: int, float, string,
// bool, date, and the type of the `null` literal), the few physical
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

    /// Whether values of the two types can be compared with `==`, `<`, ….
    public static func comparable(_ a: DataType, _ b: DataType) -> Bool {
        common(a, b) != nil
    }
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

    public var type: DataType {
        switch self {
        case .null: return .null
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .bool: return .bool
        case .date: return .date
        }
    }

    public var isNull: Bool { self == .null }

    /// A value of `type` from its int64 storage.
    public init(int64 i: Int, as type: DataType) {
        self = .int(i)
    }

    /// A value of `type` from its int32 storage.
    public init(int32 d: Int32, as type: DataType) {
        self = .date(d)
    }

    /// The value as int64 storage holds it (ints), nil for other storages.
    public var int64: Int? {
        switch self {
        case .int(let i): return i
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

    /// The value as a Double, for numeric values.
    public var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }
}

/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian),
/// after Howard Hinnant's `days_from_civil` / `civil_from_days`.
public enum DateMath {
    /// Days since 1970-01-01 for a valid calendar date, or nil (Feb 30, month 13, year outside 1...9999).
    public static func days(year: Int, month: Int, day: Int) -> Int32? {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146097 + doe - 719468)
    }

    /// Year, month and day of a day number.
    public static func civil(_ days: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public static func format(_ days: Int32) -> String {
        let (y, m, d) = civil(days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits) into a valid date, or nil.
    public static func parse<C: Collection>(_ bytes: C) -> Int32? where C.Element == UInt8 {
        guard bytes.count == 10 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(8)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 7 {
                if b != UInt8(ascii: "-") { return nil }
            } else {
                guard b >= 48 && b <= 57 else { return nil }
                digits.append(Int(b) - 48)
            }
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        return days(year: year, month: month, day: day)
    }

    public static func parse(_ text: String) -> Int32? { parse(Array(text.utf8)) }
}
