// SQLEmitter: compiles a typed plan to one SQL query that gives cq's table —
// the same rows, the same column names and, where the query states an order,
// the same order — in SQLite, DuckDB or PostgreSQL (SQLDialect).
//
// Plan nodes are folded into one SELECT while SQL's clause order allows it
// (FROM, WHERE, GROUP BY, SELECT, ORDER BY, LIMIT); a stage that must come
// after a clause already filled (a filter after a summarize, a sort after a
// take) closes the SELECT into a subquery. A `let`-bound table becomes a
// WITH clause. cq's row order is carried only where something needs it:
// sort and top are stable (the input order is their last key), take keeps
// the input order, summarize and distinct keep the order of first
// occurrence, a join keeps left then right order, a union keeps its sides in
// turn. A base table's order is the engine's row identifier (rowid, ctid) or,
// in portable SQL, ROW_NUMBER() OVER () over the scan. The final query has an
// ORDER BY exactly when cq's order is the point of the query (a sort, top or
// take not undone by a later summarize, distinct or union). Joins, set
// operations and per-group stages are in SQLCombinations.swift, windows in
// SQLWindows.swift, pivot, unpivot and sample in SQLReshape.swift.
// Expressions are SQLExpressions' job; the spellings of each dialect are
// SQLDialect's. A subquery in an expression is compiled here (`subquery`)
// as a SELECT of its own, sharing the statement's aliases and WITH clauses,
// and written in place by SQLExpressions: SQL runs it where cq runs it once
// beforehand.

/// Writes a plan as SQL.
public struct SQLEmitter {
    public let dialect: SQLDialect

    public init(dialect: SQLDialect = .portable) {
        self.dialect = dialect
    }

    /// The deepest chain of plan nodes compiled (each node is a recursive step of the builder,
    /// and a deep chain nests subqueries that engines refuse long before this).
    public static let maxDepth = 250

    /// The SQL for a plan, or an `unsupportedSQL` error at the stage or expression the dialect cannot
    /// express; a plan deeper than `maxDepth` is refused at `range` (the query) instead of recursing.
    public func emit(_ plan: Plan, at range: SourceRange? = nil) throws -> String {
        guard Self.depth(of: plan) <= Self.maxDepth else {
            throw CQError(.tooLong(what: "query for SQL", limit: Self.maxDepth), at: range)
        }
        let sql = try SQLBuilder(dialect: dialect).statement(plan)
        // No engine takes a NUL inside a name or a string (a C string ends there): refuse rather than cut.
        if sql.unicodeScalars.contains("\0") {
            throw CQError(.unsupportedSQL(stage: "a name or a string with a NUL character", dialect: dialect.displayName), at: range)
        }
        return sql
    }

    /// The longest chain of nodes in `plan`, through the `let` definitions it reads (the builder
    /// compiles a definition where it meets its scan), counted without recursion. A definition is
    /// walked again only when reached deeper than before, so lets that read lets twice stay linear.
    static func depth(of plan: Plan) -> Int {
        var deepest = 0
        var reached: [Int: Int] = [:]
        var pending: [(Plan, Int)] = [(plan, 1)]
        while let (node, depth) = pending.popLast() {
            deepest = max(deepest, depth)
            guard depth <= maxDepth else { continue }
            if case .scan(let source) = node, let definition = source.definition, reached[definition.id, default: 0] < depth {
                reached[definition.id] = depth
                pending.append((definition.plan, depth + 1))
            }
            pending += node.inputs.map { ($0, depth + 1) }
            pending += node.expressions.flatMap(\.subqueries).map { ($0.plan, depth + 1) }
        }
        return deepest
    }
}

/// One term of a row order, over a FROM scope.
struct OrderTerm {
    var sql: SQLText
    var descending = false
    var nullsFirst = false
    var isText = false
    /// A row number or identifier: ascending, never tied, so it needs no NULLS clause and can be MIN-ed.
    var ordinal = false
}

