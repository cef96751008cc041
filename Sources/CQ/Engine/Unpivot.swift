// Unpivot: `unpivot COL, … into NAME, VALUE` — the long form of a table
// (LANGUAGE.md §8). Each input row becomes one row per listed column whose
// value is not null (as DuckDB's UNPIVOT drops nulls), in row order and,
// within a row, in the order the columns are listed: the kept columns, the
// column's name, its value in the common type.
//
// It works a chunk at a time (a row's output depends on that row alone):
// one pass over the rows collects, for each output row, its input row and
// its place in the listed columns laid end to end, and every output column
// is then one gather. The binder chose the columns, their common type and
// the conversion to it (ReshapeBinder); the Executor hands the chunks in.

enum Unpivot {
    /// The long form of one chunk of rows.
    static func run(_ unpivot: BoundUnpivot, on table: Table, evaluator: Evaluator, cancel: Cancellation) throws -> Table {
        let values = try unpivot.columns.map { try evaluator.evaluate($0.value, on: table) }
        let present = values.map(presentRows)
        let n = table.rowCount
        var rows: [Int] = [], places: [Int] = [], names: [Int32] = []
        try cancel.batches(n) { range in
            for row in range {
                for (j, validity) in present.enumerated() where validity?[row] ?? true {
                    rows.append(row)
                    places.append(j &* n &+ row)
                    names.append(Int32(truncatingIfNeeded: j))
                }
            }
        }
        let laidOut = try values.first.map { try Column(concatenating: $0, Array(values.dropFirst())) }
        let value = laidOut?.gather(places) ?? Column(.null(count: rows.count))
        let dictionary = StringDictionary(unpivot.columns.map(\.name), isUnique: Set(unpivot.columns.map(\.name)).count == values.count)
        let name = Column(.string(StringColumn(codes: names, dictionary: dictionary)))
        let kept = unpivot.kept.map { table.columns.indices.contains($0.value) ? table.columns[$0.value].gather(rows) : Column(.null(count: rows.count)) }
        return Table(names: unpivot.kept.map(\.name) + [unpivot.nameColumn, unpivot.valueColumn],
                     columns: kept + [name, value], rowCount: rows.count)
    }
}
