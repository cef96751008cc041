// Aggregates: how summarize computes an aggregate call — an `Accumulator`
// per call that folds argument columns into per-group state (`update`),
// combines with another's state (`merge`, for work split into parts),
// gives one value per group (`finalize`) and, where the state allows,
// takes rows out again (`retract`, for a window's moving frame).
//
// An update receives whole columns and the row → group numbering from
// GroupBy, and runs one typed loop over flat arrays: the kind of column is
// switched on once per update, never per row, and state lives in plain
// arrays indexed by group. Which accumulator a call gets is its definition's
// (Semantics/Functions/AggregateFunctions.swift); how groups are formed is
// GroupBy's; the result type was decided by the binder
// (`BoundAggregate.type`) and is only conformed to here. Every aggregate
// skips null arguments, as in SQL; each accumulator's null rule is written
// next to it. This file holds the protocol and count, sum/avg, min/max and
// arg_min/arg_max, var/stddev and the collecting accumulator;
// StatisticsAggregates (median, quantile, mode, corr) and
// SequenceAggregates (first, last, string_agg) hold the rest.

/// The rows an update folds in: `range` of the input, row i into group `ids[i]` (a negative id: in no group).
struct GroupedRows {
    var ids: [Int32]
    /// How many groups there are so far; an accumulator's state grows to it.
    var count: Int
    var range: Range<Int>

    /// Every row of a grouping.
    init(_ groups: Groups) {
        self.init(ids: groups.ids, count: groups.count, range: 0..<groups.ids.count)
    }

    init(ids: [Int32], count: Int, range: Range<Int>) {
        self.ids = ids
        self.count = count
        self.range = range
    }

    /// Calls `body(row, group)` for every row of the range that is in a group and valid in `validity`
    /// (every row when nil), checking cancellation between batches. The one loop of every accumulator.
    @inline(__always)
    func forEach(valid validity: Bitmap?, cancel: Cancellation, _ body: (Int, Int) throws -> Void) throws {
        try ids.withUnsafeBufferPointer { ids in
            try cancel.batches(range.count) { batch in
                let rows = (range.lowerBound + batch.lowerBound)..<(range.lowerBound + batch.upperBound)
                if let validity {
                    for row in rows where validity[row] {
                        let group = Int(ids[row])
                        if group >= 0 { try body(row, group) }
                    }
                } else {
                    for row in rows {
                        let group = Int(ids[row])
                        if group >= 0 { try body(row, group) }
                    }
                }
            }
        }
    }
}

/// The running state of one aggregate call over numbered groups.
protocol Accumulator {
    /// Folds `rows` of the argument columns (one per argument, all of the input's length) into their groups.
    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws
    /// Adds the state of another accumulator of the same call, over the same group numbering.
    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws
    /// One value per group (`groups` of them; a group no row reached gets the value of no rows).
    func finalize(groups: Int, cancel: Cancellation) throws -> Column
}

/// An accumulator whose rows can be taken out again (a window's moving frame).
protocol RetractingAccumulator: Accumulator {
    /// Takes `rows` of the argument columns, folded in earlier, out of their groups.
    mutating func retract(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws
}

enum Aggregates {
    /// One value per group of `agg` over `input`.
    static func compute(_ agg: BoundAggregate, over input: Table, groups: Groups,
                        evaluator: Evaluator, cancel: Cancellation) throws -> Column {
        try compute(agg, over: input, rows: GroupedRows(groups), evaluator: evaluator, cancel: cancel)
    }

