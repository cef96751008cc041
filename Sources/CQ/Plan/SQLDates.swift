// SQLDates: how the date functions that take a unit or a pattern are
// written in each dialect — date_trunc, date_add, date_diff, format_date —
// and the microseconds of SQLite's datetime text. The definitions
// (Semantics/Functions/DateFunctions.swift) choose these writers per
// dialect; this file keeps cq's meaning: weeks from Monday, a month added
// to Jan 31 stopping at the month's end, date_diff counting boundaries,
// strftime's English names.
//
// SQLite keeps dates as 'YYYY-MM-DD' text and datetimes as
// 'YYYY-MM-DD HH:MM:SS[.ffffff]' text, so its forms are strftime, date
// modifiers and text surgery; DuckDB and PostgreSQL have date_trunc and
// intervals. A unit or pattern must be a constant (the SQL is chosen by
// it); otherwise the call is refused at that argument.

extension SQLExpressionWriter {
    /// The constant unit of argument i, or a refusal at it.
    func unit(_ c: SQLCall, _ i: Int, _ function: String) throws -> DateMath.Unit {
        let arg = try c.argument(i)
        guard case .string(let text)? = constant(arg), let unit = DateMath.Unit(rawValue: text) else {
            throw refuse("\(function)() with a unit that is not a constant", arg.range)
        }
        return unit
    }

    /// `'text'`.
    private func quoted(_ text: String) -> SQLText { SQLText(dialect.stringLiteral(text)) }

    // MARK: - date_trunc

    /// date_trunc in DuckDB and PostgreSQL: their DATE_TRUNC gives a timestamp, cast back for a date
    /// (whose day and shorter units are the date itself).
    func truncated(_ c: SQLCall) throws -> SQLText {
        let unit = try unit(c, 0, "date_trunc")
        let x = try c.x(1)
        guard c.type(1) == .date else { return function("DATE_TRUNC", [quoted(unit.rawValue), x]) }
        if (unit.micros ?? Int.max) <= DateMath.microsPerDay && unit != .week { return x }
        return cast(function("DATE_TRUNC", [quoted(unit.rawValue), x]), .date)
    }

    /// date_trunc in SQLite: the start's text written by strftime or reached by date modifiers.
    func sqliteTrunc(_ unit: DateMath.Unit, _ value: SQLText, _ type: DataType) throws -> SQLText {
        let x = sqliteDay(value, type)
        let day: SQLText
        switch unit {
        case .year: day = function("STRFTIME", [quoted("%Y-01-01"), x])
        case .quarter:
            let back = SQLText("'-' || ((CAST(STRFTIME('%m', \(x.text)) AS INTEGER) - 1) % 3) || ' months'", SQLText.concat)
            day = function("DATE", [x, quoted("start of month"), back])
        case .month: day = function("STRFTIME", [quoted("%Y-%m-01"), x])
        // The Monday on or before the day: the first Monday on or after six days before it.
        case .week: day = function("DATE", [x, quoted("-6 days"), quoted("weekday 1")])
        case .day: day = function("DATE", [x])
        case .hour, .minute, .second:
            if type == .date { return x }
            let pattern = unit == .hour ? "%Y-%m-%d %H:00:00" : unit == .minute ? "%Y-%m-%d %H:%M:00" : "%Y-%m-%d %H:%M:%S"
            return function("STRFTIME", [quoted(pattern), sqliteSeconds(value)])
        }
        return type == .date ? day : infix(day, "||", quoted(" 00:00:00"), SQLText.concat)
    }

    // MARK: - date_add

    /// The interval of one step of a unit (a quarter is three months, a week seven days).
    private func step(_ unit: DateMath.Unit) -> (count: Int, name: String) {
        switch unit {
        case .quarter: return (3, "month")
        case .week: return (7, "day")
        default: return (1, unit.rawValue)
        }
    }

    /// date_add in DuckDB and PostgreSQL: `d + n * INTERVAL`, whose months stop at a month's end as cq's do;
    /// a date's result (a timestamp) cast back.
    func intervalAdd(_ c: SQLCall) throws -> SQLText {
        let unit = try unit(c, 2, "date_add")
        let (count, name) = step(unit)
        let interval = SQLText("INTERVAL '\(count) \(name)'")
        let sum = infix(try c.x(0), "+", infix(try c.x(1), "*", interval, SQLText.multiplicative), SQLText.additive)
        return c.type(0) == .date ? cast(sum, .date) : sum
    }

