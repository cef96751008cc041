// SubqueryDifferentialTests: subqueries in expressions — `( QUERY )` as a
// value, `x in ( QUERY )`, `x not in ( QUERY )`, `exists( QUERY )`, nested,
// inside user functions — asked of cq and of DuckDB's shell over the
// differential tables (DifferentialData: null and duplicate keys, Chinese
// and empty text, an empty table), compared cell by cell (ResultTable).
//
// The DuckDB SQL is written by hand, so it checks cq's meaning, not cq's
// SQL (the round trips check that). Both follow SQL's null rules for `in`
// over a query; cq's `/` divides as floats and its `avg` of ints is a
// float, as DuckDB's. Loading the tables is EngineTable's job, running the
// shell SQLiteShell's. The test is skipped when DuckDB is not installed.

import Foundation
import XCTest
@testable import CQ

final class SubqueryDifferentialTests: XCTestCase {
    typealias Pair = DifferentialTests.Pair
    static func bag(_ cq: String, _ sql: String) -> Pair { DifferentialTests.bag(cq, sql) }
    static func seq(_ cq: String, _ sql: String) -> Pair { DifferentialTests.seq(cq, sql) }

    /// cq statements run before the pairs (functions the pairs call).
    static let definitions = [
        "let above_avg(x) = x > (t | summarize avg(f))",
        "let known(x) = x in (u | where k is not null | select k)",
    ]

