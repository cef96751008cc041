// DateFunctions: the definitions of the date and time functions — the
// fields of a date or datetime (year … second, weekday, ISO week, quarter,
// day of year, last_day, month and day names, epoch), conversions
// (date, datetime, make_date, make_datetime, from_epoch), date_trunc,
// date_add, date_diff, format_date, and the clock (today, now).
//
// Each definition states its SQL per dialect: SQLite keeps dates and
// datetimes as ISO text and answers with strftime and date modifiers,
// DuckDB has the functions by name, PostgreSQL has EXTRACT, date_trunc,
// intervals and to_char; portable SQL (run in all three) is refused where
// the three have no common form. A unit (`"month"`) or a format given as a
// constant is checked when the call is bound, so a typo is an error before
// any row is read; the SQL of a unit or format needs it constant (those
// writers are in Plan/SQLDates.swift). The calendar is DateMath's
// (Semantics/DateTimeMath.swift); the kernels are in
// Engine/Kernels/DateKernels.swift.

extension Function {
    // MARK: - Fields

    static let year = field("year", "the year of a date or datetime", example: "figures | summarize count() by y = year(published)",
                            kernel: .eager { try $0.dayField($1) { DateMath.civil($0).year } },
                            sqlite: "%Y", duckdb: "YEAR", postgres: "YEAR", digits: (1, 4))
    static let month = field("month", "the month of a date or datetime (1–12)",
                             example: "figures | select published, m = month(published) | take 3",
                             kernel: .eager { try $0.dayField($1) { DateMath.civil($0).month } },
                             sqlite: "%m", duckdb: "MONTH", postgres: "MONTH", digits: (6, 2))
    static let day = field("day", "the day of the month of a date or datetime",
                           example: "figures | select published, d = day(published) | take 3",
                           kernel: .eager { try $0.dayField($1) { DateMath.civil($0).day } },
                           sqlite: "%d", duckdb: "DAY", postgres: "DAY", digits: (9, 2))
    static let weekday = field("weekday", "the ISO day of the week: Monday 1 … Sunday 7",
                               example: "projects | summarize n = count() by wd = weekday(published) | sort wd",
                               kernel: .eager { try $0.dayField($1, DateMath.weekday) },
                               sqlite: { x in "((CAST(STRFTIME('%w', \(x)) AS INTEGER) + 6) % 7 + 1)" },
                               duckdb: "ISODOW", postgres: { x in "CAST(EXTRACT(ISODOW FROM \(x)) AS BIGINT)" })
    static let week = field("week", "the ISO week of the year (1–53; the week holding the year's first Thursday is 1)",
                            example: "figures | select published, w = week(published) | take 3",
                            kernel: .eager { try $0.dayField($1) { DateMath.isoWeek($0).week } },
                            // The Thursday of the day's week (the first Thursday on or after three days before it) decides.
                            sqlite: { x in "((CAST(STRFTIME('%j', DATE(\(x), '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)" },
                            duckdb: "WEEK", postgres: { x in "CAST(EXTRACT(WEEK FROM \(x)) AS BIGINT)" })
    static let quarter = field("quarter", "the quarter of the year (1–4)",
                               example: "figures | summarize n = count() by q = quarter(published) | sort q",
                               kernel: .eager { try $0.dayField($1, DateMath.quarter) },
                               sqlite: { x in "((CAST(STRFTIME('%m', \(x)) AS INTEGER) + 2) / 3)" },
                               duckdb: "QUARTER", postgres: { x in "CAST(EXTRACT(QUARTER FROM \(x)) AS BIGINT)" })
    static let dayOfYear = field("day_of_year", aliases: ["dayofyear"], "the day of the year (1–366)",
                                 example: "figures | select published, n = day_of_year(published) | take 3",
                                 kernel: .eager { try $0.dayField($1, DateMath.dayOfYear) },
                                 sqlite: { x in "CAST(STRFTIME('%j', \(x)) AS INTEGER)" },
                                 duckdb: "DAYOFYEAR", postgres: { x in "CAST(EXTRACT(DOY FROM \(x)) AS BIGINT)" })
    static let hour = field("hour", "the hour of a datetime (0–23)", example: "hour(@2013-01-01T05:30)", of: [.datetime],
                            kernel: .eager { try $0.timeField($1) { DateMath.clock($0).hour } },
                            sqlite: "%H", duckdb: "HOUR", postgres: "HOUR", digits: (12, 2))
    static let minute = field("minute", "the minute of a datetime (0–59)", example: "minute(@2013-01-01T05:30)", of: [.datetime],
                              kernel: .eager { try $0.timeField($1) { DateMath.clock($0).minute } },
                              sqlite: "%M", duckdb: "MINUTE", postgres: "MINUTE", digits: (15, 2))
    static let second = field("second", "the whole seconds of a datetime (0–59)", example: "second(@2013-01-01 05:30:07.5)",
                              of: [.datetime], kernel: .eager { try $0.timeField($1) { DateMath.clock($0).second } },
                              sqlite: { x in "CAST(STRFTIME('%S', \(x)) AS INTEGER)" }, duckdb: "SECOND",
                              postgres: { x in "CAST(FLOOR(EXTRACT(SECOND FROM \(x))) AS BIGINT)" }, digits: (18, 2))

