// Plan: the typed, name-free form of a query that the binder produces and
// the executor, the SQL emitter and the plan printer consume.
//
// Columns are referred to by index into the input of the node that uses
// them; every expression carries its result type, its source range and its
// source text (so a runtime error can name the expression). A node's output
// schema is computed from its inputs (`schema`).
//
// The walks every phase shares are here too: `Plan.map(inputs:expressions:)`
// is the one place a node lists the plans it reads and the expressions it
// computes (`inputs`, `withInputs`, `expressions`, `withExpressions` and
// every generic walk are built on it), and `BoundExpr.mapChildren` the one
// place an expression lists its sub-expressions (`children`, `forEach`,
// `transform`). A new node or expression kind is added there once; what
// each phase does with it (printing, running, SQL) stays in that phase.

/// A typed expression with no names left.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// The input column at this index.
        case column(Int)
        case literal(Value)
        case unary(UnaryOp, BoundExpr)
        case binary(BinaryOp, BoundExpr, BoundExpr)
        /// A scalar function's call (its definition, the arguments).
        case call(Function, [BoundExpr])
        case isNull(BoundExpr, negated: Bool)
        /// `x in [...]`: the list is constant (already evaluated), of a type comparable with x.
        case inList(BoundExpr, [Value], negated: Bool)
        /// `( QUERY )`: the value of the query's one column in its only row (null for no row).
        case subquery(BoundSubquery)
        /// `x in ( QUERY )`: membership in the query's one column, with the null rules of `inList`.
        case inSubquery(BoundExpr, BoundSubquery, negated: Bool)
        /// `exists( QUERY )`: whether the query gives any row.
        case exists(BoundSubquery)
    }
    public var kind: Kind
    public var type: DataType
    public var range: SourceRange
    /// The expression as written, for runtime errors ("integer overflow in 'a * b'").
    public var text: String

    public init(_ kind: Kind, type: DataType, range: SourceRange, text: String) {
        self.kind = kind
        self.type = type
        self.range = range
        self.text = text
    }
}

/// A query inside an expression. It is uncorrelated (it reads nothing of the query around it), so it
/// runs once, before the plan that holds it (Plan/Subqueries.swift); the SQL emitter writes it as SQL.
public struct BoundSubquery: Sendable {
    public var plan: Plan
    /// Where `( QUERY )` stands, and its text, for the error when a value is wanted and it gives more rows.
    public var range: SourceRange
    public var text: String
    public init(plan: Plan, range: SourceRange, text: String) {
        self.plan = plan
        self.range = range
        self.text = text
    }
}

/// One aggregate of a summarize: `function(arguments…)` (no arguments for `count()`).
public struct BoundAggregate: Sendable {
    /// The aggregate's definition.
    public var function: Function
    /// Evaluated over the input rows, then folded per group.
    public var arguments: [BoundExpr]
    public var type: DataType
    public var range: SourceRange
    public var text: String
    public init(function: Function, arguments: [BoundExpr], type: DataType, range: SourceRange, text: String) {
        self.function = function
        self.arguments = arguments
        self.type = type
        self.range = range
        self.text = text
    }
}

/// A window call as the binder resolved it (LANGUAGE.md §8 Windows): a window function or an aggregate
/// over the rows of its partition, in the partition's order, within its frame.
public struct BoundWindow: Sendable {
    /// A window function (`Function.isWindow`) or an aggregate.
    public var function: Function
    /// Evaluated over the input rows.
    public var arguments: [BoundExpr]
    /// `by`: rows with equal keys form a partition (none: one partition).
    public var partition: [BoundExpr]
    /// `sort`: the order inside a partition; ties keep input order.
    public var order: [BoundSortKey]
    /// The rows an aggregate, first or last sees (the default already applied); other functions ignore it.
    public var frame: RowFrame
    public var type: DataType
    public var range: SourceRange
    public var text: String
    public init(function: Function, arguments: [BoundExpr], partition: [BoundExpr], order: [BoundSortKey],
                frame: RowFrame, type: DataType, range: SourceRange, text: String) {
        self.function = function
        self.arguments = arguments
        self.partition = partition
        self.order = order
        self.frame = frame
        self.type = type
        self.range = range
        self.text = text
    }

    /// The call as an aggregate (its accumulator is the aggregate's).
    var aggregate: BoundAggregate {
        BoundAggregate(function: function, arguments: arguments, type: type, range: range, text: text)
    }
}

