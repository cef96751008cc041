// TypeTraits: one entry per logical type holding what differs between
// types beyond their storage — the text of a value (CSV, JSON, `string()`
// and, for every type but the numbers, what people read), how `.import`
// reads a cell of it, its SQL type name and literal in each dialect, and
// which `+`/`-` combinations it takes part in.
//
// Adding a type means adding its entry here (and its `Value` case); the
// binder, the SQL writer, the CSV reader and the renderers ask the entry.
// Number styles (万/亿, grouping) stay in Output; how each SQL form is
// spelled around an operator stays in SQLExpressions, which picks it by the
// rule's `form`; the calendar is DateMath's.

/// How `+` or `-` combines two types other than two numbers: the result type, and what is computed.
struct ArithmeticRule {
    /// What the operator computes (the evaluator and the SQL writer choose their code by it).
    enum Form {
        /// string + string.
        case concatenate
        /// date ± int (days), int + date.
        case shiftDays
        /// date − date, in days.
        case daysBetween
        /// datetime − datetime, in seconds (a float).
        case secondsBetween
    }

    let op: BinaryOp
    let left: DataType
    let right: DataType
    let result: DataType
    let form: Form

    /// Whether the rule applies to `a op b`; an untyped `null` operand fits either side.
    func matches(_ op: BinaryOp, _ a: DataType, _ b: DataType) -> Bool {
        op == self.op && (a == left || a == .null) && (b == right || b == .null)
    }
}

/// How `.import` reads a cell of a type straight into its storage (nil: the cell is not of the type).
enum CellParser {
    case int64((UnsafeBufferPointer<UInt8>) -> Int?)
    case int32((UnsafeBufferPointer<UInt8>) -> Int32?)
    case float64((UnsafeBufferPointer<UInt8>) -> Double?)
    case bool((UnsafeBufferPointer<UInt8>) -> Bool?)
    /// Any bytes (checked to be UTF-8 by the builder).
    case string

    /// Whether a non-empty cell is of the type.
    func accepts(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .int64(let parse): return parse(b) != nil
        case .int32(let parse): return parse(b) != nil
        case .float64(let parse): return parse(b) != nil
        case .bool(let parse): return parse(b) != nil
        case .string: return true
        }
    }
}

/// Everything about one logical type that is not its storage.
struct TypeTraits {
    let storage: Storage
    /// The text of a non-null value: `string(x)`, machine formats (CSV, JSON) unless `isoText` says
    /// otherwise, and people's formats for every type but int and float (which Output styles).
    let text: (Value) -> String
    /// The text in CSV and JSON when it differs from `text` (ISO 8601's `T` in a datetime).
    var isoText: ((Value) -> String)? = nil
    /// Whether JSON writes the text as a string.
    let quotedInJSON: Bool
    /// How `.import` and typed TSV headers read a cell.
    let cell: CellParser
    /// The SQL type name in a dialect (in CASTs).
    let sqlName: (SQLDialect) -> String
    /// A non-null value as an SQL literal.
    let sqlLiteral: (Value, SQLDialect) -> String
    /// `+`/`-` combinations with this type on either side (numbers with numbers are DataType.additiveResult's).
    let arithmetic: [ArithmeticRule]
    /// A literal of the type, for hints, when one looks like a string to a newcomer (dates).
    var literalExample: String? = nil
}

extension TypeTraits {
    static let int = TypeTraits(
        storage: .int64, text: { $0.int64.map { String($0) } ?? "" }, quotedInJSON: false,
        cell: .int64(CSVCells.intValue), sqlName: { $0 == .mysql ? "SIGNED" : "BIGINT" },
        sqlLiteral: { v, _ in v.int64.map { String($0) } ?? "NULL" }, arithmetic: [])

    static let float = TypeTraits(
        storage: .float64, text: { $0.asDouble.map(NumberText.format) ?? "" }, quotedInJSON: false,
        cell: .float64(CSVCells.floatValue),
        sqlName: { $0 == .sqlite ? "REAL" : $0 == .duckdb || $0 == .mysql ? "DOUBLE" : "DOUBLE PRECISION" },
        sqlLiteral: { v, _ in
            guard let d = v.asDouble else { return "NULL" }
            let text = d.description
            // SQL reads `1` as an integer: a whole float keeps its `.0`.
            return text.contains(where: { ".eni".contains($0) }) ? text : text + ".0"
        }, arithmetic: [])

    static let string = TypeTraits(
        storage: .string, text: { if case .string(let s) = $0 { return s } else { return "" } }, quotedInJSON: true,
        cell: .string, sqlName: { $0 == .mysql ? "CHAR" : "TEXT" },
        sqlLiteral: { v, dialect in if case .string(let s) = v { return dialect.stringLiteral(s) } else { return "NULL" } },
        arithmetic: [ArithmeticRule(op: .add, left: .string, right: .string, result: .string, form: .concatenate)])

