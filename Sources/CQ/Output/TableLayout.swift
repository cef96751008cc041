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

/// What one column needs: its header's width, its widest value, and whether its values must be shown whole.
struct ColumnWidth {
    var header: Int
    var values: Int
    /// Numbers, dates and bools are never cut (a cut number reads as a different number); only text is.
    var whole: Bool

    /// The width it takes when nothing is short of room (no wider than `TableLayout.cellCap`, except values shown whole).
    var natural: Int { whole ? max(values, min(header, TableLayout.cellCap)) : min(max(header, values), TableLayout.cellCap) }
    /// The least width it may be given: text down to `TableLayout.narrowest`, whole values never below their widest.
    var narrowest: Int { whole ? max(values, min(header, TableLayout.narrowest)) : min(natural, TableLayout.narrowest) }
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

        let whole = table.columns.map { $0.type != .string }
        var valueWidths = headers.map { _ in 0 }
        for row in top + bottom {
            for (i, text) in row.enumerated() { valueWidths[i] = max(valueWidths[i], DisplayWidth.of(text)) }
        }
        let columns = zip(headers, zip(valueWidths, whole)).map { header, value in
            ColumnWidth(header: DisplayWidth.of(header), values: value.0, whole: value.1)
        }
        let available = options.width ?? Int.max
        widths = Self.fit(columns, into: available)
        if widths.count < columns.count {
            footers.append("(\(widths.count) of \(columns.count) columns shown)")
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

    /// Column widths that fit `available`, the result possibly shorter than `columns`:
    /// 1. the widest text columns give up width first (to a common cap, not below `narrowest`);
    /// 2. then the headers of number, date and bool columns are cut, never their values;
    /// 3. then trailing columns are left out.
    /// Only a first column that cannot fit on its own is cut whatever it holds.
    static func fit(_ columns: [ColumnWidth], into available: Int) -> [Int] {
        let natural = columns.map(\.natural)
        if totalWidth(natural) <= available || columns.isEmpty { return natural }
        let floor = columns.map(\.narrowest)
        var shown = columns.count
        while shown > 1, totalWidth(Array(floor.prefix(shown))) > available { shown -= 1 }
        let kept = Array(columns.prefix(shown))
        if totalWidth(Array(floor.prefix(shown))) > available {
            return [max(1, min(kept[0].natural, available - 4))]
        }
        // Step 1 lowers the text columns towards `floor` with the rest whole; step 2 then lowers the others.
        let textFitted = level(kept.map(\.natural), lowering: kept.map { !$0.whole }, to: Array(floor.prefix(shown)),
                               into: available)
        return level(textFitted, lowering: kept.map(\.whole), to: Array(floor.prefix(shown)), into: available)
    }

    /// `widths` with the columns marked in `lowering` capped at the largest common cap that makes the row fit
    /// `available`, never below their `floor` (the cap is the floor itself when nothing larger fits), and
    /// the room that cap leaves given to the capped columns, so the row fills `available` exactly.
    static func level(_ widths: [Int], lowering: [Bool], to floor: [Int], into available: Int) -> [Int] {
        func capped(_ cap: Int) -> [Int] {
            widths.indices.map { lowering[$0] ? max(floor[$0], min(widths[$0], cap)) : widths[$0] }
        }
        if totalWidth(widths) <= available { return widths }
        var low = 0
        var high = widths.max() ?? 0
        while low < high {
            let mid = (low + high + 1) / 2
            if totalWidth(capped(mid)) <= available { low = mid } else { high = mid - 1 }
        }
        // The columns still short of their width share what the common cap leaves, one column each, left first.
        var result = capped(low)
        var left = available - totalWidth(result)
        for i in result.indices where left > 0 && lowering[i] && result[i] < widths[i] {
            result[i] += 1
            left -= 1
        }
        return result
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
