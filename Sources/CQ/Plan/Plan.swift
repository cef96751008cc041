// Plan: the typed, name-free form of a query that the binder produces and
// the executor, the SQL emitter and the plan printer consume.
//
// Columns are referred to by index into the input of the node that uses
// them; every expression carries its result type, its source range and its
// source text (so a runtime error can name the expression). A node's output
// schema is computed from its inputs (`schema`).

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
    /// Hash join on one key per side; output is every left column then every right column except the key
    /// (`rightColumns` are the right indexes kept, with their output names).
    case join(Plan, Plan, JoinKind, leftKey: Int, rightKey: Int, rightColumns: [Output<Int>])
    /// Rows of the first, then rows of the second (same names and types).
    case union(Plan, Plan)
    /// A bar chart of label and value (the executor yields a two-column table; the shell draws it).
    case chart(Plan, label: BoundExpr, value: BoundExpr)

    /// The output columns of this node.
    public var schema: Schema {
        switch self {
        case .scan(let s): return s.schema
        case .filter(let p, _), .sort(let p, _), .limit(let p, _), .top(let p, _, _), .distinct(let p):
            return p.schema
        case .project(_, let outs): return outs.map { Field($0.name, $0.value.type) }
        case .aggregate(_, let keys, let aggs):
            return keys.map { Field($0.name, $0.value.type) } + aggs.map { Field($0.name, $0.value.type) }
        case .join(let l, let r, _, _, _, let rightColumns):
            let rs = r.schema
            return l.schema + rightColumns.map { Field($0.name, rs[$0.value].type) }
        case .union(let a, _): return a.schema
        case .chart(_, let label, let value): return [Field("label", label.type), Field("value", value.type)]
        }
    }
}
