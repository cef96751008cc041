// JoinTests: the join engine below the language — JoinTable built once and
// probed by ranges of left rows (as a chunked executor probes it), every
// kind's pairs and order, several keys over strings of different
// dictionaries, the row limit and cancellation of a large cross join — and
// the set operations and per-group selection (SetOperations, PerGroup).
// Whole queries are the golden files' and the differential tests' job.

import XCTest
@testable import CQ

final class JoinTests: XCTestCase {
    func ints(_ values: [Int?]) -> Column { Column.from(values.map { $0.map(Value.int) ?? .null }, type: .int) }
    func floats(_ values: [Double?]) -> Column { Column.from(values.map { $0.map(Value.float) ?? .null }, type: .float) }
    func strings(_ values: [String?]) -> Column { Column.from(values.map { $0.map(Value.string) ?? .null }, type: .string) }

    /// The pairs of probing `left` against `right` on one key each, the left rows probed in ranges of `step`.
    func pairs(_ left: [Column], _ right: [Column], _ kind: JoinKind, step: Int) throws -> [[Int]] {
        let cancel = Cancellation()
        let table = try JoinTable(right: right, leftTypes: left.map(\.type), cancel: cancel)
        let ids = try table.leftIDs(left, cancel: cancel)
        var pairs = JoinPairs()
        var matched = kind.keepsUnmatchedRight ? Bitmap(count: table.rightCount, value: false) : nil
        var start = 0
        while start < ids.count {
            let end = min(ids.count, start + step)
            try table.probe(ids, rows: start..<end, kind: kind, into: &pairs, matched: &matched, cancel: cancel)
            start = end
        }
        if let matched { try table.appendUnmatched(matched, to: &pairs) }
        return [pairs.left, pairs.right]
    }

    func testEveryKindByRangesGivesTheSamePairsAsAtOnce() throws {
        let left = [ints([1, nil, 2, 3, 1])]
        let right = [ints([1, 2, nil, 1, 4])]
        let expected: [JoinKind: [[Int]]] = [
            .inner: [[0, 0, 2, 4, 4], [0, 3, 1, 0, 3]],
            .left: [[0, 0, 1, 2, 3, 4, 4], [0, 3, -1, 1, -1, 0, 3]],
            .right: [[0, 0, 2, 4, 4, -1, -1], [0, 3, 1, 0, 3, 2, 4]],
            .full: [[0, 0, 1, 2, 3, 4, 4, -1, -1], [0, 3, -1, 1, -1, 0, 3, 2, 4]],
            .semi: [[0, 2, 4], []],
            .anti: [[1, 3], []],
        ]
        for (kind, want) in expected {
            for step in [1, 2, 5, 100] {
                XCTAssertEqual(try pairs(left, right, kind, step: step), want, "\(kind) in ranges of \(step)")
            }
        }
    }

    /// A full join probed chunk by chunk (each chunk's keys looked up on their own, as a chunked executor
    /// would), each chunk's pairs assembled, the right rows nothing matched last: the same table as at once.
    func testAFullJoinChunkByChunkEqualsTheWholeJoin() throws {
        let left = Table(names: ["k", "l"], columns: [strings(["a", nil, "b", "重庆", "a"]), ints([1, 2, 3, 4, 5])], rowCount: 5)
        let right = Table(names: ["k", "r"], columns: [strings(["重庆", "c", "a", nil]), ints([10, 20, 30, 40])], rowCount: 4)
        let join = BoundJoin(kind: .full, keys: [JoinKeyPair(left: 0, right: 0)],
                             columns: [Output("k", .key(left: 0, right: 0)), Output("l", .left(1)), Output("r", .right(1))])
        let cancel = Cancellation()
        let whole = try HashJoin.run(left: left, right: right, join: join, cancel: cancel)
        let table = try JoinTable(right: [right.columns[0]], leftTypes: [.string], cancel: cancel)
        var matched: Bitmap? = Bitmap(count: 4, value: false)
        var parts: [Table] = []
        for chunk in [[0, 1], [2, 3, 4]] {
            let rows = left.gather(chunk)
            var pairs = JoinPairs()
            try table.probe(try table.leftIDs([rows.columns[0]], cancel: cancel), rows: 0..<rows.rowCount, kind: .full,
                            into: &pairs, matched: &matched, cancel: cancel)
            parts.append(try HashJoin.assemble(left: rows, right: right, join: join, pairs: pairs, needs: nil))
        }
        var rest = JoinPairs()
        try table.appendUnmatched(matched ?? Bitmap(count: 4, value: false), to: &rest)
        parts.append(try HashJoin.assemble(left: left, right: right, join: join, pairs: rest, needs: nil))
        let values = { (t: Table) in (0..<t.rowCount).map { row in t.columns.indices.map { t.value(row: row, column: $0) } } }
        XCTAssertEqual(parts.flatMap(values), values(whole))
        XCTAssertEqual(values(whole), [
            [.string("a"), .int(1), .int(30)], [.null, .int(2), .null], [.string("b"), .int(3), .null],
            [.string("重庆"), .int(4), .int(10)], [.string("a"), .int(5), .int(30)],
            [.string("c"), .null, .int(20)], [.null, .null, .int(40)],
        ])
    }

