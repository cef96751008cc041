// Tests of the reshaping operators below the golden files: the sampling
// generator and its draws (exact counts, every row equally likely, the
// same rows for the same seed), a pivot's value lookup over every storage,
// a pivot's cells in small chunks, and cancellation of the values a pivot
// reads while it binds.

import XCTest
@testable import CQ

final class ReshapeTests: XCTestCase {
    /// SplitMix64 is fixed forever: a seed must pick the same rows in every version of cq.
    func testSplitMix64IsTheReferenceGenerator() {
        var random = SplitMix64(seed: 0)
        XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
        var unit = SplitMix64(seed: 42)
        for _ in 0..<1_000 {
            let u = unit.unit()
            XCTAssertTrue(u >= 0 && u < 1)
        }
    }

    func testSampleOfNRowsKeepsExactlyNInOrderEachRowAsOften() throws {
        let rows = Array(stride(from: 0, to: 40, by: 2))
        var seen = [Int](repeating: 0, count: 40)
        for seed in 0..<2_000 {
            let sample = BoundSample(size: .rows(5), seed: UInt64(seed), seeded: true, range: .none)
            let kept = try Sample.rows(sample, among: rows, cancel: Cancellation())
            XCTAssertEqual(kept.count, 5)
            XCTAssertEqual(kept, kept.sorted())
            XCTAssertTrue(kept.allSatisfy { rows.contains($0) })
            XCTAssertEqual(kept, try Sample.rows(sample, among: rows, cancel: Cancellation()))
            for row in kept { seen[row] += 1 }
        }
        // Each of the 20 rows is kept with probability 1/4: 500 times in 2,000 draws, give or take.
        for row in rows { XCTAssertTrue((400...600).contains(seen[row]), "row \(row) kept \(seen[row]) times") }
        let all = BoundSample(size: .rows(100), seed: 1, seeded: true, range: .none)
        XCTAssertEqual(try Sample.rows(all, among: rows, cancel: Cancellation()), rows)
        XCTAssertEqual(try Sample.rows(all, among: [], cancel: Cancellation()), [])
    }

    func testBernoulliSampleKeepsAboutItsShare() throws {
        let rows = Array(0..<100_000)
        let sample = BoundSample(size: .percent(12.5), seed: 7, seeded: true, range: .none)
        let kept = try Sample.rows(sample, among: rows, cancel: Cancellation())
        XCTAssertTrue((12_000...13_000).contains(kept.count), "\(kept.count)")
        XCTAssertEqual(kept, kept.sorted())
        for (share, expected) in [(0.0, 0), (100.0, rows.count)] {
            let edge = BoundSample(size: .percent(share), seed: 3, seeded: true, range: .none)
            XCTAssertEqual(try Sample.rows(edge, among: rows, cancel: Cancellation()).count, expected)
        }
    }

    func testSamplingStopsWhenCancelled() {
        let cancel = Cancellation()
        cancel.cancel()
        let sample = BoundSample(size: .rows(3), seed: 1, seeded: true, range: .none)
        XCTAssertThrowsError(try Sample.rows(sample, among: Array(0..<10), cancel: cancel)) { error in
            XCTAssertEqual((error as? CQError)?.problem, .cancelled)
        }
    }

    func testValueSlotsOverEveryStorage() throws {
        let cancel = Cancellation()
        let cases: [(Column, [Value], [Int32])] = [
            (Column.from([.string("重庆"), .null, .string("x"), .string("重庆")], type: .string),
             [.string("x"), .string("重庆")], [1, -1, 0, 1]),
            (Column.from([.string("a"), .null], type: .string), [.null, .string("a")], [1, 0]),
            (Column.from([.int(3), .int(-1), .null, .int(3)], type: .int), [.int(3), .int(7)], [0, -1, -1, 0]),
            (Column.from([.float(0), .float(-0.0), .float(2.5)], type: .float), [.float(2.5), .float(0)], [1, 1, 0]),
            (Column.from([.bool(true), .bool(false), .null], type: .bool), [.bool(false), .null], [-1, 0, 1]),
            (Column.from([.date(19_000), .date(1)], type: .date), [.date(1)], [-1, 0]),
            (Column.from([.datetime(5), .datetime(-5)], type: .datetime), [.datetime(-5), .datetime(5)], [1, 0]),
            (Column(.null(count: 2)), [.null], [0, 0]),
            (Column(.null(count: 2)), [], [-1, -1]),
        ]
        for (column, values, slots) in cases {
            XCTAssertEqual(try Pivot.valueSlots(column, values, cancel: cancel), slots, "\(column.type) \(values)")
        }
    }

    /// The same pivot over one chunk and over chunks of one row (through a session's imported table).
    func testPivotAndUnpivotInSmallChunks() throws {
        let queries = [
            "projects | pivot status using count() by category",
            "figures | pivot kind using sum(value) by unit",
            "projects | select id, investment, land_mu, floor_area | unpivot investment, land_mu, floor_area into k, v",
        ]
        let session = Session(console: CapturingConsole(), settings: Settings())
        for query in queries {
            let statements = try Parser.parseAll(query)
            guard case .query(let q)? = statements.first else { return XCTFail(query) }
            let plan = try Binder(catalog: session.catalog, source: query).bind(q)
            let whole = try Executor().run(plan)
            let small = try Executor(cancel: Cancellation(), chunkRows: 1).chunks(plan).collect(nil).materialized(nil)
            XCTAssertEqual(whole.names, small.names, query)
            XCTAssertEqual(whole.rowCount, small.rowCount, query)
            for c in whole.columns.indices {
                for r in 0..<whole.rowCount {
                    XCTAssertEqual(whole.value(row: r, column: c), small.value(row: r, column: c), query)
                }
            }
        }
    }

    /// A pivot without `in` reads its values while binding: the binder's cancellation stops that read.
    func testReadingPivotValuesIsCancellable() throws {
        let session = Session(console: CapturingConsole(), settings: Settings())
        let query = "projects | pivot status using count()"
        guard case .query(let q)? = try Parser.parseAll(query).first else { return XCTFail() }
        var binder = Binder(catalog: session.catalog, source: query)
        binder.cancel.cancel()
        XCTAssertThrowsError(try binder.bind(q)) { error in
            XCTAssertEqual((error as? CQError)?.problem, .cancelled)
        }
        binder.cancel = Cancellation()
        XCTAssertEqual(try binder.bind(q).schema.map(\.name), ["在建", "建成", "投用", "规划"])
    }

    /// At most 1,000 columns, listed or read: the 1,001st listed value is the error's place.
    func testAPivotListsAtMostAThousandValues() throws {
        let session = Session(console: CapturingConsole(), settings: Settings())
        func bind(_ count: Int) throws -> Plan {
            let query = "projects | pivot id in [" + (1...count).map(String.init).joined(separator: ", ") + "] using count()"
            guard case .query(let q)? = try Parser.parseAll(query).first else { throw CQError(.invalidArgument(query)) }
            return try Binder(catalog: session.catalog, source: query).bind(q)
        }
        XCTAssertEqual(try bind(1_000).schema.count, 1_000)
        XCTAssertThrowsError(try bind(1_001)) { error in
            guard let error = error as? CQError, case .cannotReshape(let message, _) = error.problem else { return XCTFail("\(error)") }
            XCTAssertEqual(message, "pivot lists 1001 values, but at most 1000 columns are allowed")
            let place = "projects | pivot id in [".utf8.count + (1...1_000).map { String($0).utf8.count + 2 }.reduce(0, +)
            XCTAssertEqual(error.range, SourceRange(place, place + 4))
        }
    }
}
