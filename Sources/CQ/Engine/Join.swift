// Join: the hash join of every kind — inner, left, right, full, semi, anti —
// on one or more key pairs, and the cross join, as matched row pairs that
// are then gathered into the output columns the binder listed.
//
// It works in two steps. `JoinTable` is built once from the right side's
// key columns: each key's right values get dense ids (numbers through
// `KeyNumbering`, a plain array over a small range of values and a hash map
// otherwise — int meeting float as float bits, so they compare numerically;
// strings through one interner over the right dictionary),
// several keys are combined pairwise into one id per distinct right key
// tuple, and the right rows are laid out contiguously per id, in right
// order. Left rows are then turned into the same ids by lookup only
// (`leftIDs`: a string is looked up once per dictionary entry, not once per
// row) and `probe` walks any range of them, appending (left, right) row
// pairs — so a caller may probe a table at once or range by range, and
// `assemble` the output of each range's pairs. A null
// key never matches. Output order: left rows in order, each followed by its
// matches in right order (unmatched left rows of left/full joins paired
// with -1), then for right/full joins the right rows nothing matched, in
// right order (paired with -1 on the left). Semi and anti joins keep each
// left row once and never touch the right side's other columns.
//
// A join may make at most `maxRows` rows (a cross join of two 100k tables
// would make 10^10): more is an error, for a cross join before any row is
// made, for the others as soon as the count passes the limit. Long loops
// poll the cancellation flag. Gathering is Column's job; which columns are
// needed is the Executor's (Selection.swift).

enum HashJoin {
    /// The most rows a join may produce.
    static let maxRows = 100_000_000

    /// The joined table: the columns `join.columns` lists (those outside `needs` as placeholders).
    static func run(left: Table, right: Table, join: BoundJoin, needs: ColumnNeeds = nil,
                    cancel: Cancellation) throws -> Table {
        try check(left, right, join)
        return try assemble(left: left, right: right, join: join,
                            pairs: matches(left: left, right: right, join: join, cancel: cancel), needs: needs)
    }

    /// An error unless every column the join names exists on its side.
    static func check(_ left: Table, _ right: Table, _ join: BoundJoin) throws {
        let valid = join.keys.allSatisfy { left.columns.indices.contains($0.left) && right.columns.indices.contains($0.right) }
            && join.columns.allSatisfy { output in
                switch output.value {
                case .left(let i): return left.columns.indices.contains(i)
                case .right(let i): return right.columns.indices.contains(i)
                case .key(let l, let r): return left.columns.indices.contains(l) && right.columns.indices.contains(r)
                }
            }
        guard valid else { throw CQError(.invalidArgument("join refers to a column that does not exist")) }
    }

    /// The output table of matched pairs: `join.columns` gathered from the two sides (a -1 gives nulls).
    /// `left` may be a chunk of the left side whose rows the pairs index.
    static func assemble(left: Table, right: Table, join: BoundJoin, pairs: JoinPairs, needs: ColumnNeeds) throws -> Table {
        try check(left, right, join)
        let columns = try join.columns.indices.map { k -> Column in
            guard needs?.contains(k) ?? true else { return Column(.null(count: pairs.count)) }
            switch join.columns[k].value {
            case .left(let i): return left.columns[i].gather(pairs.left)
            case .right(let i): return right.columns[i].gather(pairs.right)
            case .key(let l, let r): return try coalesced(left.columns[l], right.columns[r], pairs)
            }
        }
        return Table(names: join.columns.map(\.name), columns: columns, rowCount: pairs.count)
    }

    /// The matched row pairs of a whole join.
    static func matches(left: Table, right: Table, join: BoundJoin, cancel: Cancellation) throws -> JoinPairs {
        guard join.kind != .cross else { return try crossPairs(0..<left.rowCount, right.rowCount, cancel: cancel) }
        let table = try JoinTable(right: join.keys.map { right.columns[$0.right] },
                                  leftTypes: join.keys.map { left.columns[$0.left].type }, cancel: cancel)
        let ids = try table.leftIDs(join.keys.map { left.columns[$0.left] }, cancel: cancel)
        var pairs = JoinPairs()
        var matched = join.kind.keepsUnmatchedRight ? Bitmap(count: right.rowCount, value: false) : nil
        try table.probe(ids, rows: 0..<left.rowCount, kind: join.kind, into: &pairs, matched: &matched, cancel: cancel)
        if let matched { try table.appendUnmatched(matched, to: &pairs) }
        return pairs
    }