/// A SELECT being built. Its columns are SQL over its FROM scope; clauses fill in SQL's order.
struct Select {
    var from: String
    var columns: [SQLText]
    var names: [String]
    /// Column i is a bare column or a literal, free to repeat when a later stage refers to it.
    var simple: [Bool]
    /// Names the FROM scope exposes without a qualifier (an output alias equal to one would capture ORDER BY).
    var unqualified: Set<String>
    /// Table names and aliases in FROM (a self join renames the right side).
    var qualifiers: Set<String>
    /// When the columns are exactly the FROM table's: the text of those columns, so `SELECT *` may stand for them.
    var starColumns: [String]?
    var wheres: [SQLText] = []
    /// Non-nil for an aggregate query (empty: one row over all input).
    var groupBy: [String]?
    var distinct = false
    /// cq's row order, when some consumer needs it.
    var order: [OrderTerm]?
    var limit: Int?
    /// For `a | union b` with nothing after it: the two SELECTs joined by UNION ALL, written without a wrapper.
    var compound: String?
}

/// The state of one `emit`: subquery numbering and the WITH clauses of let-bound tables.
final class SQLBuilder {
    let dialect: SQLDialect
    private var aliases = 0
    private var ctes: [(id: Int, name: String, ordered: Bool, text: String)] = []
    static let ordinalName = "__cq_ord"

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    func statement(_ plan: Plan) throws -> String {
        let claims = Self.claimsOrder(plan)
        let select = try compile(plan, order: claims, qualify: false)
        let body = render(select, orderBy: claims, hidden: [])
        if ctes.isEmpty { return body }
        return "WITH " + ctes.map { "\($0.name) AS (\n\(Self.indent($0.text))\n)" }.joined(separator: ",\n") + "\n" + body
    }

