// StatisticsAggregates: the accumulators of median, quantile, mode and corr.
//
// median and quantile sort each group's values (a counting sort into one
// flat array, then a sort per group) and interpolate linearly between the
// two nearest ranks, as DuckDB's quantile_cont. mode counts each (group,
// value) pair once through GroupBy and keeps the most frequent value, the
// first to appear on ties. corr keeps running co-moments (Welford's method
// for two variables), so it merges and needs no second pass. All skip null
// arguments (corr skips a row where either is null); the generic
// accumulator protocol is in Aggregates.swift.

extension Aggregates {
    /// Each group's non-null values, sorted: `values[starts[g]..<starts[g + 1]]` (nil for a column that is not numeric).
    static func sortedGroups(_ arg: Column, _ rows: GroupedRows, cancel: Cancellation) throws -> (values: [Double], starts: [Int])? {
        let values: [Double]
        switch arg.data {
        case .int(let a): values = a.map { Double($0) }
        case .float(let a): values = a
        default: return nil
        }
        var counts = [Int](repeating: 0, count: rows.count)
        try rows.forEach(valid: arg.validity, cancel: cancel) { _, group in counts[group] += 1 }
        var starts = [Int](repeating: 0, count: rows.count + 1)
        for group in 0..<rows.count { starts[group + 1] = starts[group] + counts[group] }
        var next = starts
        var buckets = [Double](repeating: 0, count: starts[rows.count])
        try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
            buckets[next[group]] = values[row]
            next[group] += 1
        }
        try buckets.withUnsafeMutableBufferPointer { all in
            for group in 0..<rows.count where counts[group] > 1 {
                try cancel.check()
                var bucket = UnsafeMutableBufferPointer(rebasing: all[starts[group]..<starts[group + 1]])
                bucket.sort()
            }
        }
        return (buckets, starts)
    }

    /// One float per group from its sorted values by `pick` (null for a group with no values).
    static func perSortedGroup(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation,
                               _ pick: (ArraySlice<Double>) -> Double) throws -> Column {
        guard let (values, starts) = try sortedGroups(try firstArgument(arguments), rows, cancel: cancel) else {
            return Column.nulls(.float, count: rows.count)
        }
        let results = (0..<rows.count).map { g in starts[g] < starts[g + 1] ? pick(values[starts[g]..<starts[g + 1]]) : 0 }
        return Column(.float(results), validity: Bitmap((0..<rows.count).map { starts[$0] < starts[$0 + 1] }))
    }

    /// median(x): the middle value, or the mean of the two middle values for an even count.
    static func medians(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws -> Column {
        try perSortedGroup(arguments, rows, cancel: cancel) { sorted in
            let middle = sorted.startIndex + sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : sorted[middle - 1] / 2 + sorted[middle] / 2
        }
    }

    /// quantile(x, p): the value at rank p·(n − 1), interpolated linearly between the two nearest ranks.
    static func quantiles(_ p: Double) -> ([Column], GroupedRows, Cancellation) throws -> Column {
        { arguments, rows, cancel in
            try perSortedGroup(arguments, rows, cancel: cancel) { sorted in
                let position = p * Double(sorted.count - 1)
                let below = Swift.min(Int(position.rounded(.down)), sorted.count - 1)
                let above = Swift.min(below + 1, sorted.count - 1)
                let (lo, hi) = (sorted[sorted.startIndex + below], sorted[sorted.startIndex + above])
                return lo + (hi - lo) * (position - Double(below))
            }
        }
    }

    /// mode(x): the most frequent non-null value of each group, the first to appear on ties; null for none.
    static func modes(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws -> Column {
        let arg = try firstArgument(arguments)
        let key = KeyColumn(grouping: arg)
        let values = try Groups(key, nulls: .skip, cancel: cancel)
        var packed = [Int](repeating: 0, count: key.count)
        for row in 0..<key.count where values.ids[row] >= 0 && rows.ids[row] >= 0 {
            packed[row] = Int(rows.ids[row]) &* values.count &+ Int(values.ids[row])
        }
        let grouped = rows.ids.contains(-1) ? Bitmap(rows.ids.map { $0 >= 0 }) : nil
        let pairs = try Groups(KeyColumn(values: packed, validity: Bitmap.both(key.validity, grouped)), nulls: .skip, cancel: cancel)
        var frequency = [Int](repeating: 0, count: pairs.count)
        for row in 0..<pairs.ids.count where pairs.ids[row] >= 0 { frequency[Int(pairs.ids[row])] += 1 }
        // Pairs are numbered in order of first appearance, so a strictly larger count is needed to replace.
        var best = [Int](repeating: -1, count: rows.count)
        var bestCount = [Int](repeating: 0, count: rows.count)
        for (pair, row) in pairs.firstRows.enumerated() {
            let group = Int(rows.ids[row])
            if frequency[pair] > bestCount[group] {
                bestCount[group] = frequency[pair]
                best[group] = row
            }
        }
        return arg.gather(best)
    }
}

/// corr(x, y): Pearson's correlation of the rows where both are present; null for fewer than two such rows
/// or when either has no variance.
struct CorrelationAccumulator: Accumulator {
    private var moments: [CoMoments] = []

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        guard arguments.count == 2, let x = doubles(arguments[0]), let y = doubles(arguments[1]) else { return }
        var moments = self.moments
        self.moments = []
        grown(&moments, to: rows.count, CoMoments())
        try x.withUnsafeBufferPointer { x in
            try y.withUnsafeBufferPointer { y in
                try moments.withUnsafeMutableBufferPointer { m in
                    try rows.forEach(valid: Bitmap.both(arguments[0].validity, arguments[1].validity), cancel: cancel) { row, group in
                        m[group].add(x[row], y[row])
                    }
                }
            }
        }
        self.moments = moments
    }

    /// A numeric column as doubles (nil for an untyped null column).
    private func doubles(_ c: Column) -> [Double]? {
        switch c.data {
        case .int(let a): return a.map { Double($0) }
        case .float(let a): return a
        default: return nil
        }
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? CorrelationAccumulator else { throw mismatchedMerge(self, other) }
        grown(&moments, to: other.moments.count, CoMoments())
        for (g, m) in other.moments.enumerated() { moments[g].add(m) }
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        let values = (0..<groups).map { $0 < moments.count ? moments[$0].correlation : nil }
        return Column(.float(values.map { $0 ?? 0 }), validity: Bitmap(values.map { $0 != nil }))
    }
}