    /// Every left row of `leftRows` with every right row, left order first (a caller that streams the left
    /// side asks for one range at a time, so the pairs of a large cross join never exist all at once).
    static func crossPairs(_ leftRows: Range<Int>, _ rightCount: Int, cancel: Cancellation) throws -> JoinPairs {
        let (total, overflow) = leftRows.count.multipliedReportingOverflow(by: rightCount)
        guard !overflow, total <= maxRows else { throw tooLarge(overflow ? nil : total) }
        var pairs = JoinPairs()
        pairs.left.reserveCapacity(total)
        pairs.right.reserveCapacity(total)
        // Batches of about `Cancellation.batch` pairs, so Ctrl-C is seen between them.
        let rowsPerBatch = max(1, Cancellation.batch / max(1, rightCount))
        var start = leftRows.lowerBound
        while start < leftRows.upperBound {
            try cancel.check()
            let end = min(leftRows.upperBound, start + rowsPerBatch)
            for row in start..<end {
                pairs.left.append(contentsOf: repeatElement(row, count: rightCount))
                pairs.right.append(contentsOf: 0..<rightCount)
            }
            start = end
        }
        return pairs
    }

    /// The error for a join that would make more than `maxRows` rows (`total` when known).
    static func tooLarge(_ total: Int?) -> CQError {
        let made = total.map { "\($0) rows" } ?? "too many rows"
        return CQError(.invalidArgument("join would make \(made), more than the \(maxRows) cq holds; filter or summarize a side first"))
    }

    /// One `on col` key of a right/full join: the left value where there is a left row, else the right one.
    private static func coalesced(_ left: Column, _ right: Column, _ pairs: JoinPairs) throws -> Column {
        let type = DataType.common(left.type, right.type) ?? left.type
        let hasLeft = packBits(pairs.left) { $0 >= 0 }
        guard let column = blend(hasLeft, left.gather(pairs.left).widened(to: type),
                                 right.gather(pairs.right).widened(to: type)) else {
            throw CQError(.invalidArgument("join key columns are too large to combine"))
        }
        return column
    }
}

/// Matched rows of a join: `left[i]` with `right[i]`; -1 stands for the missing side of an outer row.
/// Semi and anti joins fill only `left`.
struct JoinPairs {
    var left: [Int] = []
    var right: [Int] = []
    var count: Int { left.count }
}

/// The right side of a join, hashed on its key columns: built once, then probed by ranges of left rows.
struct JoinTable {
    /// Per key: how a value finds its id among the right side's distinct values.
    private var domains: [KeyDomain] = []
    /// Per key after the first: the map from (prefix id × width + key id) to the id of the longer prefix.
    private var steps: [(map: KeyNumbering, width: Int)] = []
    /// Right rows by key id, contiguous and in right order: id k has `rows[starts[k]..<starts[k + 1]]`.
    private var starts: [Int] = [0]
    private var rows: [Int] = []
    /// The rows of the right side.
    let rightCount: Int

    /// The table of the right key columns (at least one, of equal length); `leftTypes` are the types of
    /// the left key columns they will be compared with.
    init(right keys: [Column], leftTypes: [DataType], cancel: Cancellation) throws {
        guard let first = keys.first, keys.count == leftTypes.count else {
            throw CQError(.invalidArgument("a join needs a key on each side"))
        }
        rightCount = first.count
        guard rightCount <= Int(Int32.max), keys.allSatisfy({ $0.count == rightCount }) else {
            throw CQError(.invalidArgument("join keys of \(rightCount) rows cannot be hashed"))
        }
        var ids: [Int32] = []
        var width = 0
        for (k, (key, leftType)) in zip(keys, leftTypes).enumerated() {
            try cancel.check()
            let (domain, keyIDs, keyWidth) = try KeyDomain.build(key, comparedWith: leftType)
            domains.append(domain)
            if k == 0 {
                (ids, width) = (keyIDs, keyWidth)
                continue
            }
            // Combine: (prefix id, key id) pairs numbered in order of first sight.
            let packed = (0..<rightCount).map { row in
                ids[row] >= 0 && keyIDs[row] >= 0 ? Int(ids[row]) &* keyWidth &+ Int(keyIDs[row]) : -1
            }
            let (map, combined) = KeyNumbering.number(packed) { packed[$0] >= 0 }
            ids = combined
            steps.append((map, keyWidth))
            width = Int(map.count)
        }
        // Rows by id: count, prefix sums, place.
        starts = [Int](repeating: 0, count: width + 1)
        for id in ids where id >= 0 { starts[Int(id) + 1] += 1 }
        for id in 0..<width { starts[id + 1] += starts[id] }
        var next = starts
        rows = [Int](repeating: 0, count: starts[width])
        for (row, id) in ids.enumerated() where id >= 0 {
            rows[next[Int(id)]] = row
            next[Int(id)] += 1
        }
    }

