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
        case call(ScalarFunction, [BoundExpr])
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

/// One aggregate of a summarize: `function(argument)`; `argument` is nil for `count()`.
public struct BoundAggregate: Sendable {
    public var function: AggregateFunction
    public var argument: BoundExpr?
    public var type: DataType
    public var range: SourceRange
    public var text: String
    public init(function: AggregateFunction, argument: BoundExpr?, type: DataType, range: SourceRange, text: String) {
        self.function = function
        self.argument = argument
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

/// A table the plan reads, resolved by the binder.
public struct TableSource: Sendable {
    public var name: String
    public var table: Table
    /// For a `let`-bound table, the plan that made it (the SQL emitter writes it as a WITH clause;
    /// the executor reads the materialised `table`).
    public var definition: TableDefinition?
    public init(name: String, table: Table, definition: TableDefinition? = nil) {
        self.name = name
        self.table = table
        self.definition = definition
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
    /// A bar chart of label and value (the executor yields a two-column table; the shell draws it).
    case chart(Plan, label: BoundExpr, value: BoundExpr)

    /// The output columns of this node.
    public var schema: Schema {
        switch self {
        case .scan(let s): return s.table.schema
        case .filter(let p, _), .sort(let p, _), .limit(let p, _), .top(let p, _, _), .distinct(let p),
             .setOperation(_, let p, _), .perGroup(let p, _, _, _):
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
        case .chart(_, let label, let value): return [Field("label", label.type), Field("value", value.type)]
        }
    }
}
