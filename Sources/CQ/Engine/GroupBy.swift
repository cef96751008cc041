// GroupBy: hashing of keys. Turns key columns into dense group ids — rows
// holding equal keys get the same id, ids numbered in order of first
// appearance — which summarize, distinct, count_distinct and the hash join
// all build on (the join also probes `IntHashMap` directly).
//
// Every key column is first reduced to one integer per row (`KeyColumn`):
// ints, dates and bools as they are, floats by bit pattern (with -0.0 made
// 0.0), strings by a canonical dictionary code (a non-unique dictionary is
// deduplicated once, by a hash over its entries, never per row). Dense ids
// then come from a direct array when the values span a small range (bools,
// dates, dictionary codes, small ints) and from an open-addressing hash
// table otherwise. Several keys are packed: each key's code (its offset
// in a small range, else its dense id) packs into one integer per row
// (`a * widthB + b`, at most 2^62), which is numbered once. What a group
// computes is left to Aggregates; how a join pairs rows is left to Join.
//
// The hot loops here are hand-written over plain integer arrays (no
// `Value`, `String` or existential per row) because group-by over millions
// of rows is the engine's most common heavy operation.

/// One key column reduced to integers: two valid rows hold equal keys exactly when their `values` are equal.
struct KeyColumn {
    /// One integer per row; meaningless for null rows.
    var values: [Int]
    /// Null rows (nil = none).
    var validity: Bitmap?

    var count: Int { values.count }

    init(values: [Int], validity: Bitmap?) {
        self.values = values
        self.validity = validity
    }

    /// The grouping key of a column: equal values (and only those) give equal integers.
    init(grouping column: Column) {
        validity = column.validity
        switch column.data {
        case .int(let a): values = a
        case .float(let a): values = a.map(KeyColumn.floatKey)
        case .bool(let a): values = a.map { $0 ? 1 : 0 }
        case .int32(let a): values = a.map { Int($0) }
        case .string(let s):
            if s.dictionary.isUnique {
                values = s.codes.map { Int($0) }
            } else {
                var interner = StringInterner()
                let canonical = interner.intern(s.dictionary)
                values = s.codes.map { Int(canonical[Int($0)]) }
            }
        case .null(let n):
            values = [Int](repeating: 0, count: n)
            validity = Bitmap(count: n, value: false)
        }
    }

    /// A float's key: its bit pattern, with -0.0 folded into 0.0 (NaN cannot occur).
    static func floatKey(_ d: Double) -> Int {
        Int(truncatingIfNeeded: (d == 0 ? 0.0 : d).bitPattern)
    }

    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        guard let v = validity else { return false }
        return !v[row]
    }

    /// The smallest value and the span of the valid values when the span is small enough for a direct
    /// array (below twice the rows, or 2^16); nil otherwise, and when every row is null.
    var smallRange: (lo: Int, span: Int)? {
        var lo = Int.max
        var hi = Int.min
        for i in 0..<count where !isNull(i) {
            lo = min(lo, values[i])
            hi = max(hi, values[i])
        }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard lo <= hi, !overflow, span < max(2 * count, 1 << 16) else { return nil }
        return (lo, span)
    }
}

/// What to do with rows whose key is null.
enum NullKeys {
    /// All null rows form one group of their own (SQL GROUP BY, DISTINCT).
    case group
    /// Null rows get no group (id -1): count_distinct, join keys.
    case skip
}

/// Rows numbered by the distinct key they hold, in order of first appearance.
struct Groups {
    /// The group of each row; -1 for a row skipped because its key is null or because it is not selected.
    var ids: [Int32]
    /// The number of groups.
    var count: Int
    /// The first row of each group, increasing.
    var firstRows: [Int]

    /// One group holding every row, or the rows set in `only` (a summarize without keys: one group even
    /// over no rows).
    static func single(rowCount: Int, only: Bitmap? = nil) -> Groups {
        guard let only else {
            return Groups(ids: [Int32](repeating: 0, count: rowCount), count: 1, firstRows: rowCount > 0 ? [0] : [])
        }
        var ids = [Int32](repeating: -1, count: rowCount)
        var first: Int?
        for (w, word) in only.words.enumerated() {
            var bits = word
            while bits != 0 {
                let row = w << 6 | bits.trailingZeroBitCount
                if row < rowCount { ids[row] = 0 }
                first = first ?? row
                bits &= bits &- 1
            }
        }
        return Groups(ids: ids, count: 1, firstRows: first.map { [$0] } ?? [])
    }

