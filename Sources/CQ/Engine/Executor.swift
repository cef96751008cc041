// Executor: runs a typed plan, bottom up, as streams of chunks
// (ChunkStream.swift: a chunk is a selection of rows tagged with its index).
//
// Scan, filter, project, chart and limit work a chunk at a time: a scan cuts
// its table into windows, filter and project handle each chunk on its own,
// and a limit stops pulling once it has its rows — so `… | take 3` computes
// what lies under it for one chunk, not for the whole table. A join
// streams its left side through a probe of the right (JoinStream.swift),
// so a take stops it too; unpivot (Unpivot) works a chunk at a time. Sort,
// top, summarize, distinct, the set operations, the per-group stages,
// windows, pivot and sample are sinks: they pull their whole input as one
// chunk and call the operators in their own files — GroupBy + Aggregates
// (summarize), Sort (sort, top), Join, SetOperations (distinct, union,
// intersect, except), PerGroup (top/take per group), Window (over), Pivot
// and Sample — then hand out their result in windows. Expressions are the
// Evaluator's job. Cancellation is checked at every node, at every chunk and,
// inside long loops, between batches of `Cancellation.batch` rows.
//
// Two things keep a node from copying what nobody uses (Selection.swift).
// Each node is told which of its output columns its consumer reads
// (`needs`), and the columns outside it are not gathered (a filter, sort or
// join over eight columns of which two are read copies two). A filter's
// chunk keeps its rows in place with a mask, so under sort, top, take or
// summarize it is never gathered: the operator works on the selected rows;
// and `sort | take n` sorts every row but gathers only the n it keeps.
// Neither may change an answer or an error: an output left out must be one
// that cannot fail, and a selection is gathered first when an expression
// above it could fail on a row the filter drops.

/// Runs a typed plan to a table, or to a stream of chunks (its subqueries first: Plan/Subqueries.swift).
public struct Executor {
    public let cancel: Cancellation
    /// The most rows a `take` pulls at a time (tests make it small to cut tables into many chunks).
    let chunkRows: Int

    public init(cancel: Cancellation = Cancellation()) {
        self.init(cancel: cancel, chunkRows: Cancellation.batch)
    }

    init(cancel: Cancellation, chunkRows: Int) {
        self.cancel = cancel
        self.chunkRows = max(1, chunkRows)
    }

    private var evaluator: Evaluator { Evaluator(cancel: cancel) }

    /// The table a plan produces.
    public func run(_ plan: Plan) throws -> Table {
        try run(Subqueries.run(in: plan, using: { try self.run($0) }), needs: nil)
    }

    /// The rows a plan produces, in chunks of the sizes its consumer pulls.
    func chunks(_ plan: Plan) throws -> ChunkStream {
        try chunks(Subqueries.run(in: plan, using: { try self.run($0) }), needs: nil)
    }

    /// The table a node produces; columns outside `needs` may be all-null placeholders.
    private func run(_ plan: Plan, needs: ColumnNeeds) throws -> Table {
        try selection(plan, needs: needs).materialized(needs)
    }

    /// Every row a node produces, pulled as one chunk: a filter's rows stay in place under a mask.
    private func selection(_ plan: Plan, needs: ColumnNeeds) throws -> Selection {
        try chunks(plan, needs: needs).collect(needs)
    }

