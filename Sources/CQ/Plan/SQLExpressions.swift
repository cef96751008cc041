// SQLExpressions: one typed expression or aggregate call of a plan written
// as SQL over the columns of a FROM scope, keeping cq's meaning: `/` divides
// as floats, `//` truncates, `%` takes the dividend's sign, `contains` and
// friends never treat `%` or `_` as wildcards, round decides halves as cq
// does (the same IEEE operations, spelled in SQL), nulls propagate as in cq.
//
// Constant parts are folded with cq's own Evaluator (so `int("1.5亿")` or
// `date("2023-03-06")` become literals); a constant whose evaluation fails is
// written out, and the engine's answer may differ where cq's is an error
// (see docs/reference.md). What a dialect cannot express exactly is refused
// with a positioned `unsupportedSQL` error. Which columns are in scope, and
// the structure of the query, are SQLEmitter's job — including the SELECT of
// a subquery, which is written here in parentheses (`x IN (SELECT …)`).

/// SQL text with the precedence of its outermost operator, so a parent knows when to add parentheses.
struct SQLText {
    var text: String
    var precedence: Int
    /// A literal (GROUP BY would read an integer literal as a column position).
    var isLiteral = false

    static let or = 1, and = 2, not = 3, comparison = 4, concat = 5, additive = 6, multiplicative = 7, unary = 8
    static let atom = 9

    init(_ text: String, _ precedence: Int = SQLText.atom) {
        self.text = text
        self.precedence = precedence
    }

    /// The text as an operand of an operator of precedence `p` (parenthesised when it binds looser,
    /// or equally on the right, where SQL's operators associate to the left).
    func operand(_ p: Int, right: Bool = false) -> String {
        precedence < p || (right && precedence == p) || (precedence == p && p == SQLText.comparison)
            ? "(\(text))" : text
    }

    /// The text where only an atom will do (before COLLATE, after NOT).
    var atomic: String { precedence == SQLText.atom ? text : "(\(text))" }
}

/// Writes expressions of one dialect over a scope of columns.
struct SQLExpressionWriter {
    let dialect: SQLDialect
    /// Input column i of the expression, as SQL over the FROM scope.
    let columns: [SQLText]
    /// Compiles the plans of subqueries (nil: an expression with a subquery is refused).
    var subqueries: SQLBuilder?

    func refuse(_ what: String, _ range: SourceRange) -> CQError {
        CQError(.unsupportedSQL(stage: what, dialect: dialect.displayName), at: range)
    }

    // MARK: - Expressions

    func write(_ e: BoundExpr) throws -> SQLText {
        if e.isConstant, let folded = try fold(e) { return folded }
        switch e.kind {
        case .column(let i):
            guard columns.indices.contains(i) else { throw CQError(.internalFault(expression: e.text, detail: "column \(i) is not in scope"), at: e.range) }
            return columns[i]
        case .literal(let v):
            return literal(v, type: e.type)
        case .unary(.not, let a):
            return SQLText("NOT " + (try write(a)).atomic, SQLText.not)
        case .unary(.negate, let a):
            let x = try write(a)
            return SQLText("-" + (x.precedence == SQLText.atom && !x.text.hasPrefix("-") ? x.text : "(\(x.text))"), SQLText.unary)
        case .binary(let op, let a, let b):
            return try binary(op, a, b, e)
        case .call(let fn, let args):
            return try call(fn, args, e)
        case .isNull(let a, let negated):
            return SQLText((try write(a)).operand(SQLText.comparison + 1) + (negated ? " IS NOT NULL" : " IS NULL"), SQLText.comparison)
        case .inList(let a, var values, let negated):
            var x = try write(a)
            if a.type.isTemporal, values.contains(where: { $0.type.isTemporal && $0.type != a.type }) {
                // Dates among datetimes: everything as datetimes.
                x = try widenedTemporal(x, a, .datetime, e)
                values = values.map { $0.micros.map(Value.datetime) ?? $0 }
            }
            if values.isEmpty {
                // No item: false (true for `not in`), null for a null x.
                return SQLText(negated ? "\(x.operand(SQLText.comparison + 1)) IS NOT NULL OR NULL"
                                       : "\(x.operand(SQLText.comparison + 1)) IS NULL AND NULL",
                               negated ? SQLText.or : SQLText.and)
            }
            let items = values.map { literalText($0, type: $0.type).text }.joined(separator: ", ")
            return SQLText("\(x.operand(SQLText.comparison + 1)) \(negated ? "NOT IN" : "IN") (\(items))", SQLText.comparison)
        case .subquery(let query):
            return SQLText(try select(query))
        case .inSubquery(let a, let query, let negated):
            let x = try write(a)
            return SQLText("\(x.operand(SQLText.comparison + 1)) \(negated ? "NOT IN" : "IN") \(try select(query))", SQLText.comparison)
        case .exists(let query):
            return SQLText("EXISTS " + (try select(query)))
        }
    }

