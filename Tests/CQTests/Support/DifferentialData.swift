// DifferentialData: the tables the differential test (DifferentialTests)
// runs on, generated from a fixed seed so every run sees the same rows. They
// are made to be awkward: nulls in every column but the row key, ties,
// negative numbers, a float column whose cells are written as integers,
// decimals and exponents, decimal halves for round, Chinese text, empty strings next to nulls, `%` and
// `_` inside strings, duplicate and null join keys, and an empty table.
//
// Each table is written twice: as cq reads CSV (an empty field is null, `""`
// is an empty string) and as sqlite3's `.import` reads it. `.import` turns
// both an empty field and `""` into '', so the SQLite copy writes null as
// `\N` and the setup script turns `\N` back into NULL in every column. Running
// the engines and comparing results is left to SQLiteShell and ResultTable.

import Foundation

/// One generated cell.
enum DataCell {
    case null
    /// A number or date, written as this text in both files (so `3`, `2.25` and `1e3` can share a float column).
    case literal(String)
    /// A bool: `true`/`false` for cq, 1/0 for SQLite (which has no bool type).
    case bool(Bool)
    case text(String)
}

/// A generated table: column names with their SQLite types, and rows.
struct DataTable {
    var name: String
    var columns: [(name: String, sqlType: String)]
    var rows: [[DataCell]]

    /// The table as cq reads CSV.
    var cqCSV: String {
        csv { cell in
            switch cell {
            case .null: return ""
            case .literal(let s): return s
            case .bool(let b): return b ? "true" : "false"
            case .text(let s): return s.isEmpty ? "\"\"" : Self.quoted(s)
            }
        }
    }

    /// The table as sqlite3's `.import --csv` reads it, null written as `\N`.
    var sqliteCSV: String {
        csv { cell in
            switch cell {
            case .null: return "\\N"
            case .literal(let s): return s
            case .bool(let b): return b ? "1" : "0"
            case .text(let s): return s.isEmpty ? "\"\"" : Self.quoted(s)
            }
        }
    }

    /// sqlite3 shell lines that create the table from `path` (its `sqliteCSV`) and restore its nulls.
    func sqliteSetup(path: String) -> [String] {
        Self.sqliteSetup(name: name, columns: columns.map { ($0.name, $0.sqlType) }, path: path)
    }

    /// sqlite3 shell lines that create table `name` with typed `columns`, import `path` (a CSV with a
    /// header and null written as `\N`) and restore its nulls. Names are written as given (quoted or not).
    static func sqliteSetup(name: String, columns: [(String, String)], path: String) -> [String] {
        let typed = columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        let nulls = columns.map { "\($0.0) = NULLIF(\($0.0), '\\N')" }.joined(separator: ", ")
        var lines = ["CREATE TABLE \(name)(\(typed));", ".import --csv --skip 1 \"\(path)\" \(name)"]
        if !columns.isEmpty { lines.append("UPDATE \(name) SET \(nulls);") }
        return lines
    }

    private func csv(_ field: (DataCell) -> String) -> String {
        var out = columns.map(\.name).joined(separator: ",") + "\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }

    /// `s` quoted when it holds a comma or a quote, quotes doubled (RFC 4180).
    private static func quoted(_ s: String) -> String {
        guard s.contains(",") || s.contains("\"") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A small deterministic generator (SplitMix64), so the tables never change between runs.
struct SeededGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One of `choices`, uniformly.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(next() % UInt64(choices.count))]
    }
}

enum DifferentialData {
    /// `t` (the main table), `u` (the right side of joins), `e` (empty), and `big` with `dim`
    /// (enough rows for many groups, heap top-N and large joins).
    static func tables() -> [DataTable] {
        var rng = SeededGenerator(seed: 20_231_106)
        return [main(&rng), joinSide(&rng), empty, big(&rng), dimension(&rng)]
    }

    /// Text cells: Chinese, mixed ASCII case, `%` and `_`, a comma, a quote, padding, empty and null,
    /// and é composed and decomposed (different strings, byte for byte, as in SQLite).
    static let strings: [DataCell] = ["Abc", "abc", "ABC", "a%b", "a_b", "50%_off", "100%", "", "  pad  ",
                                      "重庆科学城", "科学", "x,y", "q\"uote", "Zeta", "\u{E9}t\u{E9}",
                                      "e\u{301}t\u{E9}"].map(DataCell.text) + [.null]

