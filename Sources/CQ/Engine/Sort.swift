// Sort: the stable multi-key sort and top-N, both producing a row
// permutation that the executor gathers.
//
// Each key column is evaluated once (by the executor) and turned into one
// unsigned integer per row whose unsigned order is the key's order
// (`OrderedKey`): ints with the sign bit flipped, floats by the usual
// sign-magnitude flip (-0.0 made 0.0), bools as 0/1, dates as ints, strings
// by the rank of their dictionary entry in UTF-8 byte order (the dictionary
// is ranked once; rows never compare bytes), and descending keys inverted.
// Nulls are kept apart and placed first or last as the binder resolved.
//
// The full sort is a hand-written LSD radix sort (11 bits a pass, passes
// whose byte is the same in every row skipped), one key at a time from the
// last key to the first; LSD radix passes are stable, so ties keep input
// order without a comparator — 1,000,000 float keys sort in a few passes
// over flat arrays. Top-N keeps a bounded binary heap of the n best rows
// under the same order with the row index as the final tie-break, so it
// returns exactly the prefix a stable full sort would.

import Glibc

/// One sort key as order-preserving unsigned codes, direction applied, with its nulls.
struct OrderedKey {
    /// One code per row; 0 for null rows.
    var codes: [UInt64]
    /// Null rows (nil = none).
    var validity: Bitmap?
    var nullsFirst: Bool

    init(_ column: Column, descending: Bool, nullsFirst: Bool) {
        let ascending = OrderedKey.ascendingCodes(column)
        if case .null(let n) = column.data {
            validity = Bitmap(count: n, value: false)
        } else {
            validity = column.validity
        }
        let flip: UInt64 = descending ? ~0 : 0
        codes = ascending.map { $0 ^ flip }
        if let mask = validity {
            for row in 0..<codes.count where !mask[row] { codes[row] = 0 }
        }
        self.nullsFirst = nullsFirst
    }

    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        guard let v = validity else { return false }
        return !v[row]
    }

    /// Codes whose unsigned order is the column's ascending order (meaningless for null rows).
    static func ascendingCodes(_ column: Column) -> [UInt64] {
        switch column.data {
        case .int(let a): return a.map(intCode)
        case .date(let a): return a.map { intCode(Int($0)) }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .float(let a): return a.map(floatCode)
        case .string(let s):
            let ranks = byteOrderRanks(s.dictionary)
            return s.codes.map { UInt64(ranks[Int($0)]) }
        case .null(let n): return [UInt64](repeating: 0, count: n)
        }
    }

    @inline(__always)
    static func intCode(_ v: Int) -> UInt64 { UInt64(bitPattern: Int64(v)) ^ (1 << 63) }

    @inline(__always)
    static func floatCode(_ d: Double) -> UInt64 {
        let bits = (d == 0 ? 0.0 : d).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The rank of every dictionary entry in UTF-8 byte order; equal strings get equal ranks.
    static func byteOrderRanks(_ dictionary: StringDictionary) -> [Int] {
        let n = dictionary.count
        var ranks = [Int](repeating: 0, count: n)
        dictionary.bytes.withUnsafeBufferPointer { all in
            let offsets = dictionary.offsets
            func compare(_ a: Int, _ b: Int) -> Int {
                let la = offsets[a + 1] - offsets[a]
                let lb = offsets[b + 1] - offsets[b]
                if let base = all.baseAddress, min(la, lb) > 0 {
                    let c = memcmp(base + offsets[a], base + offsets[b], min(la, lb))
                    if c != 0 { return Int(c) }
                }
                return la - lb
            }
            var order = Array(0..<n)
            order.sort { compare($0, $1) < 0 }
            var rank = 0
            for (k, entry) in order.enumerated() {
                if k > 0, compare(order[k - 1], entry) != 0 { rank += 1 }
                ranks[entry] = rank
            }
        }
        return ranks
    }
}

/// The row order given by several keys, then by row index (so every tie is broken as a stable sort would).
struct RowOrder {
    var keys: [OrderedKey]

    @inline(__always)
    func less(_ a: Int, _ b: Int) -> Bool {
        for key in keys {
            let na = key.isNull(a)
            let nb = key.isNull(b)
            if na != nb { return na == key.nullsFirst }
            let ca = key.codes[a]
            let cb = key.codes[b]
            if ca != cb { return ca < cb }
        }
        return a < b
    }
}

