// AST: what the parser produces — statements, queries with their stages,
// and expressions — each with the source range it came from.
//
// The AST holds names, not meanings: the binder resolves them into a Plan
// (Plan/Plan.swift) and never mutates the AST. `ASTPrinter` shows the tree
// for tests and debugging.

/// A name as written, with where it was written.
public struct Identifier: Equatable, Sendable {
    public var name: String
    public var range: SourceRange
    public init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// One statement of a script.
public enum Statement: Equatable, Sendable {
    case query(Query)
    case expression(Expr)
    /// `let NAME = QUERY` or `let NAME = EXPR`.
    case letQuery(Identifier, Query, range: SourceRange)
    case letExpression(Identifier, Expr, range: SourceRange)
    /// `let NAME(PARAM, …) = EXPR`: a user function.
    case letFunction(Identifier, parameters: [Identifier], body: Expr, range: SourceRange)
    /// `.name args`: the raw text after the command name, trimmed; `argsStart` is its byte offset.
    case command(Identifier, args: String, argsStart: Int, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .query(let q): return q.range
        case .expression(let e): return e.range
        case .letQuery(_, _, let r), .letExpression(_, _, let r), .letFunction(_, _, _, let r), .command(_, _, _, let r):
            return r
        }
    }
}

/// `SOURCE | STAGE | STAGE …`
public struct Query: Equatable, Sendable {
    public var source: Source
    public var stages: [Stage]
    public var range: SourceRange
    public init(source: Source, stages: [Stage], range: SourceRange) {
        self.source = source
        self.stages = stages
        self.range = range
    }
}

/// Where rows come from: a table name or a parenthesised query.
public indirect enum Source: Equatable, Sendable {
    case table(Identifier)
    /// `( QUERY )`; `range` spans the brackets.
    case query(Query, range: SourceRange)

    /// Where the source is written.
    public var range: SourceRange {
        switch self {
        case .table(let name): return name.range
        case .query(_, let range): return range
        }
    }

    /// The name the source goes by in messages and join suffixes: the table's, or a query's first table's.
    public var name: String {
        switch self {
        case .table(let name): return name.name
        case .query(let query, _): return query.source.name
        }
    }
}

/// One stage with its range (`keyword` is the range of the stage's first word).
public struct Stage: Equatable, Sendable {
    public var kind: StageKind
    public var keyword: SourceRange
    public var range: SourceRange
    public init(_ kind: StageKind, keyword: SourceRange, range: SourceRange) {
        self.kind = kind
        self.keyword = keyword
        self.range = range
    }
}

/// `name = EXPR` or a bare `EXPR` (select items, summarize aggregates and keys).
public struct NamedExpr: Equatable, Sendable {
    public var name: Identifier?
    public var expr: Expr
    public init(name: Identifier?, expr: Expr) {
        self.name = name
        self.expr = expr
    }
}

