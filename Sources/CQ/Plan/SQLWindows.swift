// SQLWindows: a window node as SQL — each call as `F(…) OVER (PARTITION BY …
// ORDER BY … ROWS BETWEEN …)` with cq's meaning in every dialect.
//
// The input is closed into a subquery that carries cq's row order; that
// order is the last ORDER BY term of every window whose result depends on
// the order of tied rows (SQL's sort is not stable; cq's is), and is left
// out where ties are peers (rank, dense_rank, percent_rank). Aggregates
// always state their frame in ROWS (SQL's default frame is RANGE, which
// counts tied rows as peers; cq's `..0` does not). `first`/`last` skip
// nulls: DuckDB says IGNORE NULLS; PostgreSQL collects the non-null values
// of the frame (ARRAY_AGG … FILTER) and takes the first; `last` is `first`
// in the reverse order over the mirrored frame; SQLite and portable SQL
// have no form and refuse. The window select is closed again, so later
// stages read its calls as plain columns (SQL allows no window function in
// WHERE). The aggregates' own spellings are their definitions'; the call is
// turned into a window call by SQLExpressionWriter's `window` clause.

/// The OVER clause a writer appends to the next function call it writes, and how often it did.
final class SQLWindowClause {
    let text: String
    var uses = 0
    init(_ text: String) { self.text = text }
}

extension SQLBuilder {
    func window(_ input: Plan, _ windows: [Output<BoundWindow>], order: Bool, qualify: Bool) throws -> Select {
        var s = close(try compile(input, order: true, qualify: false), keepOrder: true, qualify: false)
        let plain = writer(s)
        let inputOrder = s.order ?? []
        var texts: [SQLText] = []
        for window in windows.map(\.value) {
            texts.append(try call(window, plain, inputOrder))
        }
        s.columns += texts
        s.names += windows.map { _ in hiddenName("w") }
        s.simple = s.columns.map { _ in false }
        s.starColumns = nil
        if !order { s.order = nil }
        return close(s, keepOrder: order, qualify: qualify)
    }

    /// One window call with its OVER clause.
    private func call(_ window: BoundWindow, _ plain: SQLExpressionWriter, _ inputOrder: [OrderTerm]) throws -> SQLText {
        let f = window.function
        let arguments = try window.arguments.map { try plain.write($0) }
        var keys = try window.order.filter { !$0.expr.isConstant }.map {
            OrderTerm(sql: try plain.write($0.expr), descending: $0.descending, nullsFirst: $0.nullsFirst,
                      isText: $0.expr.type == .string)
        }
        if !(f.windowKind?.usesPeers ?? false) { keys += inputOrder }
        var frame = window.frame
        let isEnd = f.windowKind == nil && (f.name == "first" || f.name == "last")
        if isEnd && f.name == "last" {
            // last over a frame is first over the frame mirrored, in the reverse order.
            keys = keys.map { var k = $0; k.descending.toggle(); k.nullsFirst.toggle(); return k }
            frame = RowFrame(start: window.frame.end.map { 0 - $0 }, end: window.frame.start.map { 0 - $0 })
        }
        var clause: [String] = []
        let partition = try window.partition.map { try plain.write($0).text }
        if !partition.isEmpty { clause.append("PARTITION BY " + partition.joined(separator: ", ")) }
        if !keys.isEmpty { clause.append("ORDER BY " + orderList(keys)) }
        if f.windowKind == nil { clause.append(rows(frame)) }
        let over = clause.joined(separator: " ")
        if isEnd { return try end(window, arguments, over) }
        switch f.windowKind {
        case .lag?, .lead?:
            return try shifted(window, arguments, over, plain)
        case .some:
            var windowed = plain
            windowed.window = SQLWindowClause(over)
            return try windowed.spell(f, SQLCall(arguments: window.arguments, sql: arguments, type: window.type, range: window.range))
        case nil:
            if f == .count && arguments.isEmpty { return SQLText("COUNT(*) OVER (\(over))") }
            var windowed = plain
            let clause = SQLWindowClause(over)
            windowed.window = clause
            let text = try windowed.spell(f, SQLCall(arguments: window.arguments, sql: arguments, type: window.type, range: window.range))
            guard clause.uses == 1 else { throw plain.refuse("\(f.name)() over a window", window.range) }
            return text
        }
    }

    /// `ROWS BETWEEN … AND …` for a frame of offsets.
    private func rows(_ frame: RowFrame) -> String {
        func bound(_ offset: Int?, open: String) -> String {
            guard let offset else { return "UNBOUNDED \(open)" }
            if offset == 0 { return "CURRENT ROW" }
            return "\(offset.magnitude) \(offset < 0 ? "PRECEDING" : "FOLLOWING")"
        }
        return "ROWS BETWEEN \(bound(frame.start, open: "PRECEDING")) AND \(bound(frame.end, open: "FOLLOWING"))"
    }

    /// first (and last, already turned into first): the first non-null value of the frame.
    private func end(_ window: BoundWindow, _ arguments: [SQLText], _ over: String) throws -> SQLText {
        guard let x = arguments.first else { throw CQError(.internalFault(expression: window.text, detail: "no argument"), at: window.range) }
        switch dialect {
        case .duckdb: return SQLText("FIRST_VALUE(\(x.text) IGNORE NULLS) OVER (\(over))")
        case .postgres: return SQLText("(ARRAY_AGG(\(x.text)) FILTER (WHERE \(x.text) IS NOT NULL) OVER (\(over)))[1]")
        case .sqlite, .portable, .mysql: throw CQError(.unsupportedSQL(stage: "\(window.function.name)() over a window", dialect: dialect.displayName), at: window.range)
        }
    }

    /// lag / lead with a constant offset (a negative one turns lag into lead), the default in the result's type.
    private func shifted(_ window: BoundWindow, _ arguments: [SQLText], _ over: String, _ plain: SQLExpressionWriter) throws -> SQLText {
        var offset = 1
        if window.arguments.count > 1, case .int(let n) = try Evaluator().evaluateScalar(window.arguments[1]) { offset = n }
        guard offset != Int.min else { throw CQError(.unsupportedSQL(stage: "an offset of -2^63", dialect: dialect.displayName), at: window.range) }
        let backwards = (window.function.windowKind == .lag) == (offset >= 0)
        var parts = zip(window.arguments, arguments).enumerated().map { i, pair -> String in
            let (bound, text) = pair
            if i == 1 { return String(offset.magnitude) }
            return bound.type == window.type || bound.type == .null ? text.text : plain.cast(text, window.type).text
        }
        if parts.isEmpty { throw CQError(.internalFault(expression: window.text, detail: "no argument"), at: window.range) }
        if parts.count == 1 { parts.append("1") }
        return SQLText("\(backwards ? "LAG" : "LEAD")(\(parts.joined(separator: ", "))) OVER (\(over))")
    }
}
