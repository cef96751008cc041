// AnalystQuestionsTests: the everyday questions an analyst asks of flight and
// penguin data (the kind PRQL, KQL and DuckDB tutorials ask) — counts and
// shares, ranks, running totals, lag and lead, top-N per group, joins of
// every everyday kind, set operations, scalar subqueries, user functions,
// date buckets, quantiles, text extraction and padding, pivots — each asked
// as one cq pipeline and as DuckDB SQL written by hand, and compared cell
// by cell (ResultTable: numbers to a relative 1e-9).
//
// The tables are Tests/Golden/data/analyst/*.csv: nycflights13-shaped
// flights, airlines, airports and planes (with cancelled flights, missing
// tail numbers, carriers without an airline row and a Chinese airport) and
// palmerpenguins-shaped penguins with empty cells. cq imports them; DuckDB
// loads what cq imported (EngineTable), so both see the same types. Running
// the shell is SQLiteShell's job. The test is skipped without DuckDB.

import Foundation
import XCTest
@testable import CQ

final class AnalystQuestionsTests: XCTestCase {
    typealias Pair = DifferentialTests.Pair
    static func bag(_ cq: String, _ sql: String) -> Pair { DifferentialTests.bag(cq, sql) }
    static func seq(_ cq: String, _ sql: String) -> Pair { DifferentialTests.seq(cq, sql) }

    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/data/analyst")
    static let tables = ["flights", "airlines", "airports", "planes", "penguins"]

    /// cq functions the questions call.
    static let definitions = [
        "let kmh(miles, minutes) = miles / minutes * 60 * 1.609344",
        "let pct(part, whole) = round(100.0 * part / whole, 1)",
    ]

