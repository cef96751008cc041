// ASTPrinter: a statement as a one-line S-expression, for tests and
// debugging — `(query projects (where (> investment 5000000000)))`.
//
// The form shows structure and values, not source ranges: every node is
// `(head children…)`; literals print as written in cq (strings quoted,
// dates as `@YYYY-MM-DD`), names bare or in backticks when they could not be
// written bare. It only reads the AST; it leaves pretty layout and SQL to others.

/// Prints statements and expressions as S-expressions.
public struct ASTPrinter {
    /// The statement on one line.
    public static func print(_ statement: Statement) -> String {
        switch statement {
        case .query(let query): return print(query)
        case .expression(let expr): return "(expr \(print(expr)))"
        case .letQuery(let name, let query, _): return "(let \(print(name)) \(print(query)))"
        case .letExpression(let name, let expr, _): return "(let \(print(name)) (expr \(print(expr))))"
        case .letFunction(let name, let parameters, let body, _):
            return "(let \(print(name)) \(list("params", parameters.map(print))) (expr \(print(body))))"
        case .command(let name, let args, _, _): return "(command \(name.name) \(JSONText.quote(args)))"
        }
    }

    /// `(query SOURCE STAGE…)`
    public static func print(_ query: Query) -> String {
        list("query", [print(query.source)] + query.stages.map { print($0.kind) })
    }

    /// The expression on one line.
    public static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .literal(let literal): return print(literal)
        case .name(let name): return print(name: name)
        case .qualifiedName(let table, let column): return list(".", [print(table), print(column)])
        case .unary(let op, let operand): return list(op.rawValue, [print(operand)])
        case .binary(let op, let left, let right): return list(op.rawValue, [print(left), print(right)])
        case .call(let name, _, let args): return list("call", [print(name: name)] + args.map(print))
        case .isNull(let operand, let negated): return list(negated ? "is-not-null" : "is-null", [print(operand)])
        case .inList(let operand, let items, let negated):
            return list(negated ? "not-in" : "in", [print(operand), "[" + items.map(print).joined(separator: " ") + "]"])
        case .subquery(let query): return list("subquery", [print(query)])
        case .inQuery(let operand, let query, let negated): return list(negated ? "not-in" : "in", [print(operand), print(query)])
        case .exists(let query): return list("exists", [print(query)])
        case .window(let call, let spec):
            var parts = [print(call)]
            if !spec.partition.isEmpty { parts.append(list("by", spec.partition.map(print))) }
            if !spec.order.isEmpty { parts.append(list("sort", spec.order.map(print))) }
            if let frame = spec.frame {
                parts.append(list("rows", [frame.start.map(String.init) ?? "_", frame.end.map(String.init) ?? "_"]))
            }
            return list("over", parts)
        }
    }

    private static func print(_ stage: StageKind) -> String {
        switch stage {
        case .where(let condition): return list("where", [print(condition)])
        case .select(let items), .extend(let items): return list(stage.keyword, items.map(print))
        case .summarize(let aggregates, let keys):
            return list("summarize", aggregates.map(print) + (keys.isEmpty ? [] : [list("by", keys.map(print))]))
        case .sort(let keys): return list("sort", keys.map(print))
        case .take(let count, let per): return list("take", [print(count)] + perList(per))
        case .top(let count, let keys, let per):
            return list("top", [print(count), list("by", keys.map(print))] + perList(per))
        case .distinct(let names), .drop(let names): return list(stage.keyword, names.map(print))
        case .count: return "(count)"
        case .join(let kind, let source, let keys):
            let on = keys.map { key in key.right.map { list("==", [print(key.left), print($0)]) } ?? print(key.left) }
            return list("join", [kind.rawValue, print(source)] + (keys.isEmpty ? [] : [list("on", on)]))
        case .rename(let renamings): return list("rename", renamings.map { list("=", [print($0.new), print($0.old)]) })
        case .union(let source), .intersect(let source), .except(let source): return list(stage.keyword, [print(source)])
        case .chart(let kind, let label, let value): return list("chart", [print(kind), print(label), print(value)])
        case .pivot(let column, let values, let using, let keys):
            return list("pivot", [print(column)] + (values.map { [list("in", $0.map(print))] } ?? [])
                        + [list("using", [print(using)])] + (keys.isEmpty ? [] : [list("by", keys.map(print))]))
        case .unpivot(let columns, let name, let value):
            return list("unpivot", columns.map(print) + [list("into", [print(name), print(value)])])
        case .sample(let size, let percent, let seed):
            return list("sample", [print(size) + (percent ? "%" : "")] + (seed.map { [list("seed", [print($0)])] } ?? []))
        }
    }

    /// `NAME` or the query in brackets, `(query …)`.
    private static func print(_ source: Source) -> String {
        switch source {
        case .table(let name): return print(name)
        case .query(let query, _): return print(query)
        }
    }

    /// `[(per KEY…)]`: nothing when there are no keys.
    private static func perList(_ keys: [Expr]) -> [String] {
        keys.isEmpty ? [] : [list("per", keys.map(print))]
    }

    /// `EXPR` or `(= NAME EXPR)`
    private static func print(_ item: NamedExpr) -> String {
        guard let name = item.name else { return print(item.expr) }
        return list("=", [print(name), print(item.expr)])
    }

    /// `EXPR` when nothing was written after it, else `(key EXPR [asc|desc] [nulls-first|nulls-last])`
    private static func print(_ key: SortKey) -> String {
        if key.descending == nil && key.nullsFirst == nil { return print(key.expr) }
        var parts = [print(key.expr)]
        if let descending = key.descending { parts.append(descending ? "desc" : "asc") }
        if let nullsFirst = key.nullsFirst { parts.append(nullsFirst ? "nulls-first" : "nulls-last") }
        return list("key", parts)
    }

    private static func print(_ literal: Literal) -> String {
        switch literal {
        case .int(let value): return String(value)
        case .float(let value): return String(value)
        case .string(let value): return JSONText.quote(value)
        case .bool(let value): return String(value)
        case .null: return "null"
        case .date(let days): return "@" + DateMath.format(days)
        case .datetime(let micros): return "@" + DateMath.format(micros: micros, separator: "T")
        }
    }

    private static func print(_ identifier: Identifier) -> String { print(name: identifier.name) }

    /// The name bare when it lexes back as this name, else in backticks.
    private static func print(name: String) -> String {
        var lexer = Lexer(name)
        let bare = (try? lexer.next()).map { $0.kind == .name(name, quoted: false) && $0.range.end == name.utf8.count } ?? false
        return bare ? name : "`" + name + "`"
    }

    private static func list(_ head: String, _ children: [String]) -> String {
        "(" + ([head] + children).joined(separator: " ") + ")"
    }
}