    /// A subquery's SELECT in parentheses, its lines indented.
    func select(_ query: BoundSubquery) throws -> String {
        guard let subqueries else { throw refuse("a subquery here", query.range) }
        return "(\n" + SQLBuilder.indent(try subqueries.subquery(query.plan)) + "\n)"
    }

    /// A constant expression evaluated by cq (nil when it is a plain literal or its evaluation fails).
    func fold(_ e: BoundExpr) throws -> SQLText? {
        if case .literal = e.kind { return nil }
        guard let value = try? Evaluator().evaluateScalar(e) else { return nil }
        // SQL has no literal for an infinity: leave the arithmetic to the engine.
        if case .float(let d) = value, !d.isFinite { return nil }
        return literal(value, type: e.type)
    }

    /// A value as a literal; a null of a known type is cast to it (so UNION and CASE see the type).
    func literal(_ v: Value, type: DataType) -> SQLText {
        var text = literalText(v, type: type)
        text.isLiteral = true
        return text
    }

    func literalText(_ v: Value, type: DataType) -> SQLText {
        switch v {
        case .null:
            return type == .null ? SQLText("NULL") : SQLText("CAST(NULL AS \(dialect.typeName(type)))")
        default:
            let text = v.type.traits.sqlLiteral(v, dialect)
            return SQLText(text, text.hasPrefix("-") ? SQLText.unary : SQLText.atom)
        }
    }

    func infix(_ a: SQLText, _ op: String, _ b: SQLText, _ p: Int) -> SQLText {
        SQLText("\(a.operand(p)) \(op) \(b.operand(p, right: true))", p)
    }

    func function(_ name: String, _ args: [SQLText]) -> SQLText {
        SQLText("\(name)(\(args.map(\.text).joined(separator: ", ")))")
    }

    func cast(_ x: SQLText, _ type: DataType) -> SQLText {
        SQLText("CAST(\(x.text) AS \(dialect.typeName(type)))")
    }

    /// A GROUP BY term: the expression, a literal cast (so it is an expression, not a column position).
    func groupTerm(_ x: SQLText, _ type: DataType) -> String {
        x.isLiteral ? cast(x, type).text : x.text
    }

    /// x with the byte collation when it is text and the dialect needs one.
    func collated(_ x: SQLText, _ type: DataType) -> SQLText {
        guard type == .string, let c = dialect.byteCollation else { return x }
        return SQLText(x.atomic + c, SQLText.unary)
    }

    /// x with the collation `=` on text needs in the dialect (MySQL's default ignores case).
    func equalityCollated(_ x: SQLText, _ type: DataType) -> SQLText {
        guard type == .string, let c = dialect.equalityCollation else { return x }
        return SQLText(x.atomic + c, SQLText.unary)
    }

