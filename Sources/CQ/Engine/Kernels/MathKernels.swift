// MathKernels: round, abs, floor and ceil.
//
// An int argument gives an int: abs(Int.min) is an overflow error, floor and
// ceil leave it unchanged, round leaves it unchanged for digits ≥ 0 and
// rounds half away from zero to tens, hundreds… for negative digits
// (round(1234, -2) = 1200), with an overflow error when the result does not
// fit. A float gives a float; round's digits are clamped to -30…30. Null
// rule: null in any argument → null.

extension Evaluator {
    /// A function of a number that keeps its type: `int` for an int argument (which may fail, by `Checked`),
    /// `float` for a float.
    func keepingType(_ call: Call, int: (Vec<Int>, Checked) throws -> [Int], float: (Vec<Double>) -> [Double]) throws -> Column {
        let x = try call.operand(0)
        if let a = x.ints {
            return Column(.int(try int(a, Checked(count: call.count, validity: call.validity, expr: call.expr))),
                          validity: call.validity)
        }
        guard x.type == .float, let a = x.doubles else { throw call.unsupported }
        return Column(.float(float(a)), validity: call.validity)
    }

    /// abs(x); abs of the smallest int is an overflow.
    func absolute(_ call: Call) throws -> Column {
        let overflow = Problem.integerOverflow(expression: call.expr.text)
        return try keepingType(call, int: { a, ctx in
            try ctx.run(a, { v in v == .min ? (0, true) : (Swift.abs(v), false) }, fault: { _ in overflow })
        }, float: { a in mapVec(a, count: call.count) { Swift.abs($0) } })
    }

    /// floor(x) and ceil(x); an int is unchanged.
    func floorOrCeiling(_ call: Call, up: Bool) throws -> Column {
        try keepingType(call, int: { a, _ in mapVec(a, count: call.count) { $0 } },
                        float: { a in mapVec(a, count: call.count) { $0.rounded(up ? .up : .down) } })
    }

    /// round(x[, digits]).
    func rounded(_ call: Call) throws -> Column {
        let digits = call.operands.count > 1 ? try call.ints(1) : .constant(0)
        let overflow = Problem.integerOverflow(expression: call.expr.text)
        return try keepingType(call, int: { a, ctx in try ctx.run(a, digits, roundInt, fault: { _, _ in overflow }) },
                               float: { a in zipMap(a, digits, count: call.count, roundDouble) })
    }
}

/// round(x, digits) for an int: unchanged for digits ≥ 0, else to a multiple of 10^-digits,
/// half away from zero; the flag is set when the result does not fit.
func roundInt(_ x: Int, _ digits: Int) -> (Int, Bool) {
    guard digits < 0 else { return (x, false) }
    let places = digits.magnitude
    // 10^19 does not fit in an Int: everything rounds to 0 or to ±10^19 (which overflows).
    guard places <= 18 else { return (0, x.magnitude >= 5_000_000_000_000_000_000) }
    var factor = 1
    for _ in 0..<places { factor *= 10 }
    var q = x / factor
    if (x % factor).magnitude * 2 >= factor.magnitude { q += x < 0 ? -1 : 1 }
    return reporting(q.multipliedReportingOverflow(by: factor))
}

/// round(x, digits) for a float, half away from zero, digits clamped to -30…30.
///
/// Halves are decided on the decimal the user wrote, not on `x * 10^digits`: that product
/// rounds, so 1.005 * 100 is 100.49999999999999 and 2.675 * 100 is 267.5, and rounding it
/// gave 1.0 for round(1.005, 2) but 2.68 for round(2.675, 2). Instead `x` is compared with
/// the double nearest the decimal midpoint (low + 0.5) / 10^digits; equal means a half, which
/// goes away from zero (1.01 and 2.68, as SQLite answers).
func roundDouble(_ x: Double, _ digits: Int) -> Double {
    let d = min(max(digits, -30), 30)
    var scale = 1.0
    for _ in 0..<d.magnitude { scale *= 10 }
    guard d >= 0 else { return (x / scale).rounded(.toNearestOrAwayFromZero) * scale }
    let y = x * scale
    guard y.isFinite else { return x }
    // From 2^52 on, low + 0.5 is not exact; such a y has no digits left to round but a half.
    guard y.magnitude < 0x1p52 else { return y.rounded(.toNearestOrAwayFromZero) / scale }
    let low = y.rounded(.down)
    let mid = (low + 0.5) / scale
    let up = x > mid || (x == mid && x > 0)
    return (up ? low + 1 : low) / scale
}
