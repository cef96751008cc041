// TableLayout: the shape of a grid of cells before it is drawn — which rows
// are shown (first and last rows around an `… N more rows` line), each
// cell's text, each column's width and alignment, which columns fit the
// terminal, and the footers saying what was left out.
//
// Box, table and markdown output all draw `| cell | cell |` rows (one
// border plus three columns of padding per column), so they share this one
// layout; they differ only in their glyphs (BoxRenderer, MarkdownRenderer).
// Widths are display widths (DisplayWidth): a Chinese character counts two.
// Every cut value ends with `…`.

/// The rows shown of a table under a row limit: the first ⌈max/2⌉ and the last ⌊max/2⌋.
struct RowWindow {
    var head: Range<Int>
    var tail: Range<Int>
    var hidden: Int { tail.lowerBound - head.upperBound }
    var shown: Int { head.count + tail.count }

    init(rowCount: Int, maxRows: Int) {
        if maxRows > 0, rowCount > maxRows {
            head = 0..<(maxRows - maxRows / 2)
            tail = (rowCount - maxRows / 2)..<rowCount
        } else {
            head = 0..<rowCount
            tail = rowCount..<rowCount
        }
    }

    /// `1,234 rows (40 shown)` when rows were hidden, else nil.
    func footer(rowCount: Int) -> String? {
        hidden > 0 ? "\(NumberFormat.grouped(rowCount)) rows (\(NumberFormat.grouped(shown)) shown)" : nil
    }
}

/// Cells, widths and footers of a table ready to be drawn as `| a | b |` rows.
struct TableLayout {
    /// No cell is wider than this many display columns, even without a known terminal width.
    static let cellCap = 60
    /// Columns are not narrowed below this width to fit the terminal; columns are left out instead.
    static let narrowest = 8

    var headers: [String]
    var rightAligned: [Bool]
    var widths: [Int]
    var top: [[String]]
    var bottom: [[String]]
    /// The full-width `… N more rows` row between `top` and `bottom`, if rows were hidden.
    var elision: String?
    var footers: [String]

    /// `escape` rewrites cell and header text for the format (markdown escapes `|`).
    init(_ table: Table, _ options: RenderOptions, escape: (String) -> String) {
        let window = RowWindow(rowCount: table.rowCount, maxRows: options.maxRows)
        func cells(_ rows: Range<Int>) -> [[String]] {
            rows.map { row in
                table.columns.map { escape(CellText.cell($0.value(at: row), options.numbers)) }
            }
        }
        headers = table.names.map { escape(CellText.escapeControls($0)) }
        rightAligned = table.columns.map { $0.type == .int || $0.type == .float }
        top = cells(window.head)
        bottom = cells(window.tail)
        elision = window.hidden > 0 ? CellText.moreRows(window.hidden) : nil
        footers = window.footer(rowCount: table.rowCount).map { [$0] } ?? []

        var natural = headers.map(DisplayWidth.of)
        for row in top + bottom {
            for (i, text) in row.enumerated() { natural[i] = max(natural[i], DisplayWidth.of(text)) }
        }
        natural = natural.map { min($0, Self.cellCap) }
        let available = options.width ?? Int.max
        widths = Self.fit(natural, into: available)
        if widths.count < natural.count {
            footers.append("(\(widths.count) of \(natural.count) columns shown)")
        }
        fitElision(available: available)
        cutCells()
    }

    /// Total display width of rows with these column widths.
    static func totalWidth(_ widths: [Int]) -> Int {
        widths.reduce(0, +) + 3 * widths.count + 1
    }

    /// Width of a full-width row's text: the columns and the separators between them.
    var innerWidth: Int { Self.totalWidth(widths) - 4 }

    /// Column widths that fit `available`: first the widest columns are narrowed (to a common cap,
    /// never below `narrowest`), then trailing columns are left out; the result may be shorter.
    static func fit(_ natural: [Int], into available: Int) -> [Int] {
        if totalWidth(natural) <= available { return natural }
        let floor = natural.map { min($0, narrowest) }
        if totalWidth(floor) <= available {
            var low = narrowest
            var high = natural.max() ?? narrowest
            while low < high {
                let mid = (low + high + 1) / 2
                if totalWidth(natural.map { min($0, mid) }) <= available { low = mid } else { high = mid - 1 }
            }
            return natural.map { min($0, low) }
        }
        var shown = floor
        while shown.count > 1, totalWidth(shown) > available { shown.removeLast() }
        if let first = shown.first, totalWidth(shown) > available {
            shown[0] = max(1, min(first, available - 4))
        }
        return shown
    }

    /// Widens the last column so the `… N more rows` row fits, or cuts that text when the terminal is too narrow.
    private mutating func fitElision(available: Int) {
        guard let text = elision, !widths.isEmpty else { return }
        let extra = DisplayWidth.of(text) - innerWidth
        guard extra > 0 else { return }
        if Self.totalWidth(widths) <= available - extra {
            widths[widths.count - 1] += extra
        } else {
            elision = DisplayWidth.truncate(text, to: innerWidth)
        }
    }

    /// Leaves out the columns that did not fit and cuts every cell to its column's width.
    private mutating func cutCells() {
        let widths = self.widths
        func cut(_ row: [String]) -> [String] {
            zip(row, widths).map { DisplayWidth.truncate($0, to: $1) }
        }
        headers = cut(headers)
        rightAligned = Array(rightAligned.prefix(widths.count))
        top = top.map(cut)
        bottom = bottom.map(cut)
    }
}
