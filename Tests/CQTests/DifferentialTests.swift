// DifferentialTests: runs the same questions in cq and in the sqlite3 shell
// over generated tables (DifferentialData) and compares the answers cell by
// cell (ResultTable): numbers to a relative 1e-9, null apart from the empty
// string, row order only where the query orders rows totally.
//
// Each pair is a cq query and SQL written by hand to mean the same under
// cq's rules. Where the rules differ on purpose the SQL spells out cq's rule:
// cq sorts nulls last by default (`NULLS LAST`), sorts and `top` are stable
// (`, id`: the tables are in `id` order), `/` always divides as floats
// (`1.0 *`), `top` ranks nulls last, a join drops the right key column.
// SQLite has no median or stddev: they are computed in SQL (`median`,
// `stddev` below). `matches` has no SQLite equivalent and is left to the
// golden tests. Differences that are not a matter of spelling — where cq
// answers an error and SQLite a value — are asserted in
// `testIntendedDifferences` with the reason.

import Foundation
import XCTest
@testable import CQ

final class DifferentialTests: XCTestCase {
    /// A cq query and its SQLite SQL; `ordered` when the SQL orders rows totally.
    struct Pair {
        var cq: String
        var sql: String
        var ordered: Bool
    }

    static func bag(_ cq: String, _ sql: String) -> Pair { Pair(cq: cq, sql: sql, ordered: false) }
    static func seq(_ cq: String, _ sql: String) -> Pair { Pair(cq: cq, sql: sql, ordered: true) }

    /// The exact median of non-null `column` of `table` (rows matching `condition`, which sees the row as `m`).
    static func median(_ column: String, of table: String = "t", where condition: String = "1") -> String {
        "(SELECT avg(x) FROM (SELECT m.\(column) AS x, row_number() OVER (ORDER BY m.\(column)) AS rn, "
            + "count(*) OVER () AS c FROM \(table) AS m WHERE m.\(column) IS NOT NULL AND \(condition)) "
            + "WHERE rn IN ((c + 1) / 2, (c + 2) / 2))"
    }

    /// The sample standard deviation of `column` in an aggregate query (null for fewer than two values).
    static func stddev(_ column: String) -> String {
        let x = "1.0 * \(column)"
        return "sqrt((sum(\(x) * \(x)) - sum(\(x)) * sum(\(x)) / count(\(column))) / (count(\(column)) - 1))"
    }

    /// Tables made with `let` in cq and as views in SQLite (for `union`), and a scalar (spelled out in the SQL).
    static let bindings: [(cq: String, sql: String)] = [
        ("let tp = t | where i > 0 | select id, g, i", "CREATE VIEW tp AS SELECT id, g, i FROM t WHERE i > 0;"),
        ("let tn = t | where i < 0 or i is null | select id, g, i",
         "CREATE VIEW tn AS SELECT id, g, i FROM t WHERE i < 0 OR i IS NULL;"),
        ("let lim = 3", "SELECT 1 WHERE 0;"),
    ]

    static let pairs: [Pair] = filters + strings + aggregates + joins + ordering + sets + scalars + large + empties
        + selections

    /// Nulls in filters, three-valued logic, in-lists, int/float and date comparisons.
    static let filters: [Pair] = [
        bag("t | where i > 0 | select id, i", "SELECT id, i FROM t WHERE i > 0"),
        bag("t | where not (i > 0) | select id, i", "SELECT id, i FROM t WHERE NOT (i > 0)"),
        bag("t | where i > 0 or f < 0 | select id", "SELECT id FROM t WHERE i > 0 OR f < 0"),
        bag("t | where i > 0 and b | select id", "SELECT id FROM t WHERE i > 0 AND b"),
        bag("t | where not b or i is null | select id", "SELECT id FROM t WHERE NOT b OR i IS NULL"),
        bag("t | where g is null | select id, g", "SELECT id, g FROM t WHERE g IS NULL"),
        bag("t | where g == \"\" | select id, g", "SELECT id, g FROM t WHERE g = ''"),
        bag("t | where g != \"a\" | select id, g", "SELECT id, g FROM t WHERE g <> 'a'"),
        bag("t | where g is not null and h is not null | select id, g, h",
            "SELECT id, g, h FROM t WHERE g IS NOT NULL AND h IS NOT NULL"),
        bag("t | select id, x = i > 0 and b, y = i > 0 or b, z = not b",
            "SELECT id, (i > 0) AND b AS x, (i > 0) OR b AS y, NOT b AS z FROM t"),
        bag("t | where i in [1, 2, -3] | select id, i", "SELECT id, i FROM t WHERE i IN (1, 2, -3)"),
        bag("t | select id, x = i in [1, null], y = not (i in [1, null])",
            "SELECT id, i IN (1, NULL) AS x, NOT (i IN (1, NULL)) AS y FROM t"),
        bag("t | where h in [\"x\", \"Y\"] | select id, h", "SELECT id, h FROM t WHERE h IN ('x', 'Y')"),
        bag("t | where f >= i | select id, i, f", "SELECT id, i, f FROM t WHERE f >= i"),
        bag("t | where f == 3 | select id, f", "SELECT id, f FROM t WHERE f = 3"),
        bag("t | where s < \"a\" | select id, s", "SELECT id, s FROM t WHERE s < 'a'"),
        bag("t | where g > \"b\" | select id, g", "SELECT id, g FROM t WHERE g > 'b'"),
        bag("t | where d >= @2023-01-01 and d < @2024-01-01 | select id, d",
            "SELECT id, d FROM t WHERE d >= '2023-01-01' AND d < '2024-01-01'"),
        bag("t | where d == @2022-12-31 | select id", "SELECT id FROM t WHERE d = '2022-12-31'"),
        bag("t | select id, x = d > @2023-01-01", "SELECT id, d > '2023-01-01' AS x FROM t"),
        bag("t | where i > 0 | count", "SELECT count(*) AS count FROM t WHERE i > 0"),
        bag("t | where i is null | count", "SELECT count(*) AS count FROM t WHERE i IS NULL"),
        bag("t | where b == true | select id", "SELECT id FROM t WHERE b = 1"),
        bag("t | where i in [1.0, 2.5, -3] | select id, i", "SELECT id, i FROM t WHERE i IN (1.0, 2.5, -3)"),
        bag("t | where f in [3, 0] | select id, f", "SELECT id, f FROM t WHERE f IN (3, 0)"),
    ]

