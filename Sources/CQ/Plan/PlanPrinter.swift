// PlanPrinter: shows a typed plan one node per line, indented by depth, with
// each node's output columns and types — what `.explain` prints, for teaching
// and debugging. Expressions are shown as written, with their types; a
// subquery in a node's expressions is shown under the node, before its inputs.

/// Renders a plan as indented text.
public enum PlanPrinter {
    public static func print(_ plan: Plan) -> String {
        var lines: [String] = []
        walk(plan, depth: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    static func walk(_ plan: Plan, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        let columns = plan.schema.map { "\($0.name): \($0.type.rawValue)" }.joined(separator: ", ")
        lines.append("\(pad)\(describe(plan))  → (\(columns))")
        for query in plan.expressions.flatMap(\.subqueries) {
            lines.append("\(pad)  subquery \(query.text)")
            walk(query.plan, depth: depth + 2, into: &lines)
        }
        for child in plan.inputs { walk(child, depth: depth + 1, into: &lines) }
    }

    static func expr(_ e: BoundExpr) -> String { "\(e.text): \(e.type.rawValue)" }

    static func keys(_ keys: [BoundSortKey]) -> String {
        keys.map { "\($0.expr.text) \($0.descending ? "desc" : "asc") nulls \($0.nullsFirst ? "first" : "last")" }
            .joined(separator: ", ")
    }

    static func describe(_ plan: Plan) -> String {
        switch plan {
        case .scan(let s): return "scan \(s.name)" + (s.rowCount.map { " (\($0) rows)" } ?? "")
        case .filter(_, let p): return "filter \(expr(p))"
        case .project(_, let outs): return "project " + outs.map { "\($0.name) = \(expr($0.value))" }.joined(separator: ", ")
        case .aggregate(_, let ks, let aggs):
            let a = aggs.map { "\($0.name) = \($0.value.text): \($0.value.type.rawValue)" }.joined(separator: ", ")
            return ks.isEmpty ? "aggregate \(a)" : "aggregate \(a) by " + ks.map { "\($0.name) = \(expr($0.value))" }.joined(separator: ", ")
        case .sort(_, let k): return "sort \(keys(k))"
        case .limit(_, let n): return "limit \(n)"
        case .top(_, let n, let k): return "top \(n) by \(keys(k))"
        case .distinct: return "distinct"
        case .join(let l, let r, let join):
            let ls = l.schema, rs = r.schema
            let on = join.keys.map { key -> String in
                let a = ls.indices.contains(key.left) ? ls[key.left].name : "?"
                let b = rs.indices.contains(key.right) ? rs[key.right].name : "?"
                return "\(a) == \(b)"
            }
            return "join \(join.kind.rawValue)" + (on.isEmpty ? "" : " on " + on.joined(separator: ", "))
        case .union: return "union"
        case .setOperation(let op, _, _): return op.rawValue
        case .perGroup(_, let n, let order, let per):
            let by = order.isEmpty ? "take \(n)" : "top \(n) by \(keys(order))"
            return by + " per " + per.map(expr).joined(separator: ", ")
        case .window(_, let windows):
            return "window " + windows.map { "\($0.name): \($0.value.type.rawValue)" }.joined(separator: ", ")
        case .chart(_, let label, let value): return "chart bar \(expr(label)), \(expr(value))"
        case .pivot(_, let pivot):
            let by = pivot.keys.isEmpty ? "" : " by " + pivot.keys.map { "\($0.name) = \(expr($0.value))" }.joined(separator: ", ")
            return "pivot \(expr(pivot.column)) into \(pivot.values.count) columns using \(expr(pivot.cell))" + by
        case .unpivot(_, let unpivot):
            return "unpivot \(unpivot.columns.map(\.name).joined(separator: ", ")) into \(unpivot.nameColumn), \(unpivot.valueColumn)"
        case .sample(_, let sample):
            let size: String
            switch sample.size {
            case .rows(let n): size = "\(n) rows"
            case .percent(let p): size = (Int(exactly: p).map(String.init) ?? NumberText.format(p)) + "%"
            }
            return "sample \(size)" + (sample.seeded ? " seed \(Int64(bitPattern: sample.seed))" : "")
        }
    }
}