/// `EXPR [asc|desc] [nulls first|last]`
public struct SortKey: Equatable, Sendable {
    public var expr: Expr
    /// nil when not written (sort defaults to asc, top to desc).
    public var descending: Bool?
    /// nil when not written (nulls last).
    public var nullsFirst: Bool?
    public init(expr: Expr, descending: Bool?, nullsFirst: Bool?) {
        self.expr = expr
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// `new = old` in a rename stage.
public struct Renaming: Equatable, Sendable {
    public var new: Identifier
    public var old: Identifier
    public init(new: Identifier, old: Identifier) {
        self.new = new
        self.old = old
    }
}

/// How a join pairs rows (LANGUAGE.md §8 Joins).
public enum JoinKind: String, Equatable, Sendable, CaseIterable {
    case inner, left, right, full, semi, anti, cross

    /// Whether the output has the right side's columns (not for semi and anti).
    public var keepsRight: Bool { self != .semi && self != .anti }
    /// Whether left rows without a partner are kept, with nulls on the right.
    public var keepsUnmatchedLeft: Bool { self == .left || self == .full }
    /// Whether right rows without a partner are kept, with nulls on the left.
    public var keepsUnmatchedRight: Bool { self == .right || self == .full }
}

/// One key pair of a join's `on`: `A == B` (`right` set), or `col` for a name both sides share.
public struct JoinKey: Equatable, Sendable {
    public var left: Identifier
    public var right: Identifier?
    public init(left: Identifier, right: Identifier?) {
        self.left = left
        self.right = right
    }
}

/// The stages of §2 of the contract.
public enum StageKind: Equatable, Sendable {
    case `where`(Expr)
    case select([NamedExpr])
    case extend([NamedExpr])
    case summarize(aggregates: [NamedExpr], by: [NamedExpr])
    case sort([SortKey])
    /// `take N [per KEY, …]` / `limit N` (`per` empty: the whole table)
    case take(Expr, per: [Expr])
    /// `top N by KEY, … [per KEY, …]` (the contract has one key; more are an extension).
    case top(Expr, by: [SortKey], per: [Expr])
    /// `distinct` (all columns) or `distinct col, …`
    case distinct([Identifier])
    case count
    /// `join [KIND] SOURCE on KEY, …` (`on` is empty for `cross` only).
    case join(JoinKind, source: Source, on: [JoinKey])
    /// `rename new = old, …`
    case rename([Renaming])
    case drop([Identifier])
    case union(Source)
    /// `intersect SOURCE` / `except SOURCE`: distinct rows found / not found in SOURCE.
    case intersect(Source)
    case except(Source)
    /// `chart bar LABEL, VALUE`
    case chart(kind: Identifier, label: Expr, value: Expr)
    /// `pivot COLUMN [in [v, …]] using AGG [by KEY, …]` (`values` nil: read from the rows).
    case pivot(column: Expr, values: [Expr]?, using: Expr, by: [NamedExpr])
    /// `unpivot COL, … into NAME, VALUE`
    case unpivot([Identifier], name: Identifier, value: Identifier)
    /// `sample N [seed S]` or `sample P% [seed S]`.
    case sample(Expr, percent: Bool, seed: Expr?)

    /// The stage's keyword, for messages.
    public var keyword: String {
        switch self {
        case .where: return "where"
        case .select: return "select"
        case .extend: return "extend"
        case .summarize: return "summarize"
        case .sort: return "sort"
        case .take: return "take"
        case .top: return "top"
        case .distinct: return "distinct"
        case .count: return "count"
        case .join: return "join"
        case .rename: return "rename"
        case .drop: return "drop"
        case .union: return "union"
        case .intersect: return "intersect"
        case .except: return "except"
        case .chart: return "chart"
        case .pivot: return "pivot"
        case .unpivot: return "unpivot"
        case .sample: return "sample"
        }
    }

    /// Every stage keyword (for "did you mean", completion and help). `limit` is an alias of `take`.
    public static let keywords = ["where", "select", "extend", "summarize", "sort", "take", "limit", "top",
                                  "distinct", "count", "join", "rename", "drop", "union", "intersect", "except", "chart",
                                  "pivot", "unpivot", "sample"]

    /// The stage other query languages (SQL, KQL, PRQL) name with a word cq does not use, for
    /// "did you mean" after an unknown stage: `order by` is cq's `sort`.
    public static let foreignWords = ["filter": "where", "having": "where", "order": "sort", "derive": "extend",
                                      "project": "select", "group": "summarize", "aggregate": "summarize"]
}

/// `over ( [by EXPR, …] [sort KEY, …] [rows A..B] )`: which rows a window call sees (LANGUAGE.md §8).
public struct WindowSpec: Equatable, Sendable {
    /// `by`: the partition keys (none: the whole table is one partition).
    public var partition: [Expr]
    /// `sort`: the order inside a partition (none: input order, and the whole partition as the frame).
    public var order: [SortKey]
    /// `rows A..B`, when written.
    public var frame: WindowFrame?
    /// From `over` to the closing bracket.
    public var range: SourceRange
    public init(partition: [Expr], order: [SortKey], frame: WindowFrame?, range: SourceRange) {
        self.partition = partition
        self.order = order
        self.frame = frame
        self.range = range
    }
}

/// `rows A..B`: the frame as offsets from the current row; nil for an open end (`..0`, `0..`, `..`).
public struct WindowFrame: Equatable, Sendable {
    public var start: Int?
    public var end: Int?
    /// Where `A..B` is written.
    public var range: SourceRange
    public init(start: Int?, end: Int?, range: SourceRange) {
        self.start = start
        self.end = end
        self.range = range
    }
}

/// A literal as written. Magnitude literals (`351.5亿`) arrive already scaled, exactly.
public enum Literal: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case null
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00.
    case datetime(Int)
}

public enum UnaryOp: String, Equatable, Sendable {
    case not = "not"
    case negate = "-"
}

/// Binary operators; the raw value is how the operator is written.
public enum BinaryOp: String, Equatable, Sendable, CaseIterable {
    case or, and
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case contains, startswith, endswith, matches
    case coalesce = "??"
    case add = "+", sub = "-"
    case mul = "*", div = "/", intdiv = "//", mod = "%"

    public var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }

    public var isStringPredicate: Bool {
        switch self {
        case .contains, .startswith, .endswith, .matches: return true
        default: return false
        }
    }
}

/// An expression with its source range.
public struct Expr: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        case literal(Literal)
        /// A column, a scalar bound with `let`, or a user function's parameter.
        case name(String)
        /// `table.column`: a column of the query (or enclosing query) whose source is that table.
        case qualifiedName(table: Identifier, column: Identifier)
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        /// `f(args)`; `nameRange` is where the function's name stands.
        case call(String, nameRange: SourceRange, args: [Expr])
        /// `x is null` / `x is not null`
        case isNull(Expr, negated: Bool)
        /// `x in [a, b]` / `x not in [a, b]`
        case inList(Expr, [Expr], negated: Bool)
        /// `( QUERY )`: the one value of a one-column query (null for no row).
        case subquery(Query)
        /// `x in ( QUERY )` / `x not in ( QUERY )`: membership in a one-column query.
        case inQuery(Expr, Query, negated: Bool)
        /// `exists( QUERY )`: whether the query gives any row.
        case exists(Query)
        /// `f(args) over (…)`: a window function or an aggregate computed over a window of rows
        /// (`call` is the `.call` it binds to).
        case window(call: Expr, WindowSpec)
    }
    public var kind: Kind
    public var range: SourceRange
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