    /// `contains`/`startswith`/`endswith` with `%` and `_` in the needle (never wildcards in cq).
    static let strings: [Pair] = [
        bag("t | where s contains \"%\" | select id, s", "SELECT id, s FROM t WHERE instr(s, '%') > 0"),
        bag("t | where s contains \"_\" | select id, s", "SELECT id, s FROM t WHERE instr(s, '_') > 0"),
        bag("t | where s contains \"%_\" | select id", "SELECT id FROM t WHERE instr(s, '%_') > 0"),
        bag("t | where s startswith \"a\" | select id, s", "SELECT id, s FROM t WHERE substr(s, 1, 1) = 'a'"),
        bag("t | where s endswith \"%\" | select id, s",
            "SELECT id, s FROM t WHERE substr(s, length(s)) = '%'"),
        bag("t | where s contains \"重庆\" | select id", "SELECT id FROM t WHERE instr(s, '重庆') > 0"),
        bag("t | select id, x = s contains \"a_b\", y = g startswith \"重\"",
            "SELECT id, instr(s, 'a_b') > 0 AS x, substr(g, 1, 1) = '重' AS y FROM t"),
        bag("t | where s startswith \"\" | count", "SELECT count(*) AS count FROM t WHERE s IS NOT NULL"),
        bag("t | where len(s) > 3 and s contains \"a\" | select id, s",
            "SELECT id, s FROM t WHERE length(s) > 3 AND instr(s, 'a') > 0"),
    ]