    static let pairs: [Pair] = [
        // Counting and shares.
        seq("flights | summarize n = count() by carrier | sort by n desc, carrier",
            "SELECT carrier, count(*) AS n FROM flights GROUP BY carrier ORDER BY n DESC, carrier"),
        bag("flights | summarize avg_delay = avg(dep_delay), worst = max(dep_delay) by origin",
            "SELECT origin, avg(dep_delay) AS avg_delay, max(dep_delay) AS worst FROM flights GROUP BY origin"),
        bag("flights | summarize n = count() by carrier | extend share = round(100.0 * n / sum(n) over (), 2)",
            "SELECT carrier, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS share FROM flights GROUP BY carrier"),
        bag("flights | summarize cancelled = 100.0 * count_if(dep_time is null) / count() by carrier",
            "SELECT carrier, 100.0 * count_if(dep_time IS NULL) / count(*) AS cancelled FROM flights GROUP BY carrier"),
        bag("flights | summarize late = pct(count_if(arr_delay > 15), count(arr_delay)) by origin",
            "SELECT origin, round(100.0 * count_if(arr_delay > 15) / count(arr_delay), 1) AS late FROM flights GROUP BY origin"),
        bag("flights | summarize planes = count_distinct(tailnum), dests = count_distinct(dest) by carrier",
            "SELECT carrier, count(DISTINCT tailnum) AS planes, count(DISTINCT dest) AS dests FROM flights GROUP BY carrier"),
        bag("flights | summarize n = count() by origin, hour | extend share = n / sum(n) over (by origin)",
            "SELECT origin, hour, count(*) AS n, count(*) / sum(count(*)) OVER (PARTITION BY origin) AS share FROM flights GROUP BY origin, hour"),
        bag("flights | where dest in [\"LAX\", \"SFO\"] and month == 7 | count",
            "SELECT count(*) AS count FROM flights WHERE dest IN ('LAX', 'SFO') AND month = 7"),
        bag("flights | distinct origin, dest | summarize routes = count() by origin",
            "SELECT origin, count(*) AS routes FROM (SELECT DISTINCT origin, dest FROM flights) GROUP BY origin"),
        // Ranks, top-N per group, running totals, lag and lead.
        bag("flights | summarize d = avg(arr_delay) by carrier | extend r = rank() over (sort d desc)",
            "SELECT carrier, avg(arr_delay) AS d, rank() OVER (ORDER BY avg(arr_delay) DESC NULLS LAST) AS r FROM flights GROUP BY carrier"),
        bag("flights | top 3 by dep_delay desc per origin | select origin, dep_delay",
            "SELECT origin, dep_delay FROM flights QUALIFY row_number() OVER (PARTITION BY origin ORDER BY dep_delay DESC NULLS LAST) <= 3"),
        seq("flights | where month == 1 | summarize n = count() by day | sort by day | extend running = sum(n) over (sort day)",
            "SELECT day, count(*) AS n, sum(count(*)) OVER (ORDER BY day) AS running FROM flights WHERE month = 1 GROUP BY day ORDER BY day"),
        seq("flights | summarize n = count() by month | sort by month | extend prev = lag(n) over (sort month) | extend growth = pct(n - prev, prev)",
            "SELECT month, count(*) AS n, lag(count(*)) OVER (ORDER BY month) AS prev, "
                + "round(100.0 * (count(*) - prev) / prev, 1) AS growth FROM flights GROUP BY month ORDER BY month"),
        seq("flights | summarize d = avg(dep_delay) by month, day | sort by month, day | extend ma = avg(d) over (sort month, day rows -2..0)",
            "SELECT month, day, avg(dep_delay) AS d, avg(avg(dep_delay)) OVER (ORDER BY month, day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS ma "
                + "FROM flights GROUP BY month, day ORDER BY month, day"),
        bag("flights | where tailnum is not null | extend gap = date_diff(\"hour\", time_hour, lead(time_hour) over (by tailnum sort time_hour, flight)) | summarize longest = max(gap), n = count() by tailnum",
            "SELECT tailnum, max(gap) AS longest, count(*) AS n FROM (SELECT tailnum, date_diff('hour', time_hour, "
                + "lead(time_hour) OVER (PARTITION BY tailnum ORDER BY time_hour, flight)) AS gap FROM flights WHERE tailnum IS NOT NULL) GROUP BY tailnum"),
        bag("flights | summarize n = count() by month, day | summarize busiest = max(n), quiet = min(n) by month",
            "SELECT month, max(n) AS busiest, min(n) AS quiet FROM (SELECT month, day, count(*) AS n FROM flights GROUP BY month, day) GROUP BY month"),
        // Joins.
        bag("flights | join airlines on carrier | summarize n = count() by name",
            "SELECT a.name, count(*) AS n FROM flights f JOIN airlines a USING (carrier) GROUP BY a.name"),
        bag("flights | join left airlines on carrier | summarize n = count() by carrier, name",
            "SELECT f.carrier, a.name, count(*) AS n FROM flights f LEFT JOIN airlines a USING (carrier) GROUP BY f.carrier, a.name"),
        bag("flights | join anti airlines on carrier | summarize n = count() by carrier",
            "SELECT carrier, count(*) AS n FROM flights f WHERE NOT EXISTS (SELECT 1 FROM airlines a WHERE a.carrier = f.carrier) GROUP BY carrier"),
        bag("flights | join airports on dest == faa | summarize n = count(), far = max(distance) by tz",
            "SELECT p.tz, count(*) AS n, max(distance) AS far FROM flights f JOIN airports p ON f.dest = p.faa GROUP BY p.tz"),
        bag("flights | join planes on tailnum | summarize n = count(), seats = sum(seats), oldest = min(year_planes) by manufacturer",
            "SELECT p.manufacturer, count(*) AS n, sum(p.seats) AS seats, min(p.year) AS oldest FROM flights f JOIN planes p USING (tailnum) GROUP BY p.manufacturer"),
        bag("flights | where tailnum is not null | join anti planes on tailnum | summarize tails = count_distinct(tailnum), n = count()",
            "SELECT count(DISTINCT tailnum) AS tails, count(*) AS n FROM flights f WHERE tailnum IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM planes p WHERE p.tailnum = f.tailnum)"),
        bag("flights | join (flights | summarize route_n = count() by origin, dest) on origin, dest | where route_n >= 8 | summarize n = count(), d = avg(arr_delay) by origin, dest",
            "SELECT origin, dest, count(*) AS n, avg(arr_delay) AS d FROM flights f JOIN (SELECT origin, dest, count(*) AS route_n "
                + "FROM flights GROUP BY origin, dest) r USING (origin, dest) WHERE route_n >= 8 GROUP BY origin, dest"),
        bag("airports | join anti (flights | select dest) on faa == dest | select faa, name",
            "SELECT faa, name FROM airports WHERE faa NOT IN (SELECT dest FROM flights)"),
        bag("flights | join semi (planes | where seats < 100) on tailnum | summarize n = count() by carrier",
            "SELECT carrier, count(*) AS n FROM flights WHERE tailnum IN (SELECT tailnum FROM planes WHERE seats < 100) GROUP BY carrier"),
        // Set operations and subqueries.
        bag("flights | where origin == \"JFK\" | select dest | except (flights | where origin == \"LGA\" | select dest)",
            "SELECT dest FROM flights WHERE origin = 'JFK' EXCEPT SELECT dest FROM flights WHERE origin = 'LGA'"),
        bag("flights | where origin == \"EWR\" | select carrier | intersect (flights | where origin == \"JFK\" | select carrier)",
            "SELECT carrier FROM flights WHERE origin = 'EWR' INTERSECT SELECT carrier FROM flights WHERE origin = 'JFK'"),
        bag("flights | where distance > (flights | summarize avg(distance)) | summarize n = count() by carrier",
            "SELECT carrier, count(*) AS n FROM flights WHERE distance > (SELECT avg(distance) FROM flights) GROUP BY carrier"),
        bag("flights | where dep_delay == (flights | summarize max(dep_delay)) | select carrier, flight, dep_delay",
            "SELECT carrier, flight, dep_delay FROM flights WHERE dep_delay = (SELECT max(dep_delay) FROM flights)"),
        bag("flights | where tailnum in (planes | where manufacturer == \"BOEING\" | select tailnum) | summarize n = count() by origin",
            "SELECT origin, count(*) AS n FROM flights WHERE tailnum IN (SELECT tailnum FROM planes WHERE manufacturer = 'BOEING') GROUP BY origin"),
        // User functions and expressions.
        bag("flights | where air_time is not null | summarize top_speed = max(kmh(distance, air_time)) by carrier",
            "SELECT carrier, max(distance / air_time * 60 * 1.609344) AS top_speed FROM flights WHERE air_time IS NOT NULL GROUP BY carrier"),
        bag("flights | summarize n = count() by status = case(dep_delay is null, \"cancelled\", dep_delay <= 0, \"early\", dep_delay <= 15, \"on time\", \"late\")",
            "SELECT CASE WHEN dep_delay IS NULL THEN 'cancelled' WHEN dep_delay <= 0 THEN 'early' WHEN dep_delay <= 15 THEN 'on time' "
                + "ELSE 'late' END AS status, count(*) AS n FROM flights GROUP BY status"),
        bag("flights | summarize total = sum(coalesce(arr_delay, 0)), known = sum(arr_delay ?? dep_delay) by carrier",
            "SELECT carrier, sum(coalesce(arr_delay, 0)) AS total, sum(coalesce(arr_delay, dep_delay)) AS known FROM flights GROUP BY carrier"),
        bag("flights | summarize speed = sum(distance) / sum(air_time) * 60 by carrier",
            "SELECT carrier, sum(distance) / sum(air_time) * 60 AS speed FROM flights GROUP BY carrier"),
        bag("flights | summarize late = count_if(if(arr_delay > 0, true, false)) by origin",
            "SELECT origin, count_if(CASE WHEN arr_delay > 0 THEN true ELSE false END) AS late FROM flights GROUP BY origin"),
        // Dates.
        bag("flights | summarize n = count() by week = date_trunc(\"week\", time_hour)",
            "SELECT date_trunc('week', time_hour) AS week, count(*) AS n FROM flights GROUP BY week"),
        bag("flights | summarize n = count(), d = avg(dep_delay) by h = hour(time_hour)",
            "SELECT hour(time_hour) AS h, count(*) AS n, avg(dep_delay) AS d FROM flights GROUP BY h"),
        bag("flights | summarize n = count() by m = month_name(time_hour), q = quarter(time_hour)",
            "SELECT monthname(time_hour) AS m, quarter(time_hour) AS q, count(*) AS n FROM flights GROUP BY m, q"),
        bag("flights | summarize n = count() by wd = weekday(time_hour), name = day_name(time_hour)",
            "SELECT isodow(time_hour) AS wd, dayname(time_hour) AS name, count(*) AS n FROM flights GROUP BY wd, name"),
        bag("flights | summarize n = count() by month_start = date_trunc(\"month\", date(time_hour))",
            "SELECT CAST(date_trunc('month', CAST(time_hour AS DATE)) AS DATE) AS month_start, count(*) AS n FROM flights GROUP BY month_start"),
        bag("flights | where dep_delay is not null | extend sched = make_datetime(year, month, day, hour, minute, 0) | select sched, left_at = date_add(sched, dep_delay, \"minute\") | where day(left_at) != day(sched)",
            "SELECT sched, sched + dep_delay * INTERVAL 1 MINUTE AS left_at FROM (SELECT make_timestamp(year, month, day, hour, minute, 0) AS sched, dep_delay "
                + "FROM flights WHERE dep_delay IS NOT NULL) WHERE day(left_at) != day(sched)"),
        bag("flights | summarize first_day = min(date(time_hour)), last_day = max(date(time_hour)), days = count_distinct(date(time_hour)) by carrier",
            "SELECT carrier, min(CAST(time_hour AS DATE)) AS first_day, max(CAST(time_hour AS DATE)) AS last_day, "
                + "count(DISTINCT CAST(time_hour AS DATE)) AS days FROM flights GROUP BY carrier"),
        // Quantiles and statistics.
        bag("flights | summarize p50 = median(dep_delay), p90 = quantile(dep_delay, 0.9), sd = stddev(dep_delay) by origin",
            "SELECT origin, median(dep_delay) AS p50, quantile_cont(dep_delay, 0.9) AS p90, stddev_samp(dep_delay) AS sd FROM flights GROUP BY origin"),
        // Text.
        bag("flights | where month == 1 and day <= 3 | select code = carrier + lpad(string(flight), 4, \"0\")",
            "SELECT carrier || lpad(CAST(flight AS VARCHAR), 4, '0') AS code FROM flights WHERE month = 1 AND day <= 3"),
        bag("flights | where tailnum is not null | summarize n = count() by digits = extract(tailnum, \"[0-9]+\"), suffix = right(tailnum, 2)",
            "SELECT regexp_extract(tailnum, '[0-9]+') AS digits, right(tailnum, 2) AS suffix, count(*) AS n FROM flights WHERE tailnum IS NOT NULL GROUP BY digits, suffix"),
        bag("airports | select faa, first_word = split_part(name, \" \", 1), short = upper(left(name, 5)), n = len(name)",
            "SELECT faa, split_part(name, ' ', 1) AS first_word, upper(left(name, 5)) AS short, length(name) AS n FROM airports"),
        bag("airlines | where name contains \"Air\" and not (name endswith \"Inc.\") | select carrier, name = replace(name, \"Airlines\", \"AL\")",
            "SELECT carrier, replace(name, 'Airlines', 'AL') AS name FROM airlines WHERE contains(name, 'Air') AND NOT suffix(name, 'Inc.')"),
        seq("flights | distinct origin, carrier | sort by carrier | summarize carriers = string_agg(carrier, \"/\") by origin | sort by origin",
            "SELECT origin, string_agg(carrier, '/' ORDER BY carrier) AS carriers FROM (SELECT DISTINCT origin, carrier FROM flights) GROUP BY origin ORDER BY origin"),
        // Pivot.
        bag("flights | pivot origin using count() by month",
            "SELECT month, count_if(origin = 'EWR') AS EWR, count_if(origin = 'JFK') AS JFK, count_if(origin = 'LGA') AS LGA FROM flights GROUP BY month"),
        bag("penguins | where sex is not null | pivot sex using round(avg(body_mass_g), 1) by species",
            "SELECT species, round(avg(body_mass_g) FILTER (WHERE sex = 'female'), 1) AS female, "
                + "round(avg(body_mass_g) FILTER (WHERE sex = 'male'), 1) AS male FROM penguins WHERE sex IS NOT NULL GROUP BY species"),
        // Penguins.
        bag("penguins | where sex is not null | summarize mass = avg(body_mass_g), n = count() by species, sex",
            "SELECT species, sex, avg(body_mass_g) AS mass, count(*) AS n FROM penguins WHERE sex IS NOT NULL GROUP BY species, sex"),
        bag("penguins | summarize missing_sex = count_if(sex is null), missing_mass = count_if(body_mass_g is null), n = count()",
            "SELECT count_if(sex IS NULL) AS missing_sex, count_if(body_mass_g IS NULL) AS missing_mass, count(*) AS n FROM penguins"),
        bag("penguins | top 1 by body_mass_g desc per island | select island, body_mass_g",
            "SELECT island, max(body_mass_g) AS body_mass_g FROM penguins GROUP BY island"),
        bag("penguins | summarize ratio = avg(bill_length_mm / bill_depth_mm), r = corr(flipper_length_mm, body_mass_g) by species",
            "SELECT species, avg(bill_length_mm / bill_depth_mm) AS ratio, corr(flipper_length_mm, body_mass_g) AS r FROM penguins GROUP BY species"),
        bag("penguins | summarize n = count() by island, species | extend share = pct(n, sum(n) over (by island))",
            "SELECT island, species, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY island), 1) AS share "
                + "FROM penguins GROUP BY island, species"),
        bag("penguins | where body_mass_g is not null | select species, body_mass_g, z = (body_mass_g - avg(body_mass_g) over (by species)) / stddev(body_mass_g) over (by species)",
            "SELECT species, body_mass_g, (body_mass_g - avg(body_mass_g) OVER (PARTITION BY species)) / stddev_samp(body_mass_g) OVER (PARTITION BY species) AS z "
                + "FROM penguins WHERE body_mass_g IS NOT NULL"),
        bag("penguins | extend r = dense_rank() over (by species sort flipper_length_mm desc) | where r <= 2 | select species, flipper_length_mm, r",
            "SELECT species, flipper_length_mm, r FROM (SELECT species, flipper_length_mm, dense_rank() OVER (PARTITION BY species "
                + "ORDER BY flipper_length_mm DESC NULLS LAST) AS r FROM penguins) WHERE r <= 2"),
        bag("penguins | where body_mass_g is not null | extend q = ntile(4) over (sort body_mass_g) | summarize lo = min(body_mass_g), hi = max(body_mass_g), n = count() by q",
            "SELECT q, min(body_mass_g) AS lo, max(body_mass_g) AS hi, count(*) AS n FROM (SELECT body_mass_g, ntile(4) OVER (ORDER BY body_mass_g) AS q "
                + "FROM penguins WHERE body_mass_g IS NOT NULL) GROUP BY q"),
        bag("penguins | summarize n = count() by species, size = case(body_mass_g >= 4500, \"large\", body_mass_g >= 3500, \"medium\", body_mass_g is null, \"unknown\", \"small\")",
            "SELECT species, CASE WHEN body_mass_g >= 4500 THEN 'large' WHEN body_mass_g >= 3500 THEN 'medium' WHEN body_mass_g IS NULL THEN 'unknown' "
                + "ELSE 'small' END AS size, count(*) AS n FROM penguins GROUP BY species, size"),
        bag("flights | where dep_delay is not null | summarize n = count() by bucket = dep_delay // 30 * 30, rest = dep_delay % 30 >= 15",
            "SELECT dep_delay // 30 * 30 AS bucket, dep_delay % 30 >= 15 AS rest, count(*) AS n FROM flights WHERE dep_delay IS NOT NULL GROUP BY bucket, rest"),
        bag("flights | summarize n = count() by wk = week(time_hour), last = last_day(time_hour), ym = format_date(time_hour, \"%Y-%m\")",
            "SELECT week(time_hour) AS wk, last_day(time_hour) AS last, strftime(time_hour, '%Y-%m') AS ym, count(*) AS n FROM flights GROUP BY wk, last, ym"),
        bag("flights | extend d = date(time_hour) | summarize n = count() by d | extend since = date_diff(\"day\", @2013-01-01, d), pr = percent_rank() over (sort n)",
            "SELECT CAST(time_hour AS DATE) AS d, count(*) AS n, date_diff('day', DATE '2013-01-01', d) AS since, "
                + "percent_rank() OVER (ORDER BY count(*)) AS pr FROM flights GROUP BY d"),
        // (The data has no ties here: DuckDB breaks them its own way.)
        bag("flights | summarize common = mode(dest), worst = arg_max(flight, dep_delay)",
            "SELECT mode(dest) AS common, arg_max(flight, dep_delay) AS worst FROM flights"),
        bag("airports | select faa, code = regex_replace(name, \"[aeiou]\", \"\"), last = split_part(name, \" \", -1), pos = position(name, \"Intl\"), tag = rpad(faa, 6, \"国\")",
            "SELECT faa, regexp_replace(name, '[aeiou]', '', 'g') AS code, split_part(name, ' ', -1) AS last, position('Intl' IN name) AS pos, "
                + "rpad(faa, 6, '国') AS tag FROM airports"),
        bag("flights | where month == 1 | summarize n = count() by origin | union (flights | where month == 2 | summarize n = count() by origin) | summarize total = sum(n) by origin",
            "SELECT origin, sum(n) AS total FROM (SELECT origin, count(*) AS n FROM flights WHERE month = 1 GROUP BY origin "
                + "UNION ALL SELECT origin, count(*) AS n FROM flights WHERE month = 2 GROUP BY origin) GROUP BY origin"),
        bag("penguins | summarize lo = quantile(flipper_length_mm, 0.25), hi = quantile(flipper_length_mm, 0.75), v = var(bill_depth_mm) by island",
            "SELECT island, quantile_cont(flipper_length_mm, 0.25) AS lo, quantile_cont(flipper_length_mm, 0.75) AS hi, var_samp(bill_depth_mm) AS v FROM penguins GROUP BY island"),
        bag("penguins | where body_mass_g is not null | extend prev = lag(body_mass_g, 1, 0) over (by species sort year, bill_length_mm, body_mass_g), nxt = lead(sex) over (by species sort year, bill_length_mm, body_mass_g) | select species, year, bill_length_mm, prev, nxt",
            "SELECT species, year, bill_length_mm, lag(body_mass_g, 1, 0) OVER w AS prev, lead(sex) OVER w AS nxt FROM penguins "
                + "WHERE body_mass_g IS NOT NULL WINDOW w AS (PARTITION BY species ORDER BY year, bill_length_mm, body_mass_g)"),
        bag("penguins | summarize n = count(), heaviest = arg_max(island, body_mass_g) by species, year",
            "SELECT species, year, count(*) AS n, arg_max(island, body_mass_g) AS heaviest FROM penguins GROUP BY species, year"),
    ]

    func testQuestionsAgreeWithDuckDB() throws {
        let files = Self.tables.map { (name: $0, url: Self.data.appendingPathComponent("\($0).csv")) }
        try DuckDBDifferential.check(Self.pairs, files: files, definitions: Self.definitions) { harness, pair in
            harness.printed(pair.cq)
        }
        XCTAssertGreaterThanOrEqual(Self.pairs.count, 40)
        print("analyst questions compared with DuckDB: \(Self.pairs.count)")
    }
}
