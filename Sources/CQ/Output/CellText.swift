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

    /// The text of a scalar result: strings keep their line breaks and tabs (a scalar is not in a
    /// grid), every other control character is escaped as in a cell.
    static func scalar(_ value: Value, _ numbers: NumberStyle) -> String {
        if case .string(let s) = value { return escapeControls(s, keepingLineBreaks: true) }
        return plain(value, numbers)
    }

    /// The text of a value with strings as they are (machine formats' scalars).
    static func plain(_ value: Value, _ numbers: NumberStyle) -> String {
        switch value {
        case .int(let i): return int(i, numbers)
        case .float(let d): return float(d, numbers)
        default: return value.text ?? "null"
        }
    }

    static func int(_ i: Int, _ numbers: NumberStyle) -> String {
        if numbers == .cn, i.magnitude >= 10_000 { return NumberFormat.cn(Double(i)) }
        return String(i)
    }

    static func float(_ d: Double, _ numbers: NumberStyle) -> String {
        numbers == .cn ? NumberFormat.cn(d) : NumberFormat.human(d)
    }

    /// `s` with newline, tab, carriage return shown as `\n`, `\t`, `\r` and every other character that
    /// could move the cursor or change how the terminal draws what follows shown as `\u{1B}` (cq's own
    /// string escapes): C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional
    /// embeddings, overrides and isolates. So a value stays on one line and cannot inject escapes.
    /// With `keepingLineBreaks`, newline and tab are left as they are.
    static func escapeControls(_ s: String, keepingLineBreaks: Bool = false) -> String {
        // Every such character is below 0x20, DEL, or starts with the UTF-8 lead byte 0xC2 or 0xE2.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "\n" where keepingLineBreaks, "\t" where keepingLineBreaks: out.append(u)
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            default:
                if isUnsafe(u.value) {
                    out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(u)
                }
            }
        }
        return String(out)
    }

    /// Characters a terminal acts on instead of drawing (or that reorder what follows).
    static func isUnsafe(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x20, 0x7F...0x9F, 0x2028...0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
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
