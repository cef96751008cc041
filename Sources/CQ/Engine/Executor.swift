// Executor: runs a typed plan to a table, one node at a time, bottom up.
//
// Each node takes its input table whole and produces its output table
// whole (columnar, no row iterators). The simple nodes — scan, filter,
// project, limit, chart — are here; the heavy operators live in their own
// files: GroupBy + Aggregates (summarize), Sort (sort, top), Join, and
// SetOperations (distinct, union). Expressions are the Evaluator's job.
// Cancellation is checked at every node and, inside long loops, between
// batches of `Cancellation.batch` rows.

/// Runs a typed plan to a table.
public struct Executor {
    public let cancel: Cancellation

    public init(cancel: Cancellation = Cancellation()) {
        self.cancel = cancel
    }

    private var evaluator: Evaluator { Evaluator(cancel: cancel) }

    /// The table a plan produces.
    public func run(_ plan: Plan) throws -> Table {
        try cancel.check()
        switch plan {
        case .scan(let source):
            return source.table
        case .filter(let input, let predicate):
            return try filter(run(input), predicate)
        case .project(let input, let outputs):
            return try project(run(input), outputs)
        case .aggregate(let input, let keys, let aggregates):
            return try aggregate(run(input), keys: keys, aggregates: aggregates)
        case .sort(let input, let keys):
            let table = try run(input)
            let perm = try Sorting.permutation(orderedKeys(keys, table), rowCount: table.rowCount, cancel: cancel)
            return table.gather(perm)
        case .limit(let input, let n):
            let table = try run(input)
            return n >= table.rowCount ? table : table.gather(Array(0..<max(0, n)))
        case .top(let input, let n, let keys):
            let table = try run(input)
            return try table.gather(Sorting.top(n, orderedKeys(keys, table), rowCount: table.rowCount, cancel: cancel))
        case .distinct(let input):
            return try SetOperations.distinct(run(input), cancel: cancel)
        case .join(let left, let right, let kind, let leftKey, let rightKey, let rightColumns):
            return try HashJoin.run(left: run(left), right: run(right), kind: kind, leftKey: leftKey,
                                    rightKey: rightKey, rightColumns: rightColumns, cancel: cancel)
        case .union(let first, let second):
            return try SetOperations.union(run(first), run(second))
        case .chart(let input, let label, let value):
            let table = try run(input)
            return try Table(names: ["label", "value"],
                             columns: [evaluator.evaluate(label, on: table), evaluator.evaluate(value, on: table)],
                             rowCount: table.rowCount)
        }
    }

    /// The rows where the predicate is true (false and null drop the row).
    private func filter(_ table: Table, _ predicate: BoundExpr) throws -> Table {
        let mask = try evaluator.evaluate(predicate, on: table)
        guard case .bool(let bits) = mask.data else {
            if case .null = mask.data { return table.gather([]) }
            throw CQError(.typeMismatch("a filter needs a bool condition, found \(mask.type.rawValue)"), at: predicate.range)
        }
        var rows: [Int] = []
        try cancel.batches(table.rowCount) { range in
            for row in range where bits[row] && !mask.isNull(row) { rows.append(row) }
        }
        return rows.count == table.rowCount ? table : table.gather(rows)
    }

    /// Exactly the output columns; a bare column reference is copied, not computed.
    private func project(_ table: Table, _ outputs: [Output<BoundExpr>]) throws -> Table {
        let columns = try outputs.map { output -> Column in
            if case .column(let i) = output.value.kind, table.columns.indices.contains(i) { return table.columns[i] }
            return try evaluator.evaluate(output.value, on: table)
        }
        return Table(names: outputs.map(\.name), columns: columns, rowCount: table.rowCount)
    }

    /// One row per distinct key combination (in order of first appearance): keys, then aggregates.
    private func aggregate(_ table: Table, keys: [Output<BoundExpr>], aggregates: [Output<BoundAggregate>]) throws -> Table {
        let keyColumns = try keys.map { try evaluator.evaluate($0.value, on: table) }
        let groups = keys.isEmpty
            ? Groups.single(rowCount: table.rowCount)
            : try Groups(keys: keyColumns.map(KeyColumn.init(grouping:)), cancel: cancel)
        let keyOutputs = keyColumns.map { $0.gather(groups.firstRows) }
        let aggregateOutputs = try aggregates.map {
            try Aggregates.compute($0.value, over: table, groups: groups, evaluator: evaluator, cancel: cancel)
        }
        return Table(names: keys.map(\.name) + aggregates.map(\.name), columns: keyOutputs + aggregateOutputs,
                     rowCount: groups.count)
    }

    /// Each sort key evaluated once and turned into order-preserving codes.
    private func orderedKeys(_ keys: [BoundSortKey], _ table: Table) throws -> [OrderedKey] {
        try keys.map {
            OrderedKey(try evaluator.evaluate($0.expr, on: table), descending: $0.descending, nullsFirst: $0.nullsFirst)
        }
    }
}

extension Cancellation {
    /// Calls `body` with consecutive ranges of at most `batch` rows covering 0..<count, checking for cancellation before each.
    @inline(__always)
    func batches(_ count: Int, _ body: (Range<Int>) throws -> Void) throws {
        var start = 0
        while start < count {
            try check()
            let end = min(count, start + Cancellation.batch)
            try body(start..<end)
            start = end
        }
    }
}