    /// Every aggregate, global (also over no rows: one row), grouped by null keys and several keys.
    static let aggregates: [Pair] = [
        bag("t | summarize count(), count(i), count_distinct(g), sum(i), avg(f), min(s), max(s), min(d), max(d)",
            "SELECT count(*) AS count, count(i) AS count_i, count(DISTINCT g) AS count_distinct_g, sum(i) AS sum_i, "
                + "avg(f) AS avg_f, min(s) AS min_s, max(s) AS max_s, min(d) AS min_d, max(d) AS max_d FROM t"),
        bag("t | summarize sum(f), min(f), max(f), avg(i), min(i), max(i)",
            "SELECT sum(f) AS sum_f, min(f) AS min_f, max(f) AS max_f, avg(i) AS avg_i, min(i) AS min_i, "
                + "max(i) AS max_i FROM t"),
        bag("t | summarize median(f), median(i)", "SELECT \(median("f")) AS median_f, \(median("i")) AS median_i"),
        bag("t | summarize stddev(f), stddev(i)", "SELECT \(stddev("f")) AS stddev_f, \(stddev("i")) AS stddev_i FROM t"),
        bag("t | where false | summarize count(), count(i), sum(i), avg(f), min(s), max(d), count_distinct(g)",
            "SELECT count(*) AS count, count(i) AS count_i, sum(i) AS sum_i, avg(f) AS avg_f, min(s) AS min_s, "
                + "max(d) AS max_d, count(DISTINCT g) AS count_distinct_g FROM t WHERE 0"),
        bag("t | where i > 100 | summarize median(f), stddev(f)",
            "SELECT \(median("f", where: "m.i > 100")) AS median_f, \(stddev("f")) AS stddev_f FROM t WHERE i > 100"),
        bag("t | where i is null | summarize count(), sum(i), avg(i), min(i), count_distinct(i)",
            "SELECT count(*) AS count, sum(i) AS sum_i, avg(i) AS avg_i, min(i) AS min_i, "
                + "count(DISTINCT i) AS count_distinct_i FROM t WHERE i IS NULL"),
        bag("t | where false | summarize count() by g", "SELECT g, count(*) AS count FROM t WHERE 0 GROUP BY g"),
        bag("t | summarize count(), sum(i), avg(f) by g",
            "SELECT g, count(*) AS count, sum(i) AS sum_i, avg(f) AS avg_f FROM t GROUP BY g"),
        bag("t | summarize n = count(), total = sum(f), lo = min(s) by g, h",
            "SELECT g, h, count(*) AS n, sum(f) AS total, min(s) AS lo FROM t GROUP BY g, h"),
        bag("t | summarize count(), max(d) by b, h",
            "SELECT b, h, count(*) AS count, max(d) AS max_d FROM t GROUP BY b, h"),
        bag("t | summarize median(f), median(i) by g",
            "SELECT g, \(median("f", where: "m.g IS o.g")) AS median_f, \(median("i", where: "m.g IS o.g")) AS median_i "
                + "FROM (SELECT DISTINCT g FROM t) AS o"),
        bag("t | summarize stddev(i), stddev(f) by h",
            "SELECT h, \(stddev("i")) AS stddev_i, \(stddev("f")) AS stddev_f FROM t GROUP BY h"),
        bag("t | summarize count_distinct(s), count_distinct(f), count_distinct(d) by h",
            "SELECT h, count(DISTINCT s) AS count_distinct_s, count(DISTINCT f) AS count_distinct_f, "
                + "count(DISTINCT d) AS count_distinct_d FROM t GROUP BY h"),
        bag("t | summarize total = sum(i) by parity = i % 2",
            "SELECT i % 2 AS parity, sum(i) AS total FROM t GROUP BY i % 2"),
        bag("t | summarize n = count() by y = year(d), h",
            "SELECT CAST(strftime('%Y', d) AS INTEGER) AS y, h, count(*) AS n FROM t GROUP BY 1, h"),
        bag("t | summarize x = sum(i * j), y = avg(i + f) by h",
            "SELECT h, sum(i * j) AS x, avg(i + f) AS y FROM t GROUP BY h"),
        bag("e | summarize count(), min(x), count_distinct(x)",
            "SELECT count(*) AS count, min(x) AS min_x, count(DISTINCT x) AS count_distinct_x FROM e"),
        bag("e | count", "SELECT count(*) AS count FROM e"),
        bag("e | summarize count() by x", "SELECT x, count(*) AS count FROM e GROUP BY x"),
        bag("t | summarize min(b), max(b), count_distinct(b) by h",
            "SELECT h, min(b) AS min_b, max(b) AS max_b, count(DISTINCT b) AS count_distinct_b FROM t GROUP BY h"),
        // f * 0 is -0.0 for negative f: one group with 0.0, as in SQLite.
        bag("t | summarize n = count() by z = f * 0", "SELECT f * 0 AS z, count(*) AS n FROM t GROUP BY f * 0"),
    ]

    /// Inner and left joins with duplicate keys on both sides and null keys (which never match).
    static let joins: [Pair] = [
        bag("t | join u on k | select id, k, v, w", "SELECT t.id, t.k, u.v, u.w FROM t JOIN u ON t.k = u.k"),
        bag("t | join left u on k | select id, k, v, w", "SELECT t.id, t.k, u.v, u.w FROM t LEFT JOIN u ON t.k = u.k"),
        bag("t | join u on i == k | select id, i, v", "SELECT t.id, t.i, u.v FROM t JOIN u ON t.i = u.k"),
        bag("t | join left u on j == k | select id, j, v, w",
            "SELECT t.id, t.j, u.v, u.w FROM t LEFT JOIN u ON t.j = u.k"),
        bag("t | join u on k | summarize count(), sum(w) by k",
            "SELECT t.k, count(*) AS count, sum(u.w) AS sum_w FROM t JOIN u ON t.k = u.k GROUP BY t.k"),
        bag("u | join t on k | select k, v, id", "SELECT u.k, u.v, t.id FROM u JOIN t ON u.k = t.k"),
        bag("u | join left t on k | select k, v, w, id", "SELECT u.k, u.v, u.w, t.id FROM u LEFT JOIN t ON u.k = t.k"),
        bag("t | join left u on k | where v is null | select id, k",
            "SELECT t.id, t.k FROM t LEFT JOIN u ON t.k = u.k WHERE u.v IS NULL"),
        bag("t | join u on g == v | select id, g, w", "SELECT t.id, t.g, u.w FROM t JOIN u ON t.g = u.v"),
        bag("t | join u on i == w | select id, i, v", "SELECT t.id, t.i, u.v FROM t JOIN u ON t.i = u.w"),
        bag("t | join left u on f == w | select id, f, v", "SELECT t.id, t.f, u.v FROM t LEFT JOIN u ON t.f = u.w"),
        bag("t | join left e on g == x | select id, g", "SELECT t.id, t.g FROM t LEFT JOIN e ON t.g = e.x"),
    ]

