// BoxRenderer: draws a TableLayout as a bordered grid — `.mode box` with
// Unicode box-drawing characters (┌─┬─┐ │ ├─┼─┤ └─┴─┘), `.mode table` with
// ASCII (`+-|`). One space of padding each side, a header row, numbers
// right-aligned, the `… N more rows` line as a full-width row, footers after
// the bottom border. The layout (what is shown, how wide) is TableLayout's.

/// The glyphs of a bordered grid.
struct BoxStyle {
    var horizontal: String
    var vertical: String
    /// Left, middle and right junctions of the top border, the header separator and the bottom border.
    var top: (String, String, String)
    var middle: (String, String, String)
    var bottom: (String, String, String)

    static let unicode = BoxStyle(horizontal: "─", vertical: "│",
                                  top: ("┌", "┬", "┐"), middle: ("├", "┼", "┤"), bottom: ("└", "┴", "┘"))
    static let ascii = BoxStyle(horizontal: "-", vertical: "|",
                                top: ("+", "+", "+"), middle: ("+", "+", "+"), bottom: ("+", "+", "+"))
}

/// Bordered grids for `.mode box` and `.mode table`.
enum BoxRenderer {
    static func render(_ layout: TableLayout, _ style: BoxStyle) -> String {
        var out = ""
        func rule(_ junctions: (String, String, String)) {
            out += junctions.0
            out += layout.widths.map { String(repeating: style.horizontal, count: $0 + 2) }.joined(separator: junctions.1)
            out += junctions.2 + "\n"
        }
        func row(_ cells: [String]) {
            out += style.vertical
            for (i, cell) in cells.enumerated() {
                out += " " + CellText.pad(cell, to: layout.widths[i], rightAligned: layout.rightAligned[i]) + " "
                out += style.vertical
            }
            out += "\n"
        }
        rule(style.top)
        row(layout.headers)
        rule(style.middle)
        layout.top.forEach(row)
        if let elision = layout.elision {
            out += style.vertical + " " + CellText.pad(elision, to: layout.innerWidth, rightAligned: false) + " "
            out += style.vertical + "\n"
        }
        layout.bottom.forEach(row)
        rule(style.bottom)
        for footer in layout.footers { out += footer + "\n" }
        return out
    }
}
