// StringWalk: how string kernels visit a dictionary-encoded column — once per
// dictionary entry when the extra arguments are constants and the dictionary
// is no larger than the column (the answers are then spread by code, and
// string results keep the input's codes), else once per row.
//
// Every string kernel (comparisons, contains, lower, substr, …) goes through
// `mapStrings` (any result per string) or `transformStrings` (a string result,
// written straight into a new dictionary's bytes). Codes are bounds-checked
// here, so a malformed column can never make a kernel read out of range.
// Cancellation is polled every `Cancellation.batch` strings.

extension StringDictionary {
    /// Calls `body` with a function giving the UTF-8 bytes of entry i (empty for an i out of range).
    func withEntries<R>(_ body: ((Int32) -> UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try offsets.withUnsafeBufferPointer { off in
                try body { code in entryBytes(all, off, Int(code)) }
            }
        }
    }

    /// Calls `body(i, bytes)` for every entry in order, polling `cancel` every batch.
    func forEachEntry(cancel: Cancellation?, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { all in
            try offsets.withUnsafeBufferPointer { off in
                for e in 0..<(off.count - 1) {
                    if e % Cancellation.batch == 0 { try cancel?.check() }
                    try body(e, entryBytes(all, off, e))
                }
            }
        }
    }
}

/// The bytes of entry i, or none when i or its offsets are out of range.
@inline(__always)
private func entryBytes(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ i: Int) -> UnsafeBufferPointer<UInt8> {
    guard i >= 0, i + 1 < off.count else { return UnsafeBufferPointer(start: nil, count: 0) }
    let lo = off[i], hi = off[i + 1]
    guard lo >= 0, lo <= hi, hi <= all.count else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(rebasing: all[lo..<hi])
}

extension StringColumn {
    /// The string of one row (empty for a code out of range), for error messages.
    func text(at row: Int) -> String {
        guard codes.indices.contains(row) else { return "" }
        return dictionary.withEntries { String(decoding: $0(codes[row]), as: UTF8.self) }
    }
}

extension Evaluator {
    /// Whether to work per dictionary entry: allowed by the caller and no more entries than rows.
    func walksEntries(_ s: StringColumn, perEntry: Bool) -> Bool {
        perEntry && s.dictionary.count <= s.codes.count
    }

    /// `f(row, bytes)` for the strings of `s`, one result per row (`fallback` for null rows).
    /// Per entry, `row` is 0: `f` may then only read constant arguments.
    func mapStrings<R>(_ s: StringColumn, validity: Bitmap?, perEntry: Bool, fallback: R,
                       _ f: (Int, UnsafeBufferPointer<UInt8>) throws -> R) throws -> [R] {
        if walksEntries(s, perEntry: perEntry) {
            var answers: [R] = []
            answers.reserveCapacity(s.dictionary.count)
            try s.dictionary.forEachEntry(cancel: cancel) { _, bytes in answers.append(try f(0, bytes)) }
            return spreadByCode(answers, s.codes, fallback: fallback)
        }
        return try s.dictionary.withEntries { entry in
            var out: [R] = []
            out.reserveCapacity(s.codes.count)
            for (i, code) in s.codes.enumerated() {
                if i % Cancellation.batch == 0 { try cancel?.check() }
                out.append(validity?[i] == false ? fallback : try f(i, entry(code)))
            }
            return out
        }
    }

    /// A string column whose strings are written by `f(row, bytes, &out)` (appending to `out`).
    /// Per entry the input's codes are kept; per row each row gets its own entry.
    func transformStrings(_ s: StringColumn, validity: Bitmap?, perEntry: Bool,
                          _ f: (Int, UnsafeBufferPointer<UInt8>, inout [UInt8]) throws -> Void) throws -> StringColumn {
        let byEntry = walksEntries(s, perEntry: perEntry)
        var result = StringDictionary()
        result.isUnique = false
        if byEntry {
            result.offsets.reserveCapacity(s.dictionary.count + 1)
            try s.dictionary.forEachEntry(cancel: cancel) { _, bytes in
                try f(0, bytes, &result.bytes)
                result.offsets.append(result.bytes.count)
            }
            return StringColumn(codes: s.codes, dictionary: result)
        }
        try s.dictionary.withEntries { entry in
            result.offsets.reserveCapacity(s.codes.count + 1)
            for (i, code) in s.codes.enumerated() {
                if i % Cancellation.batch == 0 { try cancel?.check() }
                if validity?[i] != false { try f(i, entry(code), &result.bytes) }
                result.offsets.append(result.bytes.count)
            }
        }
        return StringColumn(codes: (0..<s.codes.count).map { Int32(truncatingIfNeeded: $0) }, dictionary: result)
    }
}

/// One answer per row from one answer per dictionary entry (`fallback` for a code out of range).
func spreadByCode<R>(_ answers: [R], _ codes: [Int32], fallback: R) -> [R] {
    codes.withUnsafeBufferPointer { codes in
        answers.withUnsafeBufferPointer { a in
            fillChecked(codes.count) { i in
                let c = Int(codes[i])
                return (c >= 0 && c < a.count ? a[c] : fallback, false)
            }.values
        }
    }
}
