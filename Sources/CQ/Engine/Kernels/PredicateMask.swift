// PredicateMask: the rows where a filter's condition is true, as a bitmap —
// what the executor's filter keeps (false and null both drop a row).
//
// Hand-written for speed, because a filter runs over every row of its input:
// the common shapes are computed straight into 64-bit words instead of a
// bool column that is then packed. `x is [not] null` on a column is its
// validity mask; a numeric or date column compared with a constant is one
// branch-free loop per operator that sets 64 bits a word; `and` and `or` of
// such masks are word-wise and/or (true(a and b) = true(a) & true(b), and
// likewise for or, under three-valued logic). Any other shape is evaluated by
// the ordinary kernels and packed. The right side of an `and`/`or` that can
// fail keeps the Evaluator's rule (evaluated only where the left side does
// not decide), so the whole conjunction then goes to the Evaluator.

extension Evaluator {
    /// The rows of `table` where `predicate` is true.
    func trueMask(_ predicate: BoundExpr, on table: Table) throws -> Bitmap {
        let n = table.rowCount
        switch predicate.kind {
        case .isNull(let e, let negated):
            guard case .column(let i) = e.kind, table.columns.indices.contains(i) else { break }
            let column = table.columns[i]
            if case .null = column.data { return Bitmap(count: n, value: !negated) }
            guard let valid = column.validity else { return Bitmap(count: n, value: negated) }
            return negated ? valid : Bitmap(words: valid.words.map { ~$0 }, count: n)
        case .binary(let op, let a, let b) where (op == .and || op == .or) && !b.canFail:
            let x = try trueMask(a, on: table)
            let y = try trueMask(b, on: table)
            return Bitmap(words: zip(x.words, y.words).map { op == .and ? $0 & $1 : $0 | $1 }, count: n)
        case .binary(let op, let a, let b) where op.flipped != nil:
            try cancel?.check()
            let x = try operand(a, table)
            let y = try operand(b, table)
            if let mask = comparisonMask(op, x, y, count: n) { return mask }
            if x.isScalar && y.isScalar { break }
            return try truthMask(binary(op, x, y, count: n, predicate, pattern: b), predicate)
        default:
            break
        }
        return try truthMask(evaluate(predicate, on: table), predicate)
    }

    /// The rows where a bool column is true (a `.null` column has none).
    private func truthMask(_ column: Column, _ predicate: BoundExpr) throws -> Bitmap {
        if case .null(let n) = column.data { return Bitmap(count: n, value: false) }
        guard case .bool(let bits) = column.data else {
            throw internalError("a filter needs a bool condition, found \(column.type.rawValue)", predicate)
        }
        let kept = Bitmap(bits)
        return column.validity.map { kept & $0 } ?? kept
    }

    /// A numeric or date column against a constant, straight into bits; nil for other operand shapes.
    private func comparisonMask(_ op: BinaryOp, _ x: Operand, _ y: Operand, count: Int) -> Bitmap? {
        if x.isScalar && !y.isScalar, let flipped = op.flipped { return comparisonMask(flipped, y, x, count: count) }
        guard case .column(let column) = x, case .scalar(let constant) = y else { return nil }
        let mask: Bitmap?
        switch (column.data, constant) {
        case (.int(let a), .int(let c)), (.int(let a), .datetime(let c)): mask = compareBits(op, a, c)
        case (.int(let a), .float(let c)): mask = compareBits(op, a.map { Double($0) }, c)
        case (.float(let a), _):
            guard let c = constant.asDouble else { return nil }
            mask = compareBits(op, a, c)
        case (.int32(let a), _):
            guard let c = constant.int32 else { return nil }
            mask = compareBits(op, a, c)
        default: return nil
        }
        guard let mask else { return nil }
        return column.validity.map { mask & $0 } ?? mask
    }

    /// One loop per operator: bit i is set when `values[i] op constant`.
    private func compareBits<T: Comparable>(_ op: BinaryOp, _ values: [T], _ constant: T) -> Bitmap? {
        switch op {
        case .eq: return packBits(values) { $0 == constant }
        case .ne: return packBits(values) { $0 != constant }
        case .lt: return packBits(values) { $0 < constant }
        case .le: return packBits(values) { $0 <= constant }
        case .gt: return packBits(values) { $0 > constant }
        case .ge: return packBits(values) { $0 >= constant }
        default: return nil
        }
    }
}
