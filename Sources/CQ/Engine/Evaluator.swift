// Evaluator: computes a bound expression over every row of a table, a
// column at a time, and constant expressions to a single Value.
//
// This file is the dispatch: it walks the BoundExpr tree, evaluates children
// into `Operand`s (columns, or scalars for literals and constant
// subexpressions, which are folded once instead of broadcast), and hands each
// node to its kernel in Engine/Kernels — for a function call, the kernel of
// the overload its definition (Semantics/Functions/) chooses for the
// argument types. Kernels choose their typed loop once per column. The
// conditional forms — `and`, `or`, `??` and functions with lazy arguments
// (`if`, `coalesce`) — evaluate their later operands only for the rows that
// still need them (`operand(_:_:onlyRows:)`), so `b != 0 and a / b > 2` or
// `if(b == 0, 0, a / b)` never report an error for a row they do not use.
// A volatile function is run for every row, never folded to one value.
//
// Type checking is the binder's: it guarantees operand types per the
// function definitions; a combination it should have refused is reported as
// an internal error (phase `internal`), never a trap. Statement-level
// decisions (filtering by the result, naming output columns) are the
// executor's.

/// Evaluates bound expressions a column at a time.
public struct Evaluator: Sendable {
    let cancel: Cancellation?

    public init(cancel: Cancellation? = nil) {
        self.cancel = cancel
    }

    /// The expression over every row of `table` (result has table.rowCount rows, type == expr.type,
    /// except that a `.null`-typed expr may give a `.null(count:)` column).
    public func evaluate(_ expr: BoundExpr, on table: Table) throws -> Column {
        // No rows, nothing to compute and nothing to fail.
        guard table.rowCount > 0 else { return Column.nulls(expr.type, count: 0) }
        let result = try operand(expr, table).column(count: table.rowCount)
        return try conform(result, to: expr.type, expr)
    }

    /// A constant expression (no column references) — used by the binder for `take N`, `in [..]` lists
    /// and scalar statements like `351.5亿 / 11`.
    public func evaluateScalar(_ expr: BoundExpr) throws -> Value {
        try evaluate(expr, on: Table(names: [], columns: [], rowCount: 1)).value(at: 0)
    }

    /// One node: its children first, then its kernel.
    func operand(_ expr: BoundExpr, _ table: Table) throws -> Operand {
        try cancel?.check()
        switch expr.kind {
        case .column(let i):
            guard table.columns.indices.contains(i), table.columns[i].count == table.rowCount else {
                throw internalError("column \(i) is not in the input", expr)
            }
            return .of(table.columns[i])
        case .literal(let v):
            return .scalar(v)
        case .unary(let op, let e):
            let x = try operand(e, table)
            return try fold([x], table) { try unary(op, x, count: $0, expr) }
        case .binary(.and, let a, let b):
            return try conjunction(isAnd: true, a, b, table)
        case .binary(.or, let a, let b):
            return try conjunction(isAnd: false, a, b, table)
        case .binary(.coalesce, let a, let b):
            return try firstNonNull([a, b], table, expr)
        case .binary(let op, let a, let b):
            let x = try operand(a, table)
            let y = try operand(b, table)
            return try fold([x, y], table) { try binary(op, x, y, count: $0, expr, pattern: b) }
        case .call(let f, let args):
            guard let overload = f.overload(for: args.map(\.type)) else {
                throw internalError("\(f.name)() cannot take (\(args.map(\.type.rawValue).joined(separator: ", ")))", expr)
            }
            switch overload.kernel {
            case .lazy(let kernel):
                return try kernel(self, args, table, expr)
            case .eager(let kernel):
                let xs = try args.map { try operand($0, table) }
                if f.isVolatile { return .of(try call(f, kernel, xs, count: table.rowCount, expr)) }
                return try fold(xs, table) { try call(f, kernel, xs, count: $0, expr) }
            case .aggregate:
                throw internalError("aggregate \(f.name)() outside summarize", expr)
            case .window:
                throw internalError("window function \(f.name)() outside a window node", expr)
            }
        case .isNull(let e, let negated):
            let x = try operand(e, table)
            return try fold([x], table) { isNullKernel(x, negated: negated, count: $0) }
        case .inList(let e, let list, let negated):
            let x = try operand(e, table)
            return try fold([x], table) { try inList(x, list, negated: negated, count: $0, expr) }
        case .subquery, .inSubquery, .exists:
            throw internalError("a subquery reached the evaluator before it ran (Subqueries.run)", expr)
        }
    }

    /// Runs a kernel once (on one row) when every operand is a scalar, else over the table.
    private func fold(_ operands: [Operand], _ table: Table, _ kernel: (Int) throws -> Column) throws -> Operand {
        if operands.allSatisfy(\.isScalar) { return .scalar(try kernel(1).value(at: 0)) }
        return .of(try kernel(table.rowCount))
    }

    /// `expr` for the rows set in `rows`; the other rows are unspecified (null or computed anyway).
    /// An expression that can fail is evaluated on the selected rows only, so rows that are
    /// not used never raise an error.
    func operand(_ expr: BoundExpr, _ table: Table, onlyRows rows: Bitmap) throws -> Operand {
        let selected = rows.setCount
        if selected == 0 { return .scalar(.null) }
        if selected == rows.count || !expr.canFail { return try operand(expr, table) }
        let indices = setIndices(rows)
        var used = Set<Int>()
        expr.collectColumns(into: &used)
        let subset = Table(names: table.names,
                           columns: table.columns.enumerated().map { i, c in
                               used.contains(i) ? c.gather(indices) : Column(.null(count: indices.count))
                           },
                           rowCount: indices.count)
        let part = try operand(expr, subset)
        if case .scalar = part { return part }
        return .of(part.column(count: selected).spread(to: indices, count: table.rowCount))
    }