enum Sorting {
    /// The stable sort permutation of `rowCount` rows by the keys (first key most significant).
    static func permutation(_ keys: [OrderedKey], rowCount: Int, cancel: Cancellation) throws -> [Int] {
        var perm = Array(0..<rowCount)
        for key in keys.reversed() {
            var codes = key.codes.withUnsafeBufferPointer { c in perm.map { c[$0] } }
            try radixSort(&codes, &perm, cancel: cancel)
            if let validity = key.validity {
                var valid: [Int] = []
                var null: [Int] = []
                valid.reserveCapacity(perm.count)
                for row in perm {
                    if validity[row] { valid.append(row) } else { null.append(row) }
                }
                perm = key.nullsFirst ? null + valid : valid + null
            }
        }
        return perm
    }

    /// Bits per radix digit: 11 bits make six passes over 64-bit codes with 2048 buckets (cache-friendly).
    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = (64 + digitBits - 1) / digitBits

    /// Stable LSD radix sort of the parallel arrays `codes` and `perm` by `codes`.
    static func radixSort(_ codes: inout [UInt64], _ perm: inout [Int], cancel: Cancellation) throws {
        let n = codes.count
        guard n > 1 else { return }
        let digitMask = UInt64(buckets - 1)
        var histogram = [Int](repeating: 0, count: passes * buckets)
        codes.withUnsafeBufferPointer { c in
            histogram.withUnsafeMutableBufferPointer { h in
                for v in c {
                    for pass in 0..<passes {
                        h[pass * buckets + Int((v >> UInt64(pass * digitBits)) & digitMask)] += 1
                    }
                }
            }
        }
        var spareCodes = [UInt64](repeating: 0, count: n)
        var sparePerm = [Int](repeating: 0, count: n)
        for pass in 0..<passes {
            try cancel.check()
            let shift = UInt64(pass * digitBits)
            let base = pass * buckets
            // A pass where every row has the same digit would not move anything.
            if histogram[base + Int((codes[0] >> shift) & digitMask)] == n { continue }
            var next = [Int](repeating: 0, count: buckets)
            var total = 0
            for digit in 0..<buckets {
                next[digit] = total
                total += histogram[base + digit]
            }
            codes.withUnsafeBufferPointer { c in
                perm.withUnsafeBufferPointer { p in
                    spareCodes.withUnsafeMutableBufferPointer { sc in
                        sparePerm.withUnsafeMutableBufferPointer { sp in
                            next.withUnsafeMutableBufferPointer { nx in
                                for i in 0..<n {
                                    let digit = Int((c[i] >> shift) & digitMask)
                                    let at = nx[digit]
                                    sc[at] = c[i]
                                    sp[at] = p[i]
                                    nx[digit] = at + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&codes, &spareCodes)
            swap(&perm, &sparePerm)
        }
    }

    /// The first `limit` rows in the order of the keys, as a stable full sort would give them, via a bounded heap.
    static func top(_ limit: Int, _ keys: [OrderedKey], rowCount: Int, cancel: Cancellation) throws -> [Int] {
        if limit >= rowCount { return try permutation(keys, rowCount: rowCount, cancel: cancel) }
        let order = RowOrder(keys: keys)
        var heap = BoundedHeap(capacity: min(max(0, limit), rowCount), order: order)
        try cancel.batches(rowCount) { range in
            for row in range { heap.offer(row) }
        }
        return heap.rows.sorted(by: order.less)
    }
}

/// A max-heap of at most `capacity` rows under a row order: it keeps the `capacity` smallest rows offered.
struct BoundedHeap {
    private(set) var rows: [Int] = []
    let capacity: Int
    let order: RowOrder

    init(capacity: Int, order: RowOrder) {
        self.capacity = capacity
        self.order = order
        rows.reserveCapacity(capacity)
    }

    mutating func offer(_ row: Int) {
        if rows.count < capacity {
            rows.append(row)
            siftUp(rows.count - 1)
        } else if let worst = rows.first, order.less(row, worst) {
            rows[0] = row
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard order.less(rows[parent], rows[child]) else { return }
            rows.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            for child in (2 * parent + 1)...(2 * parent + 2) where child < rows.count {
                if order.less(rows[largest], rows[child]) { largest = child }
            }
            if largest == parent { return }
            rows.swapAt(parent, largest)
            parent = largest
        }
    }
}
