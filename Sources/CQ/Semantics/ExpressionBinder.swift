// ExpressionBinder: resolves the names in one expression against the
// columns in scope (and the session's scalar bindings) and checks its types
// by the rules of LANGUAGE.md §3–§4, producing a BoundExpr.
//
// Names: a column of this point of the query, `table.column`, a `let`
// scalar — a name that is both a column and a scalar is an error naming
// both, never a silent choice — or, in a user function's body, a parameter
// (which stands for the call's argument). A subquery is bound by the Binder
// in a Scope (Scope.swift) whose parent is this one, so a name of the query
// around it is found and refused. User function calls are bound in
// UserFunctions.swift. Aggregate calls are refused here; AggregateBinder
// handles summarize and lends its own resolver for aggregate calls
// (`aggregateCall`); WindowBinder lends one for `over` (`windowCall`) in
// extend, select and where. Recursion follows the expression's depth, which the
// parser limits (and the binder, for function bodies).

/// Binds expressions over one schema.
struct ExpressionBinder {
    let binder: Binder
    let schema: Schema
    let tableName: String?
    /// Called for aggregate function calls; nil means aggregates are not allowed here.
    var aggregateCall: ((Expr, Function, [Expr]) throws -> BoundExpr)?
    /// Called for `f(…) over (…)` (WindowBinder.swift); nil means windows are not allowed here.
    var windowCall: ((Expr, Expr, WindowSpec) throws -> BoundExpr)?
    /// Called for column names before the schema is searched (summarize uses it to map group keys).
    var columnOverride: ((Expr) throws -> BoundExpr?)?
    /// The scope of the expression this query is a subquery of (nil at the top).
    var outer: Scope?
    /// In a user function's body: the call's arguments, one per parameter (the schema names the parameters).
    var arguments: [BoundExpr]?

    init(binder: Binder, schema: Schema, tableName: String?) {
        self.binder = binder
        self.schema = schema
        self.tableName = tableName
        outer = binder.outer
    }

    /// The scope of this expression, for the subqueries inside it.
    var scope: Scope { Scope(schema: schema, tableName: tableName, parent: outer) }

    func text(_ e: Expr) -> String { binder.text(e.range) }

    /// The index of a named column, or an "unknown column" error with a suggestion.
    func columnIndex(_ id: Identifier) throws -> Int {
        if let i = schema.firstIndex(where: { $0.name == id.name }) { return i }
        throw unknownColumn(id.name, id.range)
    }

    func unknownColumn(_ name: String, _ range: SourceRange) -> CQError {
        let suggestion = Suggest.closest(to: name, among: schema.map(\.name) + binder.catalog.scalarNames)
        return CQError(.unknownColumn(name, table: tableName, suggestion: suggestion), at: range)
    }