    static let pairs: [Pair] = [
        // A value: one row, no row (null), over ints, floats, text, dates and bools.
        bag("t | where i > (t | summarize avg(i)) | select id, i", "SELECT id, i FROM t WHERE i > (SELECT avg(i) FROM t)"),
        bag("t | where f >= (t | summarize max(f)) | select id, f", "SELECT id, f FROM t WHERE f >= (SELECT max(f) FROM t)"),
        bag("t | select id, x = i - (t | summarize min(i))", "SELECT id, i - (SELECT min(i) FROM t) AS x FROM t"),
        bag("t | where (u | summarize max(k)) > i | select id", "SELECT id FROM t WHERE (SELECT max(k) FROM u) > i"),
        bag("t | where d == (t | summarize max(d)) | select id, d", "SELECT id, d FROM t WHERE d = (SELECT max(d) FROM t)"),
        bag("t | where s == (t | where id == 3 | select s) | select id, s",
            "SELECT id, s FROM t WHERE s = (SELECT s FROM t WHERE id = 3)"),
        bag("t | where g == (t | where id == 5 | select g) | select id, g",
            "SELECT id, g FROM t WHERE g = (SELECT g FROM t WHERE id = 5)"),
        bag("t | where b == (t | where id == 2 | select b) | select id", "SELECT id FROM t WHERE b = (SELECT b FROM t WHERE id = 2)"),
        bag("t | where i == (t | where id == 1000 | select i) | count",
            "SELECT count(*) AS count FROM t WHERE i = (SELECT i FROM t WHERE id = 1000)"),
        bag("t | extend m = (u | where k == 3 | summarize max(w)) | select id, m",
            "SELECT id, (SELECT max(w) FROM u WHERE k = 3) AS m FROM t"),
        bag("t | select id, n = (e | count), x = (e | summarize min(x))",
            "SELECT id, (SELECT count(*) FROM e) AS n, (SELECT min(x) FROM e) AS x FROM t"),
        bag("t | select id, y = f / (u | summarize sum(w))", "SELECT id, f / (SELECT sum(w) FROM u) AS y FROM t"),
        // Membership, with nulls on either side and duplicates in the set.
        bag("t | where k in (u | select k) | select id, k", "SELECT id, k FROM t WHERE k IN (SELECT k FROM u)"),
        bag("t | where k not in (u | select k) | select id, k", "SELECT id, k FROM t WHERE k NOT IN (SELECT k FROM u)"),
        bag("t | where k not in (u | where k is not null | select k) | select id, k",
            "SELECT id, k FROM t WHERE k NOT IN (SELECT k FROM u WHERE k IS NOT NULL)"),
        bag("t | select id, x = k in (u | select k), y = k not in (u | select k)",
            "SELECT id, k IN (SELECT k FROM u) AS x, k NOT IN (SELECT k FROM u) AS y FROM t"),
        bag("t | select id, x = i in (u | select k), y = i not in (u | where k > 2 | select k)",
            "SELECT id, i IN (SELECT k FROM u) AS x, i NOT IN (SELECT k FROM u WHERE k > 2) AS y FROM t"),
        bag("t | where g in (u | select v) | select id, g", "SELECT id, g FROM t WHERE g IN (SELECT v FROM u)"),
        bag("t | select id, x = g not in (u | where v is not null | select v)",
            "SELECT id, g NOT IN (SELECT v FROM u WHERE v IS NOT NULL) AS x FROM t"),
        bag("t | where f in (u | select w) | select id, f", "SELECT id, f FROM t WHERE f IN (SELECT w FROM u)"),
        bag("t | select id, x = i in (u | select w)", "SELECT id, i IN (SELECT w FROM u) AS x FROM t"),
        bag("t | select id, x = s in (t | where id < 20 | select s)", "SELECT id, s IN (SELECT s FROM t WHERE id < 20) AS x FROM t"),
        bag("t | select id, x = d in (t | where b | select d)", "SELECT id, d IN (SELECT d FROM t WHERE b) AS x FROM t"),
        bag("u | where k in (t | where i > 0 | select k) | select k, v", "SELECT k, v FROM u WHERE k IN (SELECT k FROM t WHERE i > 0)"),
        // An empty set: false for in, true for not in, even for a null x.
        bag("t | select id, x = k in (t | where false | select k), y = k not in (t | where false | select k)",
            "SELECT id, k IN (SELECT k FROM t WHERE false) AS x, k NOT IN (SELECT k FROM t WHERE false) AS y FROM t"),
        bag("t | select id, x = g in (e | select x), y = g not in (e | select x)",
            "SELECT id, g IN (SELECT x FROM e) AS x, g NOT IN (SELECT x FROM e) AS y FROM t"),
        // exists.
        bag("t | where exists(u | where w > 0) | count", "SELECT count(*) AS count FROM t WHERE EXISTS (SELECT 1 FROM u WHERE w > 0)"),
        bag("t | where exists(e) | count", "SELECT count(*) AS count FROM t WHERE EXISTS (SELECT 1 FROM e)"),
        bag("t | select id, x = exists(u | where k == 4), y = not exists(u | where k == 5)",
            "SELECT id, EXISTS (SELECT 1 FROM u WHERE k = 4) AS x, NOT EXISTS (SELECT 1 FROM u WHERE k = 5) AS y FROM t"),
        // Nested, grouped, ordered, over many rows.
        bag("t | where i in (u | where w > (u | summarize avg(w)) | select k) | select id, i",
            "SELECT id, i FROM t WHERE i IN (SELECT k FROM u WHERE w > (SELECT avg(w) FROM u))"),
        bag("t | summarize n = count() by g | where n > (t | summarize count()) / 6",
            "SELECT * FROM (SELECT g, count(*) AS n FROM t GROUP BY g) WHERE n > (SELECT count(*) FROM t) / 6"),
        seq("t | top 5 by abs(i - (t | summarize avg(i))) asc | select id, i",
            "SELECT id, i FROM t ORDER BY abs(i - (SELECT avg(i) FROM t)) NULLS LAST, id LIMIT 5"),
        bag("big | where key in (dim | where key > 150 | select key) | summarize n = count(), s = sum(n) by grp",
            "SELECT grp, count(*) AS n, sum(n) AS s FROM big WHERE key IN (SELECT key FROM dim WHERE key > 150) GROUP BY grp"),
        bag("big | where n > (big | summarize avg(n)) and grp not in (big | where x > 0.9 | select grp) | count",
            "SELECT count(*) AS count FROM big WHERE n > (SELECT avg(n) FROM big) AND grp NOT IN (SELECT grp FROM big WHERE x > 0.9)"),
        bag("big | where name in (big | where key == 7 | select name) | select id, name",
            "SELECT id, name FROM big WHERE name IN (SELECT name FROM big WHERE key = 7)"),
        // Inside user functions.
        bag("t | where above_avg(f) | select id, f", "SELECT id, f FROM t WHERE f > (SELECT avg(f) FROM t)"),
        bag("t | select id, x = known(k), y = known(i + 1)",
            "SELECT id, k IN (SELECT k FROM u WHERE k IS NOT NULL) AS x, i + 1 IN (SELECT k FROM u WHERE k IS NOT NULL) AS y FROM t"),
    ]

    func testSubqueriesAgreeWithDuckDB() throws {
        try DuckDBDifferential.check(Self.pairs, definitions: Self.definitions) { harness, pair in harness.printed(pair.cq) }
        print("subquery pairs compared with DuckDB: \(Self.pairs.count)")
    }
}
