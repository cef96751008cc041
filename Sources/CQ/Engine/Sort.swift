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
// returns exactly the prefix a stable full sort would; with one key (the
// common `top 10 by x`) no code array is made at all: each row's code is
// computed as it is offered to a heap of (code, row) pairs, null rows are
// set aside, and most rows are rejected by one integer comparison. Both work
// on the rows a filter below them selected (a row list, or for one key the
// mask itself), so the filter need not be gathered first (Executor,
// Selection.swift). Hand-written for speed, like the rest of this file.

import Glibc

/// One sort key as order-preserving unsigned codes, direction applied, with its nulls.
struct OrderedKey {
    /// One code per row; 0 for null rows.
    var codes: [UInt64]
    /// Null rows (nil = none).
    var validity: Bitmap?
    var nullsFirst: Bool

    init(_ column: Column, descending: Bool, nullsFirst: Bool) {
        codes = OrderedKey.ascendingCodes(column)
        if case .null(let n) = column.data {
            validity = Bitmap(count: n, value: false)
        } else {
            validity = column.validity
        }
        if descending {
            codes.withUnsafeMutableBufferPointer { c in
                for i in c.indices { c[i] = ~c[i] }
            }
        }
        if let mask = validity {
            codes.withUnsafeMutableBufferPointer { c in
                for (w, word) in mask.words.enumerated() {
                    var nulls = ~word
                    while nulls != 0 {
                        let row = w << 6 | nulls.trailingZeroBitCount
                        if row < c.count { c[row] = 0 }
                        nulls &= nulls &- 1
                    }
                }
            }
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
        case .int(let a): return codes(a, intCode)
        case .int32(let a): return codes(a) { intCode(Int($0)) }
        case .bool(let a): return codes(a) { $0 ? 1 : 0 }
        case .float(let a): return codes(a, floatCode)
        case .string(let s):
            let ranks = byteOrderRanks(s.dictionary).map { UInt64($0) }
            return codes(s.codes) { ranks[Int($0)] }
        case .null(let n): return [UInt64](repeating: 0, count: n)
        }
    }