    func bind(_ e: Expr) throws -> BoundExpr {
        binder.budget.depth += 1
        defer { binder.budget.depth -= 1 }
        guard binder.budget.depth <= Binder.maxBindDepth else {
            throw CQError(.tooManyCalls(what: "expression too deep with its functions' bodies in place", limit: Binder.maxBindDepth),
                          at: e.range)
        }
        if let over = columnOverride, let bound = try over(e) { return bound }
        let t = text(e)
        switch e.kind {
        case .literal(let lit):
            let v = Self.value(lit)
            return BoundExpr(.literal(v), type: v.type, range: e.range, text: t)

        case .name(let n):
            return try name(n, e)

        case .qualifiedName(let table, let column):
            return try qualified(table, column, e)

        case .subquery(let query):
            let sub = try subquery(query)
            return BoundExpr(.subquery(sub), type: try oneColumn(sub).type, range: e.range, text: t)

        case .inQuery(let operand, let query, let negated):
            let a = try bind(operand)
            let sub = try subquery(query)
            let field = try oneColumn(sub)
            guard DataType.comparable(a.type, field.type) else {
                throw CQError(.typeMismatch("cannot compare \(a.type.rawValue) '\(a.text)' with \(field.type.rawValue) column '\(field.name)' of the subquery"),
                              at: e.range)
            }
            return BoundExpr(.inSubquery(a, sub, negated: negated), type: .bool, range: e.range, text: t)

        case .exists(let query):
            return BoundExpr(.exists(try subquery(query)), type: .bool, range: e.range, text: t)

        case .window(let call, let spec):
            guard let windowCall else { throw CQError(.windowNotAllowed, at: e.range) }
            return try windowCall(e, call, spec)

        case .unary(let op, let operand):
            let a = try bind(operand)
            switch op {
            case .not:
                guard a.type == .bool || a.type == .null else {
                    throw CQError(.typeMismatch("'not' needs true/false, but '\(a.text)' is \(a.type.rawValue)"), at: a.range)
                }
                return BoundExpr(.unary(.not, a), type: .bool, range: e.range, text: t)
            case .negate:
                guard a.type.isNumeric else {
                    throw CQError(.typeMismatch("cannot negate '\(a.text)' of type \(a.type.rawValue)"), at: a.range)
                }
                return BoundExpr(.unary(.negate, a), type: a.type == .null ? .int : a.type, range: e.range, text: t)
            }

        case .binary(let op, let l, let r):
            return try bindBinary(op, l, r, e)

        case .call(let name, let nameRange, let args):
            if binder.calling.contains(name) { throw CQError(.recursiveFunction(name), at: nameRange) }
            if case .function(let function)? = binder.catalog.lookup(name) {
                return try call(function, e, nameRange: nameRange, args)
            }
            guard let function = Functions.lookup(name) else {
                let suggestion = Functions.suggestion(for: name)
                throw CQError(.unknownFunction(name, suggestion: suggestion), at: nameRange)
            }
            if function.isWindow { throw CQError(.windowWithoutOver(function.name), at: e.range) }
            if function.isAggregate {
                guard let aggregateCall else {
                    throw CQError(.aggregateNotAllowed(function.name), at: e.range)
                }
                return try aggregateCall(e, function, args)
            }
            let bound = try args.map { try bind($0) }
            let type = try function.resolve(bound, call: e.range)
            if function == .if, let condition = bound.first { try binder.requireBool(condition, what: "if()") }
            return BoundExpr(.call(function, bound), type: type, range: e.range, text: t)

        case .isNull(let operand, let negated):
            let a = try bind(operand)
            return BoundExpr(.isNull(a, negated: negated), type: .bool, range: e.range, text: t)

        case .inList(let operand, let items, let negated):
            let a = try bind(operand)
            var values: [Value] = []
            for item in items {
                let b = try bind(item)
                guard b.isConstant else { throw CQError(.notConstant(b.text), at: b.range) }
                guard DataType.comparable(a.type, b.type) else {
                    throw CQError(.typeMismatch("cannot compare \(a.type.rawValue) '\(a.text)' with \(b.type.rawValue) \(b.text)"), at: b.range)
                }
                values.append(try Evaluator().evaluateScalar(b))
            }
            return BoundExpr(.inList(a, values, negated: negated), type: .bool, range: e.range, text: t)
        }
    }

    /// A bare name: a parameter (in a function's body), a column here, a `let` scalar; an error when
    /// it is both a column and a scalar, or a column of the query around a subquery.
    func name(_ n: String, _ e: Expr) throws -> BoundExpr {
        let binding = binder.catalog.lookup(n)
        var isScalar = false
        if case .scalar? = binding { isScalar = true }
        switch scope.resolve(n) {
        case .column(let i)?:
            if let arguments {
                guard arguments.indices.contains(i) else { throw unknownColumn(n, e.range) }
                return arguments[i]
            }
            if isScalar { throw CQError(.ambiguousName(n, table: tableName), at: e.range) }
            return BoundExpr(.column(i), type: schema[i].type, range: e.range, text: text(e))
        case .outer(let table)?:
            if isScalar { throw CQError(.ambiguousName(n, table: table), at: e.range) }
            throw CQError(.outerReference(n), at: e.range)
        case nil:
            break
        }
        switch binding {
        case .scalar(let v)?:
            return BoundExpr(.literal(v), type: v.type, range: e.range, text: text(e))
        case .function?:
            throw CQError(.functionNotCalled(n), at: e.range)
        case .table?:
            if arguments != nil || (schema.isEmpty && outer == nil) {
                throw CQError(.scalarIsTable(n), at: e.range)
            }
            throw unknownColumn(n, e.range)
        case nil:
            if arguments != nil || (schema.isEmpty && tableName == nil && outer == nil) {
                let suggestion = Suggest.closest(to: n, among: schema.map(\.name) + binder.catalog.allNames)
                throw CQError(.unknownName(n, suggestion: suggestion), at: e.range)
            }
            throw unknownColumn(n, e.range)
        }
    }

    /// After a join (or summarize) columns have no table name: `planes.year` is then the column
    /// `year_planes` where the left side had a `year` too, else `year` — the name to suggest.
    func joinedName(_ table: Identifier, _ column: Identifier) -> String? {
        guard tableName == nil, case .table? = binder.catalog.lookup(table.name) else { return nil }
        return [column.name + "_" + table.name, column.name].first { name in schema.contains { $0.name == name } }
    }