    /// Stable multi-key sorts with ties and nulls, `top` and `take`.
    static let ordering: [Pair] = [
        seq("t | sort i | select id, i", "SELECT id, i FROM t ORDER BY i NULLS LAST, id"),
        seq("t | sort i desc | select id, i", "SELECT id, i FROM t ORDER BY i DESC NULLS LAST, id"),
        seq("t | sort i nulls first | select id, i", "SELECT id, i FROM t ORDER BY i NULLS FIRST, id"),
        seq("t | sort g, f desc | select id, g, f",
            "SELECT id, g, f FROM t ORDER BY g NULLS LAST, f DESC NULLS LAST, id"),
        seq("t | sort s | select id, s", "SELECT id, s FROM t ORDER BY s NULLS LAST, id"),
        seq("t | sort d desc nulls first | select id, d", "SELECT id, d FROM t ORDER BY d DESC NULLS FIRST, id"),
        seq("t | sort b | select id, b", "SELECT id, b FROM t ORDER BY b NULLS LAST, id"),
        // f * 0 is -0.0 for negative f, equal to 0.0: ties, kept in input order.
        seq("t | sort f * 0 | select id, z = f * 0", "SELECT id, f * 0 AS z FROM t ORDER BY f * 0 NULLS LAST, id"),
        seq("t | sort i % 3 | select id, m = i % 3", "SELECT id, i % 3 AS m FROM t ORDER BY i % 3 NULLS LAST, id"),
        seq("t | top 5 by i | select id, i", "SELECT id, i FROM t ORDER BY i DESC NULLS LAST, id LIMIT 5"),
        seq("t | top 7 by f asc | select id, f", "SELECT id, f FROM t ORDER BY f NULLS LAST, id LIMIT 7"),
        seq("t | top 10 by s asc | select id, s", "SELECT id, s FROM t ORDER BY s NULLS LAST, id LIMIT 10"),
        seq("t | top 100 by i | select id, i", "SELECT id, i FROM t ORDER BY i DESC NULLS LAST, id"),
        seq("t | top 5 by s | select id, s", "SELECT id, s FROM t ORDER BY s DESC NULLS LAST, id LIMIT 5"),
        seq("t | top 0 by i | select id", "SELECT id FROM t LIMIT 0"),
        seq("t | sort h desc, b, i desc nulls first | select id, h, b, i",
            "SELECT id, h, b, i FROM t ORDER BY h DESC NULLS LAST, b NULLS LAST, i DESC NULLS FIRST, id"),
        seq("t | sort len(s) desc | select id, s", "SELECT id, s FROM t ORDER BY length(s) DESC NULLS LAST, id"),
        seq("t | extend i = i * 2 | sort i, id desc | select id, i",
            "SELECT id, i * 2 AS i FROM t ORDER BY i * 2 NULLS LAST, id DESC"),
        seq("t | sort f | top 3 by i | select id, i, f",
            "SELECT id, i, f FROM t ORDER BY i DESC NULLS LAST, f NULLS LAST, id LIMIT 3"),
        seq("t | take 5 | select id", "SELECT id FROM t ORDER BY id LIMIT 5"),
        seq("t | sort i | take 3 | select id, i", "SELECT id, i FROM t ORDER BY i NULLS LAST, id LIMIT 3"),
        seq("t | summarize n = count() by g | sort n desc, g",
            "SELECT g, count(*) AS n FROM t GROUP BY g ORDER BY n DESC, g NULLS LAST"),
        seq("t | drop s, d, b, r | take 3", "SELECT id, g, h, i, j, f, k FROM t ORDER BY id LIMIT 3"),
        seq("t | rename key = id, grp = g | select key, grp | take 4",
            "SELECT id AS key, g AS grp FROM t ORDER BY id LIMIT 4"),
    ]

    /// `distinct` (nulls equal) and `union` (all rows, in order).
    static let sets: [Pair] = [
        bag("t | distinct g", "SELECT DISTINCT g FROM t"),
        bag("t | distinct g, h", "SELECT DISTINCT g, h FROM t"),
        bag("t | select h, b | distinct", "SELECT DISTINCT h, b FROM t"),
        seq("tp | union tn", "SELECT id, g, i FROM (SELECT *, 0 AS part FROM tp UNION ALL SELECT *, 1 FROM tn) "
                + "ORDER BY part, id"),
        bag("tp | union tp | distinct", "SELECT DISTINCT * FROM (SELECT * FROM tp UNION ALL SELECT * FROM tp)"),
        bag("tp | union tn | summarize count(), count_distinct(g)",
            "SELECT count(*) AS count, count(DISTINCT g) AS count_distinct_g FROM (SELECT * FROM tp UNION ALL SELECT * FROM tn)"),
    ]

