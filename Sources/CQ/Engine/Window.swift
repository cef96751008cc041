// Window: computes a window node — one column per window call, appended to
// its input, rows kept in input order (LANGUAGE.md §8 Windows).
//
// Calls with the same partition and order (`by` and `sort` keys) share one
// layout, made once: the partition of each row (GroupBy), one stable sort of
// the rows by partition and then by the sort keys (Sort.swift's radix sort:
// ties keep input order), and where each partition starts in that order.
// Each call is then a scan over the sorted positions:
// - row_number, rank, dense_rank, percent_rank and ntile count positions and
//   peers (rows tied on every sort key) inside the partition;
// - lag and lead gather the argument from the row n positions away (nulls
//   are not skipped; outside the partition: the default, else null);
// - an aggregate (and `first`/`last`) runs its accumulator
//   (Engine/Aggregates.swift) over the frame `rows A..B` of each row: over
//   the whole partition, one update for every partition at once; with an
//   accumulator that retracts, a sliding window (each row enters and leaves
//   once: O(n)); with an open start (`..B`), rows only enter; otherwise the
//   frame is folded afresh for each row (O(n·w) for a frame of w rows).
// Ranking functions, lag and lead ignore the frame. Binding (defaults, the
// checks on constants) is WindowBinder's; the SQL is SQLWindows'.

/// Computes window calls over a table.
struct WindowOperator {
    let evaluator: Evaluator
    let cancel: Cancellation

    /// One column per window call, in the order given, over the rows of `input`.
    func columns(_ windows: [BoundWindow], over input: Table) throws -> [Column] {
        var layouts: [String: WindowLayout] = [:]
        return try windows.map { window in
            let signature = WindowLayout.signature(window)
            let layout = try layouts[signature] ?? WindowLayout(window, over: input, evaluator: evaluator, cancel: cancel)
            layouts[signature] = layout
            return try column(window, layout, input)
        }
    }

    private func column(_ window: BoundWindow, _ layout: WindowLayout, _ input: Table) throws -> Column {
        let arguments = try window.arguments.map { try evaluator.evaluate($0, on: input) }
        guard let kind = window.function.windowKind else {
            return try aggregate(window, arguments, layout).widened(to: window.type)
        }
        switch kind {
        case .lag, .lead:
            return try shifted(window, kind == .lag, arguments, layout)
        case .percentRank:
            let peers = layout.peers()
            return Column(.float(try layout.positions(cancel) { k, p, m in
                m > 1 ? Double(peers.first[k] - p.lowerBound) / Double(m - 1) : 0
            }))
        case .rowNumber, .rank, .denseRank, .ntile:
            let peers = kind == .rank || kind == .denseRank ? layout.peers() : (first: [], number: [])
            var buckets = 1
            if kind == .ntile, case .int(let n)? = try window.arguments.first.map({ try evaluator.evaluateScalar($0) }) {
                buckets = max(1, n)
            }
            return Column(.int(try layout.positions(cancel) { k, p, m in
                let position = k - p.lowerBound
                switch kind {
                case .rank: return peers.first[k] - p.lowerBound + 1
                case .denseRank: return peers.number[k]
                case .ntile: return Self.bucket(position, of: m, into: buckets)
                default: return position + 1
                }
            }))
        }
    }

    /// ntile: m rows into `buckets` parts whose sizes differ by at most one, the larger parts first.
    static func bucket(_ position: Int, of m: Int, into buckets: Int) -> Int {
        let size = m / buckets, larger = m % buckets
        let inLarger = larger * (size + 1)
        if position < inLarger { return position / (size + 1) + 1 }
        return size > 0 ? larger + (position - inLarger) / size + 1 : position + 1
    }