    /// The key id of each row of the left key columns (one per right key, of equal length): -1 for a row
    /// with a null key or a key the right side lacks.
    func leftIDs(_ keys: [Column], cancel: Cancellation) throws -> [Int32] {
        guard let first = keys.first, keys.count == domains.count, keys.allSatisfy({ $0.count == first.count }) else {
            throw CQError(.invalidArgument("a join needs the same number of keys on each side"))
        }
        var ids = try domains[0].ids(of: first)
        for (k, step) in steps.enumerated() {
            try cancel.check()
            let keyIDs = try domains[k + 1].ids(of: keys[k + 1])
            for row in ids.indices {
                guard ids[row] >= 0, keyIDs[row] >= 0 else {
                    ids[row] = -1
                    continue
                }
                ids[row] = step.map.find(Int(ids[row]) &* step.width &+ Int(keyIDs[row]))
            }
        }
        return ids
    }

    /// Appends the pairs of left rows `range` (indexes into `ids`, from `leftIDs`): for inner, left, right
    /// and full joins each match, for left/full an unmatched row with -1; for semi each matched row once,
    /// for anti each unmatched row. Right rows matched are set in `matched` (when given: right/full joins).
    func probe(_ ids: [Int32], rows range: Range<Int>, kind: JoinKind, into pairs: inout JoinPairs,
               matched: inout Bitmap?, cancel: Cancellation) throws {
        guard range.lowerBound >= 0, range.upperBound <= ids.count else {
            throw CQError(.invalidArgument("join probe of rows \(range) of \(ids.count)"))
        }
        let keepsRight = kind.keepsRight
        let keepsUnmatched = kind.keepsUnmatchedLeft || kind == .anti
        if pairs.left.isEmpty {
            // Room for one row per left row (only the first time: repeated reserves would undo the doubling).
            pairs.left.reserveCapacity(range.count)
            if keepsRight { pairs.right.reserveCapacity(range.count) }
        }
        try ids.withUnsafeBufferPointer { ids in
            try cancel.batches(range.count) { batch in
                for row in (range.lowerBound + batch.lowerBound)..<(range.lowerBound + batch.upperBound) {
                    let id = Int(ids[row])
                    // An id may have no right row (a dictionary entry no right row uses).
                    let matches = id >= 0 && id + 1 < starts.count ? starts[id]..<starts[id + 1] : 0..<0
                    guard !matches.isEmpty else {
                        if keepsUnmatched {
                            pairs.left.append(row)
                            if keepsRight { pairs.right.append(-1) }
                        }
                        continue
                    }
                    if kind == .semi { pairs.left.append(row) }
                    guard keepsRight else { continue }
                    guard pairs.count + matches.count <= HashJoin.maxRows else { throw HashJoin.tooLarge(nil) }
                    // A key with many partners makes many rows: see Ctrl-C between such keys too.
                    if matches.count >= 4096 { try cancel.check() }
                    for k in matches {
                        pairs.left.append(row)
                        pairs.right.append(rows[k])
                        matched?[rows[k]] = true
                    }
                }
            }
        }
    }

    /// Appends the right rows not set in `matched`, in right order, each with -1 for the left row.
    func appendUnmatched(_ matched: Bitmap, to pairs: inout JoinPairs) throws {
        for row in 0..<min(rightCount, matched.count) where !matched[row] {
            guard pairs.count < HashJoin.maxRows else { throw HashJoin.tooLarge(nil) }
            pairs.left.append(-1)
            pairs.right.append(row)
        }
    }
}

/// One key column's values as dense ids of the right side's distinct values.
private enum KeyDomain {
    /// Ints, dates and bools as they are, or every number as its float bits (`asFloat`, when one side is float).
    case numbers(KeyNumbering, asFloat: Bool)
    /// Strings by content, through the interner of the right dictionary.
    case strings(StringInterner)
    /// A column of nothing but nulls: no value matches.
    case none

