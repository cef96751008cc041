// Selection: a filter's result before it is gathered — the input table and
// the mask of rows the predicate keeps — and the column needs that tell a
// node which of its output columns anyone reads.
//
// Hand-written for speed: gathering every column of a large table after a
// filter used to cost more than the query itself (a million rows × eight
// columns copied so that `top 10` could pick ten of them). The executor hands
// a Selection to the operators that can work on the rows in place — sort,
// top and limit order or cut the selected row indexes and gather only their
// result; summarize leaves unselected rows out of every group — and gathers
// it (only the needed columns) everywhere else. Which plan shapes get a
// Selection, and when an expression must not see unselected rows, is the
// Executor's decision.

/// The output columns of a plan node that its consumer reads; nil means every column.
typealias ColumnNeeds = Set<Int>?

/// A table and the rows of it a filter keeps (nil: every row).
struct Selection {
    var table: Table
    /// Selected rows; nil when every row is selected.
    var mask: Bitmap?

    /// Every row of `table`.
    init(_ table: Table) {
        self.table = table
        mask = nil
    }

    /// The rows of `table` set in `mask` (a mask with every bit set selects every row).
    init(_ table: Table, mask: Bitmap) {
        self.table = table
        self.mask = mask.allSet ? nil : mask
    }

    /// The number of selected rows.
    var count: Int { mask?.setCount ?? table.rowCount }

    /// The selected row indexes, ascending.
    var rows: [Int] {
        guard let mask else { return Array(0..<table.rowCount) }
        return setIndices(mask)
    }

    /// The selected rows as a table of their own, with only the `needs` columns filled.
    func materialized(_ needs: ColumnNeeds) -> Table {
        guard mask != nil else { return table }
        return table.gather(rows, only: needs)
    }
}

extension Table {
    /// The rows at `indices`, in that order; columns outside `needs` become all-null placeholders
    /// (nobody reads them, so they are not copied).
    func gather(_ indices: [Int], only needs: ColumnNeeds) -> Table {
        guard let needs else { return gather(indices) }
        let columns = self.columns.indices.map { i in
            needs.contains(i) ? self.columns[i].gather(indices) : Column(.null(count: indices.count))
        }
        return Table(names: names, columns: columns, rowCount: indices.count)
    }
}

/// The columns read by some expressions (a column need of the node below them).
func columnsRead(_ exprs: [BoundExpr]) -> Set<Int> {
    var used = Set<Int>()
    for e in exprs { e.collectColumns(into: &used) }
    return used
}

/// The union of a consumer's needs and more columns (nil stays nil: every column).
func adding(_ more: Set<Int>, to needs: ColumnNeeds) -> ColumnNeeds {
    needs.map { $0.union(more) }
}
