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
// the structure of the query, are SQLEmitter's job.

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

    func refuse(_ what: String, _ range: SourceRange) -> CQError {
        CQError(.unsupportedSQL(stage: what, dialect: dialect.displayName), at: range)
    }

    // MARK: - Expressions

    func write(_ e: BoundExpr) throws -> SQLText {
        if e.isConstant, let folded = try fold(e) { return folded }
        switch e.kind {
        case .column(let i):
            guard columns.indices.contains(i) else { throw CQError(.invalidArgument("column \(i) is not in scope"), at: e.range) }
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
        case .inList(let a, let values, let negated):
            let x = try write(a)
            if values.isEmpty {
                // No item: false (true for `not in`), null for a null x.
                return SQLText(negated ? "\(x.operand(SQLText.comparison + 1)) IS NOT NULL OR NULL"
                                       : "\(x.operand(SQLText.comparison + 1)) IS NULL AND NULL",
                               negated ? SQLText.or : SQLText.and)
            }
            let items = values.map { literalText($0, type: $0.type).text }.joined(separator: ", ")
            return SQLText("\(x.operand(SQLText.comparison + 1)) \(negated ? "NOT IN" : "IN") (\(items))", SQLText.comparison)
        }
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
        case .int(let i):
            return SQLText(String(i), i < 0 ? SQLText.unary : SQLText.atom)
        case .float(let d):
            var text = d.description
            if !text.contains(".") && !text.contains("e") && !text.contains("n") && !text.contains("i") { text += ".0" }
            return SQLText(text, d < 0 || text.hasPrefix("-") ? SQLText.unary : SQLText.atom)
        case .string(let s):
            return SQLText(dialect.stringLiteral(s))
        case .bool(let b):
            return SQLText(b ? "TRUE" : "FALSE")
        case .date(let d):
            return SQLText(dialect.dateLiteral(d))
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
        let x = try write(a), y = try write(b)
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

    /// `+` and `-`: numbers, string concatenation, and date arithmetic (days).
    func additive(_ op: BinaryOp, _ x: SQLText, _ y: SQLText, _ ta: DataType, _ tb: DataType, _ e: BoundExpr) throws -> SQLText {
        let symbol = op == .add ? "+" : "-"
        switch (e.type, ta, tb) {
        case (.string, _, _):
            return dialect.concat(x, y)
        case (.date, _, _):
            // date ± days (or days + date).
            let (date, days) = ta == .date ? (x, y) : (y, x)
            switch dialect {
            case .sqlite: return function("date", [infix(function("julianday", [date]), symbol, days, SQLText.additive)])
            case .duckdb, .postgres: return infix(date, symbol, days, SQLText.additive)
            case .portable, .mysql: throw refuse("date arithmetic", e.range)
            }
        case (.int, .date, .date):
            switch dialect {
            case .sqlite: return cast(infix(function("julianday", [x]), "-", function("julianday", [y]), SQLText.additive), .int)
            case .duckdb, .postgres: return infix(x, "-", y, SQLText.additive)
            case .portable, .mysql: throw refuse("date arithmetic", e.range)
            }
        default:
            return infix(x, symbol, y, SQLText.additive)
        }
    }

    // MARK: - Scalar functions

    /// The value of a constant argument (nil when it is not constant or fails).
    func constant(_ e: BoundExpr) -> Value? {
        guard e.isConstant else { return nil }
        return try? Evaluator().evaluateScalar(e)
    }

    func call(_ fn: ScalarFunction, _ args: [BoundExpr], _ e: BoundExpr) throws -> SQLText {
        // MySQL's spellings of the functions wait for a connection to test them on.
        if dialect == .mysql { throw refuse("\(fn.rawValue)()", e.range) }
        let xs = try args.map(write)
        guard let x = xs.first else { throw CQError(.invalidArgument("\(fn.rawValue)() needs an argument"), at: e.range) }
        let type = args[0].type
        switch fn {
        case .len: return function("LENGTH", [x])
        case .lower: return function("LOWER", [x])
        case .upper: return function("UPPER", [x])
        case .trim:
            // cq trims spaces, tabs, line breaks and the ideographic space U+3000.
            switch dialect {
            case .sqlite: return function("TRIM", [x, SQLText("' ' || CHAR(9, 10, 13, 12288)", SQLText.concat)])
            case .duckdb: return function("TRIM", [x, SQLText("' ' || CHR(9) || CHR(10) || CHR(13) || CHR(12288)", SQLText.concat)])
            case .postgres: return function("BTRIM", [x, SQLText("' ' || CHR(9) || CHR(10) || CHR(13) || CHR(12288)", SQLText.concat)])
            case .portable, .mysql: throw refuse("trim()", e.range)
            }
        case .substr:
            // Positions from 1 with a length of 0 or more mean the same everywhere; SQLite also has cq's rules for the rest.
            if dialect != .sqlite {
                guard case .int(let start)? = constant(args[1]), start >= 1 else {
                    throw refuse("substr() with a start that is not a constant of 1 or more", args[1].range)
                }
                if args.count > 2 {
                    guard case .int(let length)? = constant(args[2]), length >= 0 else {
                        throw refuse("substr() with a length that is not a constant of 0 or more", args[2].range)
                    }
                }
            }
            return function("SUBSTR", xs)
        case .replace:
            return function("REPLACE", xs)
        case .round:
            return try round(x, args, e)
        case .abs:
            return function("ABS", [x])
        case .floor, .ceil:
            return type == .float ? function(fn == .floor ? "FLOOR" : "CEIL", [x]) : x
        case .year, .month, .day:
            switch dialect {
            case .sqlite:
                let f = fn == .year ? "%Y" : fn == .month ? "%m" : "%d"
                return cast(function("STRFTIME", [SQLText("'\(f)'"), x]), .int)
            case .duckdb, .mysql: return function(fn.rawValue.uppercased(), [x])
            case .postgres: return cast(SQLText("EXTRACT(\(fn.rawValue.uppercased()) FROM \(x.text))"), .int)
            case .portable:
                // The digits of the date's ISO text (SQLite's dates are that text; PostgreSQL's default DateStyle writes it).
                let (start, length) = fn == .year ? (1, 4) : fn == .month ? (6, 2) : (9, 2)
                return cast(function("SUBSTR", [cast(x, .string), SQLText(String(start)), SQLText(String(length))]), .int)
            }
        case .date:
            if type == .date || type == .null { return x }
            switch dialect {
            case .sqlite: return function("DATE", [x])
            case .duckdb, .postgres: return cast(x, .date)
            case .portable, .mysql: throw refuse("date() of text", e.range)
            }
        case .if:
            return SQLText("CASE WHEN \(x.text) THEN \(xs[1].text) ELSE \(xs[2].text) END")
        case .coalesce:
            return function("COALESCE", xs)
        case .string:
            switch type {
            case .string, .null: return x
            case .int: return cast(x, .string)
            case .bool: return SQLText("CASE WHEN \(x.text) THEN 'true' WHEN NOT \(x.atomic) THEN 'false' END")
            case .date: return dialect == .sqlite ? x : cast(x, .string)
            case .float: throw refuse("string() of a float (cq writes the shortest text that reads back)", e.range)
            }
        case .int, .float:
            let target: DataType = fn == .int ? .int : .float
            switch type {
            case target, .null: return x
            case .bool:
                let (one, zero) = target == .int ? ("1", "0") : ("1.0", "0.0")
                return SQLText("CASE WHEN \(x.text) THEN \(one) WHEN NOT \(x.atomic) THEN \(zero) END")
            case .int: return cast(x, .float)
            case .float: return dialect == .sqlite ? cast(x, .int) : cast(function("TRUNC", [x]), .int)
            case .string, .date:
                throw refuse("\(fn.rawValue)() of text (cq reads 万 and 亿)", e.range)
            }
        }
    }

    /// round(x[, digits]) with cq's rule: half away from zero, halves decided on the decimal written
    /// (MathKernels.roundDouble), spelled with the same floating-point operations.
    func round(_ x: SQLText, _ args: [BoundExpr], _ e: BoundExpr) throws -> SQLText {
        var digits = 0
        if args.count > 1 {
            guard case .int(let d)? = constant(args[1]) else { throw refuse("round() with digits that are not a constant", args[1].range) }
            digits = min(max(d, -30), 30)
        }
        if args[0].type != .float {
            if digits >= 0 { return x }
            throw refuse("round() of an integer to negative digits", e.range)
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

    func aggregate(_ a: BoundAggregate) throws -> SQLText {
        guard let argument = a.argument else { return SQLText("COUNT(*)") }
        let x = try write(argument)
        let type = argument.type
        switch a.function {
        case .count: return function("COUNT", [x])
        case .countDistinct: return SQLText("COUNT(DISTINCT \(x.text))")
        case .sum:
            let sum = function("SUM", [x])
            return type == .float || dialect == .sqlite ? sum : cast(sum, .int)
        case .avg:
            let avg = function("AVG", [x])
            return type != .float && [.postgres, .portable, .mysql].contains(dialect) ? cast(avg, .float) : avg
        case .min, .max:
            let isMin = a.function == .min
            if type == .bool {
                switch dialect {
                case .postgres: return function(isMin ? "BOOL_AND" : "BOOL_OR", [x])
                case .portable, .mysql:
                    return infix(function(isMin ? "MIN" : "MAX", [SQLText("CASE WHEN \(x.text) THEN 1 WHEN NOT \(x.atomic) THEN 0 END")]),
                                 "=", SQLText("1"), SQLText.comparison)
                case .sqlite, .duckdb: break
                }
            }
            return function(isMin ? "MIN" : "MAX", [collated(x, type)])
        case .median:
            switch dialect {
            case .duckdb: return function("MEDIAN", [x])
            case .postgres: return SQLText("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY \(x.text))")
            case .sqlite, .portable, .mysql: throw refuse("median()", a.range)
            }
        case .stddev:
            switch dialect {
            case .duckdb, .mysql: return function("STDDEV_SAMP", [x])
            case .postgres: return type == .float ? function("STDDEV_SAMP", [x]) : cast(function("STDDEV_SAMP", [x]), .float)
            case .sqlite, .portable: throw refuse("stddev()", a.range)
            }
        }
    }
}
