// DateTimeMathTests: the calendar of Semantics/DateTimeMath.swift. Reading
// and writing ISO 8601 are checked by example (offsets, fractions, every
// kind of malformed text); every calendar question — ISO weekday and week,
// quarter, day of year, truncation, month arithmetic, date_diff, strftime —
// is compared with DuckDB over every day from 1900-01-01 to 2100-12-31 and
// over 20,000 datetimes spread across those years. The DuckDB comparisons
// are skipped when its shell is absent (CQ_DUCKDB or `duckdb` on PATH).

import Foundation
import XCTest
@testable import CQ

final class DateTimeMathTests: XCTestCase {
    func micros(_ text: String) -> Int? { DateMath.parseDateTime(text) }

    func testReadsISO8601() {
        let base = DateMath.micros(days: DateMath.parse("2013-01-01") ?? 0)
        let hour = 3_600_000_000
        XCTAssertEqual(micros("2013-01-01T05:30"), base + 5 * hour + 30 * 60_000_000)
        XCTAssertEqual(micros("2013-01-01 05:30:00"), base + 5 * hour + 30 * 60_000_000)
        XCTAssertEqual(micros("2013-01-01T00:00:00.5"), base + 500_000)
        XCTAssertEqual(micros("2013-01-01T00:00:00.000001"), base + 1)
        XCTAssertEqual(micros("2013-01-01T00:00:00.1234569"), base + 123_456, "digits past the microsecond are dropped")
        XCTAssertEqual(micros("2013-01-01T10:00:00Z"), base + 10 * hour)
        XCTAssertEqual(micros("2013-01-01T10:00:00+05:30"), base + 4 * hour + 30 * 60_000_000)
        XCTAssertEqual(micros("2013-01-01T10:00:00-0200"), base + 12 * hour)
        XCTAssertEqual(micros("2013-01-01T01:00-05"), base + 6 * hour)
        XCTAssertEqual(micros("2013-01-01T01:00:00+02:00"), base - hour, "an offset may move the instant to the day before")
        XCTAssertEqual(micros("1969-12-31T23:59:59.999999"), -1)
        XCTAssertEqual(micros("0001-01-01T00:00"), DateMath.minMicros)
        XCTAssertEqual(micros("9999-12-31T23:59:59.999999"), DateMath.maxMicros)
        XCTAssertNil(micros("2013-01-01"), "a bare date is a date")
        XCTAssertEqual(DateMath.parseDateTime("2013-01-01", dateOnly: true), base)
    }

    func testRefusesMalformedText() {
        for text in ["2013-01-01T", "2013-01-01T5:30", "2013-01-01T24:00", "2013-01-01T23:60", "2013-01-01T23:59:60",
                     "2013-01-01T05:30:00.", "2013-01-01T05:30:00.1234567890", "2013-01-01T05:30Z+01:00",
                     "2013-01-01T05:30+1", "2013-01-01T05:30+24:00", "2013-01-01T05:30+01:60", "2013-01-01  05:30",
                     "2013-02-29T05:30", "2013-01-01t05:30", "2013-01-01T05:30 ", "2013-01-01T05:30:00:00", "",
                     "2013-01-01T05:30:00.5Z ", "２０１３-01-01T05:30", "2013-01-01T05：30"] {
            XCTAssertNil(micros(text), text)
        }
    }

    func testWritesText() {
        XCTAssertEqual(DateMath.format(micros: micros("2013-01-01T05:30") ?? 0), "2013-01-01 05:30:00")
        XCTAssertEqual(DateMath.format(micros: micros("2013-01-01T05:30:00.25") ?? 0, separator: "T"),
                       "2013-01-01T05:30:00.250000")
        XCTAssertEqual(DateMath.format(micros: -1), "1969-12-31 23:59:59.999999")
        XCTAssertEqual(DateMath.format(micros: DateMath.maxMicros), "9999-12-31 23:59:59.999999")
        // Far outside the calendar's years (only reachable by bugs): text, never a trap.
        XCTAssertFalse(DateMath.format(micros: Int.min).isEmpty)
        XCTAssertFalse(DateMath.format(micros: Int.max).isEmpty)
    }