    /// date_add in SQLite. Its '+N months' overflows into the next month (Jan 31 + 1 month = Mar 3), so a
    /// month is added to the month's first day and the day put back, capped by the new month's length;
    /// a datetime keeps its time of day (and its fraction) as text.
    func sqliteAdd(_ c: SQLCall) throws -> SQLText {
        let unit = try unit(c, 2, "date_add")
        let value = try c.x(0), n = try c.x(1)
        let x = sqliteDay(value, c.type(0))
        let (count, name) = step(unit)
        let amount = count == 1 ? n : infix(n, "*", SQLText(String(count)), SQLText.multiplicative)
        // SQLite's || binds tighter than + and *: the amount goes in brackets.
        func modifier(_ k: SQLText, _ name: String) -> SQLText { SQLText("(\(k.text)) || ' \(name)s'", SQLText.concat) }
        let day: SQLText
        switch unit {
        case .year, .quarter, .month:
            let months = unit == .year ? infix(n, "*", SQLText("12"), SQLText.multiplicative) : amount
            let next = infix(months, "+", SQLText("1"), SQLText.additive)
            let length = "CAST(STRFTIME('%d', DATE(\(x.text), 'start of month', \(modifier(next, "month").text), '-1 day')) AS INTEGER)"
            let keep = SQLText("MIN(CAST(STRFTIME('%d', \(x.text)) AS INTEGER), \(length)) - 1", SQLText.additive)
            day = function("DATE", [x, quoted("start of month"), modifier(months, "month"), modifier(keep, "day")])
        case .week, .day:
            day = function("DATE", [x, modifier(amount, "day")])
        case .hour, .minute, .second:
            guard c.type(0) == .datetime else { throw refuse("date_add() of a date in \(unit.rawValue)s", c.range) }
            let whole = function("STRFTIME", [quoted("%Y-%m-%d %H:%M:%S"), sqliteSeconds(value), modifier(amount, name)])
            return infix(whole, "||", function("SUBSTR", [value, SQLText("20")]), SQLText.concat)
        }
        return c.type(0) == .date ? day : infix(day, "||", function("SUBSTR", [value, SQLText("11")]), SQLText.concat)
    }

    // MARK: - date_diff

    /// `floor(a / k)` for integers of either sign (SQL's `/` truncates toward zero).
    private func floorDivided(_ a: String, _ k: Int) -> String {
        "((\(a)) - (((\(a)) % \(k)) + \(k)) % \(k)) / \(k)"
    }

    /// date_diff in SQLite: calendar fields from strftime, days by julianday, clock units by whole seconds.
    func sqliteDiff(_ c: SQLCall) throws -> SQLText {
        let unit = try unit(c, 0, "date_diff")
        let (a, b) = (sqliteDay(try c.x(1), c.type(1)).text, sqliteDay(try c.x(2), c.type(2)).text)
        func field(_ f: String, _ x: String) -> String { "CAST(STRFTIME('%\(f)', \(x)) AS INTEGER)" }
        let days = "CAST(JULIANDAY(\(b)) - JULIANDAY(\(a)) AS INTEGER)"
        let text: String
        switch unit {
        case .year: text = "\(field("Y", b)) - \(field("Y", a))"
        case .quarter: text = "(\(field("Y", b)) * 4 + (\(field("m", b)) - 1) / 3) - (\(field("Y", a)) * 4 + (\(field("m", a)) - 1) / 3)"
        case .month: text = "(\(field("Y", b)) * 12 + \(field("m", b))) - (\(field("Y", a)) * 12 + \(field("m", a)))"
        case .week: text = "\(days) / 7"
        case .day: text = days
        case .hour, .minute, .second:
            let size = (unit.micros ?? DateMath.microsPerSecond) / DateMath.microsPerSecond
            let (sa, sb) = (sqliteSeconds(try c.x(1)).text, sqliteSeconds(try c.x(2)).text)
            text = "\(floorDivided(field("s", sb), size)) - \(floorDivided(field("s", sa), size))"
        }
        return SQLText("(\(text))")
    }

