// JoinStream: a join as a stream — the right side built once into a
// JoinTable (Join.swift), the left side pulled chunk by chunk and probed
// only as far as the consumer asks, so `… | join … | take 3` stops after
// the first matches instead of making every pair (a self-join of 5,000 rows
// on one repeated key would make 25 million).
//
// Within a left chunk the probe walks ranges of 1, 2, 4 … rows until the
// pairs reach the rows asked for: one left row with thousands of partners
// is probed alone, a selective key goes through many rows per step. A
// consumer that wants everything (a sink, the session) asks for Int.max
// and gets each left chunk's pairs at once, under the same `maxRows` limit
// as the whole join. The right rows nothing matched (right and full joins)
// come last, once the left side is exhausted, and a join over no rows
// still yields one empty chunk. Output order is the whole join's: left
// rows in order, each with its matches in right order, then the unmatched
// right rows. What each chunk's pairs become is `HashJoin.assemble`.

extension HashJoin {
    /// The join of a left stream with a right table, pulled as the consumer asks.
    /// `leftNeeds` are the left columns the keys and outputs read; `leftTypes` the left side's column types.
    static func stream(left: ChunkStream, leftNeeds: ColumnNeeds, leftTypes: [DataType], right: Table,
                       join: BoundJoin, needs: ColumnNeeds, cancel: Cancellation) throws -> ChunkStream {
        let probe = try JoinProbe(left: left, leftNeeds: leftNeeds, leftTypes: leftTypes, right: right, join: join,
                                  needs: needs, cancel: cancel)
        return ChunkStream { rows in try probe.next(atMost: rows) }
    }
}

/// The state of a streamed join between pulls: the left chunk being probed and how far.
private final class JoinProbe {
    let left: ChunkStream
    let leftNeeds: ColumnNeeds
    let right: Table
    let join: BoundJoin
    let needs: ColumnNeeds
    let cancel: Cancellation
    /// The hashed right side (nil for a cross join, which pairs every row).
    let table: JoinTable?
    /// Right rows some left row matched (right and full joins only).
    var matched: Bitmap?
    /// The left chunk being probed, its key ids and the next row to probe.
    var chunk: Table?
    var ids: [Int32] = []
    var position = 0
    var leftDone = false
    var unmatchedDone = false
    /// Chunks handed out so far (the next chunk's index).
    var emitted = 0

    init(left: ChunkStream, leftNeeds: ColumnNeeds, leftTypes: [DataType], right: Table, join: BoundJoin,
         needs: ColumnNeeds, cancel: Cancellation) throws {
        guard join.keys.allSatisfy({ right.columns.indices.contains($0.right) && leftTypes.indices.contains($0.left) }) else {
            throw CQError(.internalFault(expression: "join", detail: "a key column does not exist"))
        }
        self.left = left
        self.leftNeeds = leftNeeds
        self.right = right
        self.join = join
        self.needs = needs
        self.cancel = cancel
        table = join.kind == .cross ? nil
            : try JoinTable(right: join.keys.map { right.columns[$0.right] }, leftTypes: join.keys.map { leftTypes[$0.left] },
                            cancel: cancel)
        matched = join.kind.keepsUnmatchedRight ? Bitmap(count: right.rowCount, value: false) : nil
    }

    /// The next chunk of joined rows: about `step` rows (more when one left row has more partners), or nil.
    func next(atMost step: Int) throws -> Chunk? {
        while true {
            if let current = chunk, position < current.rowCount {
                let pairs = try probe(current, upTo: step)
                if pairs.count > 0 { return try emit(current, pairs) }
                continue
            }
            guard !leftDone, let next = try left.next(atMost: step) else {
                leftDone = true
                break
            }
            let rows = next.rows.materialized(leftNeeds)
            try HashJoin.check(rows, right, join)
            chunk = rows
            position = 0
            if let table { ids = try table.leftIDs(join.keys.map { rows.columns[$0.left] }, cancel: cancel) }
        }
        // The left side is exhausted: the right rows nothing matched, then the end.
        guard let last = chunk else {
            throw CQError(.internalFault(expression: "join", detail: "the left side yielded no chunk"))
        }
        if let matched, !unmatchedDone, let table {
            unmatchedDone = true
            var pairs = JoinPairs()
            try table.appendUnmatched(matched, to: &pairs)
            if pairs.count > 0 { return try emit(last, pairs) }
        }
        return emitted == 0 ? try emit(last, JoinPairs()) : nil
    }

    /// The pairs of the next rows of `current`, probed in doubling ranges until they reach `step`.
    private func probe(_ current: Table, upTo step: Int) throws -> JoinPairs {
        var pairs = JoinPairs()
        var width = 1
        while position < current.rowCount && pairs.count < step {
            let end = position + min(width, current.rowCount - position)
            if let table {
                try table.probe(ids, rows: position..<end, kind: join.kind, into: &pairs, matched: &matched, cancel: cancel)
            } else {
                let cross = try HashJoin.crossPairs(position..<end, right.rowCount, cancel: cancel)
                guard pairs.count + cross.count <= HashJoin.maxRows else { throw HashJoin.tooLarge(nil) }
                pairs.left += cross.left
                pairs.right += cross.right
            }
            position = end
            width = min(width * 2, current.rowCount)
        }
        return pairs
    }

    /// One output chunk of `pairs`, whose left rows index `current`.
    private func emit(_ current: Table, _ pairs: JoinPairs) throws -> Chunk {
        defer { emitted += 1 }
        let rows = try HashJoin.assemble(left: current, right: right, join: join, pairs: pairs, needs: needs)
        return Chunk(index: emitted, rows: Selection(rows))
    }
}