    /// `table.column`: a column of this query when its columns come from that table; a table of a
    /// query around a subquery is refused like any outer name.
    func qualified(_ table: Identifier, _ column: Identifier, _ e: Expr) throws -> BoundExpr {
        guard let (found, isOwn) = scope.scope(of: table.name) else {
            if let name = joinedName(table, column) {
                throw CQError(.qualifiedAfterJoin(table.name, name: name), at: table.range)
            }
            let suggestion = Suggest.closest(to: table.name, among: scope.tableNames)
            throw CQError(.tableNotInScope(table.name, suggestion: suggestion), at: table.range)
        }
        guard let i = found.schema.firstIndex(where: { $0.name == column.name }) else {
            let suggestion = Suggest.closest(to: column.name, among: found.schema.map(\.name))
            throw CQError(.unknownColumn(column.name, table: table.name, suggestion: suggestion), at: column.range)
        }
        guard isOwn else { throw CQError(.outerReference("\(table.name).\(column.name)"), at: e.range) }
        return BoundExpr(.column(i), type: found.schema[i].type, range: e.range, text: text(e))
    }

    /// A query inside this expression, bound in a scope whose parent is this one.
    func subquery(_ query: Query) throws -> BoundSubquery {
        var inner = binder
        inner.outer = scope
        let plan = try inner.bind(query)
        if case .chart = plan { throw CQError(.invalidArgument("a chart cannot be used as a value"), at: query.range) }
        return BoundSubquery(plan: plan, range: query.range, text: binder.text(query.range))
    }

    /// The one column of a subquery used as a value or after `in`.
    func oneColumn(_ sub: BoundSubquery) throws -> Field {
        let columns = sub.plan.schema
        guard columns.count == 1, let field = columns.first else {
            throw CQError(.subqueryColumns(columns.map(\.name)), at: sub.range)
        }
        return field
    }

    static func value(_ lit: Literal) -> Value {
        switch lit {
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .date(let d): return .date(d)
        case .datetime(let t): return .datetime(t)
        }
    }

    static func isNullLiteral(_ e: Expr) -> Bool {
        if case .literal(.null) = e.kind { return true }
        return false
    }

    func bindBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ e: Expr) throws -> BoundExpr {
        if op.isComparison, op == .eq || op == .ne, Self.isNullLiteral(l) || Self.isNullLiteral(r) {
            throw CQError(.compareWithNull(negated: op == .ne), at: e.range)
        }
        let a = try bind(l), b = try bind(r)
        let t = text(e)
        func mismatch(_ what: String) -> CQError {
            CQError(.typeMismatch("cannot \(what) \(a.type.rawValue) '\(a.text)' and \(b.type.rawValue) '\(b.text)'"), at: e.range)
        }
        let type: DataType
        switch op {
        case .and, .or:
            for side in [a, b] where side.type != .bool && side.type != .null {
                throw CQError(.typeMismatch("'\(op.rawValue)' needs true/false, but '\(side.text)' is \(side.type.rawValue)"), at: side.range)
            }
            type = .bool
        case .eq, .ne, .lt, .le, .gt, .ge:
            guard DataType.comparable(a.type, b.type) else {
                let other = a.type == .string ? b.type : a.type
                if a.type == .string || b.type == .string, let example = other.traits.literalExample {
                    throw CQError(.typeMismatch("cannot compare \(other.rawValue) with string; write a \(other.rawValue) as \(example)"), at: e.range)
                }
                throw mismatch("compare")
            }
            type = .bool
        case .contains, .startswith, .endswith, .matches:
            for side in [a, b] where side.type != .string && side.type != .null {
                throw CQError(.typeMismatch("'\(op.rawValue)' works on strings, but '\(side.text)' is \(side.type.rawValue)"), at: side.range)
            }
            type = .bool
        case .coalesce:
            guard let c = DataType.common(a.type, b.type) else { throw mismatch("combine with '??'") }
            type = c
        case .add, .sub:
            type = try arithmeticType(op, a, b, mismatch)
        case .mul, .mod:
            guard a.type.isNumeric && b.type.isNumeric else { throw mismatch("apply '\(op.rawValue)' to") }
            type = DataType.common(a.type, b.type) == .float ? .float : .int
        case .div:
            guard a.type.isNumeric && b.type.isNumeric else { throw mismatch("divide") }
            type = .float
        case .intdiv:
            guard a.type.isNumeric && b.type.isNumeric else { throw mismatch("divide") }
            type = DataType.common(a.type, b.type) == .float ? .float : .int
        }
        return BoundExpr(.binary(op, a, b), type: type, range: e.range, text: t)
    }

    /// `+` and `-`: numbers, and what the operands' TypeTraits allow (date ± days, string + string, …).
    func arithmeticType(_ op: BinaryOp, _ a: BoundExpr, _ b: BoundExpr, _ mismatch: (String) -> CQError) throws -> DataType {
        guard let type = DataType.additiveResult(op, a.type, b.type) else { throw mismatch(op == .add ? "add" : "subtract") }
        return type
    }
}
