// ReshapeBinder: the binder's part for the stages that reshape or thin a
// table — `pivot`, `unpivot` and `sample` (LANGUAGE.md §8, Reshaping and
// sampling).
//
// `pivot COLUMN [in [v, …]] using AGG [by KEY, …]` binds its keys and its
// aggregate exactly as `summarize AGG by KEY, …` would (AggregateBinder:
// the same calls, expressions over calls, key names and errors) and keeps
// the calls and the cell's expression over them. The values that become
// columns are the listed ones (constants of COLUMN's type; an int widens
// for a float column) or, without `in`, the distinct non-null values of
// COLUMN in sorted order: the one place the binder reads rows, running the
// input plan through the executor under the binder's cancellation. More
// than `Binder.maxPivotColumns` values is an error; a column is named
// `string(value)` (a listed null is named `null`; an empty string cannot
// name one), and a name equal to a key's is an error. `unpivot` checks its
// columns and finds their common type; `sample` checks its size and seed
// and draws a seed when none is written. Running them is the engine's job
// (Engine/Pivot.swift, Unpivot.swift, Sample.swift); their SQL is
// Plan/SQLReshape.swift's.

extension Binder {
    /// The most columns a pivot may make.
    public static let maxPivotColumns = 1_000

    /// `pivot COLUMN [in [v, …]] using AGG [by KEY, …]` over `plan`.
    func bindPivot(_ plan: Plan, column: Expr, values: [Expr]?, using: Expr, keys: [NamedExpr],
                   exprs: ExpressionBinder) throws -> Plan {
        let pivoted = try exprs.bind(column)
        let (keyOutputs, calls, cell) = try pivotCell(plan, using: using, keys: keys, exprs: exprs)
        if let values, values.count > Self.maxPivotColumns {
            throw CQError(.cannotReshape("pivot lists \(values.count) values, but at most \(Self.maxPivotColumns) columns are allowed",
                                         hint: "pivot fewer values at a time"), at: values[Self.maxPivotColumns].range)
        }
        let found = try values.map { try listedValues($0, of: pivoted, exprs) } ?? distinctValues(plan, pivoted)
        guard !found.isEmpty || !keyOutputs.isEmpty else {
            throw CQError(.cannotReshape("pivot has no column to make: '\(pivoted.text)' has no value here and there is no 'by'",
                                         hint: "list the values: pivot \(pivoted.text) in [...] using …"), at: pivoted.range)
        }
        var taken = Set(keyOutputs.map(\.name))
        var outputs: [Output<Value>] = []
        for (value, range) in found {
            let name = value.text ?? "null"
            guard !name.isEmpty else {
                throw CQError(.cannotReshape("the empty string cannot name a pivot column",
                                             hint: "list the values you want with 'in [...]', or drop the rows with a where stage first"),
                              at: range)
            }
            guard taken.insert(name).inserted else {
                guard keyOutputs.contains(where: { $0.name == name }) else {
                    throw CQError(.cannotReshape("the value \(name) is listed twice", hint: "list each value once"), at: range)
                }
                throw CQError(.cannotReshape("the pivot column '\(name)' would have the name of the key '\(name)'",
                                             hint: "rename the key: by other = \(name)"), at: range)
            }
            outputs.append(Output(name, value))
        }
        return .pivot(plan, BoundPivot(keys: keyOutputs, column: pivoted, values: outputs, aggregates: calls, cell: cell))
    }

    /// The keys, the aggregate calls and the cell of a pivot, bound as `summarize CELL by KEY, …` binds them.
    private func pivotCell(_ plan: Plan, using: Expr, keys: [NamedExpr],
                           exprs: ExpressionBinder) throws -> ([Output<BoundExpr>], [BoundAggregate], BoundExpr) {
        // The cell needs a name no key has (it is never shown).
        var cellName = "cell"
        let keyNames = Set(keys.compactMap { key -> String? in
            if let name = key.name { return name.name }
            if case .name(let n) = key.expr.kind { return n }
            if case .qualifiedName(_, let column) = key.expr.kind { return column.name }
            return nil
        })
        while keyNames.contains(cellName) { cellName += "_" }
        let grouped: Plan
        do {
            grouped = try AggregateBinder(binder: self, exprs: exprs)
                .bind(plan, aggregates: [NamedExpr(name: Identifier(cellName, using.range), expr: using)], keys: keys)
        } catch let error as CQError {
            guard case .aggregateRequired(let found) = error.problem else { throw error }
            throw CQError(.cannotReshape("pivot needs an aggregate after 'using', found '\(found)'",
                                         hint: "write an aggregate such as count(), sum(x) or max(\(found))"), at: error.range)
        }
        switch grouped {
        case .aggregate(_, let keys, let aggregates):
            guard let call = aggregates.first?.value else { break }
            return (keys, [call], BoundExpr(.column(keys.count), type: call.type, range: call.range, text: call.text))
        case .project(.aggregate(_, let keys, let aggregates), let outputs):
            guard let cell = outputs.last?.value else { break }
            return (keys, aggregates.map(\.value), cell)
        default:
            break
        }
        throw CQError(.internalFault(expression: text(using.range), detail: "a pivot's aggregate did not bind as a summarize"),
                      at: using.range)
    }

