// DateFunctions: the definitions of the date functions — year, month, day
// and date(…). Dates are days since 1970-01-01 (DateMath); the kernels are
// in Engine/Kernels/DateKernels.swift.

extension Function {
    static let year = datePart("year", "the year of a date", example: "figures | summarize count() by y = year(published)",
                               sqlite: "%Y", digits: (1, 4))
    static let month = datePart("month", "the month of a date (1–12)",
                                example: "figures | select published, m = month(published) | take 3", sqlite: "%m", digits: (6, 2))
    static let day = datePart("day", "the day of the month of a date",
                              example: "figures | select published, d = day(published) | take 3", sqlite: "%d", digits: (9, 2))

    /// year, month or day of a date. In portable SQL: the digits of the date's ISO text (SQLite's dates are
    /// that text; PostgreSQL's default DateStyle writes it).
    private static func datePart(_ name: String, _ summary: String, example: String, sqlite format: String,
                                 digits: (start: Int, length: Int)) -> Function {
        Function(
            name, [Overload([.exactly(.date)], result: .fixed(.int), .eager { try $0.dateFunction($1) })],
            nulls: .propagates, mayFail: false,
            sql: SQLSpelling(.custom { w, c in
                w.cast(w.function("SUBSTR", [w.cast(try c.x(0), .string), SQLText(String(digits.start)), SQLText(String(digits.length))]),
                       .int)
            }, [
                (.sqlite, .custom { w, c in w.cast(w.function("STRFTIME", [SQLText("'\(format)'"), try c.x(0)]), .int) }),
                (.duckdb, .name(name.uppercased())),
                (.postgres, .custom { w, c in w.cast(SQLText("EXTRACT(\(name.uppercased()) FROM \(try c.x(0).text))"), .int) }),
            ]),
            help: FunctionHelp(summary, example: example))
    }

    static let date = Function(
        "date", [Overload([.exactly(.string)], result: .fixed(.date), .eager { try $0.dateFunction($1) }),
                 Overload([.exactly(.date)], result: .fixed(.date), .eager { try $0.dateFunction($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in
            let x = try c.x(0)
            if c.type(0) == .date || c.type(0) == .null { return x }
            switch w.dialect {
            case .sqlite: return w.function("DATE", [x])
            case .duckdb, .postgres: return w.cast(x, .date)
            case .portable, .mysql: throw w.refuse("date() of text", c.range)
            }
        }),
        help: FunctionHelp("the date written as YYYY-MM-DD (an invalid date is an error)", example: "date(\"2023-03-06\")"))
}

extension Functions {
    static let dates: [Function] = [.year, .month, .day, .date]
}