    /// date_diff in PostgreSQL, which has none: EXTRACT of calendar fields, date subtraction for days,
    /// epoch seconds for clock units.
    func postgresDiff(_ c: SQLCall) throws -> SQLText {
        let unit = try unit(c, 0, "date_diff")
        let a = try c.x(1).text, b = try c.x(2).text
        func field(_ f: String, _ x: String) -> String { "EXTRACT(\(f) FROM \(x))" }
        let days = "(CAST(\(b) AS DATE) - CAST(\(a) AS DATE))"
        let text: String
        switch unit {
        case .year: text = "\(field("YEAR", b)) - \(field("YEAR", a))"
        case .quarter: text = "(\(field("YEAR", b)) * 4 + \(field("QUARTER", b))) - (\(field("YEAR", a)) * 4 + \(field("QUARTER", a)))"
        case .month: text = "(\(field("YEAR", b)) * 12 + \(field("MONTH", b))) - (\(field("YEAR", a)) * 12 + \(field("MONTH", a)))"
        case .week: text = "\(days) / 7"
        case .day: text = days
        case .hour, .minute, .second:
            let size = (unit.micros ?? DateMath.microsPerSecond) / DateMath.microsPerSecond
            text = "FLOOR(\(field("EPOCH", b)) / \(size)) - FLOOR(\(field("EPOCH", a)) / \(size))"
        }
        return cast(SQLText(text), .int)
    }

    // MARK: - format_date

    /// format_date with a constant pattern: DuckDB's strftime takes it as it is; SQLite's strftime and
    /// PostgreSQL's to_char take it translated, specifier by specifier (a specifier with no translation
    /// is refused).
    func formatDate(_ c: SQLCall) throws -> SQLText {
        let arg = try c.argument(1)
        guard case .string(let pattern)? = constant(arg), DateMath.patternProblem(pattern) == nil else {
            throw refuse("format_date() with a pattern that is not a constant", arg.range)
        }
        let x = try c.x(0)
        switch dialect {
        case .duckdb:
            return function("STRFTIME", [x, quoted(pattern)])
        case .sqlite:
            let table = ["%Y": "%Y", "%m": "%m", "%d": "%d", "%H": "%H", "%M": "%M", "%S": "%S", "%j": "%j", "%w": "%w",
                         "%T": "%H:%M:%S", "%%": "%%"]
            let translated = try DateMath.strftimePieces(pattern).map { piece -> String in
                guard piece.hasPrefix("%") else { return piece.replacingPercent() }
                guard let s = table[piece] else { throw refuse("format_date() with \(piece)", arg.range) }
                return s
            }.joined()
            return function("STRFTIME", [quoted(translated), c.type(0) == .datetime ? sqliteSeconds(x) : x])
        case .postgres:
            let table = ["%Y": "YYYY", "%y": "YY", "%-y": "FMYY", "%m": "MM", "%-m": "FMMM", "%d": "DD", "%-d": "FMDD",
                         "%H": "HH24", "%-H": "FMHH24", "%I": "HH12", "%-I": "FMHH12", "%M": "MI", "%-M": "FMMI",
                         "%S": "SS", "%-S": "FMSS", "%j": "DDD", "%-j": "FMDDD", "%f": "US", "%p": "AM", "%a": "Dy",
                         "%A": "FMDay", "%b": "Mon", "%B": "FMMonth", "%u": "ID", "%V": "IW", "%G": "IYYY",
                         "%T": "HH24:MI:SS", "%%": "\"%\""]
            let translated = try DateMath.strftimePieces(pattern).map { piece -> String in
                // Text in to_char patterns is literal inside double quotes, where \ escapes.
                guard piece.hasPrefix("%") else {
                    return "\"" + piece.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"") + "\""
                }
                guard let s = table[piece] else { throw refuse("format_date() with \(piece)", arg.range) }
                return s
            }.joined()
            return function("TO_CHAR", [x, quoted(translated)])
        case .portable, .mysql:
            throw refuse("format_date()", c.range)
        }
    }

    // MARK: - SQLite's datetimes

    /// Microseconds since the epoch of SQLite's datetime (or date) text: whole seconds from strftime,
    /// the fraction from the text's tail.
    func sqliteMicros(_ x: SQLText) -> String {
        "CAST(strftime('%s', \(sqliteSeconds(x).text)) AS INTEGER) * 1000000 + CAST(SUBSTR(\(x.text), 21) AS INTEGER)"
    }

    /// The text of the day of a date or datetime in SQLite (a datetime's first ten characters). SQLite's
    /// date functions round a fraction of a second to the millisecond, so 23:59:59.9999 would be the next day.
    func sqliteDay(_ x: SQLText, _ type: DataType) -> SQLText {
        type == .datetime ? function("SUBSTR", [x, SQLText("1"), SQLText("10")]) : x
    }

    /// A datetime's text in SQLite to the whole second (see `sqliteDay`).
    func sqliteSeconds(_ x: SQLText) -> SQLText { function("SUBSTR", [x, SQLText("1"), SQLText("19")]) }
}

private extension String {
    /// Literal text for SQLite's strftime (a `%` doubled).
    func replacingPercent() -> String { replacingOccurrences("%", "%%") }

    /// Every occurrence of `a` replaced by `b` (no Foundation).
    func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