    /// lag / lead: the argument of the row `offset` positions before / after in the partition, else the default.
    private func shifted(_ window: BoundWindow, _ backwards: Bool, _ arguments: [Column], _ layout: WindowLayout) throws -> Column {
        guard let x = arguments.first?.widened(to: window.type) else {
            throw CQError(.internalFault(expression: window.text, detail: "no argument"), at: window.range)
        }
        var offset = 1
        if window.arguments.count > 1, case .int(let n) = try evaluator.evaluateScalar(window.arguments[1]) { offset = n }
        let n = layout.perm.count
        // Rows without a partner take the default, found past the argument's rows.
        let fallback = arguments.count > 2 ? arguments[2].widened(to: window.type) : nil
        var source = [Int](repeating: -1, count: n)
        let perm = layout.perm
        // lag(x, n) looks n rows back, lead n ahead; an offset too large to negate or add finds no row.
        let (step, negationOverflows) = backwards ? (0).subtractingReportingOverflow(offset) : (offset, false)
        try layout.forEachPartition(cancel) { p in
            let m = p.count
            for k in p {
                let row = perm[k]
                let (target, overflow) = (k - p.lowerBound).addingReportingOverflow(step)
                if !overflow && !negationOverflows && target >= 0 && target < m {
                    source[row] = perm[p.lowerBound + target]
                } else if fallback != nil {
                    source[row] = n + row
                }
            }
        }
        guard let fallback else { return x.gather(source) }
        return try SetOperations.append(x, fallback).gather(source).widened(to: window.type)
    }

    /// An aggregate over each row's frame, through the call's accumulator.
    private func aggregate(_ window: BoundWindow, _ arguments: [Column], _ layout: WindowLayout) throws -> Column {
        let agg = window.aggregate
        let sorted = layout.isIdentity ? arguments : arguments.map { $0.gather(layout.perm) }
        let n = layout.perm.count
        if window.frame == .partition {
            var accumulator = try window.function.accumulator(for: agg)
            let ids = layout.isIdentity ? layout.partitionIDs : layout.perm.map { layout.partitionIDs[$0] }
            try accumulator.update(sorted, GroupedRows(ids: ids, count: layout.partitionCount, range: 0..<n), cancel: cancel)
            return try accumulator.finalize(groups: layout.partitionCount, cancel: cancel)
                .gather(layout.partitionIDs.map { Int($0) })
        }
        let one = [Int32](repeating: 0, count: n)
        var values = [Value](repeating: .null, count: n)
        try layout.forEachPartition(cancel) { p in
            let m = p.count
            /// The frame of position i of the partition, as positions of the sorted rows (empty when it misses).
            func frame(_ i: Int) -> Range<Int> {
                let lo = window.frame.start.map { Self.clamp(i, $0, m) } ?? 0
                let hi = window.frame.end.map { Self.clamp(i + 1, $0, m) } ?? m
                return (p.lowerBound + lo)..<(p.lowerBound + max(lo, hi))
            }
            /// Folds (or takes out) the sorted rows `r`, handed over as columns of just those rows: an
            /// accumulator may do work in the length of the columns it is given, never in the table's.
            func fold<A: Accumulator>(_ accumulator: inout A, _ r: Range<Int>) throws {
                let rows = Array(r)
                try accumulator.update(sorted.map { Self.slice($0, rows) }, GroupedRows(ids: one, count: 1, range: 0..<r.count),
                                       cancel: cancel)
            }
            func unfold<A: RetractingAccumulator>(_ accumulator: inout A, _ r: Range<Int>) throws {
                let rows = Array(r)
                try accumulator.retract(sorted.map { Self.slice($0, rows) }, GroupedRows(ids: one, count: 1, range: 0..<r.count),
                                        cancel: cancel)
            }
            func value(_ accumulator: any Accumulator) throws -> Value {
                try accumulator.finalize(groups: 1, cancel: cancel).value(at: 0)
            }
            var accumulator = try window.function.accumulator(for: agg)
            if var sliding = accumulator as? any RetractingAccumulator {
                var held = p.lowerBound..<p.lowerBound
                for i in 0..<m {
                    let target = frame(i)
                    let leaving = held.lowerBound..<min(held.upperBound, max(held.lowerBound, target.lowerBound))
                    if !leaving.isEmpty { try unfold(&sliding, leaving) }
                    let start = max(held.upperBound, target.lowerBound)
                    if target.upperBound > start || i == 0 {
                        try fold(&sliding, start..<max(start, target.upperBound))
                    }
                    held = target.lowerBound..<max(start, target.upperBound)
                    values[p.lowerBound + i] = try value(sliding)
                }
            } else if window.frame.start == nil {
                var end = p.lowerBound
                for i in 0..<m {
                    let target = frame(i)
                    // The first frame is folded in even when empty, so the accumulator has seen its arguments.
                    if target.upperBound > end || i == 0 {
                        try fold(&accumulator, end..<max(end, target.upperBound))
                    }
                    end = max(end, target.upperBound)
                    values[p.lowerBound + i] = try value(accumulator)
                }
            } else {
                for i in 0..<m {
                    accumulator = try window.function.accumulator(for: agg)
                    try fold(&accumulator, frame(i))
                    values[p.lowerBound + i] = try value(accumulator)
                }
            }
        }
        let column = Column.from(values, type: window.type)
        return layout.isIdentity ? column : column.gather(layout.inverse)
    }