    /// The groups of one key column; rows not set in `only` (when given) get no group.
    init(_ key: KeyColumn, nulls: NullKeys, only: Bitmap? = nil, cancel: Cancellation) throws {
        let n = key.count
        guard n <= Int(Int32.max) else { throw CQError(.invalidArgument("too many rows to group (\(n))")) }
        if let range = key.smallRange {
            var slots = DirectSlots(base: range.lo, span: range.span)
            self = try Groups.number(key, nulls: nulls, only: only, slots: &slots, cancel: cancel)
        } else {
            var slots = IntHashMap(expected: min(n, 1 << 12))
            self = try Groups.number(key, nulls: nulls, only: only, slots: &slots, cancel: cancel)
        }
    }

    private init(ids: [Int32], count: Int, firstRows: [Int]) {
        self.ids = ids
        self.count = count
        self.firstRows = firstRows
    }

    /// The groups of several key columns of equal length (at least one); rows not set in `only` (when
    /// given) get no group. Each key becomes a code below its width (`codes`), the codes are packed
    /// into one integer per row (`a * widthB + b`) while the widths multiply to at most 2^62 — the
    /// packed keys numbered first when they would not — and the packed keys are numbered once.
    init(keys: [KeyColumn], only: Bitmap? = nil, cancel: Cancellation) throws {
        guard let first = keys.first else { throw CQError(.invalidArgument("grouping needs a key")) }
        if keys.count == 1 {
            self = try Groups(first, nulls: .group, only: only, cancel: cancel)
            return
        }
        var (packed, width) = try Groups.codes(first, only: only, cancel: cancel)
        func fits(_ a: Int, _ b: Int) -> Bool {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return !overflow && product <= 1 << 62
        }
        for key in keys.dropFirst() {
            var (next, nextWidth) = try Groups.codes(key, only: only, cancel: cancel)
            if !fits(width, nextWidth) {
                let sofar = try Groups(KeyColumn(values: packed, validity: nil), nulls: .group, only: only, cancel: cancel)
                packed = sofar.ids.map { Int($0) }
                width = max(1, sofar.count)
            }
            if !fits(width, nextWidth) {
                // Both sides as dense ids: at most rows² < 2^62.
                let groups = try Groups(key, nulls: .group, only: only, cancel: cancel)
                next = groups.ids.map { Int($0) }
                nextWidth = max(1, groups.count)
            }
            try cancel.check()
            packed.withUnsafeMutableBufferPointer { p in
                next.withUnsafeBufferPointer { c in
                    for i in p.indices { p[i] = p[i] &* nextWidth &+ c[i] }
                }
            }
            width *= nextWidth
        }
        self = try Groups(KeyColumn(values: packed, validity: nil), nulls: .group, only: only, cancel: cancel)
    }

    /// One key's rows as codes in 0..<width, equal codes exactly for equal keys (null rows one code of
    /// their own): the offset in the values' range when it is small, else the group id.
    private static func codes(_ key: KeyColumn, only: Bitmap?, cancel: Cancellation) throws -> ([Int], Int) {
        guard let range = key.smallRange else {
            let groups = try Groups(key, nulls: .group, only: only, cancel: cancel)
            return (groups.ids.map { Int($0) }, max(1, groups.count))
        }
        let nullCode = range.span + 1
        var codes = [Int](repeating: nullCode, count: key.count)
        key.values.withUnsafeBufferPointer { v in
            codes.withUnsafeMutableBufferPointer { c in
                if let validity = key.validity {
                    for i in c.indices where validity[i] { c[i] = v[i] &- range.lo }
                } else {
                    for i in c.indices { c[i] = v[i] &- range.lo }
                }
            }
        }
        return (codes, range.span + 2)
    }

    /// The numbering loop shared by both slot kinds.
    private static func number<S: KeySlots>(_ key: KeyColumn, nulls: NullKeys, only: Bitmap?, slots: inout S,
                                            cancel: Cancellation) throws -> Groups {
        let n = key.count
        var ids = [Int32](repeating: -1, count: n)
        var firstRows: [Int] = []
        var nullID: Int32 = -1
        try cancel.batches(n) { range in
            for i in range {
                if let only, !only[i] { continue }
                let proposed = Int32(truncatingIfNeeded: firstRows.count)
                if key.isNull(i) {
                    if nulls == .skip { continue }
                    if nullID < 0 {
                        nullID = proposed
                        firstRows.append(i)
                    }
                    ids[i] = nullID
                } else {
                    let id = slots.slot(for: key.values[i], proposed: proposed)
                    if id == proposed { firstRows.append(i) }
                    ids[i] = id
                }
            }
        }
        return Groups(ids: ids, count: firstRows.count, firstRows: firstRows)
    }
}