    func testAddsMonthsWithinTheCalendar() {
        let jan31 = DateMath.parse("2024-01-31") ?? 0
        XCTAssertEqual(DateMath.addMonths(jan31, 1).map(DateMath.format), "2024-02-29")
        XCTAssertEqual(DateMath.addMonths(jan31, 13).map(DateMath.format), "2025-02-28")
        XCTAssertEqual(DateMath.addMonths(jan31, -2).map(DateMath.format), "2023-11-30")
        XCTAssertNil(DateMath.addMonths(DateMath.parse("9999-12-01") ?? 0, 1))
        XCTAssertNil(DateMath.addMonths(jan31, Int.max))
        XCTAssertNil(DateMath.add(Int.max, .second, to: 0))
        XCTAssertNil(DateMath.add(1, .second, to: DateMath.maxMicros))
        XCTAssertEqual(DateMath.add(-1, .year, to: micros("2024-02-29T12:00") ?? 0), micros("2023-02-28T12:00"))
    }

    func testExtremeValuesNeverTrap() {
        for days in [Int32.min, Int32.min + 1, -1, 0, Int32.max - 1, Int32.max] {
            _ = (DateMath.format(days), DateMath.weekday(days), DateMath.dayOfYear(days), DateMath.isoWeek(days),
                 DateMath.quarter(days), DateMath.addMonths(days, 1), DateMath.addMonths(days, -1))
            for unit in DateMath.Unit.allCases { _ = DateMath.truncate(days, to: unit) }
            XCTAssertEqual(DateMath.micros(days: days) > 0, days > 0)
        }
        for t in [Int.min, Int.min + 1, -1, 0, Int.max - 1, Int.max] {
            _ = (DateMath.format(micros: t), DateMath.strftime(t, "%Y %V %G %j %a %b %f"))
            for unit in DateMath.Unit.allCases {
                _ = (DateMath.truncate(micros: t, to: unit), DateMath.add(1, unit, to: t), DateMath.add(-1, unit, to: t))
                _ = (DateMath.diff(unit, Int.min, Int.max), DateMath.diff(unit, Int.max, Int.min), DateMath.diff(unit, t, 0))
            }
        }
    }

    func testStrftimeRefusesUnknownSpecifiers() {
        let t = micros("2024-03-05T13:04:05.25") ?? 0
        XCTAssertEqual(DateMath.strftime(t, "%-d/%-m %I%p %% 年"), "5/3 01PM % 年")
        for pattern in ["%", "%e", "%-", "%-Y", "%Q"] { XCTAssertNil(DateMath.strftime(t, pattern), pattern) }
    }

    // MARK: - Against DuckDB