    /// Scalar functions with an SQLite equivalent, integer division and modulo, int/float mixing.
    static let scalars: [Pair] = [
        // lower/upper on ASCII columns only: SQLite's change only ASCII letters (see testIntendedDifferences).
        bag("t | select id, n = len(s), lo = lower(h), up = upper(g), tr = trim(s)",
            "SELECT id, length(s) AS n, lower(h) AS lo, upper(g) AS up, trim(s) AS tr FROM t"),
        bag("t | where s == \"\u{E9}t\u{E9}\" or s contains \"e\u{301}\" | select id, s",
            "SELECT id, s FROM t WHERE s = char(233, 116, 233) OR instr(s, 'e' || char(769)) > 0"),
        bag("t | select id, a = substr(s, 2, 3), c = substr(s, 3), z = substr(s, 10), o = substr(g, 1, 1)",
            "SELECT id, substr(s, 2, 3) AS a, substr(s, 3) AS c, substr(s, 10) AS z, substr(g, 1, 1) AS o FROM t"),
        bag("t | select id, r = replace(s, \"a\", \"%\"), r2 = replace(s, \"%\", \"\"), r3 = replace(g, \"重\", \"轻\")",
            "SELECT id, replace(s, 'a', '%') AS r, replace(s, '%', '') AS r2, replace(g, '重', '轻') AS r3 FROM t"),
        bag("t | select id, a = abs(i), b2 = abs(f), r = round(f), r1 = round(f, 1), c = ceil(f), fl = floor(f)",
            "SELECT id, abs(i) AS a, abs(f) AS b2, round(f) AS r, round(f, 1) AS r1, ceil(f) AS c, floor(f) AS fl FROM t"),
        bag("t | select id, r, r2 = round(r, 2), r1 = round(r, 1), r0 = round(r)",
            "SELECT id, r, round(r, 2) AS r2, round(r, 1) AS r1, round(r) AS r0 FROM t"),
        bag("t | select id, r = round(i), r2 = round(f * 3 / 7, 3)",
            "SELECT id, round(i) AS r, round(f * 3 / 7, 3) AS r2 FROM t"),
        bag("t | select id, c = coalesce(i, j, 0), q = i ?? f, gs = g ?? \"-\"",
            "SELECT id, coalesce(i, j, 0) AS c, coalesce(i, f) AS q, coalesce(g, '-') AS gs FROM t"),
        bag("t | select id, x = if(b, i, j), y = if(i > 0, \"pos\", \"non\")",
            "SELECT id, CASE WHEN b THEN i ELSE j END AS x, iif(i > 0, 'pos', 'non') AS y FROM t"),
        bag("t | select id, x = if(b, i, f), y = coalesce(f, i), z = i ?? j ?? 0",
            "SELECT id, CASE WHEN b THEN i ELSE f END AS x, coalesce(f, i) AS y, coalesce(i, j, 0) AS z FROM t"),
        bag("t | select id, x = substr(s, -2), y = substr(s, 3, -2), z = substr(s, 0, 2)",
            "SELECT id, substr(s, -2) AS x, substr(s, 3, -2) AS y, substr(s, 0, 2) AS z FROM t"),
        bag("t | select id, y = year(d), m = month(d), dd = day(d)",
            "SELECT id, CAST(strftime('%Y', d) AS INTEGER) AS y, CAST(strftime('%m', d) AS INTEGER) AS m, "
                + "CAST(strftime('%d', d) AS INTEGER) AS dd FROM t"),
        bag("t | select id, x = string(i), y = int(f), z = float(i)",
            "SELECT id, CAST(i AS TEXT) AS x, CAST(f AS INTEGER) AS y, CAST(i AS REAL) AS z FROM t"),
        bag("t | select id, x = string(f), y = string(d), z = string(r)",
            "SELECT id, CAST(f AS TEXT) AS x, CAST(d AS TEXT) AS y, CAST(r AS TEXT) AS z FROM t"),
        bag("t | where d > date(\"2023-01-01\") | select id, d, x = int(\"-12\") + i, y = float(\"2.5\") * i",
            "SELECT id, d, -12 + i AS x, 2.5 * i AS y FROM t WHERE d > '2023-01-01'"),
        bag("t | select id, q = i // j, m = i % j, dv = i / j",
            "SELECT id, i / j AS q, i % j AS m, 1.0 * i / j AS dv FROM t"),
        bag("t | select id, x = i + f, y = i * f - j, z = -i, w = f / j",
            "SELECT id, i + f AS x, i * f - j AS y, -i AS z, f / j AS w FROM t"),
        bag("t | extend x = i * 2 | where x > 4 | select id, x", "SELECT id, i * 2 AS x FROM t WHERE i * 2 > 4"),
        bag("t | where i % 2 == -1 | select id, i", "SELECT id, i FROM t WHERE i % 2 = -1"),
    ]