    /// One value per group of `agg` over the rows of `input` numbered by `rows` (a pivot's cells).
    static func compute(_ agg: BoundAggregate, over input: Table, rows: GroupedRows,
                        evaluator: Evaluator, cancel: Cancellation) throws -> Column {
        let arguments = try agg.arguments.map { try evaluator.evaluate($0, on: input) }
        var accumulator = try agg.function.accumulator(for: agg)
        try accumulator.update(arguments, rows, cancel: cancel)
        return try accumulator.finalize(groups: rows.count, cancel: cancel).widened(to: agg.type)
    }
}

extension Function {
    /// A fresh accumulator for one aggregate call.
    func accumulator(for agg: BoundAggregate) throws -> any Accumulator {
        guard let overload = overload(for: agg.arguments.map(\.type)), case .aggregate(let make) = overload.kernel else {
            throw CQError(.internalFault(expression: agg.text, detail: "\(name)() has no accumulator for these arguments"),
                          at: agg.range)
        }
        return try make(agg)
    }
}

extension BoundAggregate {
    /// `count()`: the number of rows, which needs no argument and no per-row work.
    var countsRows: Bool { function == .count && arguments.isEmpty }
}

/// The error for merging accumulators of different calls (a bug).
func mismatchedMerge(_ a: any Accumulator, _ b: any Accumulator) -> CQError {
    CQError(.internalFault(expression: "", detail: "cannot merge \(type(of: b)) into \(type(of: a))"))
}

/// The validity of a column, with a `.null` column as all-null.
func presentRows(_ column: Column) -> Bitmap? {
    if case .null(let n) = column.data { return Bitmap(count: n, value: false) }
    return column.validity
}

/// `array` grown to `count` elements with `zero` (never shrunk).
@inline(__always)
func grown<T>(_ array: inout [T], to count: Int, _ zero: T) {
    if array.count < count { array.append(contentsOf: repeatElement(zero, count: count - array.count)) }
}

/// The first argument column, or an internal error naming the call.
func firstArgument(_ arguments: [Column]) throws -> Column {
    guard let first = arguments.first else {
        throw CQError(.internalFault(expression: "", detail: "an aggregate got no argument column"))
    }
    return first
}

// MARK: - count

/// count() counts every row; count(x) the rows where x is not null; count_if(c) the rows where c is true;
/// 0 for a group with none.
struct CountAccumulator: RetractingAccumulator {
    enum Counted { case rows, present, trues }
    let counted: Counted
    private(set) var counts: [Int] = []

    init(_ counted: Counted) { self.counted = counted }

    private mutating func add(_ arguments: [Column], _ rows: GroupedRows, _ step: Int, cancel: Cancellation) throws {
        var counts = self.counts
        self.counts = []
        grown(&counts, to: rows.count, 0)
        try counts.withUnsafeMutableBufferPointer { c in
            switch counted {
            case .rows:
                try rows.forEach(valid: nil, cancel: cancel) { _, group in c[group] &+= step }
            case .present:
                try rows.forEach(valid: presentRows(try firstArgument(arguments)), cancel: cancel) { _, group in c[group] &+= step }
            case .trues:
                let arg = try firstArgument(arguments)
                guard case .bool(let bits) = arg.data else { return }
                try bits.withUnsafeBufferPointer { b in
                    try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in if b[row] { c[group] &+= step } }
                }
            }
        }
        self.counts = counts
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, 1, cancel: cancel)
    }

    mutating func retract(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, -1, cancel: cancel)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? CountAccumulator else { throw mismatchedMerge(self, other) }
        grown(&counts, to: other.counts.count, 0)
        for (g, n) in other.counts.enumerated() { counts[g] &+= n }
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        var values = counts
        grown(&values, to: groups, 0)
        return Column(.int(Array(values.prefix(groups))))
    }
}

// MARK: - sum and avg

/// A 128-bit running sum of ints: exact for any number of 64-bit values a table can hold.
struct WideSum {
    private var high = 0
    private var low: UInt = 0

