// TextFormats: the formats programs read — csv, tsv, json and jsonl. They
// always write every row and plain numbers (no 万/亿, no row limit, no cuts);
// floats are the shortest text that reads back to the same Double
// (NumberText.format).
//
// - csv: RFC 4180. Header line first; a field containing `,` `"` CR or LF is
//   quoted with `"` doubled; null is an empty field and an empty string is
//   `""`, so the two stay apart when the file is read back (CSVReader).
// - tsv: tab-separated; tab, newline and carriage return in values written
//   as `\t`, `\n`, `\r`; null is an empty field.
// - json: one array, one object per line (`[{"a":1},\n{"a":2}]`, `[]` when
//   empty); jsonl: one object per line. Keys in column order; null and
//   non-finite floats are `null`; dates are "YYYY-MM-DD" strings.

/// csv, tsv, json and jsonl output.
enum TextFormats {
    static func csv(_ table: Table) -> String {
        delimited(table, separator: ",", header: csvField, field: { value in
            if case .string(let s) = value { return s.isEmpty ? "\"\"" : csvField(s) }
            return scalarText(value)
        })
    }

    static func tsv(_ table: Table) -> String {
        delimited(table, separator: "\t", header: tsvField, field: { value in
            if case .string(let s) = value { return tsvField(s) }
            return scalarText(value)
        })
    }

    static func json(_ table: Table) -> String {
        if table.rowCount == 0 { return "[]\n" }
        let keys = table.names.map { JSONText.quote($0) + ":" }
        return "[" + (0..<table.rowCount).map { jsonObject(table, keys, row: $0) }.joined(separator: ",\n") + "]\n"
    }

    static func jsonl(_ table: Table) -> String {
        let keys = table.names.map { JSONText.quote($0) + ":" }
        var out = ""
        for row in 0..<table.rowCount { out += jsonObject(table, keys, row: row) + "\n" }
        return out
    }

    /// A header line and one line per row, fields joined by `separator`.
    private static func delimited(_ table: Table, separator: String, header: (String) -> String,
                                  field: (Value) -> String) -> String {
        var out = table.names.map(header).joined(separator: separator) + "\n"
        for row in 0..<table.rowCount {
            out += table.columns.map { field($0.value(at: row)) }.joined(separator: separator)
            out += "\n"
        }
        return out
    }

    /// Text of a non-string value in csv and tsv (null is an empty field).
    private static func scalarText(_ value: Value) -> String {
        value.isoText ?? ""
    }

    /// `s` quoted when it holds a comma, a quote, CR or LF (quotes doubled).
    static func csvField(_ s: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        guard s.utf8.contains(where: special.contains) else { return s }
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\"" { out += "\"" }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }

    /// `s` with tab, newline and carriage return escaped.
    static func tsvField(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private static func jsonObject(_ table: Table, _ keys: [String], row: Int) -> String {
        var out = "{"
        for (i, column) in table.columns.enumerated() {
            if i > 0 { out += "," }
            out += keys[i] + jsonValue(column.value(at: row))
        }
        return out + "}"
    }

    private static func jsonValue(_ value: Value) -> String {
        guard let text = value.isoText else { return "null" }
        if case .float(let d) = value, !d.isFinite { return "null" }
        return value.type.traits.quotedInJSON ? JSONText.quote(text) : text
    }
}