    func testSeveralKeysOverStringsOfDifferentDictionariesAndIntMeetingFloat() throws {
        let left = [strings(["重庆", "成都", nil, "重庆", ""]), ints([1, 2, 3, 2, 5])]
        let right = [strings(["成都", "重庆", "重庆", "", "北京"]), floats([2.0, 1.0, 2.0, 5.0, 1.0])]
        XCTAssertEqual(try pairs(left, right, .inner, step: 2), [[0, 1, 3, 4], [1, 0, 2, 3]])
        XCTAssertEqual(try pairs(left, right, .anti, step: 3), [[2], []])
    }

    func testAnEmptyOrAllNullRightSide() throws {
        let left = [strings(["a", nil])]
        XCTAssertEqual(try pairs(left, [strings([])], .left, step: 1), [[0, 1], [-1, -1]])
        XCTAssertEqual(try pairs(left, [Column(.null(count: 2))], .full, step: 1), [[0, 1, -1, -1], [-1, -1, 0, 1]])
        XCTAssertEqual(try pairs([Column(.null(count: 2))], [strings(["a"])], .semi, step: 1), [[], []])
    }

    func testProbeRefusesARangeOutsideTheIDs() throws {
        let cancel = Cancellation()
        let table = try JoinTable(right: [ints([1])], leftTypes: [.int], cancel: cancel)
        var pairs = JoinPairs()
        var matched: Bitmap?
        XCTAssertThrowsError(try table.probe([0], rows: 0..<2, kind: .inner, into: &pairs, matched: &matched, cancel: cancel))
    }

    func testACrossJoinTooLargeIsAnErrorBeforeAnyRowIsMade() {
        XCTAssertThrowsError(try HashJoin.crossPairs(0..<100_000, 100_000, cancel: Cancellation())) { error in
            XCTAssertEqual((error as? CQError)?.problem.message,
                           "join would make 10000000000 rows, more than the 100000000 cq holds; filter or summarize a side first")
        }
        XCTAssertThrowsError(try HashJoin.crossPairs(0..<Int.max, 2, cancel: Cancellation()))
    }

    func testALargeCrossJoinStopsWhenCancelled() {
        let cancel = Cancellation()
        cancel.cancel()
        XCTAssertThrowsError(try HashJoin.crossPairs(0..<5_000, 5_000, cancel: cancel)) { error in
            XCTAssertEqual((error as? CQError)?.problem, .cancelled)
        }
        XCTAssertEqual(try HashJoin.crossPairs(0..<2, 3, cancel: Cancellation()).left, [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(try HashJoin.crossPairs(0..<2, 3, cancel: Cancellation()).right, [0, 1, 2, 0, 1, 2])
        XCTAssertEqual(try HashJoin.crossPairs(0..<0, 3, cancel: Cancellation()).count, 0)
        XCTAssertEqual(try HashJoin.crossPairs(5..<7, 2, cancel: Cancellation()).left, [5, 5, 6, 6])
    }

    func testIntersectAndExceptKeepDistinctRowsInOrderOfFirstOccurrenceWithNullsEqual() throws {
        let a = Table(names: ["s", "n"], columns: [strings(["重庆", nil, "重庆", "a", nil]), ints([1, nil, 1, 2, nil])], rowCount: 5)
        let b = Table(names: ["s", "n"], columns: [strings([nil, "重庆", "b"]), ints([nil, 1, 2])], rowCount: 3)
        let cancel = Cancellation()
        let both = try SetOperations.apply(.intersect, a, b, cancel: cancel)
        XCTAssertEqual((0..<both.rowCount).map { both.value(row: $0, column: 0) }, [.string("重庆"), .null])
        let only = try SetOperations.apply(.except, a, b, cancel: cancel)
        XCTAssertEqual((0..<only.rowCount).map { only.value(row: $0, column: 0) }, [.string("a")])
        let none = Table(names: ["s", "n"], columns: [strings([]), ints([])], rowCount: 0)
        XCTAssertEqual(try SetOperations.apply(.except, a, none, cancel: cancel).rowCount, 3)
        XCTAssertEqual(try SetOperations.apply(.intersect, none, a, cancel: cancel).rowCount, 0)
    }

    func testPerGroupKeepsTheFirstRowsOfEachGroupGroupAfterGroup() throws {
        let cancel = Cancellation()
        let groups = try Groups(keys: [KeyColumn(grouping: strings(["b", "a", "b", nil, "a", "b"]))], cancel: cancel)
        let rows = Array(0..<6)
        XCTAssertEqual(try PerGroup.rows(2, groups: groups, keys: [], of: rows, cancel: cancel), [0, 2, 1, 4, 3])
        let value = OrderedKey(ints([1, 5, 3, nil, 5, 3]), descending: true, nullsFirst: false)
        XCTAssertEqual(try PerGroup.rows(2, groups: groups, keys: [value], of: rows, cancel: cancel), [2, 5, 1, 4, 3])
        XCTAssertEqual(try PerGroup.rows(0, groups: groups, keys: [value], of: rows, cancel: cancel), [])
        XCTAssertEqual(try PerGroup.rows(Int.max, groups: groups, keys: [], of: [1, 4], cancel: cancel), [1, 4])
    }
}
