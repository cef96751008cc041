// Lanes: the typed loops every numeric, date and boolean kernel runs, and
// `Operand`, what an evaluated child expression is (a column, or one value
// standing for every row).
//
// A kernel picks its element types once per column (by switching on the
// operands' data), turns each operand into a `Vec` (a whole array, or a
// constant that is never materialised) and hands a closure to `zipMap` or
// `mapVec`. Those switch once on the array/constant shape and run the single
// loop written here, specialised per shape through the `Lane` protocol, so a
// `column > 5e9` compiles to a tight loop over an UnsafeBufferPointer.
//
// Hand-written because this is the hot path of every query (1M+ rows): no
// per-row dispatch, no per-row throwing. A checked kernel returns a "bad"
// flag per row that is OR-ed into one Bool; only when it is set does the slow
// path (`firstFault`) look for the first bad row that is not null and throw
// — so an overflow or a zero divisor in a null row is never an error.
// What the kernels compute, and their null rules, live in the other files of
// Engine/Kernels.

/// An evaluated child expression: a column of the table's length, or one
/// value for every row (a literal or a constant subexpression, never materialised).
enum Operand {
    case column(Column)
    case scalar(Value)

    /// A column as an operand; a column of nothing but untyped nulls is the null scalar,
    /// so that kernels meet untyped nulls in one form only.
    static func of(_ c: Column) -> Operand {
        if case .null = c.data { return .scalar(.null) }
        return .column(c)
    }

    var type: DataType {
        switch self {
        case .column(let c): return c.type
        case .scalar(let v): return v.type
        }
    }

    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }

    /// True for the `null` scalar (most kernels then give an all-null result).
    var isNullScalar: Bool {
        if case .scalar(.null) = self { return true }
        return false
    }

    /// The validity of a column operand (nil: no nulls; a scalar is never null here).
    var validity: Bitmap? {
        if case .column(let c) = self { return c.validity }
        return nil
    }

    /// The operand as a column of `count` rows (scalars are broadcast).
    func column(count: Int) -> Column {
        switch self {
        case .column(let c): return c
        case .scalar(let v): return Column.constant(v, count: count)
        }
    }

    /// Int values, if the operand is in int64 storage (an int, or a datetime's microseconds).
    var ints: Vec<Int>? {
        switch self {
        case .column(let c): if case .int(let a) = c.data { return .array(a) }
        case .scalar(let v): if let i = v.int64 { return .constant(i) }
        }
        return nil
    }

    /// Float values, if the operand is a float or an int (converted).
    var doubles: Vec<Double>? {
        switch self {
        case .column(let c):
            switch c.data {
            case .float(let a): return .array(a)
            case .int(let a): return .array(a.map { Double($0) })
            default: return nil
            }
        case .scalar(let v): return v.asDouble.map { .constant($0) }
        }
    }

    /// Date values (days since 1970-01-01), if the operand is a date.
    var dates: Vec<Int32>? {
        switch self {
        case .column(let c): if case .int32(let a) = c.data { return .array(a) }
        case .scalar(let v): if let d = v.int32 { return .constant(d) }
        }
        return nil
    }

    /// Bool values, if the operand is a bool.
    var bools: Vec<Bool>? {
        switch self {
        case .column(let c): if case .bool(let a) = c.data { return .array(a) }
        case .scalar(let v): if case .bool(let b) = v { return .constant(b) }
        }
        return nil
    }

    /// String values as a dictionary-encoded column (a scalar becomes a one-entry dictionary).
    func strings(count: Int) -> StringColumn? {
        if case .string(let s) = column(count: count).data { return s }
        return nil
    }
}

/// The values of one operand as a typed loop sees them.
enum Vec<T> {
    case array([T])
    case constant(T)

    /// The value of one row (slow path: error reporting and per-row string kernels).
    @inline(__always)
    func at(_ row: Int) -> T {
        switch self {
        case .array(let a): return a[row]
        case .constant(let c): return c
        }
    }
}