/// A map from key integers to group ids that hands out `proposed` to a key it has not seen.
protocol KeySlots {
    mutating func slot(for key: Int, proposed: Int32) -> Int32
}

/// Keys within a small range: a plain array indexed by `key - base`.
struct DirectSlots: KeySlots {
    private let base: Int
    private var slots: [Int32]

    /// `span` is the largest key minus the smallest (`base`); every key given later lies in that range.
    init(base: Int, span: Int) {
        self.base = base
        slots = [Int32](repeating: -1, count: span + 1)
    }

    @inline(__always)
    mutating func slot(for key: Int, proposed: Int32) -> Int32 {
        let i = key &- base
        let id = slots[i]
        if id >= 0 { return id }
        slots[i] = proposed
        return proposed
    }
}

/// An open-addressing (linear probing) hash table from Int keys to Int32 ids, grown at half load.
struct IntHashMap: KeySlots {
    private var keys: [Int]
    private var ids: [Int32]
    private var shift: Int
    private var used = 0

    init(expected: Int) {
        var bits = 4
        while (1 << bits) < 2 * expected { bits += 1 }
        keys = [Int](repeating: 0, count: 1 << bits)
        ids = [Int32](repeating: -1, count: 1 << bits)
        shift = 64 - bits
    }

    @inline(__always)
    private func home(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    @inline(__always)
    mutating func slot(for key: Int, proposed: Int32) -> Int32 {
        if 2 * (used + 1) > ids.count { grow() }
        let mask = ids.count - 1
        var h = home(key)
        while true {
            let id = ids[h]
            if id < 0 {
                keys[h] = key
                ids[h] = proposed
                used += 1
                return proposed
            }
            if keys[h] == key { return id }
            h = (h + 1) & mask
        }
    }

    /// The id of a key, or -1 when it was never given one.
    func find(_ key: Int) -> Int32 {
        let mask = ids.count - 1
        var h = home(key)
        while true {
            let id = ids[h]
            if id < 0 || keys[h] == key { return id }
            h = (h + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIDs = ids
        shift -= 1
        keys = [Int](repeating: 0, count: oldKeys.count * 2)
        ids = [Int32](repeating: -1, count: oldIDs.count * 2)
        let mask = ids.count - 1
        for i in 0..<oldIDs.count where oldIDs[i] >= 0 {
            var h = home(oldKeys[i])
            while ids[h] >= 0 { h = (h + 1) & mask }
            keys[h] = oldKeys[i]
            ids[h] = oldIDs[i]
        }
    }
}

/// Gives equal UTF-8 strings the same dense id (in order of first sight), hashing each string once.
struct StringInterner {
    /// The distinct strings seen, id = position.
    private var strings = StringDictionary()
    private var slots = [Int32](repeating: -1, count: 16)
    private var hashes: [UInt64] = []

    /// The id of every entry of a dictionary.
    mutating func intern(_ dictionary: StringDictionary) -> [Int32] {
        dictionary.bytes.withUnsafeBufferPointer { all in
            (0..<dictionary.count).map { i in
                intern(UnsafeBufferPointer(rebasing: all[dictionary.offsets[i]..<dictionary.offsets[i + 1]]))
            }
        }
    }

    /// The id of one string.
    mutating func intern(_ s: UnsafeBufferPointer<UInt8>) -> Int32 {
        if 2 * (hashes.count + 1) > slots.count { grow() }
        let hash = StringInterner.hash(s)
        let mask = slots.count - 1
        var h = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[h]
            if id < 0 {
                let new = Int32(truncatingIfNeeded: hashes.count)
                slots[h] = new
                hashes.append(hash)
                strings.append(bytes: s)
                return new
            }
            if hashes[Int(id)] == hash, strings.withBytes(Int(id), { $0.elementsEqual(s) }) { return id }
            h = (h + 1) & mask
        }
    }

    /// The id of a string interned before, or -1 (nothing is added).
    func find(_ s: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = StringInterner.hash(s)
        let mask = slots.count - 1
        var h = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[h]
            if id < 0 { return -1 }
            if hashes[Int(id)] == hash, strings.withBytes(Int(id), { $0.elementsEqual(s) }) { return id }
            h = (h + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var h = Int(truncatingIfNeeded: hash) & mask
            while slots[h] >= 0 { h = (h + 1) & mask }
            slots[h] = Int32(truncatingIfNeeded: id)
        }
    }

    /// FNV-1a, finished with a multiplicative mix so the low bits used for slots are well spread.
    private static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }
}
