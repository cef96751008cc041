// Arithmetic: `+ - * / // %` and unary `-` over ints, floats, dates and
// datetimes, and `string + string` (concatenation, an extension to the
// contract).
//
// Types (the binder has already chosen them): int op int → int with overflow
// checks, except `/` which is always float; any float operand → float; the
// other `+`/`-` combinations are the operands' TypeTraits rules, whose form
// picks the code here: date ± int → date; int + date → date; date - date →
// int (days); datetime - datetime → float (seconds, exact to the
// microsecond up to 2^53 µs, about 285 years apart). `//` truncates
// toward zero (float operands: trunc(a / b) as a float); `%` has the sign of
// the dividend (C / SQLite; fmod for floats). A zero divisor of `/`, `//` or
// `%` is a division-by-zero error; an int or date result out of range is an
// overflow error. Null rule: null if either operand is null — and a null row
// never raises an error (Lanes.swift checks faults after the loop).

extension Evaluator {
    /// `x op y` for the arithmetic operators.
    func arithmetic(_ op: BinaryOp, _ x: Operand, _ y: Operand, count: Int, _ expr: BoundExpr) throws -> Column {
        let validity = Bitmap.both(x.validity, y.validity)
        let ctx = Checked(count: count, validity: validity, expr: expr)
        if !(x.type.isNumeric && y.type.isNumeric), let rule = DataType.arithmeticRule(op, x.type, y.type) {
            switch rule.form {
            case .concatenate: return try concatenate(x, y, count: count, validity: validity)
            case .shiftDays, .daysBetween: return try dateArithmetic(op, x, y, ctx)
            case .secondsBetween:
                guard let a = x.ints, let b = y.ints else { break }
                return Column(.float(zipMap(a, b, count: count, secondsBetween)), validity: validity)
            }
        }
        switch (x.type, y.type) {
        case (.int, .int) where op != .div:
            guard let a = x.ints, let b = y.ints else { break }
            return Column(.int(try intArithmetic(op, a, b, ctx)), validity: validity)
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float):
            guard let a = x.doubles, let b = y.doubles else { break }
            return Column(.float(try floatArithmetic(op, a, b, ctx)), validity: validity)
        default:
            break
        }
        throw internalError("'\(op.rawValue)' cannot combine \(x.type.rawValue) and \(y.type.rawValue)", expr)
    }

    /// `-x`.
    func negate(_ x: Operand, count: Int, _ expr: BoundExpr) throws -> Column {
        let ctx = Checked(count: count, validity: x.validity, expr: expr)
        if let a = x.ints {
            let values = try ctx.run(a, Vec.constant(0), { v, _ in reporting(0.subtractingReportingOverflow(v)) },
                                     fault: { _, _ in .integerOverflow(expression: expr.text) })
            return Column(.int(values), validity: x.validity)
        }
        if let a = x.doubles, x.type == .float {
            return Column(.float(mapVec(a, count: count) { -$0 }), validity: x.validity)
        }
        throw internalError("'-' cannot take a \(x.type.rawValue)", expr)
    }

    private func intArithmetic(_ op: BinaryOp, _ a: Vec<Int>, _ b: Vec<Int>, _ ctx: Checked) throws -> [Int] {
        let overflow = Problem.integerOverflow(expression: ctx.expr.text)
        let zero = Problem.divisionByZero(expression: ctx.expr.text)
        switch op {
        case .add:
            return try ctx.run(a, b, { reporting($0.addingReportingOverflow($1)) }, fault: { _, _ in overflow })
        case .sub:
            return try ctx.run(a, b, { reporting($0.subtractingReportingOverflow($1)) }, fault: { _, _ in overflow })
        case .mul:
            return try ctx.run(a, b, { reporting($0.multipliedReportingOverflow(by: $1)) }, fault: { _, _ in overflow })
        case .intdiv:
            // dividedReportingOverflow reports (does not trap on) both a zero divisor and Int.min / -1.
            return try ctx.run(a, b, { reporting($0.dividedReportingOverflow(by: $1)) },
                               fault: { _, d in d == 0 ? zero : overflow })
        case .mod:
            // Int.min % -1 is 0, not an overflow; only the zero divisor is an error.
            return try ctx.run(a, b, { ($0.remainderReportingOverflow(dividingBy: $1).partialValue, $1 == 0) },
                               fault: { _, _ in zero })
        default:
            throw internalError("'\(op.rawValue)' is not an int operator", ctx.expr)
        }
    }

    private func floatArithmetic(_ op: BinaryOp, _ a: Vec<Double>, _ b: Vec<Double>, _ ctx: Checked) throws -> [Double] {
        let zero = Problem.divisionByZero(expression: ctx.expr.text)
        switch op {
        case .add: return zipMap(a, b, count: ctx.count) { $0 + $1 }
        case .sub: return zipMap(a, b, count: ctx.count) { $0 - $1 }
        case .mul: return zipMap(a, b, count: ctx.count) { $0 * $1 }
        case .div: return try ctx.run(a, b, { ($0 / $1, $1 == 0) }, fault: { _, _ in zero })
        case .intdiv: return try ctx.run(a, b, { (($0 / $1).rounded(.towardZero), $1 == 0) }, fault: { _, _ in zero })
        case .mod: return try ctx.run(a, b, { ($0.truncatingRemainder(dividingBy: $1), $1 == 0) }, fault: { _, _ in zero })
        default: throw internalError("'\(op.rawValue)' is not a float operator", ctx.expr)
        }
    }

    /// date ± int → date, int + date → date, date - date → int.
    private func dateArithmetic(_ op: BinaryOp, _ x: Operand, _ y: Operand, _ ctx: Checked) throws -> Column {
        // A date stays in the calendar cq reads and writes: leaving it is an error, never a year 0 or 10000.
        let outside = Problem.invalidValue(expression: ctx.expr.text, detail: "a date outside 0001-01-01 … 9999-12-31")
        let calendar = DateMath.calendarDays
        func shifted(_ d: Vec<Int32>, _ n: Vec<Int>, sign: Int) throws -> Column {
            let values = try ctx.run(d, n, { day, k -> (Int32, Bool) in
                let (delta, o1) = k.multipliedReportingOverflow(by: sign)
                let (sum, o2) = Int(day).addingReportingOverflow(delta)
                guard !o1, !o2, calendar.contains(sum), let r = Int32(exactly: sum) else { return (0, true) }
                return (r, false)
            }, fault: { _, _ in outside })
            return Column(.int32(values), type: .date, validity: ctx.validity)
        }
        switch (op, x.dates, x.ints, y.dates, y.ints) {
        case (.add, let d?, _, _, let n?): return try shifted(d, n, sign: 1)
        case (.add, _, let n?, let d?, _): return try shifted(d, n, sign: 1)
        case (.sub, let d?, _, _, let n?): return try shifted(d, n, sign: -1)
        case (.sub, let d?, _, let e?, _):
            return Column(.int(zipMap(d, e, count: ctx.count) { Int($0) - Int($1) }), validity: ctx.validity)
        default:
            throw internalError("'\(op.rawValue)' cannot combine \(x.type.rawValue) and \(y.type.rawValue)", ctx.expr)
        }
    }
}

