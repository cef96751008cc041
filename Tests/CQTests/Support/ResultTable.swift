// ResultTable: a query result read back from text — cq's csv output,
// sqlite3's (or DuckDB's) quote mode, PostgreSQL's COPY csv — or taken from a
// cq table directly, as a header and rows of cells that keep null apart
// from the empty string, and the cell-by-cell comparison of two results
// (numbers to a relative 1e-9; row order only when the query orders totally,
// otherwise as multisets). Producing the text is left to the callers.

import Foundation
@testable import CQ

/// One result cell. Bools are numbers (SQLite's comparisons give 1 and 0).
enum ResultCell: Equatable, CustomStringConvertible {
    case null
    /// A number and its text as printed.
    case number(Double, String)
    case text(String)

    /// A text; a date and time in any ISO 8601 form (`T` or space, fraction trimmed or not) is
    /// written as cq writes it, so the engines' spellings of one instant compare (and sort) equal.
    static func canonical(_ text: String) -> ResultCell {
        .text(DateMath.parseDateTime(text).map { DateMath.format(micros: $0) } ?? text)
    }

    /// A bare field that reads as a number, or nil.
    static func number(_ text: String) -> ResultCell? {
        Double(text).map { .number($0, text) }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .number(_, let text): return text
        case .text(let s): return "'\(s)'"
        }
    }

    /// Equal: numbers to a relative 1e-9; a number and a text equal when the number was printed as
    /// exactly that text (cq's csv does not quote `string(3)`, so it reads back as a number).
    func matches(_ other: ResultCell) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.text(let a), .text(let b)): return a == b
        case (.number(let a, _), .number(let b, _)): return Self.close(a, b)
        case (.number(_, let a), .text(let b)), (.text(let b), .number(_, let a)): return a == b
        default: return false
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    /// An order on cells for sorting rows before a multiset comparison: null, numbers, texts.
    static func precedes(_ a: ResultCell, _ b: ResultCell) -> Bool {
        switch (a, b) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        case (.number(let x, _), .number(let y, _)): return x < y
        case (.number, .text): return true
        case (.text, .number): return false
        case (.text(let x), .text(let y)): return x < y
        }
    }
}

/// A result: column names and rows.
struct ResultTable {
    var header: [String]
    var rows: [[ResultCell]]

    /// Reads cq's csv output: an unquoted empty field is null, `""` the empty string,
    /// `true`/`false` are 1/0, an unquoted field that reads as a number is a number.
    static func cqCSV(_ text: String) -> ResultTable {
        var records = Self.records(text, quote: "\"")
        if let last = records.last, last.count == 1, last[0].text.isEmpty, !last[0].quoted { records.removeLast() }
        guard let first = records.first else { return ResultTable(header: [], rows: []) }
        let header = first.map(\.text)
        let rows = records.dropFirst().map { record in
            record.map { field -> ResultCell in
                if field.quoted { return .canonical(field.text) }
                switch field.text {
                case "": return .null
                case "true": return .number(1, "1")
                case "false": return .number(0, "0")
                default: return ResultCell.number(field.text) ?? .canonical(field.text)
                }
            }
        }
        return ResultTable(header: header, rows: rows)
    }

    /// A cq table as cells (bools as 1/0, dates as their text).
    static func cq(_ table: Table) -> ResultTable {
        let rows = (0..<table.rowCount).map { row in
            table.columns.indices.map { column -> ResultCell in
                switch table.value(row: row, column: column) {
                case .null: return .null
                case .int(let i): return .number(Double(i), String(i))
                case .float(let d): return .number(d, d.description)
                case .string(let s): return .canonical(s)
                case .bool(let b): return b ? .number(1, "1") : .number(0, "0")
                case .date(let d): return .text(DateMath.format(d))
                case .datetime(let t): return .text(DateMath.format(micros: t))
                }
            }
        }
        return ResultTable(header: table.names, rows: rows)
    }