    /// A node's output as a stream of chunks; columns outside `needs` may be all-null placeholders.
    private func chunks(_ plan: Plan, needs: ColumnNeeds) throws -> ChunkStream {
        try cancel.check()
        /// A sink's result, handed out in windows.
        func result(_ table: Table) -> ChunkStream { .windows(of: table, needs: needs, cancel: cancel) }
        switch plan {
        case .scan(let source):
            return result(try source.provider.rows())
        case .filter(let input, let predicate):
            let inputNeeds = adding(columnsRead([predicate]), to: needs)
            return try chunks(input, needs: inputNeeds).map { rows in
                let table = rows.materialized(inputNeeds)
                return Selection(table, mask: try evaluator.trueMask(predicate, on: table))
            }
        case .project(let input, let outputs):
            let computed = outputs.indices.filter { needs?.contains($0) ?? true || outputs[$0].value.canFail }
            let inputNeeds: ColumnNeeds = columnsRead(computed.map { outputs[$0].value })
            return try chunks(input, needs: inputNeeds).map { rows in
                Selection(try project(rows.materialized(inputNeeds), outputs, computed: Set(computed)))
            }
        case .chart(let input, let label, let value):
            let inputNeeds: ColumnNeeds = columnsRead([label, value])
            return try chunks(input, needs: inputNeeds).map { rows in
                let table = rows.materialized(inputNeeds)
                return Selection(try Table(names: ["label", "value"],
                                           columns: [evaluator.evaluate(label, on: table), evaluator.evaluate(value, on: table)],
                                           rowCount: table.rowCount))
            }
        case .aggregate(let input, let keys, let aggregates):
            let exprs = keys.map(\.value) + aggregates.flatMap(\.value.arguments)
            let used = columnsRead(exprs)
            let rows = try selection(input, needs: used).unlessFailing(exprs, used)
            return result(try aggregate(rows, keys: keys, aggregates: aggregates))
        case .sort(let input, let keys):
            let (table, perm) = try sorted(input, keys, needs: needs)
            return result(table.gather(perm, only: needs))
        case .limit(.sort(let input, let keys), let n):
            // Every row is sorted; only the rows taken are gathered.
            let (table, perm) = try sorted(input, keys, needs: needs)
            return result(table.gather(Array(perm.prefix(max(0, n))), only: needs))
        case .limit(let input, let n):
            return limit(try chunks(input, needs: needs), n, needs: needs)
        case .top(let input, let n, let keys):
            let rows = try ordered(input, keys, needs: needs)
            let picked: [Int]
            if keys.count == 1, let key = keys.first, n < rows.count {
                picked = try Sorting.top(n, by: evaluator.evaluate(key.expr, on: rows.table), descending: key.descending,
                                         nullsFirst: key.nullsFirst, among: rows.mask, cancel: cancel)
            } else {
                picked = try Sorting.top(n, orderedKeys(keys, rows.table), of: rows.rows, cancel: cancel)
            }
            return result(rows.table.gather(picked, only: needs))
        case .distinct(let input):
            return result(try SetOperations.distinct(run(input, needs: nil), cancel: cancel))
        case .join(let left, let right, let join):
            // Each side computes its keys and the columns of the outputs someone reads.
            var leftNeeds = Set(join.keys.map(\.left)), rightNeeds = Set(join.keys.map(\.right))
            for (k, output) in join.columns.enumerated() where needs?.contains(k) ?? true {
                switch output.value {
                case .left(let i): leftNeeds.insert(i)
                case .right(let i): rightNeeds.insert(i)
                case .key(let l, let r):
                    leftNeeds.insert(l)
                    rightNeeds.insert(r)
                }
            }
            // The right side is built once; the left streams through the probe (Engine/JoinStream.swift).
            return try HashJoin.stream(left: chunks(left, needs: leftNeeds), leftNeeds: leftNeeds,
                                       leftTypes: left.schema.map(\.type), right: run(right, needs: rightNeeds),
                                       join: join, needs: needs, cancel: cancel)
        case .union(let first, let second):
            return result(try SetOperations.union(run(first, needs: needs), run(second, needs: needs)))
        case .setOperation(let op, let first, let second):
            return result(try SetOperations.apply(op, run(first, needs: nil), run(second, needs: nil), cancel: cancel))
        case .window(let input, let windows):
            // A sink: every row reaches the windows; the input's columns pass through, the calls' follow.
            let count = input.schema.count
            let exprs = windows.flatMap { $0.value.arguments + $0.value.partition + $0.value.order.map(\.expr) }
            let inputNeeds = adding(columnsRead(exprs), to: needs.map { $0.filter { $0 < count } })
            let table = try run(input, needs: inputNeeds)
            let computed = try WindowOperator(evaluator: evaluator, cancel: cancel).columns(windows.map(\.value), over: table)
            return result(Table(names: table.names + windows.map(\.name), columns: table.columns + computed,
                                rowCount: table.rowCount))
        case .perGroup(let input, let n, let order, let per):
            let exprs = order.map(\.expr) + per
            let inputNeeds = adding(columnsRead(exprs), to: needs)
            let rows = try selection(input, needs: inputNeeds).unlessFailing(exprs, inputNeeds)
            let keys = try per.map { KeyColumn(grouping: try evaluator.evaluate($0, on: rows.table)) }
            let groups = try Groups(keys: keys, only: rows.mask, cancel: cancel)
            let picked = try PerGroup.rows(n, groups: groups, keys: orderedKeys(order, rows.table), of: rows.rows,
                                           cancel: cancel)
            return result(rows.table.gather(picked, only: needs))
        case .pivot(let input, let pivot):
            let exprs = pivot.keys.map(\.value) + [pivot.column] + pivot.aggregates.flatMap(\.arguments)
            let used = columnsRead(exprs)
            let rows = try selection(input, needs: used).unlessFailing(exprs, used)
            return result(try Pivot.run(pivot, rows: rows, evaluator: evaluator, cancel: cancel))
        case .unpivot(let input, let unpivot):
            let inputNeeds: ColumnNeeds = columnsRead(unpivot.columns.map(\.value)).union(unpivot.kept.map(\.value))
            return try chunks(input, needs: inputNeeds).map { rows in
                Selection(try Unpivot.run(unpivot, on: rows.materialized(inputNeeds), evaluator: evaluator, cancel: cancel))
            }
        case .sample(let input, let sample):
            let rows = try selection(input, needs: needs)
            return result(rows.table.gather(try Sample.rows(sample, among: rows.rows, cancel: cancel), only: needs))
        }
    }

