// Column: one typed column of a table — a contiguous array per type plus an
// optional validity bitmap — and StringColumn, cq's string storage.
//
// Strings are always dictionary-encoded: a column holds Int32 codes into a
// `StringDictionary` (UTF-8 bytes + offsets). A column of distinct names has
// a dictionary as long as the column; a repetitive column (districts,
// sectors) has a short one, and string kernels (contains, lower, comparisons)
// then run once per dictionary entry instead of once per row. Codes of null
// rows are 0 and meaningless. Kernels live in the Evaluator and operators;
// this file only stores, builds, gathers and reads values.

/// Distinct-or-not strings stored as UTF-8 bytes with offsets (`offsets.count == count + 1`).
public struct StringDictionary: Sendable {
    public var offsets: [Int]
    public var bytes: [UInt8]
    /// True when no string appears twice (group-by and distinct may then use codes directly).
    public var isUnique: Bool

    public init() {
        offsets = [0]
        bytes = []
        isUnique = true
    }

    public init(offsets: [Int], bytes: [UInt8], isUnique: Bool) {
        self.offsets = offsets
        self.bytes = bytes
        self.isUnique = isUnique
    }

    /// A dictionary holding `strings` in order (not checked for uniqueness).
    public init<S: Sequence>(_ strings: S, isUnique: Bool) where S.Element == String {
        self.init()
        self.isUnique = isUnique
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        offsets.append(bytes.count)
    }

    public mutating func append<C: Collection>(bytes b: C) where C.Element == UInt8 {
        bytes.append(contentsOf: b)
        offsets.append(bytes.count)
    }

    /// The i-th string.
    public subscript(i: Int) -> String {
        String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of the i-th string.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]]))
        }
    }
}

/// String column: codes into a dictionary.
public struct StringColumn: Sendable {
    public var codes: [Int32]
    public var dictionary: StringDictionary

    public init(codes: [Int32], dictionary: StringDictionary) {
        self.codes = codes
        self.dictionary = dictionary
    }

    /// A column of the given strings, one dictionary entry per row.
    public init(_ strings: [String]) {
        codes = (0..<strings.count).map { Int32(truncatingIfNeeded: $0) }
        dictionary = StringDictionary(strings, isUnique: false)
    }

    @inline(__always)
    public subscript(row: Int) -> String { dictionary[Int(codes[row])] }
}

/// The values of a column, one case per type.
public enum ColumnData: Sendable {
    case int([Int])
    case float([Double])
    case bool([Bool])
    /// Days since 1970-01-01.
    case date([Int32])
    case string(StringColumn)
    /// A column of nothing but nulls whose type is not known (from the `null` literal).
    case null(count: Int)
}

/// A typed column: data plus validity. `validity == nil` means no nulls.
public struct Column: Sendable {
    public var data: ColumnData
    public var validity: Bitmap?

    public init(_ data: ColumnData, validity: Bitmap? = nil) {
        self.data = data
        // A mask with every bit set is dropped, so `validity == nil` is the only form of "no nulls".
        if let v = validity, v.allSet { self.validity = nil } else { self.validity = validity }
    }

    public var type: DataType {
        switch data {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        case .null: return .null
        }
    }

    public var count: Int {
        switch data {
        case .int(let a): return a.count
        case .float(let a): return a.count
        case .bool(let a): return a.count
        case .date(let a): return a.count
        case .string(let s): return s.codes.count
        case .null(let n): return n
        }
    }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool {
        if case .null = data { return true }
        guard let v = validity else { return false }
        return !v[row]
    }

