// JoinDifferentialTests: joins of every kind, intersect/except and
// `top/take … per` asked of cq and of DuckDB over the generated tables of
// DifferentialData (nulls everywhere, duplicate and null join keys, Chinese
// and empty strings, an empty table), compared cell by cell (ResultTable).
//
// The pairs are generated from small tables of forms: each join form (a key
// shared by name, `A == B`, a pair written right side first, int meeting
// float, strings, several pairs, a `( QUERY )` on the right) in every kind,
// each set operation over several column lists and right sides, and each
// per-group form over several sizes, keys and orders. The SQL is written to
// mean what cq means: an `on col` key of a right/full join is COALESCE of
// both keys, a clashing right column is renamed `name_source`, semi/anti are
// [NOT] EXISTS, INTERSECT/EXCEPT are SQL's (distinct, nulls equal), and
// per-group rows are ROW_NUMBER() per partition ordered as cq orders them
// (the tables are in `id` order, so `id` breaks ties), compared in cq's
// order: groups by their first row, then rank. DuckDB is the shell the SQL
// round trips use (`CQ_DUCKDB` or `duckdb` on PATH); without it the test is
// skipped.

import Foundation
import XCTest
@testable import CQ

final class JoinDifferentialTests: XCTestCase {
    typealias Pair = DifferentialTests.Pair

    /// The join forms over t (left) and u (right): cq's `on`, the SQL condition, and the selected columns
    /// in cq and in SQL for the kinds that keep the right side (`key`: the SQL of a shared key column,
    /// which right and full joins coalesce).
    struct JoinForm {
        var on: String
        var sqlOn: String
        var cqColumns: String
        var sqlColumns: (_ key: (String, String) -> String) -> String
        var right = "u"
        var sqlRight = "u"
    }

    static let joinForms: [JoinForm] = [
        JoinForm(on: "k", sqlOn: "t.k = u.k", cqColumns: "id, k, v, w",
                 sqlColumns: { key in "t.id, \(key("t.k", "u.k")) AS k, u.v, u.w" }),
        JoinForm(on: "i == k", sqlOn: "t.i = u.k", cqColumns: "id, i, k, k_u, v",
                 sqlColumns: { _ in "t.id, t.i, t.k, u.k AS k_u, u.v" }),
        JoinForm(on: "w == f", sqlOn: "t.f = u.w", cqColumns: "id, f, w, v",
                 sqlColumns: { _ in "t.id, t.f, u.w, u.v" }),
        JoinForm(on: "g == v", sqlOn: "t.g = u.v", cqColumns: "id, g, v, w",
                 sqlColumns: { _ in "t.id, t.g, u.v, u.w" }),
        JoinForm(on: "k and i == w", sqlOn: "t.k = u.k AND t.i = u.w", cqColumns: "id, k, i, w, v",
                 sqlColumns: { key in "t.id, \(key("t.k", "u.k")) AS k, t.i, u.w, u.v" }),
        JoinForm(on: "k, j == k", sqlOn: "t.k = u.k AND t.j = u.k", cqColumns: "id, k, j, v",
                 sqlColumns: { key in "t.id, \(key("t.k", "u.k")) AS k, t.j, u.v" }),
        JoinForm(on: "k", sqlOn: "t.k = u.k", cqColumns: "id, k, v, w",
                 sqlColumns: { key in "t.id, \(key("t.k", "u.k")) AS k, u.v, u.w" },
                 right: "(u | where w > 0 or v is null)", sqlRight: "(SELECT * FROM u WHERE w > 0 OR v IS NULL) AS u"),
        JoinForm(on: "g == x", sqlOn: "t.g = e.x", cqColumns: "id, g, id_e, x",
                 sqlColumns: { _ in "t.id, t.g, e.id AS id_e, e.x" }, right: "e", sqlRight: "e"),
    ]