/// Random access to the elements of a Vec inside a loop; one conformance per shape.
protocol Lane {
    associatedtype Element
    subscript(i: Int) -> Element { get }
}

struct BufferLane<T>: Lane {
    let base: UnsafeBufferPointer<T>
    @inline(__always) subscript(i: Int) -> T { base[i] }
}

struct ConstantLane<T>: Lane {
    let value: T
    @inline(__always) subscript(i: Int) -> T { value }
}

/// out[i] = body(i) for i in 0..<count, with the OR of the "bad" flags: the one loop.
@inline(__always)
func fillChecked<R>(_ count: Int, _ body: (Int) -> (R, Bool)) -> (values: [R], flagged: Bool) {
    var flagged = false
    let values = [R](unsafeUninitializedCapacity: count) { out, initialized in
        for i in 0..<count {
            let (v, bad) = body(i)
            out.initializeElement(at: i, to: v)
            if bad { flagged = true }
        }
        initialized = count
    }
    return (values, flagged)
}

@inline(__always)
private func run2<LA: Lane, LB: Lane, R>(_ a: LA, _ b: LB, _ count: Int,
                                         _ f: (LA.Element, LB.Element) -> (R, Bool)) -> (values: [R], flagged: Bool) {
    fillChecked(count) { f(a[$0], b[$0]) }
}

/// out[i] = f(a[i], b[i]), one specialised loop per array/constant shape.
@inline(__always)
func zipMapChecked<A, B, R>(_ a: Vec<A>, _ b: Vec<B>, count: Int,
                            _ f: (A, B) -> (R, Bool)) -> (values: [R], flagged: Bool) {
    switch (a, b) {
    case (.array(let x), .array(let y)):
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in run2(BufferLane(base: px), BufferLane(base: py), count, f) }
        }
    case (.array(let x), .constant(let d)):
        return x.withUnsafeBufferPointer { px in run2(BufferLane(base: px), ConstantLane(value: d), count, f) }
    case (.constant(let c), .array(let y)):
        return y.withUnsafeBufferPointer { py in run2(ConstantLane(value: c), BufferLane(base: py), count, f) }
    case (.constant(let c), .constant(let d)):
        return run2(ConstantLane(value: c), ConstantLane(value: d), count, f)
    }
}

/// out[i] = f(a[i], b[i]) for kernels that cannot fail.
@inline(__always)
func zipMap<A, B, R>(_ a: Vec<A>, _ b: Vec<B>, count: Int, _ f: (A, B) -> R) -> [R] {
    zipMapChecked(a, b, count: count) { (f($0, $1), false) }.values
}

/// out[i] = f(a[i]) for kernels that cannot fail.
@inline(__always)
func mapVec<A, R>(_ a: Vec<A>, count: Int, _ f: (A) -> R) -> [R] {
    zipMapChecked(a, Vec<Bool>.constant(false), count: count) { x, _ in (f(x), false) }.values
}

/// The first row that is valid and bad, if any (the slow path after a flagged loop).
func firstFault(count: Int, validity: Bitmap?, _ isBad: (Int) -> Bool) -> Int? {
    for i in 0..<count where (validity?[i] ?? true) && isBad(i) { return i }
    return nil
}

/// The indexes of the set bits of a mask, in order (a word at a time, skipping empty words).
func setIndices(_ mask: Bitmap) -> [Int] {
    let total = mask.setCount
    return [Int](unsafeUninitializedCapacity: total) { out, initialized in
        var k = 0
        mask.words.withUnsafeBufferPointer { words in
            for w in words.indices {
                var bits = words[w]
                while bits != 0, k < total {
                    out.initializeElement(at: k, to: w << 6 | bits.trailingZeroBitCount)
                    k += 1
                    bits &= bits &- 1
                }
            }
        }
        initialized = k
    }
}
