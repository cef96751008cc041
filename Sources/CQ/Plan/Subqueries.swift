// Subqueries: the step between binding and running that runs the queries
// inside expressions and puts their answers in their place — a scalar
// `( QUERY )` becomes its value, `x in ( QUERY )` becomes `x in [values]`,
// `exists( QUERY )` becomes true or false — so the executor and the
// evaluator never meet a subquery. SQL's rule for an empty set holds: `x in`
// no rows is false and `x not in` no rows true, even for a null x (a
// written empty list `x in []` keeps cq's rule: null for a null x).
//
// Why run them once instead of unnesting them into joins: cq's subqueries
// are uncorrelated (the binder refuses a name of the query around one), so
// each has one answer for every row, and computing it once is both the
// cheapest plan and the exact meaning. A join could not say "more than one
// row is an error" for a scalar, and `not in` over a set holding a null
// (never true, in SQL) would need an anti join with extra null checks; the
// constant list gets both rules from the `in` kernel (InList.swift), which
// looks values up in a hash set. The SQL emitter does not use this step:
// it writes each subquery as SQL (SQLExpressions), where the engine runs it.
//
// How a plan runs is the caller's (`execute`), so any backend can use this
// step; a subquery's own subqueries run first, through the same `execute`.

/// Runs the subqueries of a plan or an expression and substitutes their answers.
public enum Subqueries {
    /// The plan with every subquery in its expressions (at any depth of the plan) replaced by its answer.
    public static func run(in plan: Plan, using execute: (Plan) throws -> Table) throws -> Plan {
        guard contains(plan) else { return plan }
        return try plan.map(inputs: { try run(in: $0, using: execute) },
                            expressions: { try run(in: $0, using: execute) })
    }

    /// The expression with every subquery replaced by its answer.
    public static func run(in expr: BoundExpr, using execute: (Plan) throws -> Table) throws -> BoundExpr {
        guard !expr.subqueries.isEmpty else { return expr }
        return try expr.transform { e in
            var answered = e
            switch e.kind {
            case .subquery(let query):
                answered.kind = .literal(try value(of: query, execute))
            case .inSubquery(let x, let query, let negated):
                let set = try values(of: query, execute)
                answered.kind = set.isEmpty ? .literal(.bool(negated)) : .inList(x, set, negated: negated)
            case .exists(let query):
                answered.kind = .literal(.bool(try execute(query.plan).rowCount > 0))
            default:
                break
            }
            return answered
        }
    }

    /// Whether any expression of the plan holds a subquery.
    static func contains(_ plan: Plan) -> Bool {
        plan.expressions.contains { !$0.subqueries.isEmpty } || plan.inputs.contains(where: contains)
    }

    /// The value of the one column in the only row; null for no row, an error for more.
    static func value(of query: BoundSubquery, _ execute: (Plan) throws -> Table) throws -> Value {
        let table = try execute(query.plan)
        guard table.rowCount <= 1 else { throw CQError(.subqueryRows(query: query.text, rows: table.rowCount), at: query.range) }
        guard table.rowCount == 1, let column = table.columns.first else { return .null }
        return column.value(at: 0)
    }

    /// The distinct values of the one column, in order of first occurrence (a null among them, if any).
    static func values(of query: BoundSubquery, _ execute: (Plan) throws -> Table) throws -> [Value] {
        let table = try execute(query.plan)
        guard let column = table.columns.first else { return [] }
        var seen = Set<Value>()
        var values: [Value] = []
        for row in 0..<table.rowCount {
            let v = column.value(at: row)
            if seen.insert(v).inserted { values.append(v) }
        }
        return values
    }
}