    /// Reads PostgreSQL's `COPY … TO STDOUT (FORMAT csv, HEADER, NULL '\N')`: an unquoted `\N` is null,
    /// other fields are read by the column's cq type (bools are t/f).
    static func postgresCSV(_ text: String, types: [DataType]) -> ResultTable {
        // An empty line is a row whose one column is the empty string: only the final newline is dropped.
        var records = Self.records(text, quote: "\"")
        if let last = records.last, last.count == 1, last[0].text.isEmpty, !last[0].quoted { records.removeLast() }
        guard let first = records.first else { return ResultTable(header: [], rows: []) }
        let header = first.map(\.text)
        let rows = records.dropFirst().map { record in
            record.enumerated().map { i, field -> ResultCell in
                if !field.quoted && field.text == "\\N" { return .null }
                switch i < types.count ? types[i] : .string {
                case .bool: return field.text == "t" ? .number(1, "1") : .number(0, "0")
                case .int, .float: return ResultCell.number(field.text) ?? .canonical(field.text)
                case .string, .date, .datetime, .null: return .canonical(field.text)
                }
            }
        }
        return ResultTable(header: header, rows: rows)
    }

    /// Reads sqlite3's `.mode quote` output with `.headers on`: strings in `'…'`, NULL, bare numbers.
    /// SQLite prints no header for an empty result; the header is then empty.
    static func sqliteQuote(_ text: String) -> ResultTable {
        let records = Self.records(text, quote: "'").filter { $0.count > 1 || !$0[0].text.isEmpty || $0[0].quoted }
        guard let first = records.first else { return ResultTable(header: [], rows: []) }
        let header = first.map(\.text)
        let rows = records.dropFirst().map { record in
            record.map { field -> ResultCell in
                if field.quoted { return .canonical(field.text) }
                if field.text == "NULL" { return .null }
                // DuckDB's shell writes bools as bare true/false (SQLite has none).
                if field.text == "true" { return .number(1, "1") }
                if field.text == "false" { return .number(0, "0") }
                return ResultCell.number(field.text) ?? .canonical(field.text)
            }
        }
        return ResultTable(header: header, rows: rows)
    }

    /// The records of `text`: comma-separated fields, one record a line, where `quote` opens a
    /// quoted field (doubled inside it) that may hold commas and line breaks. Walks scalars, not
    /// Characters: a field may start with a combining mark, which as a Character would swallow
    /// the comma or quote before it.
    private static func records(_ text: String, quote: Unicode.Scalar) -> [[(text: String, quoted: Bool)]] {
        var records: [[(text: String, quoted: Bool)]] = []
        var record: [(text: String, quoted: Bool)] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        var chars = Array(text.unicodeScalars)[...]
        func endField() {
            record.append((current, quoted))
            current = ""
            quoted = false
        }
        while let c = chars.popFirst() {
            if inQuotes {
                if c == quote, chars.first == quote {
                    current.unicodeScalars.append(c)
                    chars.removeFirst()
                } else if c == quote {
                    inQuotes = false
                } else {
                    current.unicodeScalars.append(c)
                }
            } else if c == quote {
                inQuotes = true
                quoted = true
            } else if c == "," {
                endField()
            } else if c == "\n" {
                endField()
                records.append(record)
                record = []
            } else {
                current.unicodeScalars.append(c)
            }
        }
        endField()
        records.append(record)
        return records
    }

    /// nil when `self` (cq) and `expected` (SQLite) agree, else what differs.
    /// SQLite's header is checked only when it printed one (it prints none for no rows).
    func difference(from expected: ResultTable, ordered: Bool, engine: String = "SQLite") -> String? {
        if !expected.header.isEmpty, header != expected.header {
            return "header \(header) vs \(engine) \(expected.header)"
        }
        if rows.count != expected.rows.count {
            return "\(rows.count) rows vs \(engine) \(expected.rows.count)"
        }
        let mine = ordered ? rows : Self.sorted(rows)
        let theirs = ordered ? expected.rows : Self.sorted(expected.rows)
        for (n, (a, b)) in zip(mine, theirs).enumerated() {
            guard a.count == b.count, zip(a, b).allSatisfy({ $0.matches($1) }) else {
                return "row \(n + 1): \(a) vs \(engine) \(b)"
            }
        }
        return nil
    }

    private static func sorted(_ rows: [[ResultCell]]) -> [[ResultCell]] {
        rows.sorted { a, b in
            for (x, y) in zip(a, b) {
                if ResultCell.precedes(x, y) { return true }
                if ResultCell.precedes(y, x) { return false }
            }
            return a.count < b.count
        }
    }
}
