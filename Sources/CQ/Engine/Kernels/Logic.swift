// Logic: `and`, `or`, `not`, `is null` / `is not null` — SQL's three-valued
// logic over bool columns with validity bitmaps.
//
// Null rules, written next to their kernels:
//   and: false if either side is false (even if the other is null), else null
//        if either is null, else true;
//   or:  true if either side is true, else null if either is null, else false;
//   not: null stays null;
//   is [not] null: never null.
// `and` / `or` evaluate their right side only for the rows the left side does
// not decide (Evaluator.operand(_:_:onlyRows:)), so `b != 0 and a / b > 1`
// never divides by zero. Comparisons that produce the bools are Comparison's.

extension Evaluator {
    /// `a and b` (isAnd) or `a or b`.
    func conjunction(isAnd: Bool, _ a: BoundExpr, _ b: BoundExpr, _ table: Table) throws -> Operand {
        let n = table.rowCount
        let left = try operand(a, table)
        // The value that decides the result on its own: false for `and`, true for `or`.
        let deciding = !isAnd
        let right: Operand
        if b.canFail {
            let (lv, lvalid) = try truth(left, count: n, a)
            let open = fillChecked(n) { i in (!((lvalid?[i] ?? true) && lv.at(i) == deciding), false) }.values
            right = try operand(b, table, onlyRows: Bitmap(open))
        } else {
            right = try operand(b, table)
        }
        if left.isScalar && right.isScalar {
            return .scalar(try combine(deciding: deciding, left, right, count: 1, a, b).value(at: 0))
        }
        return .of(try combine(deciding: deciding, left, right, count: n, a, b))
    }

    /// The three-valued combination of two bool operands.
    private func combine(deciding: Bool, _ x: Operand, _ y: Operand, count: Int,
                         _ a: BoundExpr, _ b: BoundExpr) throws -> Column {
        let (xv, xvalid) = try truth(x, count: count, a)
        let (yv, yvalid) = try truth(y, count: count, b)
        let values = zipMap(xv, yv, count: count) { deciding ? ($0 || $1) : ($0 && $1) }
        guard xvalid != nil || yvalid != nil else { return Column(.bool(values)) }
        let valid = fillChecked(count) { i -> (Bool, Bool) in
            let xOK = xvalid?[i] ?? true
            let yOK = yvalid?[i] ?? true
            return ((xOK && yOK) || (xOK && xv.at(i) == deciding) || (yOK && yv.at(i) == deciding), false)
        }.values
        return Column(.bool(values), validity: Bitmap(valid))
    }

    /// The values and validity of a bool operand (the null scalar is all-null).
    func truth(_ x: Operand, count: Int, _ expr: BoundExpr) throws -> (Vec<Bool>, Bitmap?) {
        if x.isNullScalar { return (.constant(false), Bitmap(count: count, value: false)) }
        guard let v = x.bools else { throw internalError("a \(x.type.rawValue) where a bool was expected", expr) }
        return (v, x.validity)
    }

    /// Rows where a bool operand is true (null counts as not true).
    func trueRows(_ x: Operand, count: Int, _ expr: BoundExpr) throws -> Bitmap {
        let (v, validity) = try truth(x, count: count, expr)
        let mask = Bitmap(mapVec(v, count: count) { $0 })
        return validity.map { mask & $0 } ?? mask
    }

    /// `not x`.
    func not(_ x: Operand, count: Int, _ expr: BoundExpr) throws -> Column {
        let (v, validity) = try truth(x, count: count, expr)
        return Column(.bool(mapVec(v, count: count) { !$0 }), validity: validity)
    }

    /// `x is null` (or `is not null` when negated): never null.
    func isNullKernel(_ x: Operand, negated: Bool, count: Int) -> Column {
        switch x {
        case .scalar(let v):
            return Column(.bool([Bool](repeating: v.isNull != negated, count: count)))
        case .column(let c):
            guard let validity = c.validity else { return Column(.bool([Bool](repeating: negated, count: count))) }
            return Column(.bool(fillChecked(count) { (validity[$0] == negated, false) }.values))
        }
    }
}
