// WindowDifferentialTests: window expressions asked of cq and of DuckDB over
// the generated tables of DifferentialData (nulls everywhere, ties on every
// sort key, Chinese and empty strings, an empty table), compared cell by
// cell (ResultTable).
//
// The pairs are generated: each window function and aggregate over several
// partitions (none, a string key with nulls, two keys, an expression) and
// orders (none, asc, desc, nulls first, two keys, strings, dates), and each
// aggregate over several frames. The SQL is written by hand to mean what cq
// means: ties keep input order, so `id` (the tables are in `id` order) is
// the last ORDER BY term — except for rank, dense_rank and percent_rank,
// where tied rows are peers; every aggregate states its frame in ROWS (the
// default `..0` with a sort, the whole partition without); first/last skip
// nulls (IGNORE NULLS). Windows in `where` and over other stages come last.
// DuckDB is the shell the SQL round trips use (`CQ_DUCKDB` or `duckdb` on
// PATH); without it the test is skipped.

import Foundation
import XCTest
@testable import CQ

final class WindowDifferentialTests: XCTestCase {
    typealias Pair = DifferentialTests.Pair

    /// A window's `by` and `sort` in cq and as SQL's PARTITION BY and ORDER BY terms.
    struct Spec {
        var cq: String
        var partition: String
        var order: [String]
    }

    static let specs: [Spec] = [
        Spec(cq: "", partition: "", order: []),
        Spec(cq: "by g", partition: "g", order: []),
        Spec(cq: "sort i", partition: "", order: ["i ASC NULLS LAST"]),
        Spec(cq: "by g sort i desc", partition: "g", order: ["i DESC NULLS LAST"]),
        Spec(cq: "by h, b sort f, k desc", partition: "h, b", order: ["f ASC NULLS LAST", "k DESC NULLS LAST"]),
        Spec(cq: "by k % 3 sort s nulls first", partition: "k % 3", order: ["s ASC NULLS FIRST"]),
        Spec(cq: "by b sort d desc nulls first", partition: "b", order: ["d DESC NULLS FIRST"]),
    ]

    /// Window functions (not aggregates): cq, SQL, whether tied rows are peers (no input-order tie-break).
    static let functions: [(cq: String, sql: String, peers: Bool)] = [
        ("row_number()", "row_number()", false), ("rank()", "rank()", true), ("dense_rank()", "dense_rank()", true),
        ("percent_rank()", "percent_rank()", true), ("ntile(4)", "ntile(4)", false), ("lag(i)", "lag(i)", false),
        ("lead(s, 2)", "lead(s, 2)", false), ("lag(f, 1, 0.5)", "lag(f, 1, 0.5)", false),
        ("lead(i, 3, -1)", "lead(i, 3, -1)", false), ("lag(d, -1)", "lead(d, 1)", false),
    ]

    /// Aggregates over a frame, in cq and SQL.
    static var aggregates: [(cq: String, sql: String)] {
        var list = [("sum(i)", "sum(i)"), ("avg(f)", "avg(f)"), ("count()", "count(*)"), ("count(s)", "count(s)"),
                    ("min(s)", "min(s)"), ("max(d)", "max(d)"), ("sum(f)", "sum(f)"), ("median(j)", "median(j)")]
        if Functions.lookup("first")?.isAggregate == true {
            list += [("first(i)", "first_value(i IGNORE NULLS)"), ("last(s)", "last_value(s IGNORE NULLS)")]
        }
        return list
    }

    /// Frames: cq's `rows …` (empty: the default) and SQL's ROWS BETWEEN, given whether there is a sort.
    static let frames: [(cq: String, sql: (Bool) -> String)] = [
        ("", { $0 ? "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW" : "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING" }),
        ("rows -2..0", { _ in "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW" }),
        ("rows ..", { _ in "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING" }),
        ("rows 0..", { _ in "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING" }),
        ("rows -1..1", { _ in "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING" }),
        ("rows 1..3", { _ in "ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING" }),
        ("rows ..-2", { _ in "ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING" }),
    ]