    /// The same operations over 3000 rows: many groups, heap top-N with ties, joins with many matches.
    static let large: [Pair] = [
        bag("big | summarize count(), sum(n), avg(x), min(name), max(name), count_distinct(n) by grp",
            "SELECT grp, count(*) AS count, sum(n) AS sum_n, avg(x) AS avg_x, min(name) AS min_name, "
                + "max(name) AS max_name, count(DISTINCT n) AS count_distinct_n FROM big GROUP BY grp"),
        bag("big | summarize median(x), stddev(n) by grp",
            "SELECT grp, \(median("x", of: "big", where: "m.grp IS o.grp")) AS median_x, \(stddev("n")) AS stddev_n "
                + "FROM big AS o GROUP BY grp"),
        bag("big | summarize median(n), median(x), stddev(x)",
            "SELECT \(median("n", of: "big")) AS median_n, \(median("x", of: "big")) AS median_x, "
                + "\(stddev("x")) AS stddev_x FROM big"),
        seq("big | top 25 by x | select id, x", "SELECT id, x FROM big ORDER BY x DESC NULLS LAST, id LIMIT 25"),
        seq("big | top 40 by n asc | select id, n", "SELECT id, n FROM big ORDER BY n NULLS LAST, id LIMIT 40"),
        seq("big | top 30 by grp | select id, grp", "SELECT id, grp FROM big ORDER BY grp DESC NULLS LAST, id LIMIT 30"),
        seq("big | sort grp, n desc | select id, grp, n",
            "SELECT id, grp, n FROM big ORDER BY grp NULLS LAST, n DESC NULLS LAST, id"),
        seq("big | sort x nulls first, key desc | select id, x, key",
            "SELECT id, x, key FROM big ORDER BY x NULLS FIRST, key DESC NULLS LAST, id"),
        bag("big | join dim on key | summarize count(), sum(n) by label",
            "SELECT label, count(*) AS count, sum(n) AS sum_n FROM big JOIN dim ON big.key = dim.key GROUP BY label"),
        bag("big | join left dim on key | select id, key, label",
            "SELECT big.id, big.key, dim.label FROM big LEFT JOIN dim ON big.key = dim.key"),
        bag("big | distinct grp, key", "SELECT DISTINCT grp, key FROM big"),
        bag("big | where name contains \"_\" and n > 0 | count",
            "SELECT count(*) AS count FROM big WHERE instr(name, '_') > 0 AND n > 0"),
        bag("big | summarize c = count(), hi = max(x) by k = key % 7, grp",
            "SELECT key % 7 AS k, grp, count(*) AS c, max(x) AS hi FROM big GROUP BY 1, grp"),
        bag("big | where n // 3 == -5 or n % 7 == -6 | select id, n, q = n // 3, m = n % 7",
            "SELECT id, n, n / 3 AS q, n % 7 AS m FROM big WHERE n / 3 = -5 OR n % 7 = -6"),
    ]

    /// A filter read in place by the stage after it (top, sort, take, summarize see only the kept rows),
    /// filters computed straight into masks (null, comparisons, and/or), and columns nobody reads.
    static let selections: [Pair] = [
        seq("big | where x is not null | top 12 by x | select id, x",
            "SELECT id, x FROM big WHERE x IS NOT NULL ORDER BY x DESC NULLS LAST, id LIMIT 12"),
        seq("big | where n > 0 | top 9 by x asc | select id, x",
            "SELECT id, x FROM big WHERE n > 0 ORDER BY x NULLS LAST, id LIMIT 9"),
        seq("t | where i is null or i > 2 | top 4 by i | select id, i",
            "SELECT id, i FROM t WHERE i IS NULL OR i > 2 ORDER BY i DESC NULLS LAST, id LIMIT 4"),
        seq("t | where i is null or i > 4 | top 12 by i | select id, i",
            "SELECT id, i FROM t WHERE i IS NULL OR i > 4 ORDER BY i DESC NULLS LAST, id LIMIT 12"),
        seq("t | top 6 by d | select id, d", "SELECT id, d FROM t ORDER BY d DESC NULLS LAST, id LIMIT 6"),
        seq("t | top 9 by b asc | select id, b", "SELECT id, b FROM t ORDER BY b NULLS LAST, id LIMIT 9"),
        seq("t | where g != \"a\" | top 8 by f * 0 asc | select id, f",
            "SELECT id, f FROM t WHERE g <> 'a' ORDER BY f * 0 NULLS LAST, id LIMIT 8"),
        seq("t | where f < 3 or f is null | sort f nulls first | select id, f",
            "SELECT id, f FROM t WHERE f < 3 OR f IS NULL ORDER BY f NULLS FIRST, id"),
        seq("t | where g is not null | top 5 by g, i | select id, g, i",
            "SELECT id, g, i FROM t WHERE g IS NOT NULL ORDER BY g DESC NULLS LAST, i DESC NULLS LAST, id LIMIT 5"),
        seq("big | where grp != \"a\" and n >= -20 | sort n desc | select id, n",
            "SELECT id, n FROM big WHERE grp <> 'a' AND n >= -20 ORDER BY n DESC NULLS LAST, id"),
        seq("big | where key > 3 | take 7 | select id, key", "SELECT id, key FROM big WHERE key > 3 ORDER BY id LIMIT 7"),
        seq("t | where j != 0 | top 3 by i // j | select id, i, j",
            "SELECT id, i, j FROM t WHERE j <> 0 ORDER BY i / j DESC NULLS LAST, id LIMIT 3"),
        bag("big | where x > 0.5 or n < -40 | summarize c = count(), s = sum(n), d = count_distinct(key) by grp",
            "SELECT grp, count(*) AS c, sum(n) AS s, count(DISTINCT key) AS d FROM big "
                + "WHERE x > 0.5 OR n < -40 GROUP BY grp"),
        bag("big | where n > 10 | summarize count(), min(name), median(x), stddev(n)",
            "SELECT count(*) AS count, min(name) AS min_name, \(median("x", of: "big", where: "m.n > 10")) AS median_x, "
                + "\(stddev("n")) AS stddev_n FROM big WHERE n > 10"),
        bag("big | summarize c = count(), s = sum(n) by x, key", "SELECT x, key, count(*) AS c, sum(n) AS s FROM big GROUP BY x, key"),
        bag("t | summarize n = count() by g, h, b", "SELECT g, h, b, count(*) AS n FROM t GROUP BY g, h, b"),
        bag("big | where n > 0 | summarize c = count() by grp, key",
            "SELECT grp, key, count(*) AS c FROM big WHERE n > 0 GROUP BY grp, key"),
        bag("t | where d >= @2023-01-01 | summarize n = count(), m = max(f) by h",
            "SELECT h, count(*) AS n, max(f) AS m FROM t WHERE d >= '2023-01-01' GROUP BY h"),
        bag("t | where i == 2.0 or f != 1 | select id", "SELECT id FROM t WHERE i = 2.0 OR f <> 1"),
        bag("t | where 0 < i and not (f > 2) | select id", "SELECT id FROM t WHERE 0 < i AND NOT (f > 2)"),
        bag("big | join dim on key | where n > 0 | summarize s = sum(x) by label",
            "SELECT label, sum(x) AS s FROM big JOIN dim ON big.key = dim.key WHERE n > 0 GROUP BY label"),
        bag("t | join left u on k | summarize c = count(), w = sum(w) by v",
            "SELECT u.v, count(*) AS c, sum(u.w) AS w FROM t LEFT JOIN u ON t.k = u.k GROUP BY u.v"),
        bag("t | extend z = i + 1 | where z > 2 | summarize total = sum(z)",
            "SELECT sum(i + 1) AS total FROM t WHERE i + 1 > 2"),
    ]

