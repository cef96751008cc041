// Pivot: `pivot COLUMN [in [v, …]] using AGG [by KEY, …]` — one row per
// group of keys (in order of first appearance, as summarize), then one cell
// per listed value of COLUMN (LANGUAGE.md §8).
//
// A cell is the rows of one group holding one value, so the work is one
// summarize over (group, value) pairs: the keys are numbered by GroupBy,
// each row's value is looked up once in the list (per dictionary entry for
// strings, through an integer hash for the rest), and row r goes to cell
// `group × values + value`. Each aggregate call is then one accumulator
// update over every row (Aggregates), however many values there are, and
// every cell — also one no row reached — is finalized, so an empty cell is
// the aggregate over no rows (`count()` 0, `sum` null). The cell's
// expression over the calls (and keys) is evaluated once over all cells,
// and the cells are dealt out into one column per value. Rows whose value
// is not listed (or null, unless null is listed) still form their group.
// Binding the values is ReshapeBinder's job; evaluating expressions the
// Evaluator's.

enum Pivot {
    /// The most cells a pivot computes (groups × values): as many as a join may make rows.
    static let maxCells = HashJoin.maxRows

    /// The pivot of the selected rows: the keys, then one column per value.
    static func run(_ pivot: BoundPivot, rows: Selection, evaluator: Evaluator, cancel: Cancellation) throws -> Table {
        let table = rows.table
        let keyColumns = try pivot.keys.map { try evaluator.evaluate($0.value, on: table) }
        let groups = keyColumns.isEmpty
            ? Groups.single(rowCount: table.rowCount, only: rows.mask)
            : try Groups(keys: keyColumns.map(KeyColumn.init(grouping:)), only: rows.mask, cancel: cancel)
        let width = pivot.values.count
        let (cellCount, overflow) = groups.count.multipliedReportingOverflow(by: width)
        guard !overflow, cellCount <= maxCells else {
            throw CQError(.cannotReshape("pivot would make \(groups.count) rows of \(width) cells, more than the \(maxCells) cq computes",
                                         hint: "list fewer values with 'in [...]', or group by fewer keys"), at: pivot.column.range)
        }
        let slots = try valueSlots(evaluator.evaluate(pivot.column, on: table), pivot.values.map(\.value), cancel: cancel)
        var ids = [Int32](repeating: -1, count: table.rowCount)
        let step = Int32(truncatingIfNeeded: width)
        try cancel.batches(table.rowCount) { range in
            for row in range {
                let group = groups.ids[row], slot = slots[row]
                if group >= 0 && slot >= 0 { ids[row] = group &* step &+ slot }
            }
        }
        let cells = GroupedRows(ids: ids, count: cellCount, range: 0..<table.rowCount)
        let calls = try pivot.aggregates.map {
            try Aggregates.compute($0, over: table, rows: cells, evaluator: evaluator, cancel: cancel)
        }
        let keys = keyColumns.map { $0.gather(groups.firstRows) }
        let values = try cellValues(pivot, keys: keys, calls: calls, cells: cellCount, width: width, evaluator: evaluator)
        let columns = (0..<width).map { v in values.gather(Array(stride(from: v, to: cellCount, by: width))) }
        return Table(names: pivot.keys.map(\.name) + pivot.values.map(\.name), columns: keys + columns,
                     rowCount: groups.count)
    }

    /// Every cell's value, group after group, value after value: a call's column as it is, or the
    /// cell's expression over the calls and its group's keys.
    private static func cellValues(_ pivot: BoundPivot, keys: [Column], calls: [Column], cells cellCount: Int,
                                   width: Int, evaluator: Evaluator) throws -> Column {
        if case .column(let i) = pivot.cell.kind, i >= keys.count, calls.indices.contains(i - keys.count) {
            return calls[i - keys.count]
        }
        let read = columnsRead([pivot.cell])
        let groupOfCell = (0..<cellCount).map { $0 / max(1, width) }
        let keyCells = keys.indices.map { read.contains($0) ? keys[$0].gather(groupOfCell) : Column(.null(count: cellCount)) }
        let layout = Table(names: keys.indices.map { "k\($0)" } + calls.indices.map { "a\($0)" }, columns: keyCells + calls,
                           rowCount: cellCount)
        return try evaluator.evaluate(pivot.cell, on: layout)
    }

    /// The index in `values` of each row's value of `column`; -1 where it is not listed.
    static func valueSlots(_ column: Column, _ values: [Value], cancel: Cancellation) throws -> [Int32] {
        let nullSlot = Int32(truncatingIfNeeded: values.firstIndex(of: .null) ?? -1)
        var slots = [Int32](repeating: nullSlot, count: column.count)
        let validity = presentRows(column)
        func fill(_ slot: (Int) -> Int32) throws {
            try cancel.batches(column.count) { range in
                for row in range where validity?[row] ?? true { slots[row] = slot(row) }
            }
        }
        switch column.data {
        case .null:
            break
        case .string(let s):
            var listed: [String: Int32] = [:]
            for (i, value) in values.enumerated() {
                if case .string(let text) = value { listed[text] = Int32(truncatingIfNeeded: i) }
            }
            let entries = (0..<s.dictionary.count).map { listed[s.dictionary[$0]] ?? -1 }
            try s.codes.withUnsafeBufferPointer { codes in try fill { entries[Int(codes[$0])] } }
        default:
            let keys = KeyColumn(grouping: column)
            let listedKeys = KeyColumn(grouping: Column.from(values, type: column.type))
            var map = IntHashMap(expected: values.count)
            for (i, value) in values.enumerated() where !value.isNull {
                _ = map.slot(for: listedKeys.values[i], proposed: Int32(truncatingIfNeeded: i))
            }
            try keys.values.withUnsafeBufferPointer { keys in try fill { map.find(keys[$0]) } }
        }
        return slots
    }
}