    /// The column converted to the binder's type (int → float where branches or operands mixed).
    func conform(_ c: Column, to type: DataType, _ expr: BoundExpr) throws -> Column {
        if c.type == type || type == .null { return c }
        switch (c.data, type) {
        case (.null(let n), _): return Column.nulls(type, count: n)
        case (.int(let a), .float): return Column(.float(a.map { Double($0) }), validity: c.validity)
        default: throw internalError("a \(c.type.rawValue) result where \(type.rawValue) was expected", expr)
        }
    }

    /// An operand combination the binder should have refused.
    func internalError(_ what: String, _ expr: BoundExpr) -> CQError {
        CQError(.internalFault(expression: expr.text, detail: what), at: expr.range)
    }
}

extension BoundExpr {
    /// Whether evaluating this expression can raise a runtime error for some row
    /// (overflow, division by zero, a failed conversion, a bad pattern).
    var canFail: Bool {
        switch kind {
        case .column, .literal, .subquery, .exists:
            return false
        case .unary(let op, let e):
            return (op == .negate && e.type == .int) || e.canFail
        case .binary(let op, let a, let b):
            let own: Bool
            switch op {
            case .add, .sub, .mul: own = a.type == .int || b.type == .int || a.type == .date || b.type == .date
            case .div, .intdiv, .mod, .matches: own = true
            default: own = false
            }
            return own || a.canFail || b.canFail
        case .call(let f, let args):
            return f.mayFail || args.contains { $0.canFail }
        case .isNull(let e, _), .inList(let e, _, _), .inSubquery(let e, _, _):
            return e.canFail
        }
    }

    /// The indexes of the input columns this expression reads.
    func collectColumns(into set: inout Set<Int>) {
        switch kind {
        case .column(let i): set.insert(i)
        case .literal, .subquery, .exists: break
        case .unary(_, let e), .isNull(let e, _), .inList(let e, _, _), .inSubquery(let e, _, _): e.collectColumns(into: &set)
        case .binary(_, let a, let b):
            a.collectColumns(into: &set)
            b.collectColumns(into: &set)
        case .call(_, let args): for a in args { a.collectColumns(into: &set) }
        }
    }
}

extension Evaluator {
    /// `not x` and `-x`.
    func unary(_ op: UnaryOp, _ x: Operand, count: Int, _ expr: BoundExpr) throws -> Column {
        if x.isNullScalar { return Column.nulls(expr.type, count: count) }
        switch op {
        case .not: return try not(x, count: count, expr)
        case .negate: return try negate(x, count: count, expr)
        }
    }

    /// The operators other than `and`, `or` and `??` (null in any operand → null);
    /// `pattern` is the right operand, which an invalid regular expression is reported at.
    func binary(_ op: BinaryOp, _ x: Operand, _ y: Operand, count: Int, _ expr: BoundExpr,
                pattern: BoundExpr) throws -> Column {
        if x.isNullScalar || y.isNullScalar { return Column.nulls(expr.type, count: count) }
        switch op {
        case .add, .sub, .mul, .div, .intdiv, .mod:
            return try arithmetic(op, x, y, count: count, expr)
        case .eq, .ne, .lt, .le, .gt, .ge:
            return try compare(op, x, y, count: count, expr)
        case .contains, .startswith, .endswith, .matches:
            return try stringPredicate(op, x, y, count: count, expr, pattern: pattern)
        case .and, .or, .coalesce:
            throw internalError("'\(op.rawValue)' reached the plain operator kernels", expr)
        }
    }

    /// A function with evaluated arguments: its kernel, or all nulls when the function propagates nulls
    /// and an argument is the null constant.
    func call(_ f: Function, _ kernel: (Evaluator, Call) throws -> Column, _ xs: [Operand], count: Int,
              _ expr: BoundExpr) throws -> Column {
        if f.nullRule == .propagates, xs.contains(where: \.isNullScalar) { return Column.nulls(expr.type, count: count) }
        return try kernel(self, Call(function: f, operands: xs, count: count, expr: expr))
    }
}

/// A scalar function call with its evaluated arguments, as the function kernels receive it.
struct Call {
    var function: Function
    var operands: [Operand]
    var count: Int
    var expr: BoundExpr

    /// Rows where every argument is present (the result's validity under "null in → null out").
    var validity: Bitmap? { operands.reduce(nil) { Bitmap.both($0, $1.validity) } }

    /// Argument i, or an internal error when the binder passed fewer.
    func operand(_ i: Int) throws -> Operand {
        guard operands.indices.contains(i) else {
            throw CQError(.internalFault(expression: expr.text, detail: "missing argument \(i + 1)"), at: expr.range)
        }
        return operands[i]
    }

    /// Argument i's strings, or an internal error.
    func strings(_ i: Int) throws -> StringColumn {
        guard let s = try operand(i).strings(count: count) else { throw unsupported }
        return s
    }

    /// Argument i's ints, or an internal error.
    func ints(_ i: Int) throws -> Vec<Int> {
        guard let v = try operand(i).ints else { throw unsupported }
        return v
    }

    /// Whether every argument after the first is a constant (a string kernel may then work once per dictionary entry).
    var restIsConstant: Bool { operands.dropFirst().allSatisfy(\.isScalar) }

    /// The error for an argument combination the binder should have refused.
    var unsupported: CQError {
        let types = operands.map(\.type.rawValue).joined(separator: ", ")
        return CQError(.internalFault(expression: expr.text, detail: "\(function.name)() cannot take (\(types))"),
                       at: expr.range)
    }
}