    static let bool = TypeTraits(
        storage: .bool, text: { $0 == .bool(true) ? "true" : "false" }, quotedInJSON: false,
        cell: .bool(CSVCells.bool), sqlName: { $0 == .mysql ? "SIGNED" : "BOOLEAN" },
        sqlLiteral: { v, _ in v == .bool(true) ? "TRUE" : "FALSE" }, arithmetic: [])

    static let date = TypeTraits(
        storage: .int32, text: { $0.int32.map(DateMath.format) ?? "" }, quotedInJSON: true,
        cell: .int32 { DateMath.parse($0) },
        // SQLite keeps dates as 'YYYY-MM-DD' text and compares them as strings.
        sqlName: { $0 == .sqlite ? "TEXT" : "DATE" },
        sqlLiteral: { v, dialect in
            let text = "'\(v.int32.map(DateMath.format) ?? "")'"
            // Portable SQL writes a string, which DuckDB and PostgreSQL read as a date where one is expected.
            return dialect == .duckdb || dialect == .postgres || dialect == .mysql ? "DATE \(text)" : text
        },
        arithmetic: [ArithmeticRule(op: .add, left: .date, right: .int, result: .date, form: .shiftDays),
                     ArithmeticRule(op: .add, left: .int, right: .date, result: .date, form: .shiftDays),
                     ArithmeticRule(op: .sub, left: .date, right: .int, result: .date, form: .shiftDays),
                     ArithmeticRule(op: .sub, left: .date, right: .date, result: .int, form: .daysBetween)],
        literalExample: "@2023-03-06")

    static let datetime = TypeTraits(
        storage: .int64, text: { $0.int64.map { DateMath.format(micros: $0) } ?? "" },
        isoText: { $0.int64.map { DateMath.format(micros: $0, separator: "T") } ?? "" }, quotedInJSON: true,
        cell: .int64 { DateMath.parseDateTime($0, dateOnly: true) },
        // SQLite keeps datetimes as 'YYYY-MM-DD HH:MM:SS[.ffffff]' text, the form its date functions read.
        sqlName: { $0 == .sqlite ? "TEXT" : $0 == .mysql ? "DATETIME(6)" : "TIMESTAMP" },
        sqlLiteral: { v, dialect in
            let text = "'\(v.int64.map { DateMath.format(micros: $0) } ?? "")'"
            return dialect == .duckdb || dialect == .postgres || dialect == .mysql ? "TIMESTAMP \(text)" : text
        },
        arithmetic: [ArithmeticRule(op: .sub, left: .datetime, right: .datetime, result: .float, form: .secondsBetween)],
        literalExample: "@2023-03-06T05:30")

    /// The untyped `null` literal: never stored in a typed column, never read from a file.
    static let null = TypeTraits(
        storage: .null, text: { _ in "" }, quotedInJSON: false, cell: .string, sqlName: { $0 == .mysql ? "CHAR" : "TEXT" },
        sqlLiteral: { _, _ in "NULL" }, arithmetic: [])
}

extension DataType {
    /// This type's entry.
    var traits: TypeTraits {
        switch self {
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .null: return .null
        }
    }

    /// The types `.import` may infer besides numbers (which CSVCells classifies itself) and strings,
    /// tried in this order.
    static let inferredFromCells: [DataType] = [.date, .datetime, .bool]

    /// The rule `a op b` follows when it is not arithmetic on two numbers (nil: no such rule).
    static func arithmeticRule(_ op: BinaryOp, _ a: DataType, _ b: DataType) -> ArithmeticRule? {
        for t in [a, b] {
            if let rule = t.traits.arithmetic.first(where: { $0.matches(op, a, b) }) { return rule }
        }
        return nil
    }

    /// The type of `a + b` or `a - b`, nil when the operator does not apply.
    static func additiveResult(_ op: BinaryOp, _ a: DataType, _ b: DataType) -> DataType? {
        if a.isNumeric && b.isNumeric { return common(a, b) == .float ? .float : .int }
        return arithmeticRule(op, a, b)?.result
    }
}

extension Value {
    /// The value's text (`nil` for null): see `TypeTraits.text`.
    var text: String? { isNull ? nil : type.traits.text(self) }

    /// The value's text in CSV and JSON (`nil` for null): see `TypeTraits.isoText`.
    var isoText: String? {
        if isNull { return nil }
        let traits = type.traits
        return (traits.isoText ?? traits.text)(self)
    }
}