    /// The rows of a column; a string column's slice gets a dictionary of its own strings when the column's
    /// is much larger (min and max rank a column's whole dictionary).
    static func slice(_ column: Column, _ rows: [Int]) -> Column {
        let picked = column.gather(rows)
        guard case .string(let strings) = picked.data, strings.dictionary.count > 4 * rows.count + 16 else { return picked }
        return Column(.string(StringColumn((0..<rows.count).map { strings[$0] })), type: picked.type,
                      validity: picked.validity)
    }

    /// Position `i + offset` clamped to 0…limit (never overflowing).
    static func clamp(_ i: Int, _ offset: Int, _ limit: Int) -> Int {
        let (sum, overflow) = i.addingReportingOverflow(offset)
        if overflow { return offset < 0 ? 0 : limit }
        return min(max(sum, 0), limit)
    }
}

/// The rows of a table laid out for the windows of one partition and order: sorted by partition, then
/// by the sort keys (stable), with where each partition starts; peers are found when a ranking asks.
struct WindowLayout {
    /// Sorted position → input row.
    let perm: [Int]
    /// Whether `perm` is the identity (one partition, no sort keys): nothing is gathered.
    let isIdentity: Bool
    /// Input row → its partition (numbered in order of first appearance).
    let partitionIDs: [Int32]
    let partitionCount: Int
    /// The sorted positions where a partition starts, then the number of rows.
    let starts: [Int]
    /// The sort keys, for telling peers apart.
    private let order: [OrderedKey]

    /// The layout's identity: calls with equal partition and sort keys share one.
    static func signature(_ window: BoundWindow) -> String {
        window.partition.map(\.text).joined(separator: "\u{1}") + "\u{2}"
            + window.order.map { "\($0.expr.text)\u{1}\($0.descending)\u{1}\($0.nullsFirst)" }.joined(separator: "\u{1}")
    }