    /// Whether cq's order is the point of the query: a sort, top or take not undone by a later regrouping.
    static func claimsOrder(_ plan: Plan) -> Bool {
        switch plan {
        case .sort, .top, .limit, .perGroup: return true
        case .filter(let p, _), .project(let p, _), .chart(let p, _, _), .join(let p, _, _), .window(let p, _),
             .unpivot(let p, _), .sample(let p, _):
            return claimsOrder(p)
        case .scan, .aggregate, .distinct, .union, .setOperation, .pivot: return false
        }
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    func nextAlias(_ prefix: String = "_q") -> String {
        aliases += 1
        return "\(prefix)\(aliases)"
    }

    /// A name for a hidden column, unique in the statement: ORDER BY reads an output name before an input
    /// one, so a hidden column must never share the name of a column of its FROM.
    func hiddenName(_ prefix: String) -> String { nextAlias("__cq_\(prefix)") }

    func writer(_ s: Select) -> SQLExpressionWriter {
        SQLExpressionWriter(dialect: dialect, columns: s.columns, subqueries: self)
    }

    /// A subquery of an expression: its SELECT (its let-bound tables join the statement's WITH clauses).
    /// It keeps cq's order only where a take inside it needs it; the order of its rows is nobody's concern.
    func subquery(_ plan: Plan) throws -> String {
        let select = try compile(plan, order: Self.claimsOrder(plan), qualify: false)
        return render(select, orderBy: false, hidden: [])
    }

    // MARK: - Plan nodes

    /// The SELECT for a plan; `order`: a consumer needs cq's row order; `qualify`: columns must carry
    /// their table's name (the left side of a join).
    func compile(_ plan: Plan, order: Bool, qualify: Bool) throws -> Select {
        switch plan {
        case .scan(let source):
            return try scan(source, order: order, qualify: qualify, avoiding: [])

        case .filter(let input, let predicate):
            var s = try compile(input, order: order, qualify: qualify)
            if s.groupBy != nil || s.distinct || s.limit != nil || repeats([predicate], s) {
                s = close(s, keepOrder: order, qualify: qualify)
            }
            s.wheres.append(try writer(s).write(predicate))
            return s

        case .project(let input, let outputs):
            var s = try compile(input, order: order, qualify: qualify)
            let exprs = outputs.map(\.value)
            if s.distinct || repeats(exprs, s) || ((s.order != nil || s.limit != nil) && captures(outputs.map { ($0.name, $0.value) }, s)) {
                s = close(s, keepOrder: order, qualify: qualify)
            }
            let w = writer(s)
            let columns = try exprs.map { try w.write($0) }
            s.simple = exprs.map { isSimple($0, s) }
            s.columns = columns
            s.names = outputs.map(\.name)
            return s

        case .aggregate(let input, let keys, let aggregates):
            let ordered = order && !keys.isEmpty
            var s = try compile(input, order: ordered, qualify: qualify)
            let exprs = keys.map(\.value) + aggregates.flatMap(\.value.arguments)
            if s.groupBy != nil || s.distinct || s.limit != nil || repeats(exprs, s) {
                s = close(s, keepOrder: ordered, qualify: qualify)
            }
            // Ordered groups sort by key expressions: an output name equal to an input name would capture them,
            // so the input is then named through a qualifier.
            let outputs = keys.map { ($0.name, Optional($0.value)) } + aggregates.map { ($0.name, BoundExpr?.none) }
            let qualified = qualify || (ordered && captures(outputs, s))
            if qualified && !qualify { s = close(s, keepOrder: ordered, qualify: true) }
            if ordered { s = singleOrdinal(s, qualify: qualified) }
            let w = writer(s)
            let keyTexts = try keys.map { try w.write($0.value) }
            let aggregateTexts = try aggregates.map { try w.aggregate($0.value) }
            s.groupBy = zip(keys, keyTexts).map { w.groupTerm($1, $0.value.type) }
            s.simple = keys.map { isSimple($0.value, s) } + aggregates.map { _ in false }
            s.columns = keyTexts + aggregateTexts
            s.names = keys.map(\.name) + aggregates.map(\.name)
            s.order = firstOccurrence(s.order, wanted: order)
            s.starColumns = nil
            return s

        case .sort(let input, let keys):
            // A sort nobody sees the order of (under a summarize, say) changes nothing.
            guard order else { return try compile(input, order: false, qualify: qualify) }
            var s = try compile(input, order: true, qualify: qualify)
            if s.distinct || s.limit != nil || repeats(keys.map(\.expr), s) {
                s = close(s, keepOrder: true, qualify: qualify)
            }
            let w = writer(s)
            let terms = try keys.filter { !$0.expr.isConstant }.map {
                OrderTerm(sql: try w.write($0.expr), descending: $0.descending, nullsFirst: $0.nullsFirst,
                          isText: $0.expr.type == .string)
            }
            // Stable: ties keep the input order.
            s.order = terms + (s.order ?? [])
            return s

        case .limit(let input, let n):
            var s = try compile(input, order: true, qualify: qualify)
            if let m = s.limit {
                s.limit = min(m, n)
                return s
            }
            if s.distinct { s = close(s, keepOrder: true, qualify: qualify) }
            s.limit = n
            return s

        case .top(let input, let n, let keys):
            return try compile(.limit(.sort(input, keys), n), order: order, qualify: qualify)

        case .distinct(let input):
            var s = try compile(input, order: order, qualify: qualify)
            if s.distinct || s.limit != nil || (order && s.groupBy != nil) {
                s = close(s, keepOrder: order, qualify: qualify)
            }
            guard order else {
                s.distinct = true
                return s
            }
            // In order of first occurrence: group by every column and order by the first row of each group.
            s = singleOrdinal(s, qualify: qualify)
            let w = writer(s)
            s.groupBy = zip(s.columns, input.schema).map { w.groupTerm($0, $1.type) }
            s.simple = s.columns.map { _ in false }
            s.order = firstOccurrence(s.order, wanted: true)
            s.starColumns = nil
            return s

        case .join(let left, let right, let join):
            return try self.join(left, right, join, order: order)

        case .union(let first, let second):
            return try union(first, second, order: order, qualify: qualify)

        case .setOperation(let op, let first, let second):
            return try setOperation(op, first, second, order: order, qualify: qualify)

        case .perGroup(let input, let n, let keys, let per):
            return try perGroup(input, n, keys, per, order: order, qualify: qualify)

        case .window(let input, let windows):
            return try window(input, windows, order: order, qualify: qualify)

        case .chart(_, let label, let value):
            throw CQError(.unsupportedSQL(stage: "chart", dialect: dialect.displayName), at: label.range.union(value.range))

        case .pivot(let input, let pivot):
            return try self.pivot(input, pivot, order: order, qualify: qualify)

        case .unpivot(let input, let unpivot):
            return try self.unpivot(input, unpivot, order: order, qualify: qualify)

        case .sample(_, let sample):
            throw self.sample(sample)
        }
    }

    /// A table: a base table by its name, a let-bound table through its WITH clause.
    func scan(_ source: TableSource, order: Bool, qualify: Bool, avoiding: Set<String>) throws -> Select {
        var table = dialect.quote(source.name)
        var ordinal = dialect.rowIdentifier
        var star = true
        if let definition = source.definition {
            table = try cte(definition, name: source.name, ordered: order)
            ordinal = order ? Self.ordinalName : nil
            star = false
        }
        var qualifier = table
        var from = table
        if avoiding.contains(table) {
            qualifier = nextAlias("_t")
            from = "\(table) AS \(qualifier)"
        }
        if order && ordinal == nil {
            // Portable SQL has no row identifier: number the rows as the engine scans them.
            qualifier = nextAlias()
            from = "(SELECT *, ROW_NUMBER() OVER () AS \(Self.ordinalName) FROM \(table)) AS \(qualifier)"
            ordinal = Self.ordinalName
            star = false
        }
        func ref(_ name: String) -> String { qualify ? "\(qualifier).\(dialect.quote(name))" : dialect.quote(name) }
        let names = source.schema.map(\.name)
        let columns = names.map { SQLText(ref($0)) }
        var terms: [OrderTerm]?
        if order, let ordinal {
            terms = [OrderTerm(sql: SQLText(qualify ? "\(qualifier).\(ordinal)" : ordinal), ordinal: true)]
        }
        return Select(from: from, columns: columns, names: names, simple: names.map { _ in true },
                      unqualified: qualify ? [] : Set(names + [ordinal].compactMap { $0 }), qualifiers: [qualifier],
                      starColumns: star ? columns.map(\.text) : nil, order: terms)
    }

    /// The WITH clause of a let-bound table (compiled once; again with its row number when order is first needed).
    func cte(_ definition: TableDefinition, name: String, ordered: Bool) throws -> String {
        if let i = ctes.firstIndex(where: { $0.id == definition.id }) {
            if ctes[i].ordered || !ordered { return ctes[i].name }
            ctes[i].text = try cteText(definition.plan, ordered: true)
            ctes[i].ordered = true
            return ctes[i].name
        }
        let text = try cteText(definition.plan, ordered: ordered)
        var cteName = dialect.quote(name)
        var n = 2
        while ctes.contains(where: { $0.name == cteName }) {
            cteName = dialect.quote("\(name)_\(n)")
            n += 1
        }
        ctes.append((definition.id, cteName, ordered, text))
        return cteName
    }

    func cteText(_ plan: Plan, ordered: Bool) throws -> String {
        let s = try compile(plan, order: ordered, qualify: false)
        return render(s, orderBy: false, hidden: ordered ? [(rowNumber(s), Self.ordinalName)] : [])
    }

    /// ROW_NUMBER() over a select's order: one ascending ordinal for its rows.
    func rowNumber(_ s: Select) -> String {
        let terms = s.order ?? []
        return terms.isEmpty ? "ROW_NUMBER() OVER ()" : "ROW_NUMBER() OVER (ORDER BY \(orderList(terms)))"
    }

    /// The order after grouping: groups in order of their first row (nil when not wanted, none for one row).
    func firstOccurrence(_ order: [OrderTerm]?, wanted: Bool) -> [OrderTerm]? {
        guard wanted else { return nil }
        guard let first = order?.first else { return [] }
        return [OrderTerm(sql: SQLText("MIN(\(first.sql.text))"), ordinal: true)]
    }

    func union(_ first: Plan, _ second: Plan, order: Bool, qualify: Bool) throws -> Select {
        var texts: [String] = []
        var names: [String] = []
        let partName = hiddenName("part"), rowName = hiddenName("row")
        for (part, plan) in [first, second].enumerated() {
            var side = try compile(plan, order: order, qualify: false)
            // A side of UNION ALL cannot carry its own ORDER BY or LIMIT.
            if side.limit != nil { side = close(side, keepOrder: order, qualify: false) }
            let hidden = order ? [(String(part), partName), (rowNumber(side), rowName)] : []
            texts.append(render(side, orderBy: false, hidden: hidden))
            names = side.names
        }
        let compound = texts[0] + "\nUNION ALL\n" + texts[1]
        let alias = nextAlias()
        func ref(_ name: String) -> String { qualify ? "\(alias).\(name)" : name }
        let columns = names.map { SQLText(ref(dialect.quote($0))) }
        var terms: [OrderTerm]?
        if order {
            terms = [OrderTerm(sql: SQLText(ref(partName)), ordinal: true), OrderTerm(sql: SQLText(ref(rowName)), ordinal: true)]
        }
        return Select(from: "(\n\(Self.indent(compound))\n) AS \(alias)", columns: columns, names: names,
                      simple: names.map { _ in true }, unqualified: qualify ? [] : Set(names),
                      qualifiers: [alias], starColumns: order ? nil : columns.map(\.text), order: terms,
                      compound: order ? nil : compound)
    }

    // MARK: - Subqueries

    /// The select as a subquery in FROM, its order (if kept) carried in hidden columns — or, `numbered`,
    /// as one ascending row number (for MIN over groups). `extra` hidden columns (SQL, name) come along,
    /// for the caller to refer to through the subquery's alias (its only qualifier).
    func close(_ s: Select, keepOrder: Bool, qualify: Bool, numbered: Bool = false,
               extra: [(String, String)] = []) -> Select {
        let alias = nextAlias()
        func ref(_ name: String) -> String { qualify ? "\(alias).\(name)" : name }
        var hidden = extra
        var terms: [OrderTerm]?
        if numbered {
            let name = hiddenName("row")
            hidden.append((rowNumber(s), name))
            terms = [OrderTerm(sql: SQLText(ref(name)), ordinal: true)]
        } else if keepOrder, let order = s.order {
            terms = order.map { t in
                let name = hiddenName("o")
                hidden.append((t.sql.text, name))
                var moved = t
                moved.sql = SQLText(ref(name))
                return moved
            }
        }
        let columns = s.names.map { SQLText(ref(dialect.quote($0))) }
        return Select(from: "(\n\(Self.indent(render(s, orderBy: false, hidden: hidden)))\n) AS \(alias)",
                      columns: columns, names: s.names, simple: s.names.map { _ in true },
                      unqualified: qualify ? [] : Set(s.names + hidden.map(\.1)), qualifiers: [alias],
                      starColumns: hidden.isEmpty ? columns.map(\.text) : nil, order: terms)
    }

    /// The select with its order as one ordinal (for MIN over groups): as it is, or numbered in a subquery.
    func singleOrdinal(_ s: Select, qualify: Bool) -> Select {
        guard let order = s.order, !order.isEmpty, !(order.count == 1 && order[0].ordinal) else { return s }
        return close(s, keepOrder: true, qualify: qualify, numbered: true)
    }

    /// Whether the expressions refer more than once to a computed column (inlining it would repeat its work).
    func repeats(_ exprs: [BoundExpr], _ s: Select) -> Bool {
        var counts: [Int: Int] = [:]
        for e in exprs {
            e.forEach { if case .column(let i) = $0.kind { counts[i, default: 0] += 1 } }
        }
        return counts.contains { i, n in n > 1 && s.simple.indices.contains(i) && !s.simple[i] }
    }

    /// Whether a new output name equals an unqualified input name it does not stand for
    /// (ORDER BY would then read the output column). Compared without case: SQLite and DuckDB
    /// match names that way.
    func captures(_ outputs: [(name: String, value: BoundExpr?)], _ s: Select) -> Bool {
        let inputs = Set(s.unqualified.map { $0.lowercased() })
        return outputs.contains { output in
            if case .column(let i)? = output.value?.kind, s.columns.indices.contains(i),
               s.columns[i].text == dialect.quote(output.name) { return false }
            return inputs.contains(output.name.lowercased())
        }
    }

    func isSimple(_ e: BoundExpr, _ s: Select) -> Bool {
        switch e.kind {
        case .column(let i): return s.simple.indices.contains(i) && s.simple[i]
        case .literal: return true
        default: return false
        }
    }

    // MARK: - Text

    func orderList(_ terms: [OrderTerm]) -> String {
        terms.map { t in
            let sql = t.isText ? (dialect.byteCollation.map { SQLText(t.sql.atomic + $0, SQLText.unary) } ?? t.sql) : t.sql
            if t.ordinal { return sql.text + (t.descending ? " DESC" : "") }
            return dialect.orderTerm(sql, descending: t.descending, nullsFirst: t.nullsFirst)
        }.joined(separator: ", ")
    }

    /// Whether a column's SQL already gives its output name (`name` or `table.name`).
    func named(_ text: String, _ name: String) -> Bool {
        let quoted = dialect.quote(name)
        if text == quoted { return true }
        guard text.hasSuffix("." + quoted) else { return false }
        let qualifier = text.dropLast(quoted.count + 1)
        let plain = qualifier.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        let q = Character(dialect.identifierQuote)
        let quotedName = qualifier.count >= 2 && qualifier.first == q && qualifier.last == q
        return !qualifier.isEmpty && (plain || quotedName)
    }

    /// The SELECT as text, one clause per line; `hidden` columns follow the visible ones.
    func render(_ s: Select, orderBy: Bool, hidden: [(String, String)]) -> String {
        let isStar = hidden.isEmpty && s.groupBy == nil && s.starColumns == s.columns.map(\.text)
            && zip(s.columns, s.names).allSatisfy { named($0.text, $1) }
        if isStar, let compound = s.compound, s.wheres.isEmpty, !s.distinct, s.limit == nil, !(orderBy && !(s.order ?? []).isEmpty) {
            return compound
        }
        var items: [String]
        if isStar {
            items = ["*"]
        } else {
            items = zip(s.columns, s.names).map { column, name in
                named(column.text, name) ? column.text : "\(column.text) AS \(dialect.quote(name))"
            }
        }
        items += hidden.map { "\($0.0) AS \($0.1)" }
        var lines = ["SELECT " + (s.distinct ? "DISTINCT " : "") + items.joined(separator: ", "), "FROM " + s.from]
        if !s.wheres.isEmpty {
            lines.append("WHERE " + s.wheres.map { s.wheres.count > 1 ? $0.operand(SQLText.and) : $0.text }.joined(separator: " AND "))
        }
        if let keys = s.groupBy, !keys.isEmpty { lines.append("GROUP BY " + keys.joined(separator: ", ")) }
        if orderBy || s.limit != nil, let order = s.order, !order.isEmpty {
            lines.append("ORDER BY " + orderList(order))
        }
        if let n = s.limit { lines.append("LIMIT \(n)") }
        return lines.joined(separator: "\n")
    }
}
