// SQLCombinations: the plan nodes that combine two inputs or work per
// group, as SQL — joins of every kind, intersect/except, and `top … per` /
// `take … per` — in the SELECT-building scheme of SQLEmitter.
//
// Inner, left, right, full and cross joins are SQL's own; an `on col` key
// of a right or full join is COALESCE(left, right). Semi and anti joins are
// [NOT] EXISTS over the right side, so each left row comes once and a null
// key never matches (NOT IN would). cq's join order — left rows in order,
// each with its matches in right order, then the right rows nothing matched
// — is ORDER BY "left row missing", left order, right order. Intersect and
// except are the first input's distinct rows (SQLEmitter's distinct, in
// order of first occurrence) filtered by [NOT] EXISTS of an equal row in the
// second, with null-safe equality (SQL's set operations count nulls as
// equal). Per-group stages number the rows of each partition with
// ROW_NUMBER() (ties broken by input order) and keep those up to N, groups
// ordered by their first row. SQLite has RIGHT and FULL JOIN since 3.39.

extension SQLBuilder {
    func join(_ left: Plan, _ right: Plan, _ join: BoundJoin, order: Bool) throws -> Select {
        var l = try compile(left, order: order, qualify: true)
        // A WHERE of the left side must stay below a right or full join: above it, it would drop the
        // right rows that found no partner.
        if l.groupBy != nil || l.distinct || l.limit != nil || (join.kind.keepsUnmatchedRight && !l.wheres.isEmpty) {
            l = close(l, keepOrder: order, qualify: true)
        }
        // Where cq's order is wanted, right rows without a left row come last: that needs a left column
        // never null on a left row, the left side's one ordinal.
        var leftRow: String?
        if order && join.kind.keepsUnmatchedRight {
            if !(l.order?.count == 1 && l.order?.first?.ordinal == true) {
                l = close(l, keepOrder: true, qualify: true, numbered: true)
            }
            leftRow = l.order?.first?.sql.text
        }
        // Semi and anti joins never show the right side's order.
        let rightOrder = order && join.kind.keepsRight
        let r: Select
        if case .scan(let source) = right {
            r = try scan(source, order: rightOrder, qualify: true, avoiding: l.qualifiers)
        } else {
            r = close(try compile(right, order: rightOrder, qualify: true), keepOrder: rightOrder, qualify: true)
        }
        let w = SQLExpressionWriter(dialect: dialect, columns: [])
        let on = try join.keys.map { w.infix(try column(l, $0.left), "=", try column(r, $0.right), SQLText.comparison).text }
            .joined(separator: " AND ")
        var s = l
        switch join.kind {
        case .semi, .anti:
            s.wheres.append(exists(negated: join.kind == .anti, from: r.from, where: on))
            return s
        case .inner: s.from = "\(l.from)\nJOIN \(r.from) ON \(on)"
        case .left: s.from = "\(l.from)\nLEFT JOIN \(r.from) ON \(on)"
        case .right: s.from = "\(l.from)\nRIGHT JOIN \(r.from) ON \(on)"
        case .full: s.from = "\(l.from)\nFULL JOIN \(r.from) ON \(on)"
        case .cross: s.from = "\(l.from)\nCROSS JOIN \(r.from)"
        }
        var columns: [SQLText] = []
        var simple: [Bool] = []
        for output in join.columns {
            switch output.value {
            case .left(let i):
                columns.append(try column(l, i))
                simple.append(l.simple.indices.contains(i) && l.simple[i])
            case .right(let i):
                columns.append(try column(r, i))
                simple.append(true)
            case .key(let a, let b):
                columns.append(w.function("COALESCE", [try column(l, a), try column(r, b)]))
                simple.append(false)
            }
        }
        s.columns = columns
        s.names = join.columns.map(\.name)
        s.simple = simple
        s.qualifiers.formUnion(r.qualifiers)
        s.unqualified = []
        s.starColumns = nil
        if order {
            var terms = (l.order ?? []) + (r.order ?? [])
            if let leftRow {
                terms.insert(OrderTerm(sql: SQLText("CASE WHEN \(leftRow) IS NULL THEN 1 ELSE 0 END"), ordinal: true), at: 0)
            }
            s.order = terms
        } else {
            s.order = nil
        }
        return s
    }