    /// The values of `in [v, …]`: constants of the pivoted column's type (an int widens for a float column).
    private func listedValues(_ items: [Expr], of column: BoundExpr, _ exprs: ExpressionBinder) throws -> [(Value, SourceRange)] {
        try items.map { item in
            let (value, bound) = try constant(item, exprs)
            switch (value, column.type) {
            case (.null, _):
                return (value, bound.range)
            case (.int(let i), .float):
                return (.float(Double(i)), bound.range)
            case (_, let type) where type == value.type:
                return (value, bound.range)
            default:
                throw CQError(.typeMismatch("the pivot values must be \(column.type.rawValue) like '\(column.text)', but \(bound.text) is \(value.type.rawValue)"),
                              at: bound.range)
            }
        }
    }

    /// The distinct non-null values of the pivoted column in sorted order, read from the input's rows.
    private func distinctValues(_ plan: Plan, _ column: BoundExpr) throws -> [(Value, SourceRange)] {
        let table = try Executor(cancel: cancel).run(.project(plan, [Output("value", column)]))
        guard let values = table.columns.first else { return [] }
        let groups = try Groups(KeyColumn(grouping: values), nulls: .skip, cancel: cancel)
        guard groups.count <= Self.maxPivotColumns else {
            throw CQError(.cannotReshape("pivot would make \(groups.count) columns, one per distinct value of '\(column.text)', but at most \(Self.maxPivotColumns) are allowed",
                                         hint: "list the values you want: pivot \(column.text) in [...] using …"), at: column.range)
        }
        let distinct = values.gather(groups.firstRows)
        let order = try Sorting.permutation([OrderedKey(distinct, descending: false, nullsFirst: false)],
                                            of: Array(0..<distinct.count), cancel: cancel)
        return order.map { (distinct.value(at: $0), column.range) }
    }

    /// `unpivot COL, … into NAME, VALUE` over `plan`.
    func bindUnpivot(_ plan: Plan, _ columns: [Identifier], name: Identifier, value: Identifier,
                     exprs: ExpressionBinder) throws -> Plan {
        let schema = plan.schema
        var indexes: [Int] = []
        var type = DataType.null
        for id in columns {
            let i = try exprs.columnIndex(id)
            guard !indexes.contains(i) else { throw CQError(.duplicateColumn(id.name), at: id.range) }
            guard let common = DataType.common(type, schema[i].type) else {
                throw CQError(.cannotReshape("unpivot needs columns of one type, but '\(id.name)' is \(schema[i].type.rawValue) and the columns before it are \(type.rawValue)",
                                             hint: "give them one type first: extend x = string(x) for each of them that is not a string"),
                              at: id.range)
            }
            indexes.append(i)
            type = common
        }
        let kept = schema.indices.filter { !indexes.contains($0) }.map { Output(schema[$0].name, $0) }
        try checkUnique(kept.map(\.name) + [name.name, value.name],
                        ranges: kept.map { _ in name.range } + [name.range, value.range])
        let values = zip(columns, indexes).map { id, i in
            Output(schema[i].name, widened(column(i, schema[i], id.range), to: type))
        }
        return .unpivot(plan, BoundUnpivot(kept: kept, columns: values, nameColumn: name.name, valueColumn: value.name,
                                           type: type))
    }

    /// `sample N [seed S]` / `sample P% [seed S]` over `plan`; without a seed, one is drawn now.
    func bindSample(_ plan: Plan, size: Expr, percent: Bool, seed: Expr?, exprs: ExpressionBinder,
                    range: SourceRange) throws -> Plan {
        let bound: SampleSize
        if percent {
            let (value, p) = try constant(size, exprs, of: [.int, .float], "sample needs a percentage")
            guard let share = value.asDouble, share >= 0, share <= 100 else {
                throw CQError(.cannotReshape("sample needs a percentage from 0 to 100, got \(p.text)%",
                                             hint: "for a number of rows, write it without %: sample N"), at: p.range)
            }
            bound = .percent(share)
        } else {
            bound = .rows(try count(size, exprs, stage: "sample"))
        }
        guard let seed else {
            var system = SystemRandomNumberGenerator()
            return .sample(plan, BoundSample(size: bound, seed: system.next(), seeded: false, range: range))
        }
        let (value, s) = try constant(seed, exprs, of: [.int], "sample needs a seed (a whole number)")
        guard case .int(let n) = value else {
            throw CQError(.invalidArgument("sample needs a seed (a whole number), got null"), at: s.range)
        }
        return .sample(plan, BoundSample(size: bound, seed: UInt64(bitPattern: Int64(n)), seeded: true, range: range))
    }

    /// The value of a constant expression (of one of `types`, when given; `what` says what is needed).
    private func constant(_ expr: Expr, _ exprs: ExpressionBinder, of types: Set<DataType>? = nil,
                          _ what: String = "") throws -> (Value, BoundExpr) {
        let bound = try exprs.bind(expr)
        if let types, !types.contains(bound.type) {
            throw CQError(.typeMismatch("\(what), but '\(bound.text)' is \(bound.type.rawValue)"), at: bound.range)
        }
        guard bound.isConstant else { throw CQError(.notConstant(bound.text), at: bound.range) }
        return (try Evaluator(cancel: cancel).evaluateScalar(bound), bound)
    }
}
