// ElementaryKernels: sqrt, pow, exp, ln, log10, sign, greatest, least and
// random.
//
// sqrt, pow, exp, ln and log10 give floats (C's libm, as DuckDB and SQLite
// use). A finite argument outside a function's domain — the square root of
// a negative number, the logarithm of zero or of a negative number, a power
// that is not a real number or does not fit in a float — is an error
// naming the call, never a NaN or an infinity passed on silently. sign
// keeps the argument's type (-1, 0 or 1). greatest and least skip nulls
// (null only when every argument is null) and compare as the sort does
// (strings by UTF-8 bytes). random() draws a new float in [0, 1) for every
// row from the system's generator. Other null rules: null in → null out.

import Glibc

extension Evaluator {
    /// A float function of one argument; `domain(x)` names why x is outside the domain, if it is.
    func floatFunction(_ call: Call, _ f: @escaping (Double) -> Double, domain: @escaping (Double) -> String?) throws -> Column {
        guard let x = try call.operand(0).doubles else { throw call.unsupported }
        let ctx = Checked(count: call.count, validity: call.validity, expr: call.expr)
        let values = try ctx.run(x, { v in
            let r = f(v)
            return (r, v.isFinite && (!r.isFinite || domain(v) != nil))
        }, fault: { v in
            .outOfDomain(expression: call.expr.text, detail: domain(v) ?? "the result for \(NumberText.format(v)) is not a finite number")
        })
        return Column(.float(values), validity: call.validity)
    }

    /// pow(x, y): x to the power y, an error where that is not a finite real number for finite x and y.
    func power(_ call: Call) throws -> Column {
        guard let x = try call.operand(0).doubles, let y = try call.operand(1).doubles else { throw call.unsupported }
        let ctx = Checked(count: call.count, validity: call.validity, expr: call.expr)
        let values = try ctx.run(x, y, { a, b in
            let r = Glibc.pow(a, b)
            return (r, a.isFinite && b.isFinite && !r.isFinite)
        }, fault: { a, b in
            .outOfDomain(expression: call.expr.text,
                         detail: "\(NumberText.format(a)) to the power \(NumberText.format(b)) is not a finite real number")
        })
        return Column(.float(values), validity: call.validity)
    }

    /// sign(x): -1, 0 or 1, of x's type.
    func sign(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        if let a = x.ints {
            return Column(.int(mapVec(a, count: call.count) { $0.signum() }), validity: call.validity)
        }
        guard let a = x.doubles else { throw call.unsupported }
        return Column(.float(mapVec(a, count: call.count) { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }), validity: call.validity)
    }

    /// greatest(a, …) / least(a, …): the largest (smallest) argument that is not null.
    func extremeOf(_ call: Call, largest: Bool) throws -> Column {
        let type = call.expr.type
        let columns = try call.operands.compactMap { x -> Column? in
            x.isNullScalar ? nil : try conform(x.column(count: call.count), to: type, call.expr)
        }
        guard var best = columns.first else { return Column.nulls(type, count: call.count) }
        for next in columns.dropFirst() {
            // Both as one column, so one set of order codes compares them.
            let both = try SetOperations.append(best, next)
            let codes = OrderedKey.ascendingCodes(both)
            let n = call.count
            let picks = (0..<n).map { row -> Int in
                let (a, b) = (row, n + row)
                if both.isNull(a) { return b }
                if both.isNull(b) { return a }
                return (largest ? codes[b] > codes[a] : codes[b] < codes[a]) ? b : a
            }
            best = both.gather(picks)
        }
        return best
    }

    /// random(): one draw per row.
    func randomNumbers(_ call: Call) -> Column {
        var generator = SystemRandomNumberGenerator()
        return Column(.float((0..<call.count).map { _ in Double.random(in: 0..<1, using: &generator) }))
    }
}