    /// Every stage over no rows, and a `let`-bound scalar in a filter.
    static let empties: [Pair] = [
        bag("t | where false | count", "SELECT count(*) AS count FROM t WHERE 0"),
        bag("t | where false | distinct g", "SELECT DISTINCT g FROM t WHERE 0"),
        seq("t | where false | top 3 by i | select id", "SELECT id FROM t WHERE 0"),
        seq("t | where false | sort i | select id", "SELECT id FROM t WHERE 0"),
        bag("t | where false | join left u on k | select id, v", "SELECT t.id, u.v FROM t LEFT JOIN u ON t.k = u.k WHERE 0"),
        bag("u | join t on k | where id > 1000 | summarize count(), sum(w), max(v)",
            "SELECT count(*) AS count, sum(w) AS sum_w, max(v) AS max_v FROM u JOIN t ON u.k = t.k WHERE t.id > 1000"),
        bag("t | join e on g == x | count", "SELECT count(*) AS count FROM t JOIN e ON t.g = e.x"),
        bag("tp | where false | union tn | count", "SELECT count(*) AS count FROM tn"),
        bag("t | where i > lim | select id", "SELECT id FROM t WHERE i > 3"),
    ]

    func testCQAgreesWithSQLite() throws {
        guard let sqlite = SQLiteShell.executable else { throw XCTSkip("sqlite3 is not installed (.ci/run installs it)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cq-difftest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        settings.render.maxRows = 0
        let session = Session(console: console, settings: settings)
        var setup: [String] = []
        for table in DifferentialData.tables() {
            let cqFile = dir.appendingPathComponent("\(table.name).csv")
            let sqlFile = dir.appendingPathComponent("\(table.name)-sqlite.csv")
            try table.cqCSV.write(to: cqFile, atomically: true, encoding: .utf8)
            try table.sqliteCSV.write(to: sqlFile, atomically: true, encoding: .utf8)
            XCTAssertTrue(session.run(".import \(cqFile.path) as \(table.name)\n"), console.errors)
            setup += table.sqliteSetup(path: sqlFile.path)
        }
        for binding in Self.bindings {
            XCTAssertTrue(session.run(binding.cq + "\n"), console.errors)
            setup.append(binding.sql)
        }

        let pairs = Self.pairs
        let (outputs, sqliteErrors) = try SQLiteShell.run(sqlite, setup: setup, queries: pairs.map { $0.sql + ";" },
                                                          directory: dir)
        XCTAssertEqual(sqliteErrors, "", "sqlite3 reported errors")
        XCTAssertEqual(outputs.count, pairs.count, "sqlite3 output sections")
        for (pair, sqliteOutput) in zip(pairs, outputs) {
            let before = console.output.utf8.count
            let errorsBefore = console.errors.utf8.count
            guard session.run(pair.cq + "\n") else {
                XCTFail("cq failed: \(pair.cq)\n\(String(decoding: Array(console.errors.utf8).dropFirst(errorsBefore), as: UTF8.self))")
                continue
            }
            let text = String(decoding: Array(console.output.utf8).dropFirst(before), as: UTF8.self)
            let mine = ResultTable.cqCSV(text)
            let theirs = ResultTable.sqliteQuote(sqliteOutput)
            if let difference = mine.difference(from: theirs, ordered: pair.ordered) {
                XCTFail("\(pair.cq)\n\(pair.sql)\n\(difference)")
            }
        }
        XCTAssertGreaterThanOrEqual(pairs.count, 60)
        print("differential query pairs: \(pairs.count)")
    }

    /// Where cq and SQLite answer differently on purpose: cq's answer (csv, or `error: …`), SQLite's, and why.
    struct Difference {
        var cq: String
        var cqAnswer: String
        var sql: String
        var sqliteAnswer: ResultCell
    }

    static let differences: [Difference] = [
        // Division or modulo by zero is an error naming the expression (LANGUAGE.md §4); SQLite gives null.
        Difference(cq: "7 // 0", cqAnswer: "error: division by zero in '7 // 0'", sql: "7 / 0", sqliteAnswer: .null),
        Difference(cq: "7 % 0", cqAnswer: "error: division by zero in '7 % 0'", sql: "7 % 0", sqliteAnswer: .null),
        // `/` always divides as floats (§4); SQLite divides integers as integers.
        Difference(cq: "1 / 2", cqAnswer: "0.5", sql: "1 / 2", sqliteAnswer: .number(0, "0")),
        // Integer overflow is an error (§4); SQLite silently moves to a float.
        Difference(cq: "9223372036854775807 + 1", cqAnswer: "error: integer overflow in '9223372036854775807 + 1'",
                   sql: "9223372036854775807 + 1", sqliteAnswer: .number(9_223_372_036_854_775_808, "9.22337203685478e+18")),
        // An impossible conversion is an error (issue 3); SQLite's CAST makes 0 of it.
        Difference(cq: "int(\"abc\")", cqAnswer: "error: cannot convert in 'int(\"abc\")': 'abc' is not an int",
                   sql: "CAST('abc' AS INTEGER)", sqliteAnswer: .number(0, "0")),
        // upper/lower know all of Unicode; SQLite's change only ASCII letters.
        Difference(cq: "upper(\"straße\")", cqAnswer: "STRASSE", sql: "upper('straße')", sqliteAnswer: .text("STRAßE")),
        // `%` on floats keeps the fraction (fmod); SQLite truncates both operands to integers first.
        Difference(cq: "7.5 % 2", cqAnswer: "1.5", sql: "7.5 % 2", sqliteAnswer: .number(1, "1.0")),
        // Negative digits round to tens, hundreds… (a cq addition); SQLite treats them as 0.
        Difference(cq: "round(1234.5678, -2)", cqAnswer: "1200.0", sql: "round(1234.5678, -2)", sqliteAnswer: .number(1235, "1235.0")),
        // The largest double below 0.5 rounds down; SQLite's printf-based round sees 0.5 and goes up.
        Difference(cq: "round(0.49999999999999994)", cqAnswer: "0.0", sql: "round(0.49999999999999994)",
                   sqliteAnswer: .number(1, "1.0")),
        // string(float) is the shortest text that reads back to the same float; SQLite keeps 15 digits.
        Difference(cq: "string(0.1 + 0.2)", cqAnswer: "0.30000000000000004", sql: "CAST(0.1 + 0.2 AS TEXT)",
                   sqliteAnswer: .text("0.3")),
        Difference(cq: "string(1e20)", cqAnswer: "1e+20", sql: "CAST(1e20 AS TEXT)", sqliteAnswer: .text("1.0e+20")),
        // int and float compare as floats, as in most engines; SQLite compares them exactly.
        Difference(cq: "9007199254740993 == 9007199254740992.0", cqAnswer: "true",
                   sql: "9007199254740993 = 9007199254740992.0", sqliteAnswer: .number(0, "0")),
    ]

    func testIntendedDifferences() throws {
        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        let session = Session(console: console, settings: settings)
        for d in Self.differences {
            let before = console.output.utf8.count
            let answer = session.run(d.cq + "\n")
                ? String(decoding: Array(console.output.utf8).dropFirst(before), as: UTF8.self)
                : "error: \(session.lastError?.problem.message ?? "")\n"
            XCTAssertEqual(answer, d.cqAnswer + "\n", d.cq)
        }
        guard let sqlite = SQLiteShell.executable else { throw XCTSkip("sqlite3 is not installed (.ci/run installs it)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cq-difftest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (outputs, _) = try SQLiteShell.run(sqlite, setup: [], queries: Self.differences.map { "SELECT \($0.sql) AS x;" },
                                               directory: dir)
        for (d, output) in zip(Self.differences, outputs) {
            let cell = ResultTable.sqliteQuote(output).rows.first?.first
            XCTAssertTrue(cell.map { $0.matches(d.sqliteAnswer) && d.sqliteAnswer.matches($0) } ?? false,
                          "SQLite: \(d.sql) gave \(cell.map(String.init(describing:)) ?? "nothing")")
        }
    }

    /// The comparison itself: null is not '', numbers agree to 1e-9, order matters only when asked.
    func testComparisonRules() {
        let cq = ResultTable.cqCSV("a,b\n1,\n2,\"\"\n0.30000000000000004,true\n")
        XCTAssertEqual(cq.rows, [[.number(1, "1"), .null], [.number(2, "2"), .text("")],
                                 [.number(0.30000000000000004, "0.30000000000000004"), .number(1, "1")]])
        let sqlite = ResultTable.sqliteQuote("'a','b'\n2,''\n0.3,1\n1,NULL\n")
        XCTAssertNil(cq.difference(from: sqlite, ordered: false))
        XCTAssertNotNil(cq.difference(from: sqlite, ordered: true))
        let swapped = ResultTable.sqliteQuote("'a','b'\n1,''\n2,NULL\n0.3,1\n")
        XCTAssertNotNil(cq.difference(from: swapped, ordered: false))
        let off = ResultTable.sqliteQuote("'a','b'\n1,NULL\n2,''\n0.3000001,1\n")
        XCTAssertNotNil(cq.difference(from: off, ordered: true))
    }
}
