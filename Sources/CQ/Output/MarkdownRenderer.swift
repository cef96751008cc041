// MarkdownRenderer: `.mode markdown` — a GitHub table (`| a | b |`, then
// `| --- | ---: |` with `:` on the right for number columns), columns padded
// to equal display width so the source lines up too, `|` in values escaped
// as `\|`. The `… N more rows` line is a one-cell row; footers follow the
// table as plain lines. Layout (rows shown, widths, cuts) is TableLayout's.

/// GitHub-flavoured Markdown tables.
enum MarkdownRenderer {
    static func render(_ table: Table, _ options: RenderOptions) -> String {
        var layout = TableLayout(table, options, escape: escapePipes)
        // A separator needs three characters (`---`, `--:`).
        layout.widths = layout.widths.map { max($0, 3) }
        var out = ""
        func row(_ cells: [String]) {
            out += "|"
            for (i, cell) in cells.enumerated() {
                out += " " + CellText.pad(cell, to: layout.widths[i], rightAligned: layout.rightAligned[i]) + " |"
            }
            out += "\n"
        }
        row(layout.headers)
        row(zip(layout.widths, layout.rightAligned).map { width, right in
            right ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
        })
        layout.top.forEach(row)
        if let elision = layout.elision {
            out += "| " + CellText.pad(elision, to: layout.innerWidth, rightAligned: false) + " |\n"
        }
        layout.bottom.forEach(row)
        for footer in layout.footers { out += footer + "\n" }
        return out
    }

    /// `|` → `\|`, so a value cannot end its cell.
    static func escapePipes(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "|")) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            if c == "|" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
