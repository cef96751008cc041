// JoinBinder: the binder's part for stages that read a second source or
// work per group — sources (a table or a `( QUERY )`), joins of every kind,
// union/intersect/except, and `top … per` / `take … per` (LANGUAGE.md §8).
//
// Joins resolve their keys here, once: in `A == B` the name on the left of
// `==` is looked up on the left side and the other on the right; when that
// fails and the other way round works (`on city == c`), the pair is taken
// swapped, as SQL's `ON` reads either order. The output columns follow the
// contract: the left's columns, then the right's; an `on col` key once
// (coalesced for right and full joins); any other clashing right name gets
// `_` and the source's name, then `_2`, `_3`…; semi and anti keep only the
// left's columns. Set operations need the same column names in the same
// order, with types that widen (int to float). Running any of these is the
// engine's job (Join, SetOperations, PerGroup).

extension Binder {
    /// The plan of a source: a scan of a table, or a bound query in brackets.
    func source(_ source: Source) throws -> Plan {
        switch source {
        case .table(let name): return try scan(name)
        case .query(let query, _): return try bind(query)
        }
    }

    /// `join KIND SOURCE on KEY, …` over `plan`.
    func bindJoin(_ plan: Plan, kind: JoinKind, source: Source, keys: [JoinKey], exprs: ExpressionBinder) throws -> Plan {
        let right = try self.source(source)
        let leftSchema = plan.schema
        let rightSchema = right.schema
        let rightExprs = ExpressionBinder(binder: self, schema: rightSchema, tableName: tableName(of: right) ?? source.name)
        var pairs: [JoinKeyPair] = []
        var shared: [Int: Int] = [:]
        for key in keys {
            let pair: JoinKeyPair
            if let rightName = key.right {
                pair = try keyPair(key.left, rightName, exprs, rightExprs)
            } else {
                pair = JoinKeyPair(left: try exprs.columnIndex(key.left), right: try rightExprs.columnIndex(key.left))
                shared[pair.left] = pair.right
            }
            let lt = leftSchema[pair.left].type, rt = rightSchema[pair.right].type
            // One key type (ints and floats mix): a date does not join a datetime, as it does not union with one.
            guard DataType.common(lt, rt) != nil else {
                let range = key.right.map { key.left.range.union($0.range) } ?? key.left.range
                throw CQError(.typeMismatch("cannot join \(lt.rawValue) column '\(leftSchema[pair.left].name)' with \(rt.rawValue) column '\(rightSchema[pair.right].name)'"),
                              at: range)
            }
            pairs.append(pair)
        }
        guard kind.keepsRight else {
            let columns = leftSchema.indices.map { Output(leftSchema[$0].name, JoinColumn.left($0)) }
            return .join(plan, right, BoundJoin(kind: kind, keys: pairs, columns: columns))
        }
        var columns = leftSchema.indices.map { i -> Output<JoinColumn> in
            if kind.keepsUnmatchedRight, let r = shared[i] { return Output(leftSchema[i].name, .key(left: i, right: r)) }
            return Output(leftSchema[i].name, .left(i))
        }
        var taken = Set(leftSchema.map(\.name))
        let sharedRight = Set(shared.values)
        for (i, field) in rightSchema.enumerated() where !sharedRight.contains(i) {
            columns.append(Output(uniqueName(field.name, from: source.name, taken: &taken), .right(i)))
        }
        return .join(plan, right, BoundJoin(kind: kind, keys: pairs, columns: columns))
    }

    /// The columns of `A == B`: A on the left and B on the right, or — when only that works — the other way round.
    private func keyPair(_ a: Identifier, _ b: Identifier, _ left: ExpressionBinder,
                         _ right: ExpressionBinder) throws -> JoinKeyPair {
        func index(_ id: Identifier, _ side: ExpressionBinder) -> Int? { side.schema.firstIndex { $0.name == id.name } }
        if let l = index(a, left), let r = index(b, right) { return JoinKeyPair(left: l, right: r) }
        if let l = index(b, left), let r = index(a, right) { return JoinKeyPair(left: l, right: r) }
        return JoinKeyPair(left: try left.columnIndex(a), right: try right.columnIndex(b))
    }

    /// `name`, or — when taken — `name_source`, then `name_source_2`, `_3`…; the result is added to `taken`.
    private func uniqueName(_ name: String, from source: String, taken: inout Set<String>) -> String {
        var unique = name
        if taken.contains(unique) { unique = "\(name)_\(source)" }
        var n = 2
        while taken.contains(unique) {
            unique = "\(name)_\(source)_\(n)"
            n += 1
        }
        taken.insert(unique)
        return unique
    }

    /// `union`, `intersect` or `except` (`op` nil: union) of `plan` and a source with the same column names
    /// in the same order; int meets float as float, a `null` column takes the other side's type.
    func bindSetOperation(_ plan: Plan, _ other: Source, _ op: SetOperator?) throws -> Plan {
        let keyword = op?.rawValue ?? "union"
        let right = try source(other)
        let a = plan.schema, b = right.schema
        guard a.map(\.name) == b.map(\.name) else {
            throw CQError(.unionMismatch("\(keyword) needs the same column names in the same order: (\(a.map(\.name).joined(separator: ", "))) vs '\(other.name)' (\(b.map(\.name).joined(separator: ", ")))"),
                          at: other.range)
        }
        var widenLeft = false, widenRight = false
        for (x, y) in zip(a, b) where x.type != y.type {
            guard let common = DataType.common(x.type, y.type) else {
                throw CQError(.unionMismatch("column '\(x.name)' is \(x.type.rawValue) here but \(y.type.rawValue) in '\(other.name)'"),
                              at: other.range)
            }
            if common != x.type { widenLeft = true }
            if common != y.type { widenRight = true }
        }
        let common = zip(a, b).map { Field($0.name, DataType.common($0.type, $1.type) ?? $0.type) }
        let left = widenLeft ? widen(plan, to: common, at: other.range) : plan
        let rightPlan = widenRight ? widen(right, to: common, at: other.range) : right
        guard let op else { return .union(left, rightPlan) }
        return .setOperation(op, left, rightPlan)
    }

    /// The `per` keys of `top … per` / `take … per`: expressions of any type over the input.
    func perKeys(_ keys: [Expr], _ exprs: ExpressionBinder) throws -> [BoundExpr] {
        try keys.map { try exprs.bind($0) }
    }

    /// An unknown-column error about a column that a semi or anti join further down dropped (a right
    /// column) is told so, with a hint; any other error is returned as it is.
    func explainDropped(_ error: CQError, over plan: Plan) -> CQError {
        guard case .unknownColumn(let name, let table, _) = error.problem,
              let kind = droppingJoin(of: name, in: plan) else { return error }
        return CQError(.droppedByJoin(name, table: table, kind: kind.rawValue), at: error.range)
    }

    /// The semi or anti join whose right side holds `name`, looking down through stages that keep names.
    private func droppingJoin(of name: String, in plan: Plan) -> JoinKind? {
        switch plan {
        case .join(let left, let right, let join):
            guard !join.kind.keepsRight else { return nil }
            return right.schema.contains { $0.name == name } ? join.kind : droppingJoin(of: name, in: left)
        case .filter(let p, _), .sort(let p, _), .limit(let p, _), .top(let p, _, _), .distinct(let p),
             .union(let p, _), .setOperation(_, let p, _), .perGroup(let p, _, _, _):
            return droppingJoin(of: name, in: p)
        default:
            return nil
        }
    }
}