    /// A field of a date or datetime whose SQLite form is `strftime` of one specifier and whose PostgreSQL
    /// form is EXTRACT of one field.
    private static func field(_ name: String, _ summary: String, example: String, of types: [DataType] = [.date, .datetime],
                              kernel: Kernel, sqlite format: String, duckdb: String, postgres: String,
                              digits: (start: Int, length: Int)) -> Function {
        field(name, summary, example: example, of: types, kernel: kernel,
              sqlite: { x in "CAST(STRFTIME('\(format)', \(x)) AS BIGINT)" }, duckdb: duckdb,
              postgres: { x in "CAST(EXTRACT(\(postgres) FROM \(x)) AS BIGINT)" }, digits: digits)
    }

    /// An int field of a date or datetime. In portable SQL, where `digits` are given: those digits of the
    /// value's ISO text (SQLite's values are that text; DuckDB and PostgreSQL write it by CAST).
    private static func field(_ name: String, aliases: [String] = [], _ summary: String, example: String,
                              of types: [DataType] = [.date, .datetime], kernel: Kernel,
                              sqlite: @escaping @Sendable (String) -> String, duckdb: String,
                              postgres: @escaping @Sendable (String) -> String,
                              digits: (start: Int, length: Int)? = nil) -> Function {
        Function(
            name, aliases: aliases, types.map { Overload([.exactly($0)], result: .fixed(.int), kernel) },
            nulls: .propagates, mayFail: false,
            sql: SQLSpelling(.custom { w, c in
                guard let digits else { throw w.refuse("\(name)()", c.range) }
                return w.cast(w.function("SUBSTR", [w.cast(try c.x(0), .string), SQLText(String(digits.start)),
                                                    SQLText(String(digits.length))]), .int)
            }, [
                (.sqlite, .custom { w, c in
                    let x = try c.x(0)
                    return SQLText(sqlite((types == [.datetime] ? w.sqliteSeconds(x) : w.sqliteDay(x, c.type(0))).text))
                }),
                (.duckdb, .name(duckdb)),
                (.postgres, .custom { _, c in SQLText(postgres(try c.x(0).text)) }),
            ]),
            help: FunctionHelp(summary, example: example))
    }

