// Renderer: the one entry point the shell calls to turn a result into text —
// a table in the chosen output mode, or a scalar on one line. It picks the
// renderer for the mode; each format's rules live in its own file
// (BoxRenderer, MarkdownRenderer, LineRenderer, TextFormats, BarChart).

/// Tables and scalars as text.
public enum Renderer {
    /// The whole table as text in the chosen mode, ending with a newline.
    public static func render(_ table: Table, _ options: RenderOptions) -> String {
        if options.mode.isForPeople && table.columns.isEmpty {
            let rows = table.rowCount == 1 ? "row" : "rows"
            return "(no columns, \(NumberFormat.grouped(table.rowCount)) \(rows))\n"
        }
        switch options.mode {
        case .box: return BoxRenderer.render(TableLayout(table, options, escape: { $0 }), .unicode)
        case .table: return BoxRenderer.render(TableLayout(table, options, escape: { $0 }), .ascii)
        case .markdown: return MarkdownRenderer.render(table, options)
        case .line: return LineRenderer.render(table, options)
        case .csv: return TextFormats.csv(table)
        case .tsv: return TextFormats.tsv(table)
        case .json: return TextFormats.json(table)
        case .jsonl: return TextFormats.jsonl(table)
        }
    }

    /// One scalar value on one line (ending with a newline), as a statement like `351.5亿 / 11`
    /// prints it: strings without quotes (line breaks and tabs kept, other control characters
    /// escaped as in a table cell, so a value cannot inject terminal escapes), `null`, numbers in the number style of the formats people
    /// read (plain in csv, tsv, json and jsonl, where strings are written as they are).
    /// In the modes for programs a float is written exactly (shortest round-trip text), as in their tables.
    public static func renderScalar(_ value: Value, _ options: RenderOptions) -> String {
        if !options.mode.isForPeople, case .float(let d) = value { return NumberText.format(d) + "\n" }
        return (options.mode.isForPeople ? CellText.scalar(value, options.numbers) : CellText.plain(value, .plain)) + "\n"
    }
}
