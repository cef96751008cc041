// DateFunctionTests: the date functions of cq, run as cq queries over every
// day from 1900-01-01 to 2100-12-31 (and a datetime on every seventh of those
// days at a time of day and fraction that vary from row to row), compared cell by
// cell with the same questions asked of DuckDB over the same CSV file —
// fields, ISO weeks at year boundaries, names, truncation, month arithmetic
// at month ends, date_diff in every unit and strftime. Where cq's calendar
// is only DateMath's, DateTimeMathTests checks DateMath itself; this suite
// checks what a user reaches: import, binding, kernels and output. Skipped
// when DuckDB is absent (CQ_DUCKDB or `duckdb` on PATH).

import Foundation
import XCTest
@testable import CQ

final class DateFunctionTests: XCTestCase {
    /// One question: a cq expression and the DuckDB SQL that means the same.
    typealias Pair = (cq: String, sql: String)

    static let pivot = (cq: "@2000-02-29T12:34:56.789", sql: "TIMESTAMP '2000-02-29 12:34:56.789'")

    /// Questions about the date `d`.
    static let datePairs: [Pair] = [
        ("year(d)", "year(d)"), ("month(d)", "month(d)"), ("day(d)", "day(d)"), ("weekday(d)", "isodow(d)"),
        ("week(d)", "week(d)"), ("quarter(d)", "quarter(d)"), ("day_of_year(d)", "dayofyear(d)"),
        ("last_day(d)", "last_day(d)"), ("month_name(d)", "monthname(d)"), ("day_name(d)", "dayname(d)"),
        ("epoch(d)", "epoch(d)"), ("datetime(d)", "CAST(d AS TIMESTAMP)"),
        ("date_trunc(\"year\", d)", "CAST(date_trunc('year', d) AS DATE)"),
        ("date_trunc(\"quarter\", d)", "CAST(date_trunc('quarter', d) AS DATE)"),
        ("date_trunc(\"month\", d)", "CAST(date_trunc('month', d) AS DATE)"),
        ("date_trunc(\"week\", d)", "CAST(date_trunc('week', d) AS DATE)"),
        ("date_add(d, 1, \"month\")", "CAST(d + INTERVAL 1 MONTH AS DATE)"),
        ("date_add(d, -13, \"month\")", "CAST(d - INTERVAL 13 MONTH AS DATE)"),
        ("date_add(d, 1, \"quarter\")", "CAST(d + INTERVAL 3 MONTH AS DATE)"),
        ("date_add(d, -1, \"year\")", "CAST(d - INTERVAL 1 YEAR AS DATE)"),
        ("date_add(d, 3, \"week\")", "CAST(d + INTERVAL 21 DAY AS DATE)"),
        ("date_add(d, -400, \"day\")", "CAST(d - INTERVAL 400 DAY AS DATE)"),
        ("date_diff(\"year\", d, @2000-02-29)", "date_diff('year', d, DATE '2000-02-29')"),
        ("date_diff(\"quarter\", @2000-02-29, d)", "date_diff('quarter', DATE '2000-02-29', d)"),
        ("date_diff(\"month\", d, @2000-02-29)", "date_diff('month', d, DATE '2000-02-29')"),
        ("date_diff(\"week\", d, @2000-02-29)", "date_diff('week', d, DATE '2000-02-29')"),
        ("date_diff(\"day\", @2000-02-29, d)", "date_diff('day', DATE '2000-02-29', d)"),
        ("date_diff(\"hour\", d, \(pivot.cq))", "date_diff('hour', d, \(pivot.sql))"),
        ("format_date(d, \"%Y %y %m %d %-d %-m %j %-j %a %A %b %B %u %w %V %G\")",
         "strftime(d, '%Y %y %m %d %-d %-m %j %-j %a %A %b %B %u %w %V %G')"),
        ("make_date(year(d), month(d), day(d))", "make_date(year(d), month(d), day(d))"),
    ]

    /// Questions about the datetime `t`.
    static let datetimePairs: [Pair] = [
        ("year(t)", "year(t)"), ("week(t)", "week(t)"), ("weekday(t)", "isodow(t)"), ("hour(t)", "hour(t)"),
        ("minute(t)", "minute(t)"), ("second(t)", "second(t)"), ("date(t)", "CAST(t AS DATE)"), ("epoch(t)", "epoch(t)"),
        ("date_trunc(\"hour\", t)", "date_trunc('hour', t)"), ("date_trunc(\"minute\", t)", "date_trunc('minute', t)"),
        ("date_trunc(\"second\", t)", "date_trunc('second', t)"), ("date_trunc(\"day\", t)", "date_trunc('day', t)"),
        ("date_trunc(\"week\", t)", "date_trunc('week', t)"), ("date_trunc(\"quarter\", t)", "date_trunc('quarter', t)"),
        ("date_add(t, 1, \"month\")", "t + INTERVAL 1 MONTH"), ("date_add(t, -7, \"hour\")", "t - INTERVAL 7 HOUR"),
        ("date_add(t, 1000, \"minute\")", "t + INTERVAL 1000 MINUTE"), ("date_add(t, -86401, \"second\")", "t - INTERVAL 86401 SECOND"),
        ("date_diff(\"hour\", t, \(pivot.cq))", "date_diff('hour', t, \(pivot.sql))"),
        ("date_diff(\"minute\", \(pivot.cq), t)", "date_diff('minute', \(pivot.sql), t)"),
        ("date_diff(\"second\", t, \(pivot.cq))", "date_diff('second', t, \(pivot.sql))"),
        ("date_diff(\"day\", t, \(pivot.cq))", "date_diff('day', t, \(pivot.sql))"),
        ("date_diff(\"week\", t, \(pivot.cq))", "date_diff('week', t, \(pivot.sql))"),
        ("date_diff(\"month\", t, \(pivot.cq))", "date_diff('month', t, \(pivot.sql))"),
        ("date_diff(\"year\", t, d)", "date_diff('year', t, d)"),
        ("format_date(t, \"%H %-H %I %-I %M %-M %S %-S %f %p %T\")", "strftime(t, '%H %-H %I %-I %M %-M %S %-S %f %p %T')"),
        ("datetime(format_date(t, \"%Y-%m-%dT%H:%M:%S.%f+05:30\"))", "t - INTERVAL 330 MINUTE"),
        ("from_epoch(epoch(t))", "t"), ("from_epoch(i * 86399)", "make_timestamp(i * 86399 * 1000000)"),
        ("last_day(t)", "last_day(t)"), ("month_name(t)", "monthname(t)"), ("day_name(t)", "dayname(t)"),
        ("datetime(date(t))", "CAST(CAST(t AS DATE) AS TIMESTAMP)"),
        ("make_datetime(year(t), month(t), day(t), hour(t), minute(t), second(t))",
         "make_timestamp(year(t), month(t), day(t), hour(t), minute(t), second(t))"),
    ]