    @inline(__always)
    mutating func add(_ x: Int) {
        let (l, carry) = low.addingReportingOverflow(UInt(bitPattern: x))
        low = l
        high &+= (x < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    @inline(__always)
    mutating func subtract(_ x: Int) {
        let (l, borrow) = low.subtractingReportingOverflow(UInt(bitPattern: x))
        low = l
        high &-= (x < 0 ? -1 : 0) &+ (borrow ? 1 : 0)
    }

    mutating func add(_ other: WideSum) {
        let (l, carry) = low.addingReportingOverflow(other.low)
        low = l
        high &+= other.high &+ (carry ? 1 : 0)
    }

    /// The sum as an Int, or nil when it does not fit.
    var exact: Int? {
        let value = Int(bitPattern: low)
        return high == (value < 0 ? -1 : 0) ? value : nil
    }

    /// The sum as the nearest Double.
    var double: Double {
        if let exact { return Double(exact) }
        return Double(high) * 0x1p64 + Double(low)
    }
}

/// sum(x) and avg(x): skip nulls; null for a group with no values. An int sum stays an int and is an
/// overflow error when it does not fit (avg divides the exact sum); float sums are compensated.
struct SumAccumulator: RetractingAccumulator {
    enum Result { case sum, average }
    let result: Result
    /// Whether the sum is kept as ints (an int argument; sum of null is an int too).
    let isInt: Bool
    /// The call, for an overflow error.
    let text: String
    let range: SourceRange
    private var wide: [WideSum] = []
    private var floats: [CompensatedSum] = []
    private var counts: [Int] = []

    init(_ result: Result, _ agg: BoundAggregate) {
        self.result = result
        self.isInt = agg.arguments.first?.type != .float
        self.text = agg.text
        self.range = agg.range
    }

    private mutating func add(_ arguments: [Column], _ rows: GroupedRows, retracting: Bool, cancel: Cancellation) throws {
        let arg = try firstArgument(arguments)
        var counts = self.counts
        self.counts = []
        grown(&counts, to: rows.count, 0)
        let step = retracting ? -1 : 1
        switch arg.data {
        case .int(let a):
            var wide = self.wide
            self.wide = []
            grown(&wide, to: rows.count, WideSum())
            try a.withUnsafeBufferPointer { v in
                try wide.withUnsafeMutableBufferPointer { s in
                    try counts.withUnsafeMutableBufferPointer { c in
                        if retracting {
                            try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
                                s[group].subtract(v[row])
                                c[group] &+= step
                            }
                        } else {
                            try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
                                s[group].add(v[row])
                                c[group] &+= step
                            }
                        }
                    }
                }
            }
            self.wide = wide
        case .float(let a):
            var floats = self.floats
            self.floats = []
            grown(&floats, to: rows.count, CompensatedSum())
            try a.withUnsafeBufferPointer { v in
                try floats.withUnsafeMutableBufferPointer { s in
                    try counts.withUnsafeMutableBufferPointer { c in
                        try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
                            s[group].add(retracting ? -v[row] : v[row])
                            c[group] &+= step
                        }
                    }
                }
            }
            self.floats = floats
        case .null:
            break
        default:
            throw CQError(.internalFault(expression: text, detail: "a \(arg.type.rawValue) argument"), at: range)
        }
        self.counts = counts
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, retracting: false, cancel: cancel)
    }

    mutating func retract(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, retracting: true, cancel: cancel)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? SumAccumulator else { throw mismatchedMerge(self, other) }
        grown(&counts, to: other.counts.count, 0)
        grown(&wide, to: other.wide.count, WideSum())
        grown(&floats, to: other.floats.count, CompensatedSum())
        for (g, n) in other.counts.enumerated() { counts[g] &+= n }
        for (g, s) in other.wide.enumerated() { wide[g].add(s) }
        for (g, s) in other.floats.enumerated() { floats[g].add(s) }
    }

    func finalize(groups: Int, cancel: Cancellation) throws -> Column {
        let counts = (0..<groups).map { $0 < self.counts.count ? self.counts[$0] : 0 }
        let validity = Bitmap(counts.map { $0 > 0 })
        switch result {
        case .sum where isInt:
            var values = [Int](repeating: 0, count: groups)
            for g in 0..<min(groups, wide.count) where counts[g] > 0 {
                guard let v = wide[g].exact else { throw CQError(.integerOverflow(expression: text), at: range) }
                values[g] = v
            }
            return Column(.int(values), validity: validity)
        case .sum:
            return Column(.float((0..<groups).map { $0 < floats.count ? floats[$0].value : 0 }), validity: validity)
        case .average:
            let totals = (0..<groups).map { g in
                isInt ? (g < wide.count ? wide[g].double : 0) : (g < floats.count ? floats[g].value : 0)
            }
            return Column(.float(zip(totals, counts).map { $1 > 0 ? $0 / Double($1) : 0 }), validity: validity)
        }
    }
}

/// A running float sum with Neumaier's compensation term (as SQLite sums floats).
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    @inline(__always)
    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        compensation += other.compensation
    }

    /// The sum; once it has left the finite range the compensation means nothing (it is inf - inf, a nan
    /// the data did not hold), so the sum is the answer: inf as DuckDB gives, or nan when the data held one.
    var value: Double { sum.isFinite ? sum + compensation : sum }
}

// MARK: - min, max, arg_min, arg_max

/// min(x) / max(x), and arg_min(a, by) / arg_max(a, by): the row of each group with the smallest (largest)
/// key — x itself, or `by` — the first such row on ties; rows where an argument is null are skipped; null for
/// a group with no such row. Strings order by UTF-8 bytes. The state is the best row's arguments, as
/// columns of one row per group, so any orderable type works the same way.
struct ExtremeAccumulator: Accumulator {
    let largest: Bool
    /// Which argument is compared, and which is the result.
    let key: Int
    let result: Int
    /// The best row's arguments per group so far (null where none), empty before the first update.
    private(set) var best: [Column] = []

    init(largest: Bool, key: Int = 0, result: Int = 0) {
        self.largest = largest
        self.key = key
        self.result = result
    }