    init(_ window: BoundWindow, over input: Table, evaluator: Evaluator, cancel: Cancellation) throws {
        let n = input.rowCount
        if window.partition.isEmpty {
            partitionIDs = [Int32](repeating: 0, count: n)
            partitionCount = n > 0 ? 1 : 0
        } else {
            let keys = try window.partition.map { KeyColumn(grouping: try evaluator.evaluate($0, on: input)) }
            let groups = try Groups(keys: keys, cancel: cancel)
            partitionIDs = groups.ids
            partitionCount = groups.count
        }
        let order = try window.order.map {
            OrderedKey(try evaluator.evaluate($0.expr, on: input), descending: $0.descending, nullsFirst: $0.nullsFirst)
        }
        // Rows already in the sort's order (a table kept by time or id) need no sort.
        let sorted = order.isEmpty || Self.isOrdered(order, count: n)
        isIdentity = sorted && partitionCount <= 1
        let byOrder = sorted ? Array(0..<n) : try Sorting.permutation(order, of: Array(0..<n), cancel: cancel)
        // Then a stable counting sort by partition: each partition's rows stay in the sort's order.
        var starts = [Int](repeating: 0, count: partitionCount + 1)
        if isIdentity {
            perm = byOrder
        } else {
            let ids = partitionIDs
            for id in ids { starts[Int(id) + 1] += 1 }
            for i in 0..<partitionCount { starts[i + 1] += starts[i] }
            var next = starts
            var perm = [Int](repeating: 0, count: n)
            for row in byOrder {
                let id = Int(ids[row])
                perm[next[id]] = row
                next[id] += 1
            }
            self.perm = perm
        }
        starts[partitionCount] = n
        self.starts = starts
        self.order = order
    }

    /// Whether rows 0..<count already stand in the order of the keys (ties in any order are fine: input order).
    private static func isOrdered(_ keys: [OrderedKey], count: Int) -> Bool {
        guard count > 1 else { return true }
        for row in 1..<count {
            for key in keys {
                let a = key.isNull(row - 1), b = key.isNull(row)
                if a != b {
                    if a != key.nullsFirst { return false }
                    break
                }
                if a { continue }
                let x = key.codes[row - 1], y = key.codes[row]
                if x < y { break }
                if x > y { return false }
            }
        }
        return true
    }

    /// For each sorted position, the first position of its peers (rows tied on every sort key, in its
    /// partition) and 1 + the number of peer groups before its own (rank, dense_rank, percent_rank).
    func peers() -> (first: [Int], number: [Int]) {
        let n = perm.count
        var first = [Int](repeating: 0, count: n)
        var number = [Int](repeating: 1, count: n)
        /// Whether two rows hold equal values (or both null) in every sort key.
        func tied(_ a: Int, _ b: Int) -> Bool {
            order.allSatisfy { key in
                key.isNull(a) == key.isNull(b) && (key.isNull(a) || key.codes[a] == key.codes[b])
            }
        }
        for i in 0..<(starts.count - 1) {
            for k in starts[i]..<starts[i + 1] {
                if k == starts[i] {
                    first[k] = k
                } else if tied(perm[k - 1], perm[k]) {
                    first[k] = first[k - 1]
                    number[k] = number[k - 1]
                } else {
                    first[k] = k
                    number[k] = number[k - 1] + 1
                }
            }
        }
        return (first, number)
    }

    /// Sorted position → input row, inverted.
    var inverse: [Int] {
        var inverse = [Int](repeating: 0, count: perm.count)
        for (k, row) in perm.enumerated() { inverse[row] = k }
        return inverse
    }

    /// Calls `body` with the sorted positions of each partition, checking for cancellation.
    func forEachPartition(_ cancel: Cancellation, _ body: (Range<Int>) throws -> Void) throws {
        for i in 0..<(starts.count - 1) {
            try cancel.check()
            try body(starts[i]..<starts[i + 1])
        }
    }

    /// One value per input row: `value(k, partition, partition size)` for the row at sorted position k.
    func positions<T>(_ cancel: Cancellation, _ value: (Int, Range<Int>, Int) -> T) throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(perm.count)
        var byPosition: [T] = []
        byPosition.reserveCapacity(perm.count)
        try forEachPartition(cancel) { p in
            for k in p { byPosition.append(value(k, p, p.count)) }
        }
        if isIdentity { return byPosition }
        let inverse = self.inverse
        for row in 0..<perm.count { out.append(byPosition[inverse[row]]) }
        return out
    }
}