    static var joins: [Pair] {
        var pairs: [Pair] = []
        for form in joinForms {
            let right = form.sqlRight
            let table = right.hasSuffix(" e") || right == "e" ? "e" : "u"
            let sqlOn = form.sqlOn
            for kind in ["inner", "left", "right", "full"] {
                let coalesce = kind == "right" || kind == "full"
                let columns = form.sqlColumns { l, r in coalesce ? "COALESCE(\(l), \(r))" : l }
                let keyword = kind == "inner" ? "JOIN" : "\(kind.uppercased()) JOIN"
                pairs.append(DifferentialTests.bag("t | join \(kind) \(form.right) on \(form.on) | select \(form.cqColumns)",
                                                   "SELECT \(columns) FROM t \(keyword) \(right) ON \(sqlOn)"))
            }
            for (kind, not) in [("semi", ""), ("anti", "NOT ")] {
                let inner = right.hasPrefix("(") ? right : table
                pairs.append(DifferentialTests.bag("t | join \(kind) \(form.right) on \(form.on) | select id, g, k",
                                                   "SELECT id, g, k FROM t WHERE \(not)EXISTS (SELECT 1 FROM \(inner) WHERE \(sqlOn))"))
            }
        }
        return pairs
    }

    /// Joins under and over other stages, on the 3000-row tables, and the cross join.
    static let moreJoins: [Pair] = [
        DifferentialTests.bag("big | join full dim on key | summarize n = count(), s = sum(n) by label",
                              "SELECT label, count(*) AS n, sum(n) AS s FROM big FULL JOIN dim ON big.key = dim.key GROUP BY label"),
        DifferentialTests.bag("big | join right dim on key | where id is null | select key, label",
                              "SELECT dim.key, label FROM big RIGHT JOIN dim ON big.key = dim.key WHERE big.id IS NULL"),
        DifferentialTests.bag("big | join anti dim on key | summarize count(), count_distinct(key)",
                              "SELECT count(*) AS count, count(DISTINCT key) AS count_distinct_key FROM big WHERE NOT EXISTS (SELECT 1 FROM dim WHERE dim.key = big.key)"),
        DifferentialTests.bag("dim | join semi (big | where n > 900) on key | select key, label",
                              "SELECT key, label FROM dim WHERE EXISTS (SELECT 1 FROM big WHERE big.n > 900 AND big.key = dim.key)"),
        DifferentialTests.bag("u | join cross (t | where id <= 3 | select id, k) | select k, v, id, k_t",
                              "SELECT u.k, u.v, t.id, t.k AS k_t FROM u CROSS JOIN (SELECT id, k FROM t WHERE id <= 3) AS t"),
        DifferentialTests.bag("e | join cross u | count", "SELECT count(*) AS count FROM e CROSS JOIN u"),
        DifferentialTests.bag("t | join u on k | join left dim on k == key | select id, k, v, label",
                              "SELECT t.id, t.k, u.v, dim.label FROM t JOIN u ON t.k = u.k LEFT JOIN dim ON t.k = dim.key"),
        DifferentialTests.bag("t | summarize n = count() by k | join full (u | summarize m = count() by k) on k",
                              "SELECT COALESCE(a.k, b.k) AS k, a.n, b.m FROM (SELECT k, count(*) AS n FROM t GROUP BY k) AS a "
                                + "FULL JOIN (SELECT k, count(*) AS m FROM u GROUP BY k) AS b ON a.k = b.k"),
        DifferentialTests.bag("u | join u on k | select k, v, v_u",
                              "SELECT a.k, a.v, b.v AS v_u FROM u AS a JOIN u AS b ON a.k = b.k"),
        DifferentialTests.bag("u | join full u on k == k | select k, k_u",
                              "SELECT a.k, b.k AS k_u FROM u AS a FULL JOIN u AS b ON a.k = b.k"),
    ]

