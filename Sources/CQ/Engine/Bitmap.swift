// Bitmap: the validity mask of a column (bit set = value present, clear = null).
//
// A column with no nulls carries no bitmap at all (`Column.validity == nil`),
// so the common case costs nothing. Operators combine masks a word at a time;
// `packBits` fills one from a test per row, 64 rows a word (hand-written for
// speed: filters and gathers build one per operator).

/// A fixed-length bit set stored in 64-bit words.
public struct Bitmap: Equatable, Sendable {
    public private(set) var words: [UInt64]
    public let count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = [UInt64](repeating: value ? ~0 : 0, count: wordCount)
        if value { clearTail() }
    }

    public init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
        clearTail()
    }

    /// A bitmap from a Boolean array.
    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        bits.withUnsafeBufferPointer { buf in
            words.withUnsafeMutableBufferPointer { w in
                for i in 0..<buf.count where buf[i] { w[i >> 6] |= 1 << UInt64(i & 63) }
            }
        }
    }

    private mutating func clearTail() {
        let rest = count & 63
        if rest != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(rest)) - 1 }
    }

    @inline(__always)
    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// Number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// True when every bit is set.
    public var allSet: Bool { setCount == count }

    /// Bitwise and of two masks of equal length.
    public static func & (a: Bitmap, b: Bitmap) -> Bitmap {
        Bitmap(words: zip(a.words, b.words).map { $0 & $1 }, count: a.count)
    }

    /// The validity of the rows where both inputs are valid (nil = all valid).
    public static func both(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil), (nil, let x?): return x
        case (let x?, let y?): return x & y
        }
    }
}

/// A bitmap with bit i set when `test(values[i])`, filled 64 rows a word without branches.
@inline(__always)
func packBits<T>(_ values: [T], _ test: (T) -> Bool) -> Bitmap {
    let n = values.count
    let wordCount = (n + 63) >> 6
    let words = [UInt64](unsafeUninitializedCapacity: wordCount) { out, initialized in
        values.withUnsafeBufferPointer { v in
            guard let base = v.baseAddress else { return }
            for w in 0..<wordCount {
                let row = base + (w << 6)
                var word: UInt64 = 0
                if n - (w << 6) >= 64 {
                    for j in 0..<64 { word |= (test(row[j]) ? 1 : 0) << UInt64(j) }
                } else {
                    for j in 0..<(n - (w << 6)) { word |= (test(row[j]) ? 1 : 0) << UInt64(j) }
                }
                out.initializeElement(at: w, to: word)
            }
        }
        initialized = wordCount
    }
    return Bitmap(words: words, count: n)
}