    func binary(_ op: BinaryOp, _ a: BoundExpr, _ b: BoundExpr, _ e: BoundExpr) throws -> SQLText {
        var x = try write(a), y = try write(b)
        if op.isComparison {
            x = try widenedTemporal(x, a, b.type, e)
            y = try widenedTemporal(y, b, a.type, e)
        }
        switch op {
        case .and: return infix(x, "AND", y, SQLText.and)
        case .or: return infix(x, "OR", y, SQLText.or)
        case .eq: return infix(x, "=", equalityCollated(y, a.type), SQLText.comparison)
        case .ne: return infix(x, "<>", equalityCollated(y, a.type), SQLText.comparison)
        case .lt, .le, .gt, .ge:
            let symbol = [BinaryOp.lt: "<", .le: "<=", .gt: ">", .ge: ">="][op] ?? "<"
            return infix(x, symbol, collated(y, a.type == .string ? a.type : b.type), SQLText.comparison)
        case .contains: return contains(x, y, needle: b)
        case .startswith:
            switch dialect {
            case .duckdb, .postgres: return function("starts_with", [x, y])
            case .sqlite, .portable:
                return infix(function("SUBSTR", [x, SQLText("1"), function("LENGTH", [y])]), "=", y, SQLText.comparison)
            case .mysql:
                return infix(function("LEFT", [x, function("CHAR_LENGTH", [y])]), "=", equalityCollated(y, .string), SQLText.comparison)
            }
        case .endswith: return endsWith(x, y, needle: b)
        case .matches:
            switch dialect {
            case .duckdb: return function("regexp_matches", [x, y])
            case .postgres: return infix(x, "~", y, SQLText.comparison)
            case .sqlite, .portable, .mysql: throw refuse("'matches' (regular expressions)", e.range)
            }
        case .coalesce: return function("COALESCE", [x, y])
        case .add, .sub: return try additive(op, x, y, a.type, b.type, e)
        case .mul: return infix(x, "*", y, SQLText.multiplicative)
        case .div:
            let left = a.type.isNumeric && a.type != .float && b.type != .float ? cast(x, .float) : x
            return infix(left, "/", y, SQLText.multiplicative)
        case .intdiv:
            if e.type == .int {
                switch dialect {
                case .sqlite, .postgres: return infix(x, "/", y, SQLText.multiplicative)
                case .duckdb: return infix(x, "//", y, SQLText.multiplicative)
                case .mysql: return infix(x, "DIV", y, SQLText.multiplicative)
                case .portable: throw refuse("'//' on integers", e.range)
                }
            }
            if dialect == .mysql { throw refuse("'//' on floats", e.range) }
            return function("TRUNC", [infix(x, "/", y, SQLText.multiplicative)])
        case .mod:
            // DuckDB's `%` on doubles is C's fmod (its fmod() is not: it floors).
            if e.type == .int || dialect == .duckdb { return infix(x, "%", y, SQLText.multiplicative) }
            switch dialect {
            case .sqlite, .duckdb: return function("MOD", [x, y])
            case .postgres:
                return cast(function("MOD", [SQLText("CAST(\(x.text) AS NUMERIC)"), SQLText("CAST(\(y.text) AS NUMERIC)")]), .float)
            case .portable, .mysql: throw refuse("'%' on floats", e.range)
            }
        }
    }

    /// `s contains t`: a position search (no wildcards), or in portable SQL a REPLACE that shortens s.
    func contains(_ s: SQLText, _ t: SQLText, needle: BoundExpr) -> SQLText {
        switch dialect {
        case .sqlite: return infix(function("instr", [s, t]), ">", SQLText("0"), SQLText.comparison)
        case .postgres: return infix(function("strpos", [s, t]), ">", SQLText("0"), SQLText.comparison)
        case .duckdb: return function("contains", [s, t])
        case .mysql: return infix(function("LOCATE", [t, equalityCollated(s, .string)]), ">", SQLText("0"), SQLText.comparison)
        case .portable:
            let shorter = infix(function("LENGTH", [function("REPLACE", [s, t, SQLText("''")])]), "<",
                                function("LENGTH", [s]), SQLText.comparison)
            if case .literal(.string(let n)) = needle.kind, !n.isEmpty { return shorter }
            // An empty needle is found in every string (and a null needle gives null either way).
            return SQLText("CASE WHEN \(t.operand(SQLText.comparison)) = '' THEN \(s.operand(SQLText.comparison)) = "
                           + "\(s.operand(SQLText.comparison)) ELSE \(shorter.text) END")
        }
    }