    /// The value in one row (slow path: for rendering, tests and scalar results).
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch data {
        case .int(let a): return .int(a[row])
        case .float(let a): return .float(a[row])
        case .bool(let a): return .bool(a[row])
        case .date(let a): return .date(a[row])
        case .string(let s): return .string(s[row])
        case .null: return .null
        }
    }

    /// A column of `count` copies of one value (a literal broadcast over a table).
    public static func constant(_ value: Value, count: Int) -> Column {
        switch value {
        case .null: return Column(.null(count: count))
        case .int(let i): return Column(.int([Int](repeating: i, count: count)))
        case .float(let f): return Column(.float([Double](repeating: f, count: count)))
        case .bool(let b): return Column(.bool([Bool](repeating: b, count: count)))
        case .date(let d): return Column(.date([Int32](repeating: d, count: count)))
        case .string(let s):
            return Column(.string(StringColumn(codes: [Int32](repeating: 0, count: count),
                                               dictionary: StringDictionary([s], isUnique: true))))
        }
    }

    /// An all-null column of a given type.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        let none = Bitmap(count: count, value: false)
        switch type {
        case .int: return Column(.int([Int](repeating: 0, count: count)), validity: none)
        case .float: return Column(.float([Double](repeating: 0, count: count)), validity: none)
        case .bool: return Column(.bool([Bool](repeating: false, count: count)), validity: none)
        case .date: return Column(.date([Int32](repeating: 0, count: count)), validity: none)
        case .string:
            return Column(.string(StringColumn(codes: [Int32](repeating: 0, count: count),
                                               dictionary: StringDictionary([""], isUnique: true))), validity: none)
        case .null: return Column(.null(count: count))
        }
    }

    /// A column built from values of one type (nulls allowed); `type` decides the storage.
    public static func from(_ values: [Value], type: DataType) -> Column {
        let n = values.count
        var valid = [Bool](repeating: true, count: n)
        for (i, v) in values.enumerated() where v.isNull { valid[i] = false }
        let mask = Bitmap(valid)
        switch type {
        case .int:
            return Column(.int(values.map { if case .int(let i) = $0 { return i } else { return 0 } }), validity: mask)
        case .float:
            return Column(.float(values.map { $0.asDouble ?? 0 }), validity: mask)
        case .bool:
            return Column(.bool(values.map { if case .bool(let b) = $0 { return b } else { return false } }), validity: mask)
        case .date:
            return Column(.date(values.map { if case .date(let d) = $0 { return d } else { return 0 } }), validity: mask)
        case .string:
            let strings = values.map { if case .string(let s) = $0 { return s } else { return "" } }
            return Column(.string(StringColumn(strings)), validity: mask)
        case .null:
            return Column(.null(count: n))
        }
    }

    /// The rows at `indices`, in that order (an index of -1 gives a null row, for left joins).
    public func gather(_ indices: [Int]) -> Column {
        let missing = indices.contains(-1)
        var mask: Bitmap?
        if let validity {
            mask = packBits(indices) { $0 >= 0 && validity[$0] }
        } else if missing {
            mask = packBits(indices) { $0 >= 0 }
        }
        // One loop over raw buffers (this is every operator's last step: hand-written for speed).
        func pick<T>(_ a: [T], _ zero: T) -> [T] {
            a.withUnsafeBufferPointer { buf in
                indices.withUnsafeBufferPointer { ix in
                    [T](unsafeUninitializedCapacity: ix.count) { out, initialized in
                        if missing {
                            for j in ix.indices { out.initializeElement(at: j, to: ix[j] >= 0 ? buf[ix[j]] : zero) }
                        } else {
                            for j in ix.indices { out.initializeElement(at: j, to: buf[ix[j]]) }
                        }
                        initialized = ix.count
                    }
                }
            }
        }
        switch data {
        case .int(let a): return Column(.int(pick(a, 0)), validity: mask)
        case .float(let a): return Column(.float(pick(a, 0)), validity: mask)
        case .bool(let a): return Column(.bool(pick(a, false)), validity: mask)
        case .date(let a): return Column(.date(pick(a, 0)), validity: mask)
        case .string(let s):
            return Column(.string(StringColumn(codes: pick(s.codes, 0), dictionary: s.dictionary)), validity: mask)
        case .null: return Column(.null(count: indices.count))
        }
    }

    /// The first `n` rows.
    public func prefix(_ n: Int) -> Column {
        let k = min(max(0, n), count)
        return gather(Array(0..<k))
    }
}