    /// The row of each group holding its best key (the first on ties; -1 for none) among the rows where
    /// every argument is present.
    private func bestRows(_ columns: [Column], _ rows: GroupedRows, cancel: Cancellation) throws -> [Int] {
        guard columns.indices.contains(key) else {
            throw CQError(.internalFault(expression: "", detail: "an extreme of argument \(key + 1) of \(columns.count)"))
        }
        let codes = OrderedKey.ascendingCodes(columns[key])
        let valid = columns.dropFirst().reduce(presentRows(columns[0])) { Bitmap.both($0, presentRows($1)) }
        var best = [Int](repeating: -1, count: rows.count)
        let largest = self.largest
        try codes.withUnsafeBufferPointer { code in
            try best.withUnsafeMutableBufferPointer { b in
                try rows.forEach(valid: valid, cancel: cancel) { row, group in
                    let current = b[group]
                    if current < 0 || (largest ? code[row] > code[current] : code[row] < code[current]) {
                        b[group] = row
                    }
                }
            }
        }
        return best
    }

    /// The better of two per-group states, group by group (the first on ties).
    private func combine(_ a: [Column], _ b: [Column], groups: Int, cancel: Cancellation) throws -> [Column] {
        let both = try zip(a, b).map { try SetOperations.append(padded($0, groups), padded($1, groups)) }
        let ids = (0..<2 * groups).map { Int32(truncatingIfNeeded: $0 % groups) }
        let picks = try bestRows(both, GroupedRows(ids: ids, count: groups, range: 0..<2 * groups), cancel: cancel)
        return both.map { $0.gather(picks) }
    }

    /// A per-group column grown to `groups` rows with nulls.
    private func padded(_ c: Column, _ groups: Int) -> Column {
        c.count >= groups ? c : c.gather(Array(0..<c.count) + [Int](repeating: -1, count: groups - c.count))
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        let picks = try bestRows(arguments, rows, cancel: cancel)
        let candidates = arguments.map { $0.gather(picks) }
        best = best.isEmpty ? candidates : try combine(best, candidates, groups: rows.count, cancel: cancel)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? ExtremeAccumulator else { throw mismatchedMerge(self, other) }
        guard !other.best.isEmpty else { return }
        guard !best.isEmpty else { best = other.best; return }
        let groups = Swift.max(best[0].count, other.best[0].count)
        best = try combine(best, other.best, groups: groups, cancel: cancel)
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        guard best.indices.contains(result) else { return Column(.null(count: groups)) }
        return padded(best[result], groups)
    }
}

// MARK: - variance

/// var(x) and stddev(x): the sample variance and its square root; skip nulls; null for fewer than two values.
struct VarianceAccumulator: RetractingAccumulator {
    let squareRoot: Bool
    private var moments: [Welford] = []

    init(squareRoot: Bool) { self.squareRoot = squareRoot }

    private mutating func add(_ arguments: [Column], _ rows: GroupedRows, retracting: Bool, cancel: Cancellation) throws {
        let arg = try firstArgument(arguments)
        let values: [Double]
        switch arg.data {
        case .int(let a): values = a.map { Double($0) }
        case .float(let a): values = a
        default: return
        }
        var moments = self.moments
        self.moments = []
        grown(&moments, to: rows.count, Welford())
        try values.withUnsafeBufferPointer { v in
            try moments.withUnsafeMutableBufferPointer { m in
                try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
                    if retracting { m[group].remove(v[row]) } else { m[group].add(v[row]) }
                }
            }
        }
        self.moments = moments
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, retracting: false, cancel: cancel)
    }

    mutating func retract(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        try add(arguments, rows, retracting: true, cancel: cancel)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? VarianceAccumulator else { throw mismatchedMerge(self, other) }
        grown(&moments, to: other.moments.count, Welford())
        for (g, m) in other.moments.enumerated() { moments[g].add(m) }
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        let m = (0..<groups).map { $0 < moments.count ? moments[$0] : Welford() }
        let values = m.map { squareRoot ? $0.sampleStandardDeviation : $0.sampleVariance }
        return Column(.float(values), validity: Bitmap(m.map { $0.count > 1 }))
    }
}

/// Welford's running mean and sum of squared deviations (numerically stable variance), kept in units of
/// `scale`, a power of two: values near the edge of the float range (1e308, -1e308) would make the
/// deviations overflow to inf, so when a value beyond `limit` units arrives the moments are rescaled
/// (exactly: by a power of two) and the standard deviation stays finite wherever it is representable.
struct Welford {
    private(set) var count = 0
    private var scale = 1.0
    private var inverse = 1.0
    /// The mean, in units of `scale`.
    private var mean = 0.0
    /// The sum of squared deviations, in units of `scale`².
    private var squares = 0.0
    /// The largest magnitude (in units) kept without rescaling: its square and deviations stay finite.
    private static let limit = 0x1p500