    /// intersect/except over several column lists (null, '' and Chinese values; bools; dates) and right sides.
    static var sets: [Pair] {
        let columnLists = ["g", "h, b", "g, h", "k", "i", "d", "s", "b, k"]
        let rights = [("i > 0", "i > 0"), ("g is null or h == \"x\"", "g IS NULL OR h = 'x'"), ("false", "false")]
        var pairs: [Pair] = []
        for columns in columnLists {
            for (cqWhere, sqlWhere) in rights {
                for op in ["intersect", "except"] {
                    pairs.append(DifferentialTests.bag(
                        "t | select \(columns) | \(op) (t | where \(cqWhere) | select \(columns))",
                        "SELECT \(columns) FROM t \(op.uppercased()) SELECT \(columns) FROM t WHERE \(sqlWhere)"))
                }
            }
        }
        pairs += [
            DifferentialTests.bag("e | select x | intersect (e | select x)", "SELECT x FROM e INTERSECT SELECT x FROM e"),
            DifferentialTests.bag("big | select grp | except (big | where n > 0 | select grp)",
                                  "SELECT grp FROM big EXCEPT SELECT grp FROM big WHERE n > 0"),
            DifferentialTests.bag("big | select key | intersect (dim | select key)", "SELECT key FROM big INTERSECT SELECT key FROM dim"),
            DifferentialTests.bag("t | select x = i | intersect (t | select x = f)",
                                  "SELECT CAST(i AS DOUBLE) AS x FROM t INTERSECT SELECT f FROM t"),
        ]
        return pairs
    }

    /// `top N by … per …` and `take N per …`, in cq's order: groups by their first row, then rank.
    static var perGroup: [Pair] {
        let orders: [(cq: String, sql: String)] = [
            ("i", "i DESC NULLS LAST"), ("f asc", "f ASC NULLS LAST"), ("s", "s DESC NULLS LAST"),
            ("d asc nulls first", "d ASC NULLS FIRST"), ("b, i asc", "b DESC NULLS LAST, i ASC NULLS LAST"),
        ]
        let keys: [(cq: String, sql: String)] = [("g", "g"), ("h, b", "h, b"), ("k % 3", "k % 3")]
        var pairs: [Pair] = []
        for order in orders {
            for key in keys {
                for n in [1, 3] {
                    pairs.append(per(n, "top \(n) by \(order.cq) per \(key.cq)", order: order.sql, key: key.sql))
                }
            }
        }
        for (n, key) in [(1, keys[0]), (2, keys[1]), (3, keys[2]), (0, keys[0])] {
            pairs.append(per(n, "take \(n) per \(key.cq)", order: nil, key: key.sql))
        }
        pairs += [
            DifferentialTests.bag("big | where x is not null | top 3 by x per grp | summarize n = count(), s = sum(x), m = min(id)",
                                  "SELECT count(*) AS n, sum(x) AS s, min(id) AS m FROM (SELECT *, row_number() OVER (PARTITION BY grp ORDER BY x DESC, id) AS __rn "
                                    + "FROM big WHERE x IS NOT NULL) WHERE __rn <= 3"),
            DifferentialTests.seq("e | take 2 per x", "SELECT id, x FROM e"),
            DifferentialTests.seq("t | where i > 0 | take 1 per g | select id, g",
                                  "SELECT id, g FROM (SELECT *, row_number() OVER (PARTITION BY g ORDER BY id) AS __rn, "
                                    + "min(id) OVER (PARTITION BY g) AS __first FROM t WHERE i > 0) WHERE __rn <= 1 ORDER BY __first, __rn"),
        ]
        return pairs
    }

    /// `t | STAGE | select id, g, h, i, f, s, d, b, k` against ROW_NUMBER() over the partition.
    static func per(_ n: Int, _ stage: String, order: String?, key: String) -> Pair {
        let by = (order.map { $0 + ", " } ?? "") + "id"
        return DifferentialTests.seq(
            "t | \(stage) | select id, g, h, i, f, s, d, b, k",
            "SELECT id, g, h, i, f, s, d, b, k FROM (SELECT *, row_number() OVER (PARTITION BY \(key) ORDER BY \(by)) AS __rn, "
                + "min(id) OVER (PARTITION BY \(key)) AS __first FROM t) WHERE __rn <= \(n) ORDER BY __first, __rn")
    }

    static var pairs: [Pair] { joins + moreJoins + sets + perGroup }

    func testCQAgreesWithDuckDB() throws {
        try DuckDBDifferential.check(Self.pairs)
        XCTAssertGreaterThanOrEqual(Self.pairs.count, 100)
        print("join, set and per-group differential pairs against DuckDB: \(Self.pairs.count)")
    }
}
