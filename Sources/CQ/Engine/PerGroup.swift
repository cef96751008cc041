// PerGroup: `top N by KEY, … per K, …` and `take N per K, …` — the first N
// rows of each group of rows with equal `per` keys (LANGUAGE.md §8).
//
// The groups come numbered from GroupBy (nulls form a group, as in
// summarize), in order of their first row. With sort keys each group keeps
// a bounded heap of its best rows under the same order as `top` (the row
// index breaks ties, so a group's rows are exactly the prefix a stable sort
// would give); without, each group takes its first N rows in input order.
// The output is the groups in order of their first row, each group's rows
// in the stage's order — so `top 3 by x per k` reads as each k's top three,
// one k after another. Evaluating the keys is the Executor's job.

enum PerGroup {
    /// The kept rows of `rows` (ascending row indexes, each with a group in `groups`; -1: no group, skipped):
    /// up to `limit` per group in the order of `keys` (none: input order), groups in order of first row.
    static func rows(_ limit: Int, groups: Groups, keys: [OrderedKey], of rows: [Int],
                     cancel: Cancellation) throws -> [Int] {
        guard limit > 0, groups.count > 0 else { return [] }
        var sizes = [Int](repeating: 0, count: groups.count)
        for row in rows where groups.ids[row] >= 0 { sizes[Int(groups.ids[row])] += 1 }
        if keys.isEmpty {
            var buckets = sizes.map { size -> [Int] in
                var bucket: [Int] = []
                bucket.reserveCapacity(min(size, limit))
                return bucket
            }
            try cancel.batches(rows.count) { range in
                for i in range {
                    let g = Int(groups.ids[rows[i]])
                    if g >= 0, buckets[g].count < limit { buckets[g].append(rows[i]) }
                }
            }
            return Array(buckets.joined())
        }
        let order = RowOrder(keys: keys)
        var heaps = sizes.map { BoundedHeap(capacity: min($0, limit), order: order) }
        try cancel.batches(rows.count) { range in
            for i in range {
                let g = Int(groups.ids[rows[i]])
                if g >= 0 { heaps[g].offer(rows[i]) }
            }
        }
        return heaps.flatMap { $0.rows.sorted(by: order.less) }
    }
}
