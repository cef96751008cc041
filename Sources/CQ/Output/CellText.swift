// CellText: the text of one value in the formats people read (box, table,
// markdown, line, the bar chart and scalar results): `null` for null, bools
// as true/false, dates as YYYY-MM-DD, floats without noise, numbers in the
// chosen style, and control characters escaped so a row stays one line.
//
// Machine formats (csv, tsv, json) have their own rules in TextFormats;
// fitting text into columns is TableLayout's job.

/// Display text of values for people.
enum CellText {
    /// The text of a value in a table cell: control characters escaped.
    static func cell(_ value: Value, _ numbers: NumberStyle) -> String {
        if case .string(let s) = value { return escapeControls(s) }
        return plain(value, numbers)
    }

    /// The text of a value with strings as they are (scalar results).
    static func plain(_ value: Value, _ numbers: NumberStyle) -> String {
        switch value {
        case .null: return "null"
        case .int(let i): return int(i, numbers)
        case .float(let d): return float(d, numbers)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return DateMath.format(d)
        }
    }

    static func int(_ i: Int, _ numbers: NumberStyle) -> String {
        if numbers == .cn, i.magnitude >= 10_000 { return NumberFormat.cn(Double(i)) }
        return String(i)
    }

    static func float(_ d: Double, _ numbers: NumberStyle) -> String {
        numbers == .cn ? NumberFormat.cn(d) : NumberFormat.human(d)
    }

    /// `s` with newline, tab, carriage return shown as `\n`, `\t`, `\r` and other
    /// control characters as `\u{1B}` (cq's own string escapes), so a value stays on one line.
    static func escapeControls(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(u)
                }
            }
        }
        return String(out)
    }

    /// `text` padded with spaces to `width` display columns, on the right (left-aligned) or the left.
    static func pad(_ text: String, to width: Int, rightAligned: Bool) -> String {
        let fill = width - DisplayWidth.of(text)
        guard fill > 0 else { return text }
        let spaces = String(repeating: " ", count: fill)
        return rightAligned ? spaces + text : text + spaces
    }

    /// `… N more rows` (singular for one).
    static func moreRows(_ n: Int) -> String {
        "… \(NumberFormat.grouped(n)) more \(n == 1 ? "row" : "rows")"
    }
}