    /// The first `n` selected rows of `input`, pulled a batch (`chunkRows`) at a time; once it has them
    /// it pulls no more chunks.
    private func limit(_ input: ChunkStream, _ n: Int, needs: ColumnNeeds) -> ChunkStream {
        var remaining = max(0, n)
        var done = false
        return ChunkStream { wanted in
            guard !done, var chunk = try input.next(atMost: min(wanted, chunkRows)) else { return nil }
            let rows = chunk.rows
            if rows.count >= remaining {
                done = true
                let kept = rows.mask.map { Array(setIndices($0).prefix(remaining)) } ?? Array(0..<remaining)
                if kept.count < rows.table.rowCount { chunk.rows = Selection(rows.table.gather(kept, only: needs)) }
            }
            remaining -= chunk.rows.count
            return chunk
        }
    }

    /// The input of a sort and its stable sort permutation (of the selected rows).
    private func sorted(_ input: Plan, _ keys: [BoundSortKey], needs: ColumnNeeds) throws -> (Table, [Int]) {
        let rows = try ordered(input, keys, needs: needs)
        return (rows.table, try Sorting.permutation(orderedKeys(keys, rows.table), of: rows.rows, cancel: cancel))
    }

    /// The input of a sort or top, with the key columns among the needed ones.
    private func ordered(_ input: Plan, _ keys: [BoundSortKey], needs: ColumnNeeds) throws -> Selection {
        let exprs = keys.map(\.expr)
        let inputNeeds = adding(columnsRead(exprs), to: needs)
        return try selection(input, needs: inputNeeds).unlessFailing(exprs, inputNeeds)
    }

    /// Exactly the output columns; a bare column reference is copied, not computed. Outputs outside
    /// `computed` are nobody's and cannot fail: they become placeholders.
    private func project(_ table: Table, _ outputs: [Output<BoundExpr>], computed: Set<Int>) throws -> Table {
        let columns = try outputs.indices.map { k -> Column in
            let output = outputs[k]
            guard computed.contains(k) else { return Column(.null(count: table.rowCount)) }
            if case .column(let i) = output.value.kind, table.columns.indices.contains(i) { return table.columns[i] }
            return try evaluator.evaluate(output.value, on: table)
        }
        return Table(names: outputs.map(\.name), columns: columns, rowCount: table.rowCount)
    }

    /// One row per distinct key combination (in order of first appearance among the selected rows):
    /// keys, then aggregates.
    private func aggregate(_ rows: Selection, keys: [Output<BoundExpr>],
                           aggregates: [Output<BoundAggregate>]) throws -> Table {
        let table = rows.table
        // `… | count` (and nothing but count()): the number of selected rows, no group ids.
        if keys.isEmpty, aggregates.allSatisfy(\.value.countsRows) {
            let selected = rows.count
            return Table(names: aggregates.map(\.name), columns: aggregates.map { _ in Column(.int([selected])) },
                         rowCount: 1)
        }
        let keyColumns = try keys.map { try evaluator.evaluate($0.value, on: table) }
        let groups = keys.isEmpty
            ? Groups.single(rowCount: table.rowCount, only: rows.mask)
            : try Groups(keys: keyColumns.map(KeyColumn.init(grouping:)), only: rows.mask, cancel: cancel)
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

extension Selection {
    /// This selection, gathered first when one of `exprs` could fail on a row that is not selected
    /// (an error must come only from rows the query uses).
    func unlessFailing(_ exprs: [BoundExpr], _ needs: ColumnNeeds) -> Selection {
        guard mask != nil, exprs.contains(where: \.canFail) else { return self }
        return Selection(materialized(needs))
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
