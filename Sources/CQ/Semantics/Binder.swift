// Binder: turns the AST into a typed Plan — every name resolved against the
// catalog and the columns that exist at that point of the pipeline, every
// type checked — before a single row is read.
//
// Stages are bound in order over a running schema; expressions are bound by
// ExpressionBinder (same folder), aggregates by AggregateBinder, window
// calls of extend/select/where by WindowBinder, sources, joins, set
// operations and per-group stages by JoinBinder. A query inside an
// expression is bound by a copy of this binder whose `outer` scope is the
// expression's (Scope.swift); user functions are checked and their calls
// bound in UserFunctions.swift. The binder never evaluates rows and never
// runs a subquery; the only values it computes are constants (`take N`,
// `in [..]` lists), through the Evaluator, so constant errors are the same
// errors at bind time as at run time.

/// Binds statements of one source text against a catalog.
public struct Binder {
    let catalog: any Catalog
    let source: String
    /// The scope of the expression a query being bound is nested in (nil for a statement's query).
    var outer: Scope?
    /// The user functions whose bodies are being bound, outermost first (a function never calls itself).
    var calling: [String] = []
    /// The user function calls of this statement so far.
    let budget = CallBudget()
    /// Stops the one read of rows binding does (a pivot's values, ReshapeBinder.swift); the session sets its own.
    public var cancel = Cancellation()

    public init(catalog: any Catalog, source: String) {
        self.catalog = catalog
        self.source = source
    }