    /// The domain of a right key column, each right row's id (-1 for null) and the number of ids.
    static func build(_ right: Column, comparedWith leftType: DataType) throws -> (KeyDomain, [Int32], Int) {
        switch right.data {
        case .string(let s):
            guard leftType == .string || leftType == .null else { throw mismatch(leftType, right.type) }
            var interner = StringInterner()
            let entries = interner.intern(s.dictionary)
            let ids = rowIDs(codes: s.codes, entries: entries, validity: right.validity)
            return (.strings(interner), ids, (entries.max().map { Int($0) + 1 }) ?? 0)
        case .null(let n):
            return (.none, [Int32](repeating: -1, count: n), 0)
        default:
            let asFloat = right.type == .float || leftType == .float
            guard leftType == right.type || leftType == .null || (asFloat && (leftType == .int || right.type == .int)) else {
                throw mismatch(leftType, right.type)
            }
            let values = numbers(right, asFloat: asFloat)
            let (map, ids) = KeyNumbering.number(values) { !right.isNull($0) }
            return (.numbers(map, asFloat: asFloat), ids, Int(map.count))
        }
    }

    /// The id of each row of a left key column: -1 for null or a value the right side lacks.
    func ids(of left: Column) throws -> [Int32] {
        let absent = [Int32](repeating: -1, count: left.count)
        switch (self, left.data) {
        case (.none, _), (_, .null):
            return absent
        case (.strings(let interner), .string(let s)):
            let entries = (0..<s.dictionary.count).map { i in s.dictionary.withBytes(i) { interner.find($0) } }
            return KeyDomain.rowIDs(codes: s.codes, entries: entries, validity: left.validity)
        case (.numbers(let map, let asFloat), .int), (.numbers(let map, let asFloat), .float),
             (.numbers(let map, let asFloat), .int32), (.numbers(let map, let asFloat), .bool):
            let values = KeyDomain.numbers(left, asFloat: asFloat)
            var ids = absent
            for row in values.indices where !left.isNull(row) { ids[row] = map.find(values[row]) }
            return ids
        default:
            throw CQError(.typeMismatch("cannot join \(left.type.rawValue) with a key of another type"))
        }
    }

    /// Per row, the id of its dictionary entry; -1 for a null row.
    private static func rowIDs(codes: [Int32], entries: [Int32], validity: Bitmap?) -> [Int32] {
        var ids = codes.map { entries.indices.contains(Int($0)) ? entries[Int($0)] : -1 }
        if let validity {
            for row in ids.indices where !validity[row] { ids[row] = -1 }
        }
        return ids
    }

    /// A number column as integers: equal exactly for equal values (floats and, with `asFloat`, ints by float bits).
    private static func numbers(_ column: Column, asFloat: Bool) -> [Int] {
        if asFloat, case .int(let a) = column.data { return a.map { KeyColumn.floatKey(Double($0)) } }
        return KeyColumn(grouping: column).values
    }

    private static func mismatch(_ a: DataType, _ b: DataType) -> CQError {
        CQError(.typeMismatch("cannot join \(a.rawValue) with \(b.rawValue)"))
    }
}

/// Integer keys numbered 0, 1, 2… in order of first sight, found again by lookup: a plain array when
/// the keys span a small range (years, days, combined small ids), else a hash map.
private struct KeyNumbering {
    private var lo = 0
    private var direct: [Int32] = []
    private var hashed: IntHashMap?
    /// How many distinct keys were numbered.
    private(set) var count: Int32 = 0

    /// The numbering of the keys of the rows where `valid` holds, and each row's number (-1 elsewhere).
    static func number(_ keys: [Int], valid: (Int) -> Bool) -> (KeyNumbering, [Int32]) {
        var map = KeyNumbering()
        var lo = Int.max, hi = Int.min
        for row in keys.indices where valid(row) {
            lo = min(lo, keys[row])
            hi = max(hi, keys[row])
        }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if lo <= hi, !overflow, span < max(2 * keys.count, 1 << 16) {
            map.lo = lo
            map.direct = [Int32](repeating: -1, count: span + 1)
        } else {
            map.hashed = IntHashMap(expected: min(keys.count, 1 << 12))
        }
        var ids = [Int32](repeating: -1, count: keys.count)
        for row in keys.indices where valid(row) {
            let proposed = map.count
            let id: Int32
            if map.hashed != nil {
                id = map.hashed?.slot(for: keys[row], proposed: proposed) ?? -1
            } else {
                let i = keys[row] &- lo
                if map.direct[i] < 0 { map.direct[i] = proposed }
                id = map.direct[i]
            }
            if id == proposed { map.count += 1 }
            ids[row] = id
        }
        return (map, ids)
    }

    /// The number of a key, or -1 when it was never numbered.
    @inline(__always)
    func find(_ key: Int) -> Int32 {
        if let hashed { return hashed.find(key) }
        let (i, overflow) = key.subtractingReportingOverflow(lo)
        return !overflow && i >= 0 && i < direct.count ? direct[i] : -1
    }
}