    /// `intersect`/`except`: the first input's distinct rows with (without) an equal row in the second.
    func setOperation(_ op: SetOperator, _ first: Plan, _ second: Plan, order: Bool, qualify: Bool) throws -> Select {
        var s = close(try compile(.distinct(first), order: order, qualify: true), keepOrder: order, qualify: true)
        let r = close(try compile(second, order: false, qualify: true), keepOrder: false, qualify: true)
        let equal = zip(s.columns, r.columns).map { nullSafeEqual($0, $1) }.joined(separator: " AND ")
        s.wheres.append(exists(negated: op == .except, from: r.from, where: equal.isEmpty ? "1 = 1" : equal))
        return s
    }

    /// `top N by … per …` / `take N per …`: ROW_NUMBER() per partition, kept up to N, groups in order of first row.
    func perGroup(_ input: Plan, _ n: Int, _ keys: [BoundSortKey], _ per: [BoundExpr], order: Bool,
                  qualify: Bool) throws -> Select {
        var s = try compile(input, order: true, qualify: qualify)
        if s.groupBy != nil || s.distinct || s.limit != nil || repeats(keys.map(\.expr) + per, s) {
            s = close(s, keepOrder: true, qualify: qualify)
        }
        s = singleOrdinal(s, qualify: qualify)
        let w = writer(s)
        let partition = "PARTITION BY " + (try per.map { w.groupTerm(try w.write($0), $0.type) }).joined(separator: ", ")
        let terms = try keys.filter { !$0.expr.isConstant }.map {
            OrderTerm(sql: try w.write($0.expr), descending: $0.descending, nullsFirst: $0.nullsFirst,
                      isText: $0.expr.type == .string)
        } + (s.order ?? [])
        let rowName = hiddenName("rn"), firstName = hiddenName("first")
        var hidden = [("ROW_NUMBER() OVER (\(partition)\(terms.isEmpty ? "" : " ORDER BY " + orderList(terms)))", rowName)]
        let ordinal = s.order?.first?.sql.text
        if let ordinal { hidden.append(("MIN(\(ordinal)) OVER (\(partition))", firstName)) }
        var q = close(s, keepOrder: false, qualify: qualify, extra: hidden)
        let alias = q.qualifiers.first ?? ""
        func ref(_ name: String) -> SQLText { SQLText(qualify ? "\(alias).\(name)" : name) }
        q.wheres = [SQLText("\(ref(rowName).text) <= \(n)", SQLText.comparison)]
        q.order = order ? (ordinal == nil ? [] : [OrderTerm(sql: ref(firstName), ordinal: true)])
            + [OrderTerm(sql: ref(rowName), ordinal: true)] : nil
        return q
    }

    /// Column i of a join side.
    private func column(_ side: Select, _ i: Int) throws -> SQLText {
        guard side.columns.indices.contains(i) else { throw CQError(.invalidArgument("join refers to a column that does not exist")) }
        return side.columns[i]
    }

    /// `[NOT] EXISTS (SELECT 1 FROM … WHERE …)`.
    func exists(negated: Bool, from: String, where condition: String) -> SQLText {
        let text = "EXISTS (SELECT 1 FROM \(from) WHERE \(condition))"
        return negated ? SQLText("NOT " + text, SQLText.not) : SQLText(text)
    }

    /// `a` equals `b`, a null equal to a null (SQLite spells it `IS`).
    func nullSafeEqual(_ a: SQLText, _ b: SQLText) -> String {
        let op = dialect == .sqlite ? "IS" : "IS NOT DISTINCT FROM"
        return "\(a.operand(SQLText.comparison)) \(op) \(b.operand(SQLText.comparison, right: true))"
    }
}
