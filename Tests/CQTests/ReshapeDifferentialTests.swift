// ReshapeDifferentialTests: `pivot` and `unpivot` asked of cq and of
// DuckDB's PIVOT and UNPIVOT over the generated tables of DifferentialData
// (nulls in every column, Chinese text, strings differing only in case,
// ints, bools and dates as pivot values, an empty table), compared cell by
// cell (ResultTable), and the pivot's SQL checked against the executor.
//
// The pivot pairs are generated: each pivoted column × each aggregate ×
// each key (none, one, a second), the values read from the rows or listed
// (a listed null included). DuckDB groups by every column the PIVOT does
// not use, so its input is narrowed to the pivoted column, the keys and
// the aggregate's argument. Where cq's rules differ from DuckDB's on
// purpose the pairs avoid the difference: cq refuses an empty string as a
// column name (the pivoted strings leave it out), orders numeric values by
// value where DuckDB orders their text (the pivoted ints are 1…6, for which
// both orders agree), names a listed null `null` (DuckDB `NULL`) and keeps
// names that differ only in case (DuckDB renames `y` after `Y`). Rows are compared as bags: neither orders the
// groups. DuckDB is the shell the SQL round trips use (`CQ_DUCKDB` or
// `duckdb` on PATH); without it the test is skipped.

import Foundation
import XCTest
@testable import CQ

final class ReshapeDifferentialTests: XCTestCase {
    typealias Pair = DifferentialTests.Pair

    /// A pivoted column of `t`: cq's source (with a filter), DuckDB's, and the column.
    struct Pivoted {
        var column: String
        var cqSource: String
        var sqlWhere: String
    }

    static let pivoted = [
        Pivoted(column: "g", cqSource: "t | where g != \"\"", sqlWhere: "WHERE g <> ''"),
        Pivoted(column: "h", cqSource: "t | where h != \"Y\"", sqlWhere: "WHERE h <> 'Y'"),
        Pivoted(column: "k", cqSource: "t", sqlWhere: ""),
        Pivoted(column: "b", cqSource: "t", sqlWhere: ""),
        Pivoted(column: "d", cqSource: "t", sqlWhere: ""),
    ]

    /// Aggregates: cq's call, DuckDB's, and the column the call reads (nil: none).
    static let aggregates: [(cq: String, sql: String, reads: String?)] = [
        ("count()", "count(*)", nil), ("sum(i)", "sum(i)", "i"), ("count(f)", "count(f)", "f"),
        ("avg(f)", "avg(f)", "f"), ("min(s)", "min(s)", "s"), ("max(j)", "max(j)", "j"),
    ]

    static var pivots: [Pair] {
        var pairs: [Pair] = []
        for p in pivoted {
            for (n, agg) in aggregates.enumerated() {
                // Keys: none, then one that is not the pivoted column (rotating over g, k, h).
                let candidates = ["g", "k", "h"].filter { $0 != p.column }
                let key = candidates[n % candidates.count]
                for keys in [[String](), [key]] {
                    let columns = [p.column] + keys + (agg.reads.map { [$0] } ?? [])
                    let by = keys.isEmpty ? "" : " by " + keys.joined(separator: ", ")
                    let groupBy = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
                    pairs.append(DifferentialTests.bag(
                        "\(p.cqSource) | pivot \(p.column) using \(agg.cq)\(by)",
                        "PIVOT (SELECT \(Set(columns).sorted().joined(separator: ", ")) FROM t \(p.sqlWhere)) AS src ON \(p.column) USING \(agg.sql)\(groupBy)"))
                }
            }
        }
        return pairs
    }