    @inline(__always)
    mutating func add(_ x: Double) {
        var v = x * inverse
        if !(abs(v) < Welford.limit), x.isFinite {
            rescale(to: Double(sign: .plus, exponent: x.exponent - 400, significand: 1))
            v = x * inverse
        }
        count += 1
        let delta = v - mean
        mean += delta / Double(count)
        squares += delta * (v - mean)
    }

    /// Undoes `add(x)`.
    mutating func remove(_ x: Double) {
        guard count > 1 else { self = Welford(); return }
        let v = x * inverse
        let previous = (mean * Double(count) - v) / Double(count - 1)
        squares -= (v - mean) * (v - previous)
        mean = previous
        count -= 1
    }

    /// The same moments in units of `newScale` (when it is larger than today's).
    private mutating func rescale(to newScale: Double) {
        guard newScale > scale else { return }
        let factor = scale / newScale
        mean *= factor
        squares *= factor * factor
        scale = newScale
        inverse = 1 / newScale
    }

    /// Chan et al.'s combination of two partial moments.
    mutating func add(_ other: Welford) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        var other = other
        rescale(to: other.scale)
        other.rescale(to: scale)
        let n = Double(count + other.count)
        let delta = other.mean - mean
        squares += other.squares + delta * delta * Double(count) * Double(other.count) / n
        mean += delta * Double(other.count) / n
        count += other.count
    }

    /// The sample variance (0 when there are fewer than two values; the caller marks those null);
    /// inf when it is beyond the float range although the data is not.
    var sampleVariance: Double { count > 1 ? max(0, squares / Double(count - 1)) * scale * scale : 0 }

    /// The sample standard deviation, computed in units so that it is finite whenever it is representable.
    var sampleStandardDeviation: Double { count > 1 ? max(0, squares / Double(count - 1)).squareRoot() * scale : 0 }
}

// MARK: - aggregates over every value of a group

/// An aggregate that needs all of a group's values at once (count_distinct, median, quantile, mode): it
/// keeps the argument columns and group ids it is given and computes over them at the end.
struct CollectingAccumulator: Accumulator {
    /// The result per group from every collected row.
    let finish: ([Column], GroupedRows, Cancellation) throws -> Column
    private var arguments: [Column] = []
    private var ids: [Int32] = []

    init(_ finish: @escaping ([Column], GroupedRows, Cancellation) throws -> Column) {
        self.finish = finish
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        var arguments = arguments
        var ids = rows.ids
        if rows.range != 0..<rows.ids.count {
            let picked = Array(rows.range)
            arguments = arguments.map { $0.gather(picked) }
            ids = Array(ids[rows.range])
        }
        try append(arguments, ids)
    }

    private mutating func append(_ more: [Column], _ moreIDs: [Int32]) throws {
        if ids.isEmpty && arguments.isEmpty {
            // The first part is kept as given (no copy).
            arguments = more
            ids = moreIDs
        } else {
            arguments = try zip(arguments, more).map { try SetOperations.append($0, $1) }
            ids += moreIDs
        }
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? CollectingAccumulator else { throw mismatchedMerge(self, other) }
        try append(other.arguments, other.ids)
    }

    func finalize(groups: Int, cancel: Cancellation) throws -> Column {
        try finish(arguments, GroupedRows(ids: ids, count: groups, range: 0..<ids.count), cancel)
    }
}

extension Aggregates {
    /// count_distinct(x): distinct non-null values per group; 0 when there are none.
    /// Each (group, value id) pair is numbered once.
    static func distinctCounts(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws -> Column {
        let key = KeyColumn(grouping: try firstArgument(arguments))
        let values = try Groups(key, nulls: .skip, cancel: cancel)
        var packed = [Int](repeating: 0, count: key.count)
        for row in 0..<key.count where values.ids[row] >= 0 && rows.ids[row] >= 0 {
            packed[row] = Int(rows.ids[row]) &* values.count &+ Int(values.ids[row])
        }
        // Rows in no group (not selected) pair with nothing.
        let grouped = rows.ids.contains(-1) ? Bitmap(rows.ids.map { $0 >= 0 }) : nil
        let pairs = try Groups(KeyColumn(values: packed, validity: Bitmap.both(key.validity, grouped)), nulls: .skip,
                               cancel: cancel)
        var counts = [Int](repeating: 0, count: rows.count)
        for row in pairs.firstRows { counts[Int(rows.ids[row])] += 1 }
        return Column(.int(counts))
    }
}