    /// Every day from 1900 to 2100 as `d`, and as `t` the same day at a time of day and a fraction of a
    /// second that move with the row (row i: i × 7919 seconds and i × 131 microseconds, modulo a day and
    /// a second). Every tenth row is null in both, so nulls run through every function too.
    static func csv() -> (text: String, rows: Int) {
        let first = Int(DateMath.parse("1900-01-01") ?? 0), last = Int(DateMath.parse("2100-12-31") ?? 0)
        var text = "i,d,t\n"
        for (i, day) in (first...last).enumerated() {
            if i % 10 == 9 {
                text += "\(i),,\n"
                continue
            }
            let time = (i * 7919) % 86_400 * 1_000_000 + (i * 131) % 1_000_000
            let micros = DateMath.micros(days: Int32(day)) + time
            text += "\(i),\(DateMath.format(Int32(day))),\(DateMath.format(micros: micros, separator: "T"))\n"
        }
        return (text, last - first + 1)
    }

    /// DuckDB's answer to `sql` as CSV rows (no header).
    func duckdb(_ shell: URL, _ sql: String, in dir: URL) throws -> [[String]] {
        let script = dir.appendingPathComponent("q.sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        let result = try runProcess(shell, ["-csv", "-noheader"], input: script, directory: dir)
        XCTAssertEqual(result.status, 0, result.err)
        return result.out.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// cq's answer to a query as the text of each cell ("NULL" for null, as DuckDB writes it).
    func cq(_ session: Session, _ query: String) throws -> [[String]] {
        var parser = Parser(query)
        guard case .query(let q)? = try parser.next() else {
            XCTFail("not a query: \(query)")
            return []
        }
        let table = try Executor().run(try Binder(catalog: session.catalog, source: query).bind(q))
        return (0..<table.rowCount).map { row in
            table.columns.indices.map { table.value(row: row, column: $0).text ?? "NULL" }
        }
    }

    /// Whether two cells say the same: equal text, the same instant, or the same number.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = DateMath.parseDateTime(a, dateOnly: true), let y = DateMath.parseDateTime(b, dateOnly: true) { return x == y }
        if let x = Double(a), let y = Double(b) { return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y)) }
        return false
    }

    func testEveryDayFrom1900To2100AgainstDuckDB() throws {
        guard let shell = EngineKind.duckdbShell else {
            throw XCTSkip("duckdb is not installed (pip install duckdb-cli, or set CQ_DUCKDB)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cq-dates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("days.csv")
        let (text, rows) = Self.csv()
        try text.write(to: file, atomically: true, encoding: .utf8)

        let session = Session(console: CapturingConsole())
        XCTAssertTrue(session.run(".import \(file.path) as days\n"))
        // Every day; the datetimes on every seventh day (their times of day still cover the clock).
        for (name, pairs, step) in [("dates", Self.datePairs, 1), ("datetimes", Self.datetimePairs, 7)] {
            let items = pairs.enumerated().map { k, pair in "c\(k) = \(pair.cq)" }
            let ours = try cq(session, "days | where i % \(step) == 0 | select i, " + items.joined(separator: ", ") + " | sort i")
            let theirs = try duckdb(shell, """
                SELECT i, \(pairs.map(\.sql).joined(separator: ", "))
                FROM read_csv('\(file.path)', header = true, columns = {'i': 'BIGINT', 'd': 'DATE', 't': 'TIMESTAMP'})
                WHERE i % \(step) = 0
                ORDER BY i;
                """, in: dir)
            XCTAssertEqual(ours.count, (rows + step - 1) / step, name)
            XCTAssertEqual(theirs.count, ours.count, name)
            var failures = 0
            for (a, b) in zip(ours, theirs) where failures < 10 {
                guard a.count == b.count else {
                    XCTFail("\(name): \(a.count) cells in cq, \(b.count) in DuckDB: \(b)")
                    failures += 1
                    continue
                }
                for (k, (x, y)) in zip(a, b).enumerated() where !Self.same(x, y) {
                    XCTFail("\(name) row \(a[0]): \(k == 0 ? "i" : pairs[k - 1].cq) is \(x) in cq, \(y) in DuckDB")
                    failures += 1
                }
            }
        }
    }
}