/// A frame of rows around the current one: offsets from it, nil for an open end (`..0` is start nil, end 0).
public struct RowFrame: Sendable, Equatable {
    public var start: Int?
    public var end: Int?
    public init(start: Int?, end: Int?) {
        self.start = start
        self.end = end
    }
    /// The whole partition.
    public static let partition = RowFrame(start: nil, end: nil)
    /// From the partition's first row to the current one (a running value).
    public static let running = RowFrame(start: nil, end: 0)
}

/// A sort key with its direction and null placement resolved.
public struct BoundSortKey: Sendable {
    public var expr: BoundExpr
    public var descending: Bool
    public var nullsFirst: Bool
    public init(expr: BoundExpr, descending: Bool, nullsFirst: Bool) {
        self.expr = expr
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// A table the plan reads, as its catalog describes it: its name and columns, and where its rows are
/// (a backend reads them at run time; binding never does).
public struct TableSource: Sendable {
    public var name: String
    public var schema: Schema
    /// The number of rows when the catalog knows it without reading them.
    public var rowCount: Int?
    public var provider: any TableProvider
    /// For a `let`-bound table, the plan that made it (the SQL emitter writes it as a WITH clause;
    /// the executor reads the materialised rows).
    public var definition: TableDefinition?
    public init(name: String, schema: Schema, rowCount: Int?, provider: any TableProvider,
                definition: TableDefinition? = nil) {
        self.name = name
        self.schema = schema
        self.rowCount = rowCount
        self.provider = provider
        self.definition = definition
    }

    /// A table held in memory.
    public init(name: String, table: Table, definition: TableDefinition? = nil) {
        self.init(name: name, schema: table.schema, rowCount: table.rowCount, provider: StoredTable(table),
                  definition: definition)
    }
}

/// How a `let`-bound table was made: its plan, and an identity that tells two bindings of one name apart.
public struct TableDefinition: Sendable {
    public var id: Int
    public var plan: Plan
    public init(id: Int, plan: Plan) {
        self.id = id
        self.plan = plan
    }
}

/// A named output column of a project or aggregate.
public struct Output<T: Sendable>: Sendable {
    public var name: String
    public var value: T
    public init(_ name: String, _ value: T) {
        self.name = name
        self.value = value
    }
}

/// Where a join's output column comes from.
public enum JoinColumn: Sendable, Equatable {
    case left(Int)
    case right(Int)
    /// The one column of an `on col` key in a right or full join: the left key where there is a left
    /// row, else the right key.
    case key(left: Int, right: Int)
}

/// One `==` of a join: a left column index and a right one.
public struct JoinKeyPair: Sendable, Equatable {
    public var left: Int
    public var right: Int
    public init(left: Int, right: Int) {
        self.left = left
        self.right = right
    }
}

/// A join as the binder resolved it: the kind, the key pairs (none for cross) and the output columns.
public struct BoundJoin: Sendable {
    public var kind: JoinKind
    public var keys: [JoinKeyPair]
    public var columns: [Output<JoinColumn>]
    public init(kind: JoinKind, keys: [JoinKeyPair], columns: [Output<JoinColumn>]) {
        self.kind = kind
        self.keys = keys
        self.columns = columns
    }
}

/// The set operations on distinct rows beside `union`.
public enum SetOperator: String, Sendable {
    /// Distinct rows of the first input that the second holds.
    case intersect
    /// Distinct rows of the first input that the second lacks.
    case except
}

/// A pivot as the binder resolved it (LANGUAGE.md §8): one row per group of `keys`, then one cell
/// per listed value of `column`, each cell `cell` over the rows of its group holding that value.
public struct BoundPivot: Sendable {
    public var keys: [Output<BoundExpr>]
    /// The column whose values become columns.
    public var column: BoundExpr
    /// The values that get a column, with the column's name, in output order (a null value: the null rows).
    public var values: [Output<Value>]
    /// The aggregate calls a cell computes, over the input rows.
    public var aggregates: [BoundAggregate]
    /// A cell's value, over one group's keys and calls: columns `0..<keys.count` are the keys, then the calls.
    public var cell: BoundExpr
    public init(keys: [Output<BoundExpr>], column: BoundExpr, values: [Output<Value>], aggregates: [BoundAggregate],
                cell: BoundExpr) {
        self.keys = keys
        self.column = column
        self.values = values
        self.aggregates = aggregates
        self.cell = cell
    }
}

/// An unpivot as the binder resolved it: the kept input columns, then a column of names and one of values.
public struct BoundUnpivot: Sendable {
    /// The input columns kept, in order, before the two new ones.
    public var kept: [Output<Int>]
    /// The unpivoted columns: each one's name (the cell of the names column) and its value in the common type.
    public var columns: [Output<BoundExpr>]
    public var nameColumn: String
    public var valueColumn: String
    /// The common type of the values.
    public var type: DataType
    public init(kept: [Output<Int>], columns: [Output<BoundExpr>], nameColumn: String, valueColumn: String, type: DataType) {
        self.kept = kept
        self.columns = columns
        self.nameColumn = nameColumn
        self.valueColumn = valueColumn
        self.type = type
    }
}

/// How many rows a sample keeps.
public enum SampleSize: Sendable, Equatable {
    /// Exactly this many (every row when there are fewer), drawn without replacement.
    case rows(Int)
    /// Each row on its own with this probability (0…100 percent): a Bernoulli sample.
    case percent(Double)
}

/// A sample as the binder resolved it: its size and the seed of its generator (drawn at random when not written).
public struct BoundSample: Sendable {
    public var size: SampleSize
    public var seed: UInt64
    /// Whether the query wrote the seed (else it was drawn when the query was bound).
    public var seeded: Bool
    /// The stage, for the SQL refusal.
    public var range: SourceRange
    public init(size: SampleSize, seed: UInt64, seeded: Bool, range: SourceRange) {
        self.size = size
        self.seed = seed
        self.seeded = seeded
        self.range = range
    }
}

/// The plan nodes.
public indirect enum Plan: Sendable {
    case scan(TableSource)
    /// Keep rows where the predicate is true.
    case filter(Plan, BoundExpr)
    /// Compute exactly these output columns (select, extend, rename and drop all become this).
    case project(Plan, [Output<BoundExpr>])
    /// Group by the keys (none: one row, even over no input) and compute the aggregates; keys come first in the output.
    case aggregate(Plan, keys: [Output<BoundExpr>], aggregates: [Output<BoundAggregate>])
    /// Stable sort.
    case sort(Plan, [BoundSortKey])
    /// The first n rows.
    case limit(Plan, Int)
    /// The first n rows in the order of the keys (a heap, not a full sort); ties keep input order.
    case top(Plan, Int, [BoundSortKey])
    /// Distinct rows, first occurrence kept, in order of first occurrence.
    case distinct(Plan)
    /// Hash join of left and right on the key pairs; the output columns are listed in the BoundJoin.
    case join(Plan, Plan, BoundJoin)
    /// Rows of the first, then rows of the second (same names and types).
    case union(Plan, Plan)
    /// Distinct rows of the first that the second holds (intersect) or lacks (except), in order of first
    /// occurrence; same names and types, nulls equal.
    case setOperation(SetOperator, Plan, Plan)
    /// The first n rows of each group of equal `per` keys in the order of `order` (none: input order),
    /// groups in order of their first row.
    case perGroup(Plan, Int, order: [BoundSortKey], per: [BoundExpr])
    /// The input's columns, then one column per window call (Engine/Window.swift); rows keep their order.
    case window(Plan, [Output<BoundWindow>])
    /// A bar chart of label and value (the executor yields a two-column table; the shell draws it).
    case chart(Plan, label: BoundExpr, value: BoundExpr)
    /// One row per group of keys, one column per listed value (Engine/Pivot.swift).
    case pivot(Plan, BoundPivot)
    /// Each row once per unpivoted column whose value is not null, in row order (Engine/Unpivot.swift).
    case unpivot(Plan, BoundUnpivot)
    /// Some of the rows, in input order (Engine/Sample.swift).
    case sample(Plan, BoundSample)

    /// The output columns of this node.
    public var schema: Schema {
        switch self {
        case .scan(let s): return s.schema
        case .filter(let p, _), .sort(let p, _), .limit(let p, _), .top(let p, _, _), .distinct(let p),
             .setOperation(_, let p, _), .perGroup(let p, _, _, _), .sample(let p, _):
            return p.schema
        case .project(_, let outs): return outs.map { Field($0.name, $0.value.type) }
        case .aggregate(_, let keys, let aggs):
            return keys.map { Field($0.name, $0.value.type) } + aggs.map { Field($0.name, $0.value.type) }
        case .join(let l, let r, let join):
            let ls = l.schema, rs = r.schema
            return join.columns.map { output in
                switch output.value {
                case .left(let i): return Field(output.name, ls.indices.contains(i) ? ls[i].type : .null)
                case .right(let i): return Field(output.name, rs.indices.contains(i) ? rs[i].type : .null)
                case .key(let a, let b):
                    guard ls.indices.contains(a), rs.indices.contains(b) else { return Field(output.name, .null) }
                    return Field(output.name, DataType.common(ls[a].type, rs[b].type) ?? ls[a].type)
                }
            }
        case .union(let a, _): return a.schema
        case .window(let p, let windows): return p.schema + windows.map { Field($0.name, $0.value.type) }
        case .chart(_, let label, let value): return [Field("label", label.type), Field("value", value.type)]
        case .pivot(_, let pivot):
            return pivot.keys.map { Field($0.name, $0.value.type) } + pivot.values.map { Field($0.name, pivot.cell.type) }
        case .unpivot(let p, let unpivot):
            let input = p.schema
            return unpivot.kept.map { Field($0.name, input.indices.contains($0.value) ? input[$0.value].type : .null) }
                + [Field(unpivot.nameColumn, .string), Field(unpivot.valueColumn, unpivot.type)]
        }
    }
}

// MARK: - Walking plans

extension Plan {
    /// This node rebuilt with each input plan replaced by `inputs(old)` and each of its own expressions
    /// by `expressions(old)`, in the order `inputs` and `expressions` list them. This is the one switch
    /// that knows what every node reads; a new node is listed here and every walk follows it.
    public func map(inputs input: (Plan) throws -> Plan,
                    expressions expr: (BoundExpr) throws -> BoundExpr) rethrows -> Plan {
        func keys(_ keys: [BoundSortKey]) throws -> [BoundSortKey] {
            try keys.map { key in
                var key = key
                key.expr = try expr(key.expr)
                return key
            }
        }
        func outputs(_ outputs: [Output<BoundExpr>]) throws -> [Output<BoundExpr>] {
            try outputs.map { Output($0.name, try expr($0.value)) }
        }
        switch self {
        case .scan:
            return self
        case .filter(let p, let predicate):
            return .filter(try input(p), try expr(predicate))
        case .project(let p, let outs):
            return .project(try input(p), try outputs(outs))
        case .aggregate(let p, let ks, let aggregates):
            let newKeys = try outputs(ks)
            let newAggregates = try aggregates.map { output -> Output<BoundAggregate> in
                var aggregate = output.value
                aggregate.arguments = try aggregate.arguments.map(expr)
                return Output(output.name, aggregate)
            }
            return .aggregate(try input(p), keys: newKeys, aggregates: newAggregates)
        case .sort(let p, let ks):
            return .sort(try input(p), try keys(ks))
        case .limit(let p, let n):
            return .limit(try input(p), n)
        case .top(let p, let n, let ks):
            return .top(try input(p), n, try keys(ks))
        case .distinct(let p):
            return .distinct(try input(p))
        case .join(let l, let r, let join):
            return .join(try input(l), try input(r), join)
        case .union(let a, let b):
            return .union(try input(a), try input(b))
        case .setOperation(let op, let a, let b):
            return .setOperation(op, try input(a), try input(b))
        case .perGroup(let p, let n, let order, let per):
            return .perGroup(try input(p), n, order: try keys(order), per: try per.map(expr))
        case .window(let p, let windows):
            let newWindows = try windows.map { output -> Output<BoundWindow> in
                var window = output.value
                window.arguments = try window.arguments.map(expr)
                window.partition = try window.partition.map(expr)
                window.order = try keys(window.order)
                return Output(output.name, window)
            }
            return .window(try input(p), newWindows)
        case .chart(let p, let label, let value):
            return .chart(try input(p), label: try expr(label), value: try expr(value))
        case .pivot(let p, var pivot):
            pivot.keys = try outputs(pivot.keys)
            pivot.column = try expr(pivot.column)
            for i in pivot.aggregates.indices {
                pivot.aggregates[i].arguments = try pivot.aggregates[i].arguments.map(expr)
            }
            pivot.cell = try expr(pivot.cell)
            return .pivot(try input(p), pivot)
        case .unpivot(let p, var unpivot):
            unpivot.columns = try outputs(unpivot.columns)
            return .unpivot(try input(p), unpivot)
        case .sample(let p, let sample):
            return .sample(try input(p), sample)
        }
    }

    /// The plans this node reads, in order (none for a scan; a let-bound table's definition is not one).
    public var inputs: [Plan] {
        var found: [Plan] = []
        _ = map(inputs: { found.append($0); return $0 }, expressions: { $0 })
        return found
    }

    /// The same node over other inputs, given in the order of `inputs` (an input not given is kept).
    public func withInputs(_ replacements: [Plan]) -> Plan {
        var next = replacements.makeIterator()
        return map(inputs: { next.next() ?? $0 }, expressions: { $0 })
    }

    /// The expressions this node computes over its input (not those of its inputs), in a fixed order:
    /// a filter's predicate, a projection's outputs, an aggregate's keys then arguments, sort keys, …
    /// (a pivot's cell is over its groups' keys and calls, not over the input: it reads no input column).
    public var expressions: [BoundExpr] {
        var found: [BoundExpr] = []
        _ = map(inputs: { $0 }, expressions: { found.append($0); return $0 })
        return found
    }

    /// The same node computing other expressions, given in the order of `expressions` (one not given is kept).
    public func withExpressions(_ replacements: [BoundExpr]) -> Plan {
        var next = replacements.makeIterator()
        return map(inputs: { $0 }, expressions: { next.next() ?? $0 })
    }
}

// MARK: - Walking expressions

extension BoundExpr {
    /// This expression with each direct sub-expression replaced by `child(old)`, in the order
    /// `children` lists them. The one switch that knows the shape of every expression kind.
    public func mapChildren(_ child: (BoundExpr) throws -> BoundExpr) rethrows -> BoundExpr {
        var copy = self
        switch kind {
        case .column, .literal, .subquery, .exists:
            return self
        case .inSubquery(let a, let query, let negated):
            copy.kind = .inSubquery(try child(a), query, negated: negated)
        case .unary(let op, let a):
            copy.kind = .unary(op, try child(a))
        case .binary(let op, let a, let b):
            copy.kind = .binary(op, try child(a), try child(b))
        case .call(let f, let args):
            copy.kind = .call(f, try args.map(child))
        case .isNull(let a, let negated):
            copy.kind = .isNull(try child(a), negated: negated)
        case .inList(let a, let values, let negated):
            copy.kind = .inList(try child(a), values, negated: negated)
        }
        return copy
    }

    /// The direct sub-expressions, in order (a subquery's plan is not one: it has a scope of its own).
    public var children: [BoundExpr] {
        var found: [BoundExpr] = []
        _ = mapChildren { found.append($0); return $0 }
        return found
    }

    /// This expression with other direct sub-expressions, in the order of `children` (one not given is kept).
    public func withChildren(_ replacements: [BoundExpr]) -> BoundExpr {
        var next = replacements.makeIterator()
        return mapChildren { next.next() ?? $0 }
    }

    /// Calls `visit` on this expression and then on every sub-expression, parents before children.
    /// (Recursion follows the expression's height, which the parser and the binder limit.)
    public func forEach(_ visit: (BoundExpr) throws -> Void) rethrows {
        try visit(self)
        _ = try mapChildren { child in
            try child.forEach(visit)
            return child
        }
    }

    /// Whether this expression or any sub-expression satisfies `test`.
    public func contains(where test: (BoundExpr) -> Bool) -> Bool {
        var found = false
        forEach { if !found && test($0) { found = true } }
        return found
    }

    /// The queries inside this expression (not those nested inside their plans).
    public var subqueries: [BoundSubquery] {
        var found: [BoundSubquery] = []
        forEach { e in
            switch e.kind {
            case .subquery(let q), .inSubquery(_, let q, _), .exists(let q): found.append(q)
            default: break
            }
        }
        return found
    }

    /// The expression rebuilt bottom-up: children first, then `rewrite` on each node with its new children.
    public func transform(_ rewrite: (BoundExpr) throws -> BoundExpr) rethrows -> BoundExpr {
        try rewrite(try mapChildren { try $0.transform(rewrite) })
    }
}
