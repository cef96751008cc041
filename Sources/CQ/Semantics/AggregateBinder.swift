// AggregateBinder: binds `summarize AGG, … [by KEY, …]`.
//
// Each item may be a bare aggregate call (`sum(investment)`, named
// `sum_investment` by default) or — an extension — an expression over
// aggregate calls and group keys (`share = sum(x) / count()`). Aggregate
// calls are collected into an aggregate node (keys first, then one column
// per distinct call); when any item is more than a bare call, a projection
// on top computes the items from those columns.

/// Binds one summarize stage.
struct AggregateBinder {
    let binder: Binder
    let exprs: ExpressionBinder

    func bind(_ plan: Plan, aggregates items: [NamedExpr], keys: [NamedExpr]) throws -> Plan {
        // Keys: bare columns keep their name; computed keys need one.
        var keyOutputs: [Output<BoundExpr>] = []
        for key in keys {
            let bound = try exprs.bind(key.expr)
            let name = try binder.outputName(key, bound)
            keyOutputs.append(Output(name.name, bound))
        }
        try binder.checkUnique(keyOutputs.map(\.name), ranges: keys.map { $0.name?.range ?? $0.expr.range })

        // Aggregate calls, deduplicated by their text; item expressions rebound over the aggregate's output.
        var calls: [Output<BoundAggregate>] = []
        var itemExprs: [(name: String, expr: BoundExpr, range: SourceRange)] = []
        let keyCount = keyOutputs.count
        let outputSchemaOfKeys = keyOutputs.map { Field($0.name, $0.value.type) }

        for item in items {
            var resolver = ExpressionBinder(binder: binder, schema: outputSchemaOfKeys, tableName: exprs.tableName)
            var usedAggregate = false
            resolver.aggregateCall = { call, info, args in
                usedAggregate = true
                let agg = try self.aggregate(call, info, args)
                let text = self.binder.text(call.range)
                let index: Int
                if let existing = calls.firstIndex(where: { $0.value.text == text }) {
                    index = existing
                } else {
                    calls.append(Output(self.defaultName(call, info, args), agg))
                    index = calls.count - 1
                }
                return BoundExpr(.column(keyCount + index), type: agg.type, range: call.range, text: text)
            }
            // A name outside an aggregate call must be a group key (by its output name or its expression text).
            resolver.columnOverride = { e in
                guard case .name(let n) = e.kind else { return nil }
                if let k = keyOutputs.firstIndex(where: { $0.name == n }) {
                    return BoundExpr(.column(k), type: keyOutputs[k].value.type, range: e.range, text: n)
                }
                if self.exprs.schema.contains(where: { $0.name == n }) {
                    throw CQError(.aggregateRequired(n), at: e.range)
                }
                return nil
            }
            let bound = try resolver.bind(item.expr)
            guard usedAggregate else {
                throw CQError(.aggregateRequired(binder.text(item.expr.range)), at: item.expr.range)
            }
            let name: String
            if let given = item.name {
                name = given.name
            } else if case .column(let i) = bound.kind, i >= keyCount {
                name = calls[i - keyCount].name
            } else {
                throw CQError(.unnamedColumn(binder.text(item.expr.range)), at: item.expr.range)
            }
            itemExprs.append((name, bound, item.name?.range ?? item.expr.range))
        }
        try binder.checkUnique(keyOutputs.map(\.name) + itemExprs.map(\.name),
                               ranges: keys.map { $0.name?.range ?? $0.expr.range } + itemExprs.map(\.range))

        // When every item is exactly one distinct call, in order, the aggregate node is the answer.
        let direct = itemExprs.count == calls.count && itemExprs.enumerated().allSatisfy { i, item in
            if case .column(let c) = item.expr.kind { return c == keyCount + i }
            return false
        }
        if direct {
            let named = zip(calls, itemExprs).map { Output($1.name, $0.value) }
            return .aggregate(plan, keys: keyOutputs, aggregates: named)
        }
        let hiddenCalls = calls.enumerated().map { i, c in Output("__agg\(i)", c.value) }
        let aggregated = Plan.aggregate(plan, keys: keyOutputs, aggregates: hiddenCalls)
        let keyColumns = keyOutputs.enumerated().map { i, k in
            Output(k.name, BoundExpr(.column(i), type: k.value.type, range: k.value.range, text: k.name))
        }
        return .project(aggregated, keyColumns + itemExprs.map { Output($0.name, $0.expr) })
    }

    /// One aggregate call, checked against the registry.
    func aggregate(_ call: Expr, _ function: Function, _ args: [Expr]) throws -> BoundAggregate {
        guard function.isAggregate else { throw CQError(.aggregateNotAllowed(function.name), at: call.range) }
        // Arguments are bound over the input rows; an aggregate inside an aggregate is refused there.
        let bound = try args.map { try exprs.bind($0) }
        let type = try function.resolve(bound, call: call.range)
        return BoundAggregate(function: function, arguments: bound, type: type, range: call.range, text: binder.text(call.range))
    }

    /// `count()` → count; `sum(investment)` → sum_investment; `sum(a * b)` → the call as written.
    func defaultName(_ call: Expr, _ function: Function, _ args: [Expr]) -> String {
        if args.isEmpty { return function.name }
        if args.count == 1, case .name(let n) = args[0].kind { return "\(function.name)_\(n)" }
        return binder.text(call.range)
    }
}