    /// DuckDB's answer to `sql` as CSV rows (no header), or a skip when DuckDB is absent.
    func duckdb(_ sql: String) throws -> [[String]] {
        guard let shell = EngineKind.duckdbShell else {
            throw XCTSkip("duckdb is not installed (pip install duckdb-cli, or set CQ_DUCKDB)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cq-datetime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("q.sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        let result = try runProcess(shell, ["-csv", "-noheader"], input: script, directory: dir)
        XCTAssertEqual(result.status, 0, result.err)
        return result.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static let strftimePattern = "%Y %y %m %d %-d %-m %j %-j %a %A %b %B %u %w %V %G"

    func testEveryDayFrom1900To2100AgainstDuckDB() throws {
        let rows = try duckdb("""
            SELECT d, isodow(d), week(d), isoyear(d), quarter(d), dayofyear(d),
                   date_trunc('week', d)::DATE, date_trunc('month', d)::DATE, date_trunc('quarter', d)::DATE,
                   date_trunc('year', d)::DATE,
                   (d + INTERVAL 1 MONTH)::DATE, (d - INTERVAL 1 MONTH)::DATE, (d + INTERVAL 13 MONTH)::DATE,
                   (d + INTERVAL 1 YEAR)::DATE, (d - INTERVAL 1 QUARTER)::DATE,
                   date_diff('year', d, DATE '2000-02-29'), date_diff('quarter', d, DATE '2000-02-29'),
                   date_diff('month', d, DATE '2000-02-29'), date_diff('week', d, DATE '2000-02-29'),
                   date_diff('day', DATE '2000-02-29', d), strftime(d, '\(Self.strftimePattern)')
            FROM (SELECT CAST(range AS DATE) AS d FROM range(DATE '1900-01-01', DATE '2101-01-01', INTERVAL 1 DAY))
            ORDER BY d;
            """)
        XCTAssertEqual(rows.count, 73_414)
        let pivot = DateMath.micros(days: DateMath.parse("2000-02-29") ?? 0)
        var failures = 0
        for row in rows where failures < 10 {
            guard row.count == 21, let day = DateMath.parse(row[0]) else {
                XCTFail("unreadable row \(row)")
                failures += 1
                continue
            }
            let t = DateMath.micros(days: day)
            let iso = DateMath.isoWeek(day)
            let ours: [String] = [
                row[0], String(DateMath.weekday(day)), String(iso.week), String(iso.year), String(DateMath.quarter(day)),
                String(DateMath.dayOfYear(day)),
                DateMath.format(DateMath.truncate(day, to: .week)), DateMath.format(DateMath.truncate(day, to: .month)),
                DateMath.format(DateMath.truncate(day, to: .quarter)), DateMath.format(DateMath.truncate(day, to: .year)),
                DateMath.addMonths(day, 1).map(DateMath.format) ?? "-", DateMath.addMonths(day, -1).map(DateMath.format) ?? "-",
                DateMath.addMonths(day, 13).map(DateMath.format) ?? "-",
                DateMath.add(1, .year, to: t).map { DateMath.format(DateMath.split($0).days) } ?? "-",
                DateMath.add(-1, .quarter, to: t).map { DateMath.format(DateMath.split($0).days) } ?? "-",
                String(DateMath.diff(.year, t, pivot)), String(DateMath.diff(.quarter, t, pivot)),
                String(DateMath.diff(.month, t, pivot)), String(DateMath.diff(.week, t, pivot)),
                String(DateMath.diff(.day, pivot, t)), DateMath.strftime(t, Self.strftimePattern) ?? "-",
            ]
            if ours != row {
                XCTFail("\(row[0]): cq \(ours) vs DuckDB \(row)")
                failures += 1
            }
        }
    }

    func testDatetimesAcross1900To2100AgainstDuckDB() throws {
        // 20,000 instants from 1900 on, 3.6 days and an odd number of microseconds apart, so every
        // time of day, fraction and month position comes up.
        let rows = try duckdb("""
            SELECT epoch_us(t), strftime(t, '%Y-%m-%d %H:%M:%S.%f'),
                   epoch_us(date_trunc('hour', t)), epoch_us(date_trunc('minute', t)), epoch_us(date_trunc('second', t)),
                   epoch_us(date_trunc('day', t)), epoch_us(date_trunc('week', t)), epoch_us(date_trunc('month', t)),
                   epoch_us(t + INTERVAL 1 MONTH), epoch_us(t - INTERVAL 7 HOUR),
                   date_diff('hour', t, TIMESTAMP '2000-02-29 12:34:56.789'),
                   date_diff('minute', TIMESTAMP '2000-02-29 12:34:56.789', t),
                   date_diff('second', t, TIMESTAMP '2000-02-29 12:34:56.789'),
                   date_diff('day', t, TIMESTAMP '2000-02-29 12:34:56.789'),
                   date_diff('week', t, TIMESTAMP '2000-02-29 12:34:56.789'),
                   date_diff('month', t, TIMESTAMP '2000-02-29 12:34:56.789'),
                   strftime(t, '%H %-H %I %-I %M %-M %S %-S %f %p %T')
            FROM (SELECT make_timestamp(CAST(-2208988800000000 + i * 315537897913 AS BIGINT)) AS t FROM range(20000) r(i))
            ORDER BY t;
            """)
        XCTAssertEqual(rows.count, 20_000)
        let pivot = micros("2000-02-29T12:34:56.789") ?? 0
        var failures = 0
        for row in rows where failures < 10 {
            guard row.count == 17, let t = Int(row[0]) else {
                XCTFail("unreadable row \(row)")
                failures += 1
                continue
            }
            let ours: [String] = [
                row[0], DateMath.format(micros: t).padding(toLength: 26, withPad: ".000000", startingAt: 0),
                String(DateMath.truncate(micros: t, to: .hour)), String(DateMath.truncate(micros: t, to: .minute)),
                String(DateMath.truncate(micros: t, to: .second)), String(DateMath.truncate(micros: t, to: .day)),
                String(DateMath.truncate(micros: t, to: .week)), String(DateMath.truncate(micros: t, to: .month)),
                DateMath.add(1, .month, to: t).map(String.init) ?? "-", DateMath.add(-7, .hour, to: t).map(String.init) ?? "-",
                String(DateMath.diff(.hour, t, pivot)), String(DateMath.diff(.minute, pivot, t)),
                String(DateMath.diff(.second, t, pivot)), String(DateMath.diff(.day, t, pivot)),
                String(DateMath.diff(.week, t, pivot)), String(DateMath.diff(.month, t, pivot)),
                DateMath.strftime(t, "%H %-H %I %-I %M %-M %S %-S %f %p %T") ?? "-",
            ]
            XCTAssertEqual(DateMath.parseDateTime(row[1]), t, "reading back \(row[1])")
            if ours != row {
                XCTFail("\(row[1]): cq \(ours) vs DuckDB \(row)")
                failures += 1
            }
        }
    }
}
