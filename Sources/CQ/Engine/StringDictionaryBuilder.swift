// StringDictionaryBuilder: turns a stream of byte strings (CSV cells) into
// dictionary codes and a StringDictionary (Column.swift), with an
// open-addressing hash table keyed on the bytes themselves.
//
// Hand-written instead of `[String: Int32]` because an import sees millions
// of cells: no String is made per cell, the table stores only codes, and
// strings are compared with memcmp against the dictionary's own bytes.
// When a column turns out to be mostly distinct (more than half of the
// first 65,536 cells are new), hashing stops and every later cell gets its
// own entry — names and ids do not pay for a table that cannot help; the
// dictionary is then marked not unique.

import Glibc

/// Dictionary encoding of byte strings.
struct StringDictionaryBuilder {
    private var offsets: [Int] = [0]
    private var bytes: [UInt8] = []
    /// Entry index + 1 per slot, 0 = empty; a power of two long.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var seen = 0
    private var hashing = true
    /// Cells after which a mostly distinct column stops hashing.
    static let trial = 1 << 16

    init(expectedBytes: Int = 0) {
        slots = [Int32](repeating: 0, count: 1024)
        bytes.reserveCapacity(expectedBytes)
    }

    var count: Int { offsets.count - 1 }

    /// The code of `s`, and whether it is a new entry (whose bytes the caller may want to check).
    @inline(__always)
    mutating func code(_ s: UnsafeBufferPointer<UInt8>) -> (code: Int32, isNew: Bool) {
        seen += 1
        guard hashing else { return (append(s), true) }
        let h = Self.hash(s)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == h && equals(entry, s) { return (Int32(truncatingIfNeeded: entry), false) }
            slot = (slot + 1) & mask
        }
        let code = append(s)
        hashes.append(h)
        slots[slot] = code + 1
        if count * 2 > slots.count { grow() }
        if seen == Self.trial && count * 2 > seen {
            hashing = false
            slots = []
            hashes = []
        }
        return (code, true)
    }

    /// The dictionary built so far; unique unless hashing was given up. Never empty (null rows use code 0).
    func dictionary() -> StringDictionary {
        if count == 0 { return StringDictionary([""], isUnique: true) }
        return StringDictionary(offsets: offsets, bytes: bytes, isUnique: hashing)
    }

    private mutating func append(_ s: UnsafeBufferPointer<UInt8>) -> Int32 {
        let code = Int32(truncatingIfNeeded: count)
        bytes.append(contentsOf: s)
        offsets.append(bytes.count)
        return code
    }

    private func equals(_ entry: Int, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[entry]
        guard offsets[entry + 1] - start == s.count else { return false }
        guard let other = s.baseAddress, s.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return false }
            return memcmp(base + start, other, s.count) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (entry, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(truncatingIfNeeded: entry + 1)
        }
        slots = bigger
    }

    /// A fast 64-bit hash of bytes, 8 at a time (multiply-xorshift mixing).
    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(s.count)
        guard let base = s.baseAddress else { return h }
        let n = s.count
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }
}
