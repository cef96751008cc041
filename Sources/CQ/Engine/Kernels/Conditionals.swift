// Conditionals: `if(cond, a, b)`, `coalesce(a, b, …)` and `a ?? b`.
//
// Null rules: `if` takes `b` where the condition is false or null;
// `coalesce` / `??` give the first argument that is not null (null only when
// all are). Each branch or later argument is evaluated only for the rows that
// use it (Evaluator.operand(_:_:onlyRows:)), so `if(b == 0, 0, a / b)` does
// not fail. Branches are converted to the binder's common type (int → float)
// before they are blended (RowSelection.swift).

extension Evaluator {
    /// `if(cond, a, b)`.
    func conditional(_ args: [BoundExpr], _ table: Table, _ expr: BoundExpr) throws -> Operand {
        guard args.count == 3 else { throw internalError("if() needs 3 arguments", expr) }
        if expr.type == .null { return .scalar(.null) }
        let n = table.rowCount
        let cond = try operand(args[0], table)
        let take = try trueRows(cond, count: n, args[0])
        let otherwise = Bitmap(words: take.words.map { ~$0 }, count: n)
        let x = try operand(args[1], table, onlyRows: take)
        let y = try operand(args[2], table, onlyRows: otherwise)
        if take.setCount == n { return try conform(x, to: expr.type, expr) }
        if take.setCount == 0 { return try conform(y, to: expr.type, expr) }
        return try choose(take, x, y, count: n, expr)
    }

    /// `coalesce(a, b, …)` and `a ?? b`.
    func firstNonNull(_ args: [BoundExpr], _ table: Table, _ expr: BoundExpr) throws -> Operand {
        if expr.type == .null { return .scalar(.null) }
        let n = table.rowCount
        var result = Operand.scalar(.null)
        for arg in args {
            switch result {
            case .scalar(.null):
                result = try conform(operand(arg, table), to: expr.type, expr)
            case .scalar:
                return result
            case .column(let c):
                guard let present = c.validity else { return result }
                let missing = Bitmap(words: present.words.map { ~$0 }, count: n)
                let next = try operand(arg, table, onlyRows: missing)
                result = try choose(present, result, next, count: n, expr)
            }
        }
        return result
    }

    /// Row i from `x` where `pick[i]`, else from `y`, both converted to the expression's type.
    private func choose(_ pick: Bitmap, _ x: Operand, _ y: Operand, count: Int, _ expr: BoundExpr) throws -> Operand {
        let a = try conform(x.column(count: count), to: expr.type, expr)
        let b = try conform(y.column(count: count), to: expr.type, expr)
        guard let c = blend(pick, a, b) else { throw internalError("branches of different types", expr) }
        return .of(c)
    }

    /// An operand converted to the expression's type (int → float).
    func conform(_ x: Operand, to type: DataType, _ expr: BoundExpr) throws -> Operand {
        switch x {
        case .scalar(.int(let i)) where type == .float: return .scalar(.float(Double(i)))
        case .scalar: return x
        case .column(let c): return .of(try conform(c, to: type, expr))
        }
    }
}