    static let listed: [Pair] = [
        DifferentialTests.bag("t | pivot h in [\"x\", \"Y\", null, \"z\"] using count() by k",
                              "SELECT k, x, \"Y\", \"NULL\" AS \"null\", z FROM (PIVOT (SELECT h, k FROM t) AS src ON h IN ('x', 'Y', NULL, 'z') USING count(*) GROUP BY k)"),
        DifferentialTests.bag("t | pivot k in [3, 1] using sum(f) by g",
                              "PIVOT (SELECT k, f, g FROM t) AS src ON k IN (3, 1) USING sum(f) GROUP BY g"),
        DifferentialTests.bag("t | pivot g in [\"重庆\", \"科学城\"] using min(d) by b",
                              "PIVOT (SELECT g, d, b FROM t) AS src ON g IN ('重庆', '科学城') USING min(d) GROUP BY b"),
        DifferentialTests.bag("big | where grp != \"\" | pivot grp using sum(n) by key",
                              "PIVOT (SELECT grp, n, key FROM big WHERE grp <> '') AS src ON grp USING sum(n) GROUP BY key"),
        DifferentialTests.bag("big | join dim on key | pivot label in [\"甲\", \"east\"] using count() by grp",
                              "PIVOT (SELECT label, big.grp FROM big JOIN dim ON big.key = dim.key) AS src ON label IN ('甲', 'east') USING count(*) GROUP BY grp"),
        DifferentialTests.bag("e | pivot x using count() by id", "PIVOT e ON x USING count(*) GROUP BY id"),
    ]

    static let unpivots: [Pair] = [
        DifferentialTests.bag("t | select id, i, j | unpivot i, j into name, value",
                              "UNPIVOT (SELECT id, i, j FROM t) ON i, j INTO NAME name VALUE value"),
        DifferentialTests.bag("t | select id, i, f | unpivot i, f into name, value",
                              "UNPIVOT (SELECT id, i, f FROM t) ON i, f INTO NAME name VALUE value"),
        DifferentialTests.bag("t | select id, g, h, s | unpivot g, h, s into 列, 值",
                              "UNPIVOT (SELECT id, g, h, s FROM t) ON g, h, s INTO NAME 列 VALUE 值"),
        DifferentialTests.bag("t | select id, d, b | unpivot d into name, value",
                              "UNPIVOT (SELECT id, d, b FROM t) ON d INTO NAME name VALUE value"),
        DifferentialTests.bag("t | select g, k, i | unpivot k, i into name, value | summarize n = count(), s = sum(value) by g, name",
                              "SELECT g, name, count(*) AS n, sum(value) AS s FROM (UNPIVOT (SELECT g, k, i FROM t) ON k, i INTO NAME name VALUE value) GROUP BY g, name"),
        DifferentialTests.bag("big | select id, n, x | unpivot x, n into name, value",
                              "UNPIVOT (SELECT id, n, x FROM big) ON x, n INTO NAME name VALUE value"),
        DifferentialTests.bag("e | unpivot x into name, value", "UNPIVOT e ON x INTO NAME name VALUE value"),
        DifferentialTests.bag("t | select id, i, j | unpivot i, j into name, value | pivot name using sum(value) by id",
                              "PIVOT (UNPIVOT (SELECT id, i, j FROM t) ON i, j INTO NAME name VALUE value) AS src ON name USING sum(value) GROUP BY id"),
    ]

    static var pairs: [Pair] { pivots + listed + unpivots }

    func testCQAgreesWithDuckDB() throws {
        try DuckDBDifferential.check(Self.pairs) { harness, pair in
            let plan = try harness.plan(pair.cq)
            let mine = ResultTable.cq(try Executor().run(plan))
            // The pivot's SQL form (narrowed aggregates), run by cq's own executor, gives the same table.
            if case .pivot(let input, let pivot) = plan {
                let rewritten = ResultTable.cq(try Executor().run(SQLBuilder.pivotAsAggregate(input, pivot)))
                XCTAssertNil(rewritten.difference(from: mine, ordered: true, engine: "cq's pivot as SQL"), pair.cq)
            }
            return mine
        }
        XCTAssertGreaterThanOrEqual(Self.pairs.count, 30)
        print("pivot and unpivot differential pairs against DuckDB: \(Self.pairs.count)")
    }
}