    private static func texts(_ values: [String]) -> [DataCell] { values.map(DataCell.text) + [.null] }
    private static func literals(_ values: [String]) -> [DataCell] { values.map(DataCell.literal) + [.null] }

    static func main(_ rng: inout SeededGenerator) -> DataTable {
        let g = texts(["a", "b", "重庆", "科学城", ""])
        let h = texts(["x", "y", "Y"])
        let i = literals((-6...6).map(String.init))
        let j = literals(["-3", "-2", "-1", "1", "2", "3", "7"])  // never 0: a divisor
        let f = literals(["3", "-2", "0", "2.25", "-0.75", "1e3", "0.5", "-4.5", "12.25"])
        let d = literals(["2021-07-15", "2022-12-31", "2023-01-01", "2023-01-05", "2023-06-30", "2024-02-29"])
        let b: [DataCell] = [.bool(true), .bool(false), .null]
        let k = literals((1...6).map(String.init))
        // Decimal halves whose double lies just below or above the half (1.005 is 1.00499999…).
        let r = literals(["1.005", "2.675", "0.285", "-1.015", "0.125", "-2.5", "1234.5678", "0.5", "-0.45", "5.015"])
        let rows = (1...60).map { id -> [DataCell] in
            [.literal(String(id)), rng.pick(g), rng.pick(h), rng.pick(i), rng.pick(j), rng.pick(f),
             rng.pick(strings), rng.pick(d), rng.pick(b), rng.pick(k), rng.pick(r)]
        }
        return DataTable(name: "t", columns: [("id", "INTEGER"), ("g", "TEXT"), ("h", "TEXT"), ("i", "INTEGER"),
                                              ("j", "INTEGER"), ("f", "REAL"), ("s", "TEXT"), ("d", "TEXT"),
                                              ("b", "INTEGER"), ("k", "INTEGER"), ("r", "REAL")],
                         rows: rows)
    }

    /// Join keys 1…8 with duplicates and nulls; 4 and 6 of `t.k` find no partner, 7 and 8 have none in `t`.
    static func joinSide(_ rng: inout SeededGenerator) -> DataTable {
        let keys: [DataCell] = ["1", "1", "2", "3", "3", "3", "5", "7", "8", "2"].map(DataCell.literal) + [.null, .null]
        let v = texts(["p", "q", "重", ""])
        let w = literals(["1.5", "-2", "0.25", "10"])
        let rows = keys.map { [$0, rng.pick(v), rng.pick(w)] }
        return DataTable(name: "u", columns: [("k", "INTEGER"), ("v", "TEXT"), ("w", "REAL")], rows: rows)
    }

    /// 3000 rows: 150 groups (ASCII and Chinese, '' and null), many ties, join keys 1…300.
    static func big(_ rng: inout SeededGenerator) -> DataTable {
        let groups = texts((0..<100).map { "g\($0)" } + (0..<48).map { "重庆\($0)" } + [""])
        let n = literals((-1000...1000).map(String.init))
        let x = literals((-40...40).map { String(Double($0) * 12.25) })
        let key = literals((1...300).map(String.init))
        let names = texts((0..<500).map { "n\($0 % 7 == 0 ? "_" : "")\($0)" })
        let rows = (1...3000).map { id -> [DataCell] in
            [.literal(String(id)), rng.pick(groups), rng.pick(n), rng.pick(x), rng.pick(key), rng.pick(names)]
        }
        return DataTable(name: "big", columns: [("id", "INTEGER"), ("grp", "TEXT"), ("n", "INTEGER"), ("x", "REAL"),
                                                ("key", "INTEGER"), ("name", "TEXT")],
                         rows: rows)
    }

    /// Keys 1…350 for `big`: about a third twice, a few null.
    static func dimension(_ rng: inout SeededGenerator) -> DataTable {
        let keys = (1...350).flatMap { k -> [DataCell] in
            let key = DataCell.literal(String(k))
            return k % 3 == 0 ? [key, key] : k % 50 == 0 ? [.null] : [key]
        }
        let labels = texts(["甲", "乙", "丙", "丁", "east", "west", ""])
        return DataTable(name: "dim", columns: [("key", "INTEGER"), ("label", "TEXT")],
                         rows: keys.map { [$0, rng.pick(labels)] })
    }

    /// A header and no rows (cq infers string columns for it).
    static let empty = DataTable(name: "e", columns: [("id", "TEXT"), ("x", "TEXT")], rows: [])
}