    /// `s endswith t`, with no wildcard and no negative-position surprise.
    func endsWith(_ s: SQLText, _ t: SQLText, needle: BoundExpr) -> SQLText {
        switch dialect {
        case .duckdb: return function("suffix", [s, t])
        case .postgres: return infix(function("RIGHT", [s, function("LENGTH", [t])]), "=", t, SQLText.comparison)
        case .mysql:
            return infix(function("RIGHT", [s, function("CHAR_LENGTH", [t])]), "=", equalityCollated(t, .string), SQLText.comparison)
        case .sqlite, .portable:
            if dialect == .sqlite, case .literal(.string(let n)) = needle.kind, !n.isEmpty {
                return infix(function("substr", [s, SQLText("-\(n.unicodeScalars.count)", SQLText.unary)]), "=", t, SQLText.comparison)
            }
            let long = infix(function("LENGTH", [s]), ">=", function("LENGTH", [t]), SQLText.comparison)
            let start = SQLText("LENGTH(\(s.text)) - LENGTH(\(t.text)) + 1", SQLText.additive)
            let tail = infix(function("SUBSTR", [s, start]), "=", t, SQLText.comparison)
            return infix(long, "AND", tail, SQLText.and)
        }
    }

    /// `+` and `-`: numbers, and the forms of the operands' TypeTraits rules (concatenation, date arithmetic).
    func additive(_ op: BinaryOp, _ x: SQLText, _ y: SQLText, _ ta: DataType, _ tb: DataType, _ e: BoundExpr) throws -> SQLText {
        let symbol = op == .add ? "+" : "-"
        let rule = ta.isNumeric && tb.isNumeric ? nil : DataType.arithmeticRule(op, ta, tb)
        switch rule?.form {
        case .concatenate?:
            return dialect.concat(x, y)
        case .shiftDays?:
            // date ± days (or days + date).
            let (date, days) = rule?.left == .date ? (x, y) : (y, x)
            switch dialect {
            case .sqlite: return function("date", [infix(function("julianday", [date]), symbol, days, SQLText.additive)])
            case .duckdb, .postgres:
                // Both add an INTEGER of days to a DATE, not a BIGINT.
                return infix(date, symbol, days.isLiteral ? days : SQLText("CAST(\(days.text) AS INTEGER)"), SQLText.additive)
            case .portable, .mysql: throw refuse("date arithmetic", e.range)
            }
        case .daysBetween?:
            switch dialect {
            case .sqlite: return cast(infix(function("julianday", [x]), "-", function("julianday", [y]), SQLText.additive), .int)
            case .duckdb, .postgres: return infix(x, "-", y, SQLText.additive)
            case .portable, .mysql: throw refuse("date arithmetic", e.range)
            }
        case .secondsBetween?:
            // Whole microseconds subtracted, then divided as a float, as cq computes it.
            switch dialect {
            case .sqlite:
                // Datetimes are 'YYYY-MM-DD HH:MM:SS[.ffffff]' text: seconds from strftime, microseconds from the tail.
                // (strftime sees only the whole seconds: it would round a fraction to milliseconds.)
                func micros(_ t: SQLText) -> String {
                    "CAST(strftime('%s', SUBSTR(\(t.text), 1, 19)) AS INTEGER) * 1000000 + CAST(SUBSTR(\(t.text), 21) AS INTEGER)"
                }
                return SQLText("(\(micros(x)) - (\(micros(y)))) / 1000000.0", SQLText.multiplicative)
            case .duckdb:
                return SQLText("CAST(epoch_us(\(x.text)) - epoch_us(\(y.text)) AS DOUBLE) / 1000000", SQLText.multiplicative)
            case .postgres:
                return cast(SQLText("EXTRACT(EPOCH FROM \(x.operand(SQLText.additive)) - \(y.operand(SQLText.additive, right: true)))"), .float)
            case .portable, .mysql: throw refuse("datetime arithmetic", e.range)
            }
        case nil:
            return infix(x, symbol, y, SQLText.additive)
        }
    }

    // MARK: - Scalar functions

    /// The value of a constant argument (nil when it is not constant or fails).
    func constant(_ e: BoundExpr) -> Value? {
        guard e.isConstant else { return nil }
        return try? Evaluator().evaluateScalar(e)
    }

