// UTF8Validation: finds the first byte of text that is not valid UTF-8 (or
// is a NUL), so the CSV reader can refuse such a file with the line of the
// bad byte instead of storing text that String would silently repair.
// Hand-written (not String(validating:)) because it runs on every string
// cell of an import and must not allocate; ASCII runs go 8 bytes at a time.

/// UTF-8 checks over raw bytes.
enum UTF8Validation {
    /// What is wrong at a byte.
    enum Problem: Equatable {
        case invalid
        case nul
    }

    /// The index and kind of the first bad byte, or nil when `bytes` is valid UTF-8 without NUL.
    static func firstProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, problem: Problem)? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & high
                if word & high == 0 && hasZero == 0 {
                    i += 8
                    continue
                }
            }
            let c = base[i]
            if c == 0 { return (i, .nul) }
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return (i, .invalid)
            }
            guard i + length <= n else { return (i, .invalid) }
            let second = base[i + 1]
            if second < lower || second > upper { return (i + 1, .invalid) }
            var k = 2
            while k < length {
                if base[i + k] & 0xC0 != 0x80 { return (i + k, .invalid) }
                k += 1
            }
            i += length
        }
        return nil
    }
}
