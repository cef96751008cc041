// Comparison: `== != < <= > >=` over ints, floats (int and float mix:
// the int is converted to Double), dates, datetimes (a date and a datetime
// mix: the date is its midnight, as DuckDB casts it), bools (false < true)
// and strings (by UTF-8 bytes, i.e. code point order, like SQLite's BINARY
// collation).
//
// Null rule: null if either side is null. A string column compared with a
// literal is compared once per dictionary entry and the answers are spread by
// code (StringWalk.swift); a literal on the left is turned around
// (`5 < x` is `x > 5`) so it takes the same path. `in [..]` is InList's.

import Glibc

extension Evaluator {
    /// `x op y` for the comparison operators.
    func compare(_ op: BinaryOp, _ x: Operand, _ y: Operand, count: Int, _ expr: BoundExpr) throws -> Column {
        if x.isScalar && !y.isScalar, let flipped = op.flipped {
            return try compare(flipped, y, x, count: count, expr)
        }
        let validity = Bitmap.both(x.validity, y.validity)
        let values: [Bool]
        if x.type.isTemporal, y.type.isTemporal, x.type != y.type, let a = x.micros, let b = y.micros {
            values = try ordered(op, a, b, count: count, expr)
        } else if let a = x.ints, let b = y.ints {
            values = try ordered(op, a, b, count: count, expr)
        } else if let a = x.doubles, let b = y.doubles {
            values = try ordered(op, a, b, count: count, expr)
        } else if let a = x.dates, let b = y.dates {
            values = try ordered(op, a, b, count: count, expr)
        } else if let a = x.bools, let b = y.bools {
            values = try ordered(op, bitValues(a, count: count), bitValues(b, count: count), count: count, expr)
        } else if let a = x.strings(count: count), let b = y.strings(count: count) {
            let outcome = try Outcome(op, expr, self)
            values = try b.dictionary.withEntries { entry in
                try mapStrings(a, validity: validity, perEntry: y.isScalar, fallback: false) { row, left in
                    outcome.holds(compareBytes(left, entry(b.codes[row])))
                }
            }
        } else {
            throw internalError("cannot compare \(x.type.rawValue) with \(y.type.rawValue)", expr)
        }
        return Column(.bool(values), validity: validity)
    }

    /// The comparison over two typed operands, one loop per operator.
    private func ordered<T: Comparable>(_ op: BinaryOp, _ a: Vec<T>, _ b: Vec<T>, count: Int,
                                        _ expr: BoundExpr) throws -> [Bool] {
        switch op {
        case .eq: return zipMap(a, b, count: count) { $0 == $1 }
        case .ne: return zipMap(a, b, count: count) { $0 != $1 }
        case .lt: return zipMap(a, b, count: count) { $0 < $1 }
        case .le: return zipMap(a, b, count: count) { $0 <= $1 }
        case .gt: return zipMap(a, b, count: count) { $0 > $1 }
        case .ge: return zipMap(a, b, count: count) { $0 >= $1 }
        default: throw internalError("'\(op.rawValue)' is not a comparison", expr)
        }
    }

    /// Bools as 0/1 so that false < true.
    private func bitValues(_ v: Vec<Bool>, count: Int) -> Vec<UInt8> {
        switch v {
        case .array(let a): return .array(a.map { $0 ? 1 : 0 })
        case .constant(let c): return .constant(c ? 1 : 0)
        }
    }
}

/// A comparison operator as three answers: for less, equal and greater.
struct Outcome {
    var less: Bool, equal: Bool, greater: Bool

    init(_ op: BinaryOp, _ expr: BoundExpr, _ evaluator: Evaluator) throws {
        switch op {
        case .eq: (less, equal, greater) = (false, true, false)
        case .ne: (less, equal, greater) = (true, false, true)
        case .lt: (less, equal, greater) = (true, false, false)
        case .le: (less, equal, greater) = (true, true, false)
        case .gt: (less, equal, greater) = (false, false, true)
        case .ge: (less, equal, greater) = (false, true, true)
        default: throw evaluator.internalError("'\(op.rawValue)' is not a comparison", expr)
        }
    }

    /// The answer for an ordering (negative, zero or positive).
    @inline(__always)
    func holds(_ order: Int) -> Bool { order < 0 ? less : (order == 0 ? equal : greater) }
}

extension BinaryOp {
    /// The comparison with its operands swapped (`a < b` is `b > a`); nil for other operators.
    var flipped: BinaryOp? {
        switch self {
        case .eq, .ne: return self
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        default: return nil
        }
    }
}

/// Byte-wise order of two UTF-8 strings (code point order): negative, zero or positive.
@inline(__always)
func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
        let c = memcmp(pa, pb, n)
        if c != 0 { return Int(c) }
    }
    return a.count - b.count
}
