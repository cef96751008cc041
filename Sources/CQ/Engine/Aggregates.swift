// Aggregates: the kernels of summarize's aggregate functions. Each one takes
// its argument column (evaluated once over the whole input by the
// Evaluator) and the row → group numbering from GroupBy, and folds the rows
// into one value per group in a single pass over flat arrays; the kind of
// column is switched on once per aggregate, never per row.
//
// How groups are formed is GroupBy's job; which result type an aggregate
// has was decided by the binder (`BoundAggregate.type`) and is only
// conformed to here. Each function's null rule is written next to it; all
// of them skip null arguments, as in SQL.

enum Aggregates {
    /// One value per group of `agg` over `input`.
    static func compute(_ agg: BoundAggregate, over input: Table, groups: Groups,
                        evaluator: Evaluator, cancel: Cancellation) throws -> Column {
        guard let argument = agg.argument else {
            // count(): every row counts, nulls included; 0 for an empty input.
            return Column(.int(try counts(groups, validity: nil, cancel: cancel)))
        }
        let arg = try evaluator.evaluate(argument, on: input)
        let result: Column
        switch agg.function {
        case .count:
            // count(x): rows where x is not null; 0 when there are none.
            result = Column(.int(try counts(groups, validity: validity(of: arg), cancel: cancel)))
        case .countDistinct:
            // count_distinct(x): distinct non-null values; 0 when there are none.
            result = Column(.int(try distinctCounts(arg, groups, cancel: cancel)))
        case .sum:
            // sum(x): skips nulls; null for a group with no values; int overflow is an error.
            result = try sum(arg, groups, agg, cancel: cancel)
        case .avg:
            // avg(x): skips nulls; null for a group with no values.
            result = try average(arg, groups, cancel: cancel)
        case .min, .max:
            // min/max(x): skips nulls; null for a group with no values; strings by UTF-8 byte order.
            result = try extreme(arg, groups, largest: agg.function == .max, cancel: cancel)
        case .median:
            // median(x): skips nulls; null for a group with no values; mean of the two middle values for an even count.
            result = try median(arg, groups, cancel: cancel)
        case .stddev:
            // stddev(x): sample standard deviation; skips nulls; null for fewer than two values.
            result = try standardDeviation(arg, groups, cancel: cancel)
        }
        return result.widened(to: agg.type)
    }

    /// The validity of a column, with a `.null` column as all-null.
    private static func validity(of column: Column) -> Bitmap? {
        if case .null(let n) = column.data { return Bitmap(count: n, value: false) }
        return column.validity
    }

    /// Calls `body(row, group)` for every row whose argument is valid, checking cancellation between batches.
    @inline(__always)
    private static func forEachValue(_ validity: Bitmap?, _ groups: Groups, cancel: Cancellation,
                                     _ body: (Int, Int) throws -> Void) throws {
        try groups.ids.withUnsafeBufferPointer { ids in
            try cancel.batches(ids.count) { range in
                if let validity {
                    for row in range where validity[row] {
                        let group = Int(ids[row])
                        if group >= 0 { try body(row, group) }
                    }
                } else {
                    for row in range {
                        let group = Int(ids[row])
                        if group >= 0 { try body(row, group) }
                    }
                }
            }
        }
    }

    /// Rows per group with a valid value (every row when `validity` is nil).
    private static func counts(_ groups: Groups, validity: Bitmap?, cancel: Cancellation) throws -> [Int] {
        var counts = [Int](repeating: 0, count: groups.count)
        try forEachValue(validity, groups, cancel: cancel) { _, group in counts[group] += 1 }
        return counts
    }

    /// Distinct non-null values per group: each (group, value id) pair is numbered once.
    private static func distinctCounts(_ arg: Column, _ groups: Groups, cancel: Cancellation) throws -> [Int] {
        let key = KeyColumn(grouping: arg)
        let values = try Groups(key, nulls: .skip, cancel: cancel)
        var packed = [Int](repeating: 0, count: key.count)
        for row in 0..<key.count where values.ids[row] >= 0 && groups.ids[row] >= 0 {
            packed[row] = Int(groups.ids[row]) &* values.count &+ Int(values.ids[row])
        }
        // Rows in no group (not selected) pair with nothing.
        let grouped = groups.ids.contains(-1) ? Bitmap(groups.ids.map { $0 >= 0 }) : nil
        let pairs = try Groups(KeyColumn(values: packed, validity: Bitmap.both(key.validity, grouped)), nulls: .skip,
                               cancel: cancel)
        var counts = [Int](repeating: 0, count: groups.count)
        for row in pairs.firstRows { counts[Int(groups.ids[row])] += 1 }
        return counts
    }

    /// The argument as doubles (nil for a column that is not numeric).
    private static func doubles(_ column: Column) -> [Double]? {
        switch column.data {
        case .int(let a): return a.map { Double($0) }
        case .float(let a): return a
        default: return nil
        }
    }

    private static func sum(_ arg: Column, _ groups: Groups, _ agg: BoundAggregate,
                            cancel: Cancellation) throws -> Column {
        if case .int(let a) = arg.data {
            var sums = [Int](repeating: 0, count: groups.count)
            var seen = [Bool](repeating: false, count: groups.count)
            try forEachValue(arg.validity, groups, cancel: cancel) { row, group in
                let (total, overflow) = sums[group].addingReportingOverflow(a[row])
                if overflow { throw CQError(.integerOverflow(expression: agg.text), at: agg.range) }
                sums[group] = total
                seen[group] = true
            }
            return Column(.int(sums), validity: Bitmap(seen))
        }
        guard let values = doubles(arg) else { return Column.nulls(agg.type, count: groups.count) }
        let sums = try compensatedSums(values, arg.validity, groups, cancel: cancel)
        return Column(.float(sums.map(\.value)), validity: Bitmap(sums.map { $0.count > 0 }))
    }

