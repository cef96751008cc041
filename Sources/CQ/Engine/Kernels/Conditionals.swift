// Conditionals: `if(cond, a, b)`, `case(c1, v1, …, else)`, `coalesce(a, b, …)`
// and `a ?? b`.
//
// Null rules: `if` takes `b` where the condition is false or null; `case`
// takes the value of the first condition that is true (null counts as
// false), else the last argument;
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

    /// `case(c1, v1, c2, v2, …, else)`: each condition is evaluated only for the rows no earlier one took,
    /// each value only for the rows its condition took.
    func cases(_ args: [BoundExpr], _ table: Table, _ expr: BoundExpr) throws -> Operand {
        guard args.count % 2 == 1 else { throw internalError("case() needs an odd number of arguments", expr) }
        if expr.type == .null { return .scalar(.null) }
        let n = table.rowCount
        var remaining = Bitmap(count: n, value: true)
        var result = Operand.scalar(.null)
        for pair in stride(from: 0, to: args.count - 1, by: 2) {
            guard remaining.setCount > 0 else { return try conform(result, to: expr.type, expr) }
            let cond = try operand(args[pair], table, onlyRows: remaining)
            let take = try trueRows(cond, count: n, args[pair]) & remaining
            guard take.setCount > 0 else { continue }
            result = try choose(take, operand(args[pair + 1], table, onlyRows: take), result, count: n, expr)
            remaining = remaining & Bitmap(words: take.words.map { ~$0 }, count: n)
        }
        guard remaining.setCount > 0 else { return try conform(result, to: expr.type, expr) }
        let otherwise = try operand(args[args.count - 1], table, onlyRows: remaining)
        if remaining.setCount == n { return try conform(otherwise, to: expr.type, expr) }
        return try choose(remaining, otherwise, result, count: n, expr)
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
