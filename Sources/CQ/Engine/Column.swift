// Column: one column of a table — its logical type, a contiguous array in
// the type's storage plus an optional validity bitmap — and StringColumn,
// cq's string storage.
//
// `ColumnData` has one case per physical storage (Types.swift: `Storage`),
// not per logical type: a date is `.int32` days. Code that only moves
// values (gather, append, group, sort, join keys) switches on the data and
// carries `type` along untouched. Strings are always dictionary-encoded: a
// column holds Int32 codes into a `StringDictionary` (UTF-8 bytes +
// offsets). A column of distinct names has a dictionary as long as the
// column; a repetitive column (districts, sectors) has a short one, and
// string kernels (contains, lower, comparisons) then run once per dictionary
// entry instead of once per row. Codes of null rows are 0 and meaningless.
// Kernels live in the Evaluator and operators; this file only stores,
// builds, gathers and reads values.

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

/// The values of a column, one case per physical storage.
public enum ColumnData: Sendable {
    /// 64-bit integers: ints.
    case int([Int])
    case float([Double])
    case bool([Bool])
    /// 32-bit integers: dates (days since 1970-01-01).
    case int32([Int32])
    case string(StringColumn)
    /// A column of nothing but nulls whose type is not known (from the `null` literal).
    case null(count: Int)

    /// The storage this data is in.
    public var storage: Storage {
        switch self {
        case .int: return .int64
        case .float: return .float64
        case .bool: return .bool
        case .int32: return .int32
        case .string: return .string
        case .null: return .null
        }
    }

    /// The logical type a column of this storage has when none is named: the one type stored so
    /// (int for int64, date for int32, …).
    var plainType: DataType {
        switch self {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .int32: return .date
        case .string: return .string
        case .null: return .null
        }
    }
}

/// A typed column: logical type, data in its storage, and validity. `validity == nil` means no nulls.
public struct Column: Sendable {
    public var data: ColumnData
    public var validity: Bitmap?
    /// The logical type (its storage is `data`'s).
    public private(set) var type: DataType

    /// A column of `data`; `type` defaults to the plain type of its storage (int for `.int`, date for `.int32`).
    public init(_ data: ColumnData, type: DataType? = nil, validity: Bitmap? = nil) {
        self.data = data
        self.type = type ?? data.plainType
        // A mask with every bit set is dropped, so `validity == nil` is the only form of "no nulls".
        if let v = validity, v.allSet { self.validity = nil } else { self.validity = validity }
    }

    public var count: Int {
        switch data {
        case .int(let a): return a.count
        case .float(let a): return a.count
        case .bool(let a): return a.count
        case .int32(let a): return a.count
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
        case .int(let a): return Value(int64: a[row], as: type)
        case .float(let a): return .float(a[row])
        case .bool(let a): return .bool(a[row])
        case .int32(let a): return Value(int32: a[row], as: type)
        case .string(let s): return .string(s[row])
        case .null: return .null
        }
    }

    /// A column of `count` copies of one value (a literal broadcast over a table).
    public static func constant(_ value: Value, count: Int) -> Column {
        if case .string(let s) = value { return repeatedString(s, count: count, validity: nil) }
        return from(repeatElement(value, count: count), type: value.type, validity: nil)
    }

    /// An all-null column of a given type.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        let none = Bitmap(count: count, value: false)
        if type == .string { return repeatedString("", count: count, validity: none) }
        return from(repeatElement(Value.null, count: count), type: type, validity: none)
    }

    /// `count` rows of one string: one dictionary entry.
    private static func repeatedString(_ s: String, count: Int, validity: Bitmap?) -> Column {
        Column(.string(StringColumn(codes: [Int32](repeating: 0, count: count),
                                    dictionary: StringDictionary([s], isUnique: true))), validity: validity)
    }

    /// A column built from values of one type (nulls allowed); `type` decides the storage.
    public static func from(_ values: [Value], type: DataType) -> Column {
        var valid = [Bool](repeating: true, count: values.count)
        for (i, v) in values.enumerated() where v.isNull { valid[i] = false }
        return from(values, type: type, validity: Bitmap(valid))
    }

    /// Values of `type` in its storage (a value of another storage, or null, stored as zero).
    private static func from<C: Collection>(_ values: C, type: DataType, validity: Bitmap?) -> Column
    where C.Element == Value {
        switch type.storage {
        case .int64: return Column(.int(values.map { $0.int64 ?? 0 }), type: type, validity: validity)
        case .int32: return Column(.int32(values.map { $0.int32 ?? 0 }), type: type, validity: validity)
        case .float64: return Column(.float(values.map { $0.asDouble ?? 0 }), type: type, validity: validity)
        case .bool:
            return Column(.bool(values.map { $0 == .bool(true) }), type: type, validity: validity)
        case .string:
            let strings = values.map { if case .string(let s) = $0 { return s } else { return "" } }
            return Column(.string(StringColumn(strings)), type: type, validity: validity)
        case .null: return Column(.null(count: values.count))
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
        case .int(let a): return Column(.int(pick(a, 0)), type: type, validity: mask)
        case .float(let a): return Column(.float(pick(a, 0)), type: type, validity: mask)
        case .bool(let a): return Column(.bool(pick(a, false)), type: type, validity: mask)
        case .int32(let a): return Column(.int32(pick(a, 0)), type: type, validity: mask)
        case .string(let s):
            return Column(.string(StringColumn(codes: pick(s.codes, 0), dictionary: s.dictionary)), type: type, validity: mask)
        case .null: return Column(.null(count: indices.count))
        }
    }

    /// The first `n` rows.
    public func prefix(_ n: Int) -> Column {
        let k = min(max(0, n), count)
        return gather(Array(0..<k))
    }
}