    /// Float sums per group, compensated (Kahan–Babuška–Neumaier, as SQLite sums floats).
    private static func compensatedSums(_ values: [Double], _ validity: Bitmap?, _ groups: Groups,
                                        only: [Bool]? = nil, cancel: Cancellation) throws -> [CompensatedSum] {
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: groups.count)
        try values.withUnsafeBufferPointer { v in
            try sums.withUnsafeMutableBufferPointer { s in
                try forEachValue(validity, groups, cancel: cancel) { row, group in
                    if let only, !only[group] { return }
                    s[group].add(v[row])
                }
            }
        }
        return sums
    }

    private static func average(_ arg: Column, _ groups: Groups, cancel: Cancellation) throws -> Column {
        guard let values = doubles(arg) else { return Column.nulls(.float, count: groups.count) }
        let counts = try counts(groups, validity: arg.validity, cancel: cancel)
        var totals: [Double]
        if case .int(let a) = arg.data {
            // Ints are summed exactly; a group whose sum overflows Int is summed again in floating point.
            var sums = [Int](repeating: 0, count: groups.count)
            var overflowed = [Bool](repeating: false, count: groups.count)
            try forEachValue(arg.validity, groups, cancel: cancel) { row, group in
                let (total, overflow) = sums[group].addingReportingOverflow(a[row])
                if overflow { overflowed[group] = true } else { sums[group] = total }
            }
            totals = sums.map { Double($0) }
            if overflowed.contains(true) {
                let exact = try compensatedSums(values, arg.validity, groups, only: overflowed, cancel: cancel)
                for group in 0..<groups.count where overflowed[group] { totals[group] = exact[group].value }
            }
        } else {
            totals = try compensatedSums(values, arg.validity, groups, cancel: cancel).map(\.value)
        }
        let means = zip(totals, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
        return Column(.float(means), validity: Bitmap(counts.map { $0 > 0 }))
    }

    /// The first row holding each group's smallest (or largest) value, then those rows gathered.
    private static func extreme(_ arg: Column, _ groups: Groups, largest: Bool, cancel: Cancellation) throws -> Column {
        let codes = OrderedKey.ascendingCodes(arg)
        var best = [Int](repeating: -1, count: groups.count)
        try forEachValue(validity(of: arg), groups, cancel: cancel) { row, group in
            let current = best[group]
            if current < 0 || (largest ? codes[row] > codes[current] : codes[row] < codes[current]) {
                best[group] = row
            }
        }
        return arg.gather(best)
    }

    private static func median(_ arg: Column, _ groups: Groups, cancel: Cancellation) throws -> Column {
        guard let values = doubles(arg) else { return Column.nulls(.float, count: groups.count) }
        // Bucket the values by group (a counting sort), then sort each bucket.
        let counts = try counts(groups, validity: arg.validity, cancel: cancel)
        var starts = [Int](repeating: 0, count: groups.count + 1)
        for group in 0..<groups.count { starts[group + 1] = starts[group] + counts[group] }
        var next = starts
        var buckets = [Double](repeating: 0, count: starts[groups.count])
        try forEachValue(arg.validity, groups, cancel: cancel) { row, group in
            buckets[next[group]] = values[row]
            next[group] += 1
        }
        var medians = [Double](repeating: 0, count: groups.count)
        try buckets.withUnsafeMutableBufferPointer { all in
            for group in 0..<groups.count where counts[group] > 0 {
                try cancel.check()
                var bucket = UnsafeMutableBufferPointer(rebasing: all[starts[group]..<starts[group + 1]])
                bucket.sort()
                let middle = bucket.count / 2
                medians[group] = bucket.count % 2 == 1
                    ? bucket[middle]
                    : bucket[middle - 1] / 2 + bucket[middle] / 2
            }
        }
        return Column(.float(medians), validity: Bitmap(counts.map { $0 > 0 }))
    }

    private static func standardDeviation(_ arg: Column, _ groups: Groups, cancel: Cancellation) throws -> Column {
        guard let values = doubles(arg) else { return Column.nulls(.float, count: groups.count) }
        var moments = [Welford](repeating: Welford(), count: groups.count)
        try forEachValue(arg.validity, groups, cancel: cancel) { row, group in moments[group].add(values[row]) }
        return Column(.float(moments.map(\.sampleStandardDeviation)), validity: Bitmap(moments.map { $0.count > 1 }))
    }
}

/// A running float sum with Neumaier's compensation term.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0
    private(set) var count = 0

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
        count += 1
    }

    var value: Double { sum + compensation }
}

/// Welford's running mean and sum of squared deviations (numerically stable variance).
struct Welford {
    private(set) var count = 0
    private var mean = 0.0
    private var squares = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        squares += delta * (x - mean)
    }

    /// The sample standard deviation (0 when there are fewer than two values; the caller marks those null).
    var sampleStandardDeviation: Double { count > 1 ? (squares / Double(count - 1)).squareRoot() : 0 }
}