/// Seconds from datetime `b` to datetime `a` (microseconds since the epoch).
@inline(__always)
func secondsBetween(_ a: Int, _ b: Int) -> Double {
    let (micros, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? (Double(a) - Double(b)) / 1e6 : Double(micros) / 1e6
}

/// The unlabeled form of a `…ReportingOverflow` result.
@inline(__always)
func reporting<T>(_ r: (partialValue: T, overflow: Bool)) -> (T, Bool) { (r.partialValue, r.overflow) }

/// A checked loop's context: how many rows, which are valid, which expression to blame.
struct Checked {
    var count: Int
    var validity: Bitmap?
    var expr: BoundExpr

    /// out[i] = f(a[i], b[i]); if some valid row is bad, throws `fault` of the first such row.
    @inline(__always)
    func run<A, B, R>(_ a: Vec<A>, _ b: Vec<B>, _ f: (A, B) -> (R, Bool),
                      fault: (A, B) -> Problem) throws -> [R] {
        let r = zipMapChecked(a, b, count: count, f)
        if r.flagged, let row = firstFault(count: count, validity: validity, { f(a.at($0), b.at($0)).1 }) {
            throw CQError(fault(a.at(row), b.at(row)), at: expr.range)
        }
        return r.values
    }

    /// out[i] = f(a[i]), with the same fault rule.
    @inline(__always)
    func run<A, R>(_ a: Vec<A>, _ f: (A) -> (R, Bool), fault: (A) -> Problem) throws -> [R] {
        try run(a, Vec<Bool>.constant(false), { x, _ in f(x) }, fault: { x, _ in fault(x) })
    }
}