    /// The text of a range of the source, or of the text the range belongs to (for default names and
    /// runtime messages).
    func text(_ range: SourceRange) -> String {
        let bytes = Array((range.origin?.source.text ?? source).utf8)
        let lo = min(max(0, range.start), bytes.count)
        let hi = min(max(lo, range.end), bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    // MARK: - Queries

    /// A query to a plan.
    public func bind(_ query: Query) throws -> Plan {
        var plan = try source(query.source)
        for (i, stage) in query.stages.enumerated() {
            if case .chart = stage.kind, i != query.stages.count - 1 {
                throw CQError(.invalidArgument("chart must be the last stage"), at: stage.keyword)
            }
            do {
                plan = try bind(stage, over: plan)
            } catch let error as CQError {
                throw explainDropped(error, over: plan)
            }
        }
        return plan
    }

    /// A bare expression (scalar statement or `let n = EXPR`) to a typed expression over no columns.
    public func bindScalar(_ expr: Expr) throws -> BoundExpr {
        try ExpressionBinder(binder: self, schema: [], tableName: nil).bind(expr)
    }

    /// The table a name refers to, as a scan (of its schema; the rows are read when the plan runs).
    func scan(_ name: Identifier) throws -> Plan {
        switch catalog.lookup(name.name) {
        case .table(let source)?:
            return .scan(source)
        case .scalar?:
            throw CQError(.tableIsScalar(name.name), at: name.range)
        case .function?:
            throw CQError(.functionNotCalled(name.name), at: name.range)
        case nil:
            let suggestion = Suggest.closest(to: name.name, among: catalog.tableNames)
            throw CQError(.unknownTable(name.name, suggestion: suggestion), at: name.range)
        }
    }

    func expressions(_ schema: Schema, _ plan: Plan) -> ExpressionBinder {
        ExpressionBinder(binder: self, schema: schema, tableName: tableName(of: plan))
    }

    /// The table name used in "unknown column … in table …" messages: a scan's, kept by the nodes that
    /// pass their first input's columns on, lost where columns are made anew (summarize, join).
    func tableName(of plan: Plan) -> String? {
        switch plan {
        case .scan(let s): return s.name
        case .aggregate, .pivot: return nil
        case .join(let p, _, let join): return join.kind.keepsRight ? nil : tableName(of: p)
        default: return plan.inputs.first.flatMap(tableName)
        }
    }

    func bind(_ stage: Stage, over plan: Plan) throws -> Plan {
        let schema = plan.schema
        let exprs = expressions(schema, plan)
        switch stage.kind {
        case .where(let e):
            let windows = WindowBinder(binder: self, exprs: exprs)
            let predicate = try windows.expressions.bind(e)
            try requireBool(predicate, what: "where")
            return windows.filter(plan, predicate)

        case .select(let items):
            let windows = WindowBinder(binder: self, exprs: exprs)
            var outputs: [Output<BoundExpr>] = []
            for item in items {
                let bound = try bindItem(item, windows, made: outputs.map(\.name), stage: "select")
                let name = try outputName(item, bound)
                outputs.append(Output(name.name, bound))
            }
            try checkUnique(outputs.map(\.name), ranges: items.map { $0.name?.range ?? $0.expr.range })
            return .project(windows.input(plan), outputs)

        case .extend(let items):
            let windows = WindowBinder(binder: self, exprs: exprs)
            var outputs = schema.enumerated().map { i, f in Output(f.name, column(i, f, stage.range)) }
            for (index, item) in items.enumerated() {
                let made = items.prefix(index).compactMap { $0.name?.name }
                let bound = try bindItem(item, windows, made: made, stage: "extend")
                let name = try outputName(item, bound)
                if let existing = outputs.firstIndex(where: { $0.name == name.name }) {
                    outputs[existing] = Output(name.name, bound)
                } else {
                    outputs.append(Output(name.name, bound))
                }
            }
            return .project(windows.input(plan), outputs)

        case .summarize(let aggregates, let keys):
            return try AggregateBinder(binder: self, exprs: exprs).bind(plan, aggregates: aggregates, keys: keys)

        case .count:
            let agg = BoundAggregate(function: .count, arguments: [], type: .int, range: stage.keyword, text: "count()")
            return .aggregate(plan, keys: [], aggregates: [Output("count", agg)])

        case .sort(let keys):
            return .sort(plan, try keys.map { try sortKey($0, exprs, defaultDescending: false) })

        case .take(let n, let per):
            let k = try count(n, exprs, stage: "take")
            if per.isEmpty { return .limit(plan, k) }
            return .perGroup(plan, k, order: [], per: try perKeys(per, exprs))

        case .top(let n, let keys, let per):
            let k = try count(n, exprs, stage: "top")
            let order = try keys.map { try sortKey($0, exprs, defaultDescending: true) }
            if per.isEmpty { return .top(plan, k, order) }
            return .perGroup(plan, k, order: order, per: try perKeys(per, exprs))

        case .distinct(let names):
            if names.isEmpty { return .distinct(plan) }
            let outputs = try names.map { id -> Output<BoundExpr> in
                let i = try exprs.columnIndex(id)
                return Output(id.name, column(i, schema[i], id.range))
            }
            try checkUnique(outputs.map(\.name), ranges: names.map(\.range))
            return .distinct(.project(plan, outputs))

        case .join(let kind, let source, let keys):
            return try bindJoin(plan, kind: kind, source: source, keys: keys, exprs: exprs)

        case .rename(let pairs):
            var names = schema.map(\.name)
            for pair in pairs {
                let i = try exprs.columnIndex(pair.old)
                if let clash = names.firstIndex(of: pair.new.name), clash != i {
                    throw CQError(.duplicateColumn(pair.new.name), at: pair.new.range)
                }
                names[i] = pair.new.name
            }
            return .project(plan, schema.enumerated().map { i, f in Output(names[i], column(i, f, stage.range)) })

        case .drop(let ids):
            var dropped = Set<Int>()
            for id in ids { dropped.insert(try exprs.columnIndex(id)) }
            let kept = schema.enumerated().filter { !dropped.contains($0.offset) }
            return .project(plan, kept.map { i, f in Output(f.name, column(i, f, stage.range)) })

        case .union(let other):
            return try bindSetOperation(plan, other, nil)
        case .intersect(let other):
            return try bindSetOperation(plan, other, .intersect)
        case .except(let other):
            return try bindSetOperation(plan, other, .except)

        case .chart(let kind, let labelExpr, let valueExpr):
            guard kind.name.lowercased() == "bar" else {
                throw CQError(.invalidArgument("unknown chart kind '\(kind.name)'; cq draws 'bar' charts"), at: kind.range)
            }
            let label = try exprs.bind(labelExpr)
            let value = try exprs.bind(valueExpr)
            guard value.type.isNumeric else {
                throw CQError(.typeMismatch("the chart's value must be a number, but '\(value.text)' is \(value.type.rawValue)"),
                              at: value.range)
            }
            return .chart(plan, label: label, value: value)

        case .pivot(let column, let values, let using, let keys):
            return try bindPivot(plan, column: column, values: values, using: using, keys: keys, exprs: exprs)
        case .unpivot(let columns, let name, let value):
            return try bindUnpivot(plan, columns, name: name, value: value, exprs: exprs)
        case .sample(let size, let percent, let seed):
            return try bindSample(plan, size: size, percent: percent, seed: seed, exprs: exprs, range: stage.range)
        }
    }

    /// A reference to input column i (used by stages that pass columns through).
    func column(_ i: Int, _ field: Field, _ range: SourceRange) -> BoundExpr {
        BoundExpr(.column(i), type: field.type, range: range, text: field.name)
    }

    func requireBool(_ e: BoundExpr, what: String) throws {
        guard e.type == .bool || e.type == .null else {
            throw CQError(.typeMismatch("\(what) needs a true/false condition, but '\(e.text)' is \(e.type.rawValue)"), at: e.range)
        }
    }

    /// One item of an extend or select `stage`. Its expression reads the stage's input, so a name
    /// only an earlier item of the same stage makes (`made`) is unknown; that error says so.
    func bindItem(_ item: NamedExpr, _ windows: WindowBinder, made: [String], stage: String) throws -> BoundExpr {
        do {
            return try windows.expressions.bind(item.expr)
        } catch let error as CQError {
            guard case .unknownColumn(let name, let table, _) = error.problem, made.contains(name) else { throw error }
            throw CQError(.madeInSameStage(name, table: table, stage: stage), at: error.range)
        }
    }

    /// The output name of a select item: its given name, or the column it names.
    func outputName(_ item: NamedExpr, _ bound: BoundExpr) throws -> Identifier {
        if let name = item.name { return name }
        if case .name(let n) = item.expr.kind { return Identifier(n, item.expr.range) }
        if case .qualifiedName(_, let column) = item.expr.kind { return column }
        throw CQError(.unnamedColumn(text(item.expr.range)), at: item.expr.range)
    }

    func checkUnique(_ names: [String], ranges: [SourceRange]) throws {
        var seen = Set<String>()
        for (name, range) in zip(names, ranges) where !seen.insert(name).inserted {
            throw CQError(.duplicateColumn(name), at: range)
        }
    }

    func sortKey(_ key: SortKey, _ exprs: ExpressionBinder, defaultDescending: Bool) throws -> BoundSortKey {
        let e = try exprs.bind(key.expr)
        return BoundSortKey(expr: e, descending: key.descending ?? defaultDescending, nullsFirst: key.nullsFirst ?? false)
    }

    /// The row count of `take N` / `top N`: a constant int, 0 or more.
    func count(_ expr: Expr, _ exprs: ExpressionBinder, stage: String) throws -> Int {
        let bound = try exprs.bind(expr)
        guard bound.type == .int else {
            throw CQError(.typeMismatch("\(stage) needs a whole number of rows, but '\(bound.text)' is \(bound.type.rawValue)"),
                          at: bound.range)
        }
        guard bound.isConstant else { throw CQError(.notConstant(bound.text), at: bound.range) }
        let value = try Evaluator().evaluateScalar(bound)
        guard case .int(let n) = value, n >= 0 else {
            throw CQError(.invalidArgument("\(stage) needs 0 or more rows, got \(value == .null ? "null" : bound.text)"), at: bound.range)
        }
        return n
    }

    /// A projection converting columns to the given types (int → float, null → anything).
    func widen(_ plan: Plan, to schema: Schema, at range: SourceRange) -> Plan {
        let outputs = zip(plan.schema, schema).enumerated().map { i, pair in
            Output(pair.1.name, widened(column(i, pair.0, range), to: pair.1.type))
        }
        return .project(plan, outputs)
    }

    /// A column reference converted to `type`, a type it widens to (int → float, null → anything).
    func widened(_ col: BoundExpr, to type: DataType) -> BoundExpr {
        if col.type == type { return col }
        if type == .float && col.type == .int {
            return BoundExpr(.call(.float, [col]), type: .float, range: col.range, text: "float(\(col.text))")
        }
        return BoundExpr(.literal(.null), type: type, range: col.range, text: "null")
    }
}

extension BoundExpr {
    /// True when the expression can be computed without rows: it reads no column and runs no query.
    public var isConstant: Bool {
        !contains {
            switch $0.kind {
            case .column, .subquery, .inSubquery, .exists: return true
            case .call(let f, _): return f.isVolatile
            default: return false
            }
        }
    }
}