    /// `t | extend w = CALL over (SPEC) | select id, w` against the SQL window.
    static func pair(_ call: String, _ sqlCall: String, _ spec: Spec, frame: (cq: String, sql: String)?, peers: Bool,
                     table: String = "t") -> Pair {
        let inside = [spec.cq, frame?.cq ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        var clause: [String] = []
        if !spec.partition.isEmpty { clause.append("PARTITION BY \(spec.partition)") }
        let order = spec.order + (peers ? [] : ["id"])
        if !order.isEmpty { clause.append("ORDER BY " + order.joined(separator: ", ")) }
        if let frame { clause.append(frame.sql) }
        return DifferentialTests.bag("\(table) | extend w = \(call) over (\(inside)) | select id, w",
                                     "SELECT id, \(sqlCall) OVER (\(clause.joined(separator: " "))) AS w FROM \(table)")
    }

    static var functionPairs: [Pair] {
        specs.flatMap { spec in functions.map { pair($0.cq, $0.sql, spec, frame: nil, peers: $0.peers) } }
    }

    static var aggregatePairs: [Pair] {
        var pairs: [Pair] = []
        for (n, spec) in specs.enumerated() {
            for (m, aggregate) in aggregates.enumerated() {
                // Every frame for some aggregates of each spec, the default for the rest.
                for (f, frame) in frames.enumerated() where f == 0 || (n + m + f) % 3 == 0 {
                    pairs.append(pair(aggregate.cq, aggregate.sql, spec, frame: (frame.cq, frame.sql(!spec.order.isEmpty)),
                                      peers: false))
                }
            }
        }
        return pairs
    }

    /// Windows in where and select, over other stages, on the 3000-row table and on no rows.
    static let more: [Pair] = [
        DifferentialTests.bag("t | where row_number() over (by g sort i desc) <= 2 | select id, g, i",
                              "SELECT id, g, i FROM (SELECT *, row_number() OVER (PARTITION BY g ORDER BY i DESC NULLS LAST, id) AS rn FROM t) WHERE rn <= 2"),
        DifferentialTests.bag("t | where i > 0 | select id, r = rank() over (sort f desc), c = count() over (by h)",
                              "SELECT id, rank() OVER (ORDER BY f DESC NULLS LAST) AS r, count(*) OVER (PARTITION BY h) AS c FROM t WHERE i > 0"),
        DifferentialTests.bag("big | extend d = n - lag(n) over (by grp sort id) | where d > 0 | count",
                              "SELECT count(*) AS count FROM (SELECT n - lag(n) OVER (PARTITION BY grp ORDER BY id) AS d FROM big) WHERE d > 0"),
        DifferentialTests.bag("big | extend s = sum(n) over (by grp sort x rows -5..5), m = max(name) over (by key % 7 sort n desc rows -3..0) | summarize sum(s), count_distinct(m)",
                              "SELECT sum(s) AS sum_s, count(DISTINCT m) AS count_distinct_m FROM (SELECT sum(n) OVER (PARTITION BY grp ORDER BY x NULLS LAST, id ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS s, "
                                + "max(name) OVER (PARTITION BY key % 7 ORDER BY n DESC NULLS LAST, id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS m FROM big)"),
        DifferentialTests.bag("big | summarize total = sum(n) by grp | extend share = total / sum(total) over (), r = dense_rank() over (sort total desc)",
                              "SELECT grp, sum(n) AS total, sum(n) / sum(sum(n)) OVER () AS share, dense_rank() OVER (ORDER BY sum(n) DESC NULLS LAST) AS r FROM big GROUP BY grp"),
        DifferentialTests.bag("t | where id < 0 | extend w = row_number() over (by g sort id), s = sum(i) over () | select id, w, s",
                              "SELECT id, row_number() OVER (PARTITION BY g ORDER BY id) AS w, sum(i) OVER () AS s FROM t WHERE id < 0"),
        DifferentialTests.bag("t | join u on k | extend w = row_number() over (by k sort v, id) | select id, k, v, w",
                              "SELECT t.id, t.k, u.v, row_number() OVER (PARTITION BY t.k ORDER BY u.v NULLS LAST, t.id) AS w FROM t JOIN u ON t.k = u.k"),
    ]

    static var pairs: [Pair] { functionPairs + aggregatePairs + more }

    func testCQAgreesWithDuckDB() throws {
        try DuckDBDifferential.check(Self.pairs)
        XCTAssertGreaterThanOrEqual(Self.pairs.count, 100)
        print("window differential pairs against DuckDB: \(Self.pairs.count)")
    }
}