    /// A scalar call, written by its definition's spelling for this dialect.
    func call(_ f: Function, _ args: [BoundExpr], _ e: BoundExpr) throws -> SQLText {
        try spell(f, SQLCall(arguments: args, sql: try args.map(write), type: e.type, range: e.range))
    }

    /// A date compared with a datetime, as its midnight where the dialect does not convert it itself
    /// (SQLite's text dates would compare as shorter strings; a constant becomes a datetime literal);
    /// x as it is otherwise.
    func widenedTemporal(_ x: SQLText, _ date: BoundExpr, _ other: DataType, _ e: BoundExpr) throws -> SQLText {
        guard date.type == .date, other == .datetime else { return x }
        if let micros = constant(date)?.micros { return literal(.datetime(micros), type: .datetime) }
        switch dialect {
        case .sqlite: return function("datetime", [x])
        case .duckdb, .postgres: return x
        case .portable, .mysql: throw refuse("comparing a date with a datetime", e.range)
        }
    }

    /// A datetime as cq writes it: `YYYY-MM-DD HH:MM:SS`, and `.ffffff` only when there is a fraction.
    func datetimeText(_ x: SQLText, _ range: SourceRange) throws -> SQLText {
        let whole = "date_trunc('second', \(x.text)) = \(x.operand(SQLText.comparison + 1))"
        switch dialect {
        case .sqlite: return x
        case .duckdb:
            return SQLText("CASE WHEN \(whole) THEN strftime(\(x.text), '%Y-%m-%d %H:%M:%S') "
                           + "ELSE strftime(\(x.text), '%Y-%m-%d %H:%M:%S.%f') END")
        case .postgres:
            return SQLText("CASE WHEN \(whole) THEN to_char(\(x.text), 'YYYY-MM-DD HH24:MI:SS') "
                           + "ELSE to_char(\(x.text), 'YYYY-MM-DD HH24:MI:SS.US') END")
        case .portable, .mysql: throw refuse("string() of a datetime", range)
        }
    }

    /// round(x[, digits]) with cq's rule: half away from zero, halves decided on the decimal written
    /// (MathKernels.roundDouble), spelled with the same floating-point operations.
    func round(_ x: SQLText, _ args: [BoundExpr], _ range: SourceRange) throws -> SQLText {
        var digits = 0
        if args.count > 1 {
            guard case .int(let d)? = constant(args[1]) else { throw refuse("round() with digits that are not a constant", args[1].range) }
            digits = min(max(d, -30), 30)
        }
        if args.first?.type != .float {
            if digits >= 0 { return x }
            throw refuse("round() of an integer to negative digits", range)
        }
        var scaleValue = 1.0
        for _ in 0..<digits.magnitude { scaleValue *= 10 }
        let scale = literal(.float(scaleValue), type: .float).text
        /// y rounded to the nearest whole number, halves away from zero.
        func nearest(_ y: String) -> String {
            "FLOOR(\(y)) + CASE WHEN \(y) - FLOOR(\(y)) > 0.5 OR (\(y) - FLOOR(\(y)) = 0.5 AND \(y) > 0) THEN 1 ELSE 0 END"
        }
        let v = x.operand(SQLText.multiplicative)
        if digits == 0 { return SQLText(nearest(v), SQLText.additive) }
        if digits < 0 { return SQLText("(\(nearest("\(v) / \(scale)"))) * \(scale)", SQLText.multiplicative) }
        let y = "\(v) * \(scale)"
        let mid = "(FLOOR(\(y)) + 0.5) / \(scale)"
        return SQLText("CASE WHEN ABS(\(y)) >= 4503599627370496.0 THEN \(y) / \(scale) "
                       + "ELSE (FLOOR(\(y)) + CASE WHEN \(v) > \(mid) OR (\(v) = \(mid) AND \(v) > 0) THEN 1 ELSE 0 END) / \(scale) END")
    }

    // MARK: - Aggregates

    /// An aggregate call, written by its definition's spelling for this dialect.
    func aggregate(_ a: BoundAggregate) throws -> SQLText {
        try spell(a.function, SQLCall(arguments: a.arguments, sql: try a.arguments.map(write), type: a.type, range: a.range))
    }
}