/// Running means and co-moments of two variables.
struct CoMoments {
    private var count = 0
    private var meanX = 0.0, meanY = 0.0
    private var squaresX = 0.0, squaresY = 0.0, products = 0.0

    @inline(__always)
    mutating func add(_ x: Double, _ y: Double) {
        count += 1
        let n = Double(count)
        let dx = x - meanX
        meanX += dx / n
        let dy = y - meanY
        meanY += dy / n
        squaresX += dx * (x - meanX)
        squaresY += dy * (y - meanY)
        products += dx * (y - meanY)
    }

    /// Chan et al.'s combination of two partial states.
    mutating func add(_ other: CoMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let (a, b) = (Double(count), Double(other.count))
        let n = a + b
        let dx = other.meanX - meanX, dy = other.meanY - meanY
        squaresX += other.squaresX + dx * dx * a * b / n
        squaresY += other.squaresY + dy * dy * a * b / n
        products += other.products + dx * dy * a * b / n
        meanX += dx * b / n
        meanY += dy * b / n
        count += other.count
    }

    /// The correlation, or nil when it is undefined.
    var correlation: Double? {
        guard count > 1, squaresX > 0, squaresY > 0 else { return nil }
        let r = products / (squaresX * squaresY).squareRoot()
        return r.isFinite ? Swift.min(1, Swift.max(-1, r)) : nil
    }
}