    /// `code(values[i])` for every row: one loop over raw buffers.
    @inline(__always)
    private static func codes<T>(_ values: [T], _ code: (T) -> UInt64) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in v.indices { out.initializeElement(at: i, to: code(v[i])) }
            }
            initialized = values.count
        }
    }

    @inline(__always)
    static func intCode(_ v: Int) -> UInt64 { UInt64(bitPattern: Int64(v)) ^ (1 << 63) }

    /// Branch-free: adding +0.0 turns -0.0 into 0.0; negative values flip every bit, others only the sign.
    @inline(__always)
    static func floatCode(_ d: Double) -> UInt64 {
        let bits = (d + 0.0).bitPattern
        let negative = UInt64(bitPattern: Int64(bitPattern: bits) >> 63)
        return bits ^ (negative | (1 << 63))
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
    /// The stable sort permutation of `rows` (ascending row indexes) by the keys (first key most significant).
    static func permutation(_ keys: [OrderedKey], of rows: [Int], cancel: Cancellation) throws -> [Int] {
        var perm = rows
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

    /// The first `limit` of `rows` (ascending row indexes) in the order of the keys, as a stable full
    /// sort would give them, via a bounded heap.
    static func top(_ limit: Int, _ keys: [OrderedKey], of rows: [Int], cancel: Cancellation) throws -> [Int] {
        if limit >= rows.count { return try permutation(keys, of: rows, cancel: cancel) }
        let order = RowOrder(keys: keys)
        var heap = BoundedHeap(capacity: max(0, limit), order: order)
        try cancel.batches(rows.count) { range in
            for i in range { heap.offer(rows[i]) }
        }
        return heap.rows.sorted(by: order.less)
    }
}

extension Sorting {
    /// The first `limit` rows (of those set in `mask`, or all) by one key column, as a stable sort
    /// would give them. No code array is made: each row's code is computed as the row is offered to a
    /// heap of (code, row) pairs, null rows are set aside in row order, and rows are walked a mask
    /// word at a time. Rows come in ascending order, so a row whose code only ties the worst kept one
    /// never displaces it, and one comparison rejects most rows.
    static func top(_ limit: Int, by column: Column, descending: Bool, nullsFirst: Bool, among mask: Bitmap?,
                    cancel: Cancellation) throws -> [Int] {
        let flip: UInt64 = descending ? ~0 : 0
        let validity = column.validity
        func walk(_ code: (Int) -> UInt64) throws -> [Int] {
            try topCodes(limit, count: column.count, validity: validity, mask: mask, nullsFirst: nullsFirst,
                         cancel: cancel) { code($0) ^ flip }
        }
        switch column.data {
        case .int(let a): return try a.withUnsafeBufferPointer { v in try walk { OrderedKey.intCode(v[$0]) } }
        case .int32(let a): return try a.withUnsafeBufferPointer { v in try walk { OrderedKey.intCode(Int(v[$0])) } }
        case .bool(let a): return try a.withUnsafeBufferPointer { v in try walk { v[$0] ? 1 : 0 } }
        case .float(let a): return try a.withUnsafeBufferPointer { v in try walk { OrderedKey.floatCode(v[$0]) } }
        case .string(let s):
            let ranks = OrderedKey.byteOrderRanks(s.dictionary).map { UInt64($0) }
            return try walk { ranks[Int(s.codes[$0])] }
        case .null(let n):
            return try topCodes(limit, count: n, validity: Bitmap(count: n, value: false), mask: mask,
                                nullsFirst: nullsFirst, cancel: cancel) { _ in 0 }
        }
    }

    /// The walk of `top(_:by:…)`: `code(row)` is called only for valid rows set in `mask`, all below `count`.
    private static func topCodes(_ limit: Int, count: Int, validity: Bitmap?, mask: Bitmap?, nullsFirst: Bool,
                                 cancel: Cancellation, _ code: (Int) -> UInt64) throws -> [Int] {
        var nulls: [Int] = []
        var heap = CodeHeap(capacity: max(0, limit))
        let wordCount = (count + 63) >> 6
        let tail: UInt64 = count & 63 == 0 ? ~0 : (1 << UInt64(count & 63)) - 1
        for w in 0..<wordCount {
            if w & 1023 == 0 { try cancel.check() }
            var candidates = w < (mask?.words.count ?? wordCount) ? (mask?.words[w] ?? ~0) : 0
            if w == wordCount - 1 { candidates &= tail }
            let valid = validity.map { w < $0.words.count ? $0.words[w] : 0 } ?? ~0
            var present = candidates & valid
            var absent = candidates & ~valid
            while present != 0 {
                let row = w << 6 | present.trailingZeroBitCount
                heap.offer(code(row), row)
                present &= present &- 1
            }
            while absent != 0, nulls.count < limit {
                nulls.append(w << 6 | absent.trailingZeroBitCount)
                absent &= absent &- 1
            }
        }
        let valid = heap.sortedRows
        let all = nullsFirst ? nulls + valid : valid + nulls
        return Array(all.prefix(max(0, limit)))
    }
}

/// A max-heap of at most `capacity` (code, row) pairs offered in ascending row order: it keeps the
/// `capacity` smallest codes, the earlier row winning a tie.
private struct CodeHeap {
    private var codes: [UInt64] = []
    private var rows: [Int] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        codes.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
    }

    /// Whether pair i sorts after pair j (a larger code, or the same code from a later row).
    @inline(__always)
    private func after(_ i: Int, _ j: Int) -> Bool {
        codes[i] != codes[j] ? codes[i] > codes[j] : rows[i] > rows[j]
    }

    @inline(__always)
    mutating func offer(_ code: UInt64, _ row: Int) {
        if codes.count < capacity {
            codes.append(code)
            rows.append(row)
            var child = codes.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard after(child, parent) else { return }
                codes.swapAt(parent, child)
                rows.swapAt(parent, child)
                child = parent
            }
        } else if let worst = codes.first, code < worst {
            codes[0] = code
            rows[0] = row
            var parent = 0
            while true {
                var largest = parent
                for child in (2 * parent + 1)...(2 * parent + 2) where child < codes.count && after(child, largest) {
                    largest = child
                }
                if largest == parent { return }
                codes.swapAt(parent, largest)
                rows.swapAt(parent, largest)
                parent = largest
            }
        }
    }

    /// The kept rows, best first.
    var sortedRows: [Int] {
        zip(codes, rows).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
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