    static let lastDay = Function(
        "last_day", [.date, .datetime].map { Overload([.exactly($0)], result: .fixed(.date), .eager { try $0.lastDay($1) }) },
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.refused("last_day()"), [
            (.sqlite, .custom { w, c in
                w.function("DATE", [w.sqliteDay(try c.x(0), c.type(0)), SQLText("'start of month'"), SQLText("'+1 month'"), SQLText("'-1 day'")])
            }),
            (.duckdb, .name("LAST_DAY")),
            (.postgres, .custom { w, c in
                w.cast(SQLText("DATE_TRUNC('month', \(try c.x(0).text)) + INTERVAL '1 month' - INTERVAL '1 day'"), .date)
            }),
        ]),
        help: FunctionHelp("the last day of the month of a date or datetime", example: "last_day(@2024-02-10)"))

    static let monthName = name("month_name", aliases: ["monthname"], "the English name of the month",
                                example: "figures | summarize n = count() by m = month_name(published) | take 3",
                                names: DateMath.monthNames, index: { DateMath.civil($0).month - 1 },
                                sqlite: "%m", first: 1, duckdb: "MONTHNAME", postgres: "FMMonth")
    static let dayName = name("day_name", aliases: ["dayname"], "the English name of the day of the week",
                              example: "projects | summarize n = count() by d = day_name(published)",
                              names: DateMath.dayNames, index: { (DateMath.weekday($0) + 6) % 7 },
                              sqlite: "%w", first: 0, duckdb: "DAYNAME", postgres: "FMDay")

    /// The English name of a part of a date: `names[index(day)]`. SQLite picks the name by the number
    /// strftime writes (`first` is the number of `names[0]`; `%w` counts from Sunday 0).
    private static func name(_ name: String, aliases: [String], _ summary: String, example: String, names: [String],
                             index: @escaping @Sendable (Int32) -> Int, sqlite format: String, first: Int,
                             duckdb: String, postgres: String) -> Function {
        Function(
            name, aliases: aliases,
            [.date, .datetime].map { Overload([.exactly($0)], result: .fixed(.string), .eager { try $0.dayName($1, names, index) }) },
            nulls: .propagates, mayFail: false,
            sql: SQLSpelling(.refused("\(name)()"), [
                (.sqlite, .custom { w, c in
                    // Sunday is %w 0 but the last of DateMath's Monday-first names.
                    let order = format == "%w" ? [6, 0, 1, 2, 3, 4, 5] : Array(names.indices)
                    let cases = order.enumerated().map { n, i in "WHEN \(n + first) THEN '\(names[i])'" }.joined(separator: " ")
                    return SQLText("CASE CAST(STRFTIME('\(format)', \(w.sqliteDay(try c.x(0), c.type(0)).text)) AS INTEGER) \(cases) END")
                }),
                (.duckdb, .name(duckdb)),
                (.postgres, .custom { w, c in w.function("TO_CHAR", [try c.x(0), SQLText("'\(postgres)'")]) }),
            ]),
            help: FunctionHelp(summary, example: example))
    }

    static let epoch = Function(
        "epoch", [.date, .datetime].map { Overload([.exactly($0)], result: .fixed(.float), .eager { try $0.epoch($1) }) },
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.refused("epoch()"), [
            (.sqlite, .custom { w, c in SQLText("(\(w.sqliteMicros(try c.x(0)))) / 1000000.0", SQLText.multiplicative) }),
            (.duckdb, .custom { _, c in SQLText("CAST(EPOCH_US(\(try c.x(0).text)) AS DOUBLE) / 1000000", SQLText.multiplicative) }),
            (.postgres, .custom { w, c in w.cast(SQLText("EXTRACT(EPOCH FROM \(try c.x(0).text))"), .float) }),
        ]),
        help: FunctionHelp("seconds since 1970-01-01 00:00:00 (a float; a date counts from its midnight)",
                           example: "epoch(@1970-01-02T00:00:01.5)"))

    // MARK: - Conversions

    static let date = Function(
        "date", [Overload([.exactly(.string)], result: .fixed(.date), .eager { try $0.dateOf($1) }),
                 Overload([.exactly(.date)], result: .fixed(.date), .eager { try $0.dateOf($1) }),
                 Overload([.exactly(.datetime)], result: .fixed(.date), .eager { try $0.dateOf($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in
            let x = try c.x(0)
            if c.type(0) == .date || c.type(0) == .null { return x }
            switch w.dialect {
            case .sqlite: return c.type(0) == .datetime ? w.sqliteDay(x, .datetime) : w.function("DATE", [x])
            case .duckdb, .postgres: return w.cast(x, .date)
            case .portable, .mysql: throw w.refuse("date() of \(c.type(0) == .string ? "text" : "a datetime")", c.range)
            }
        }),
        help: FunctionHelp("the date written as YYYY-MM-DD (an invalid date is an error), or the day of a datetime",
                           example: "date(\"2023-03-06\")"))

    static let datetime = Function(
        "datetime", [DataType.string, .date, .datetime].map { Overload([.exactly($0)], result: .fixed(.datetime), .eager { try $0.datetimeOf($1) }) },
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in
            let x = try c.x(0)
            switch (c.type(0), w.dialect) {
            case (.datetime, _), (.null, _): return x
            case (.date, .sqlite): return w.function("DATETIME", [x])
            case (.date, .duckdb), (.date, .postgres): return w.cast(x, .datetime)
            case (.string, .duckdb):
                // DuckDB reads an offset into a TIMESTAMPTZ (UTC without a time zone extension), then drops it.
                return w.cast(SQLText("CAST(\(x.text) AS TIMESTAMPTZ)"), .datetime)
            case (.string, .postgres):
                // Text without an offset is UTC, whatever the session's time zone.
                let offset = "'[T ][0-9:.]+([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$'"
                return SQLText("(CAST(\(x.operand(SQLText.concat)) || CASE WHEN \(x.operand(SQLText.comparison)) ~ \(offset) "
                               + "THEN '' ELSE '+00' END AS TIMESTAMPTZ) AT TIME ZONE 'UTC')")
            default:
                throw w.refuse(c.type(0) == .string ? "datetime() of text" : "datetime() of a date", c.range)
            }
        }),
        help: FunctionHelp("the datetime written in ISO 8601 (T or a space; a fraction; Z or ±HH:MM is converted to UTC), "
                           + "or a date's midnight", example: "datetime(\"2013-01-01T05:30:00+08:00\")"))

    static let makeDate = Function(
        "make_date", [Overload([.exactly(.int), .exactly(.int), .exactly(.int)], result: .fixed(.date), .eager { try $0.makeDate($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("make_date()"), [
            // SUBSTR(y + m + d, 1, 0) is '' unless a part is null, when it makes the text null.
            (.sqlite, .custom { w, c in
                let parts = SQLText(c.sql.map { $0.operand(SQLText.additive, right: true) }.joined(separator: " + "), SQLText.additive)
                return w.function("DATE", [SQLText(w.function("PRINTF", [SQLText("'%04d-%02d-%02d'")] + c.sql).text + " || "
                                                   + w.function("SUBSTR", [parts, SQLText("1"), SQLText("0")]).text, SQLText.concat)])
            }),
            (.duckdb, .name("MAKE_DATE")),
            (.postgres, .custom { w, c in w.function("MAKE_DATE", c.sql.map { SQLText("CAST(\($0.text) AS INTEGER)") }) }),
        ]),
        help: FunctionHelp("make_date(year, month, day): the date (one that does not exist, as Feb 30, is an error)",
                           example: "projects | select name, d = make_date(start_year, 1, 1) | take 3"))

    static let makeDatetime = Function(
        "make_datetime", [Overload([.exactly(.int), .exactly(.int), .exactly(.int), .exactly(.int), .exactly(.int), .numeric],
                                   optional: 3, result: .fixed(.datetime), .eager { try $0.makeDatetime($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("make_datetime()"), [
            (.duckdb, .custom { w, c in
                var args = c.sql
                while args.count < 6 { args.append(SQLText("0")) }
                return w.function("MAKE_TIMESTAMP", args)
            }),
            (.postgres, .custom { w, c in
                var args = c.sql.prefix(5).map { SQLText("CAST(\($0.text) AS INTEGER)") }
                while args.count < 5 { args.append(SQLText("0")) }
                args.append(c.sql.count > 5 ? w.cast(c.sql[5], .float) : SQLText("0"))
                return w.function("MAKE_TIMESTAMP", args)
            }),
        ]),
        help: FunctionHelp("make_datetime(year, month, day[, hour, minute, second]): the datetime (second may have a fraction)",
                           example: "make_datetime(2013, 1, 1, 5, 30, 7.25)"))

    static let fromEpoch = Function(
        "from_epoch", [Overload([.numeric], result: .fixed(.datetime), .eager { try $0.fromEpoch($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("from_epoch()"), [
            (.duckdb, .custom { w, c in
                w.function("MAKE_TIMESTAMP", [c.type(0) == .int ? SQLText("\(try c.x(0).operand(SQLText.multiplicative)) * 1000000", SQLText.multiplicative)
                                                             : w.cast(w.function("ROUND", [SQLText("\(try c.x(0).operand(SQLText.multiplicative)) * 1000000", SQLText.multiplicative)]), .int)])
            }),
            (.postgres, .custom { _, c in
                SQLText("TIMESTAMP '1970-01-01' + \(try c.x(0).operand(SQLText.multiplicative)) * INTERVAL '1 second'", SQLText.additive)
            }),
        ]),
        help: FunctionHelp("the datetime a number of seconds after 1970-01-01 00:00:00 (a fraction rounds to the microsecond)",
                           example: "from_epoch(1700000000)"))

    // MARK: - Units

    static let dateTrunc = Function(
        "date_trunc", [.date, .datetime].map { Overload([.exactly(.string), .exactly($0)], result: .argument(1), .eager { try $0.dateTrunc($1) }) },
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("date_trunc()"), [
            (.sqlite, .custom { w, c in try w.sqliteTrunc(try w.unit(c, 0, "date_trunc"), try c.x(1), c.type(1)) }),
            (.duckdb, .custom { w, c in try w.truncated(c) }),
            (.postgres, .custom { w, c in try w.truncated(c) }),
        ]),
        help: FunctionHelp("date_trunc(unit, d): the start of d's year, quarter, month, week (from Monday), day, hour, minute "
                           + "or second, of d's type", example: "figures | summarize n = count() by m = date_trunc(\"month\", published) | take 3"),
        checkArguments: { args in try checkUnit(args, 0, "date_trunc", date: args.count > 1 ? args[1] : nil) })

    static let dateAdd = Function(
        "date_add", [.date, .datetime].map { Overload([.exactly($0), .exactly(.int), .exactly(.string)], result: .argument(0), .eager { try $0.dateAdd($1) }) },
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("date_add()"), [
            (.sqlite, .custom { w, c in try w.sqliteAdd(c) }),
            (.duckdb, .custom { w, c in try w.intervalAdd(c) }),
            (.postgres, .custom { w, c in try w.intervalAdd(c) }),
        ]),
        help: FunctionHelp("date_add(d, n, unit): n units after d (before it when n < 0), a month's end kept within the month; "
                           + "a date takes day and longer units", example: "figures | select published, later = date_add(published, 1, \"month\") | take 3"),
        checkArguments: { args in try checkUnit(args, 2, "date_add", date: args.first) })

    static let dateDiff = Function(
        "date_diff", aliases: ["datediff"],
        [DataType.date, .datetime].flatMap { a in
            [DataType.date, .datetime].map { b in
                Overload([.exactly(.string), .exactly(a), .exactly(b)], result: .fixed(.int), .eager { try $0.dateDiff($1) })
            }
        },
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("date_diff()"), [
            (.sqlite, .custom { w, c in try w.sqliteDiff(c) }),
            (.duckdb, .custom { w, c in
                _ = try w.unit(c, 0, "date_diff")
                return w.function("DATE_DIFF", c.sql)
            }),
            (.postgres, .custom { w, c in try w.postgresDiff(c) }),
        ]),
        help: FunctionHelp("date_diff(unit, a, b): the unit boundaries crossed from a to b (positive when b is later); "
                           + "weeks are whole seven-day spans", example: "projects | select name, days = date_diff(\"day\", published, @2025-01-01) | take 3"),
        checkArguments: { args in try checkUnit(args, 0, "date_diff", date: nil) })

    /// A constant unit that is not one of DateMath.Unit's is an error at the unit; so is a unit shorter
    /// than a day for a date (`date`), whose result would be a date.
    private static func checkUnit(_ args: [BoundExpr], _ i: Int, _ function: String, date: BoundExpr?) throws {
        guard args.indices.contains(i), args[i].isConstant, case .string(let text)? = try? Evaluator().evaluateScalar(args[i]) else { return }
        guard let unit = DateMath.Unit(rawValue: text) else {
            throw CQError(.invalidArgument(DateMath.Unit.unknown(text, in: function)), at: args[i].range)
        }
        if date?.type == .date, unit.isShorterThanADay, function == "date_add" {
            throw CQError(.invalidArgument(DateMath.Unit.tooShort(unit, in: function)), at: args[i].range)
        }
    }

    // MARK: - Text

    static let formatDate = Function(
        "format_date", aliases: ["strftime"],
        [.date, .datetime].map { Overload([.exactly($0), .exactly(.string)], result: .fixed(.string), .eager { try $0.formatDate($1) }) },
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.refused("format_date()"), [
            (.sqlite, .custom { w, c in try w.formatDate(c) }),
            (.duckdb, .custom { w, c in try w.formatDate(c) }),
            (.postgres, .custom { w, c in try w.formatDate(c) }),
        ]),
        help: FunctionHelp("format_date(d, pattern): d written by a strftime pattern (%Y %m %d %H %M %S %f %j %a %A %b %B "
                           + "%u %w %V %G %p %I %y %T %%, and %-d … without padding)",
                           example: "figures | select published, f = format_date(published, \"%Y年%-m月\") | take 3"),
        checkArguments: { args in
            guard args.count > 1, args[1].isConstant, case .string(let pattern)? = try? Evaluator().evaluateScalar(args[1]) else { return }
            if let problem = DateMath.patternProblem(pattern) { throw CQError(.invalidArgument(problem), at: args[1].range) }
        })

    // MARK: - The clock

    static let today = Function(
        "today", [Overload([], result: .fixed(.date), .eager { try $0.clock($1) })],
        nulls: .propagates, mayFail: false, volatility: .volatile,
        sql: SQLSpelling(.custom { _, _ in SQLText("CURRENT_DATE") }, [(.sqlite, .custom { _, _ in SQLText("DATE('now')") })]),
        help: FunctionHelp("today's date (UTC)", example: "projects | select name, age = today() - published | take 3"))

    static let now = Function(
        "now", [Overload([], result: .fixed(.datetime), .eager { try $0.clock($1) })],
        nulls: .propagates, mayFail: false, volatility: .volatile,
        sql: SQLSpelling(.refused("now()"), [
            (.duckdb, .custom { w, _ in w.cast(SQLText("CURRENT_TIMESTAMP"), .datetime) }),
            (.postgres, .custom { _, _ in SQLText("(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')") }),
        ]),
        help: FunctionHelp("the current date and time (UTC, to the microsecond)", example: "date(now()) == today()"))
}

extension DateMath.Unit {
    /// Hours, minutes and seconds: not for a date's `date_add`.
    var isShorterThanADay: Bool { (micros ?? Int.max) < DateMath.microsPerDay }

    /// The units as the messages list them.
    static let list = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")

    /// The message for text that is not a unit, with the closest unit when there is one.
    static func unknown(_ text: String, in function: String) -> String {
        let hint = Suggest.closest(to: text, among: allCases.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" } ?? ""
        return "\(function)() has no unit \"\(text)\"\(hint); the units are \(list)"
    }

    /// The message for a unit shorter than a day given with a date.
    static func tooShort(_ unit: Self, in function: String) -> String {
        "\(function)() of a date takes units of a day or longer, not \"\(unit.rawValue)\"; make it a datetime first with datetime(…)"
    }
}

extension Functions {
    static let dates: [Function] = [.year, .month, .day, .hour, .minute, .second, .weekday, .week, .quarter, .dayOfYear,
                                    .lastDay, .monthName, .dayName, .epoch, .date, .datetime, .makeDate, .makeDatetime,
                                    .fromEpoch, .dateTrunc, .dateAdd, .dateDiff, .formatDate, .today, .now]
}
