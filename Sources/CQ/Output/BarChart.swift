// BarChart: `chart bar LABEL, VALUE` — one line per row: the label (padded
// by display width, cut with `…` beyond a third of the width), a bar of full
// blocks `█` plus one eighth block (`▏▎▍▌▋▊▉`) for the remainder, then the
// value in the chosen number style. The largest |value| fills the space the
// label and value columns leave within the width (80 when unknown). When any
// value is negative a zero axis `│` is drawn and negative bars (full blocks)
// grow to its left. Nulls and non-finite values get no bar. The binder
// guarantees a numeric value column.

/// Horizontal bar charts in text.
public enum BarChart {
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart of a (label, value) table, ending with a newline.
    public static func render(_ table: Table, _ options: RenderOptions) -> String {
        guard table.columns.count >= 2 else { return "(bar chart needs a label and a value column)\n" }
        guard table.rowCount > 0 else { return "(no rows)\n" }
        let width = options.width ?? 80
        let rows = 0..<table.rowCount
        let labelCap = max(4, width / 3)
        let labels = rows.map {
            DisplayWidth.truncate(CellText.cell(table.columns[0].value(at: $0), options.numbers), to: labelCap)
        }
        let values = rows.map { table.columns[1].value(at: $0) }
        let texts = values.map { CellText.cell($0, options.numbers) }
        let numbers = values.map { $0.asDouble.flatMap { $0.isFinite ? $0 : nil } }
        let labelWidth = labels.map(DisplayWidth.of).max() ?? 0
        let valueWidth = texts.map(DisplayWidth.of).max() ?? 0
        let maxPositive = numbers.compactMap { $0 }.reduce(0.0) { max($0, $1) }
        let maxNegative = numbers.compactMap { $0 }.reduce(0.0) { max($0, -$1) }
        let hasAxis = maxNegative > 0
        let area = max(1, width - labelWidth - valueWidth - 2 - (hasAxis ? 1 : 0))
        let range = maxPositive + maxNegative
        // The columns a magnitude takes: its share of the range (at most 1), times the area — never
        // `area / range` first, which is infinite when the range is tiny (5e-324) and traps in Int().
        func columns(_ magnitude: Double) -> Double {
            range > 0 && range.isFinite ? magnitude / range * Double(area) : 0
        }
        let negativeWidth = hasAxis ? min(area, Int(columns(maxNegative).rounded(.up))) : 0

        var out = ""
        for row in rows {
            out += CellText.pad(labels[row], to: labelWidth, rightAligned: false) + " "
            let v = numbers[row] ?? 0
            if hasAxis {
                let blocks = v < 0 ? min(negativeWidth, Int(columns(-v).rounded())) : 0
                out += String(repeating: " ", count: negativeWidth - blocks) + String(repeating: "█", count: blocks) + "│"
            }
            let units = v > 0 ? min((area - negativeWidth) * 8, Int((columns(v) * 8).rounded())) : 0
            out += String(repeating: "█", count: units / 8) + eighths[units % 8]
            out += " " + texts[row] + "\n"
        }
        return out
    }
}
