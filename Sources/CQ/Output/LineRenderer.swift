// LineRenderer: `.mode line` — each row as `name = value` lines, names
// right-aligned to the widest name by display width, a blank line between
// rows (sqlite3's line mode). Good for wide rows. The row limit shows the
// first and last rows around an `… N more rows` line; with a known terminal
// width, text values are cut with `…` to fit it (numbers, dates and bools
// are always shown whole).

/// One `name = value` line per column, one block per row.
enum LineRenderer {
    static func render(_ table: Table, _ options: RenderOptions) -> String {
        let names = table.names.map { CellText.escapeControls($0) }
        let nameWidth = names.map(DisplayWidth.of).max() ?? 0
        let paddedNames = names.map { CellText.pad($0, to: nameWidth, rightAligned: true) }
        let valueWidth = options.width.map { max(TableLayout.narrowest, $0 - nameWidth - 3) } ?? Int.max
        let window = RowWindow(rowCount: table.rowCount, maxRows: options.maxRows)
        var blocks: [String] = []
        func block(_ row: Int) -> String {
            var lines = ""
            for (column, name) in zip(table.columns, paddedNames) {
                let text = CellText.cell(column.value(at: row), options.numbers)
                lines += name + " = " + (column.type == .string ? DisplayWidth.truncate(text, to: valueWidth) : text) + "\n"
            }
            return lines
        }
        blocks += window.head.map(block)
        if window.hidden > 0 { blocks.append(CellText.moreRows(window.hidden) + "\n") }
        blocks += window.tail.map(block)
        if blocks.isEmpty { return "(no rows)\n" }
        var out = blocks.joined(separator: "\n")
        if let footer = window.footer(rowCount: table.rowCount) { out += "\n" + footer + "\n" }
        return out
    }
}
