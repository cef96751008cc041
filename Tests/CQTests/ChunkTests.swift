// ChunkTests: the executor's chunk streams — windows tagged with their
// index, an empty table as one empty chunk, a `take` that stops pulling, and
// sinks and the session gluing chunks back into the same table, nulls and
// Chinese text included. Every golden file also runs in chunks of one and
// three rows (GoldenTests.testEveryFileInSmallChunks).

import XCTest
@testable import CQ

final class ChunkTests: XCTestCase {
    /// Ten rows: n = 0…9, s = a Chinese name or null, f = n / 2 or null.
    private let table: Table = {
        let names: [String?] = ["重庆", "成都", nil, "科学城", "重庆", "北碚", nil, "璧山", "重庆", "江津"]
        return Table(names: ["n", "s", "f"], columns: [
            Column.from((0..<10).map { .int($0) }, type: .int),
            Column.from(names.map { $0.map(Value.string) ?? .null }, type: .string),
            Column.from((0..<10).map { $0 % 3 == 0 ? .null : .float(Double($0) / 2) }, type: .float),
        ])
    }()

    private func session(chunkRows: Int) -> (Session, CapturingConsole) {
        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        let session = Session(console: console, settings: settings)
        session.localBackend.chunkRows = chunkRows
        session.resultChunkRows = chunkRows
        session.catalog.bind("t", table: table)
        session.catalog.bind("empty", table: Table(names: ["n"], columns: [Column.from([], type: .int)]))
        return (session, console)
    }

    /// The output (or error) of `query` with tables cut into chunks of `chunkRows` rows.
    private func output(_ query: String, chunkRows: Int) -> String {
        let (session, console) = session(chunkRows: chunkRows)
        session.run(query)
        return console.transcript
    }

    private func chunks(_ plan: Plan, chunkRows: Int) throws -> [(index: Int, rows: Int)] {
        let stream = try Executor(cancel: Cancellation(), chunkRows: chunkRows).chunks(plan)
        var seen: [(Int, Int)] = []
        while let chunk = try stream.next(atMost: chunkRows) { seen.append((chunk.index, chunk.rows.count)) }
        return seen
    }

    func testScanHandsOutIndexedWindows() throws {
        let scan = Plan.scan(TableSource(name: "t", table: table))
        XCTAssertEqual(try chunks(scan, chunkRows: 4).map(\.index), [0, 1, 2])
        XCTAssertEqual(try chunks(scan, chunkRows: 4).map(\.rows), [4, 4, 2])
        XCTAssertEqual(try chunks(scan, chunkRows: 10).map(\.rows), [10])
        let empty = Plan.scan(TableSource(name: "e", table: Table(names: ["n"], columns: [Column.from([], type: .int)])))
        XCTAssertEqual(try chunks(empty, chunkRows: 4).map(\.rows), [0], "an empty table is one empty chunk")
    }

    func testTakeStopsPulling() throws {
        // Row 8 divides by zero: a take that stops after the first chunk never computes it.
        let query = "t | extend x = 10 // (n - 8) | take 3"
        XCTAssertEqual(output(query, chunkRows: 4), "n,s,f,x\n0,重庆,,-1\n1,成都,0.5,-1\n2,,1.0,-1\n")
        // In one chunk (the whole table), or without the take, row 8 is computed and fails.
        let error = "error: division by zero in '10 // (n - 8)'"
        XCTAssertTrue(output(query, chunkRows: 10).hasPrefix(error))
        XCTAssertTrue(output("t | extend x = 10 // (n - 8)", chunkRows: 4).hasPrefix(error))
        let catalog = session(chunkRows: 4).0.catalog
        guard case .query(let q)? = try Parser.parseAll(query).first else { return XCTFail("not a query") }
        let plan = try Binder(catalog: catalog, source: query).bind(q)
        XCTAssertEqual(try chunks(plan, chunkRows: 4).map(\.rows), [3], "the take pulls one chunk and yields it")
    }

    func testTakeStopsAJoinsProbe() {
        // 12,000 rows on one key joined with themselves would make 144 million rows, more than a join may
        // make (HashJoin.maxRows): a take over it probes only the first left rows.
        let (session, console) = session(chunkRows: 65_536)
        session.catalog.bind("one", table: Table(names: ["k", "v"], columns: [
            Column.from(Array(repeating: .int(1), count: 12_000), type: .int),
            Column.from((0..<12_000).map { .int($0) }, type: .int),
        ]))
        session.run("one | join one on k | take 3\none | join left one on k | where v_one > 11998 | take 1")
        XCTAssertEqual(console.transcript, "k,v,v_one\n1,0,0\n1,0,1\n1,0,2\nk,v,v_one\n1,0,11999\n")
    }

    func testChunkBoundariesChangeNoAnswer() {
        let queries = [
            "t", "empty", "empty | take 2", "t | take 0", "t | where s == \"重庆\" | select n, s",
            "t | where f is null | take 2", "t | take 7 | sort s desc, n", "t | take 9 | summarize c = count(), m = max(s) by s",
            "t | where n > 2 | take 5 | distinct s", "t | take 6 | join t on n | select n, s, f_t = f",
            "t | take 4 | union t", "t | where n >= 5 | take 3 | union t | take 6",
            "t | extend g = f * 2 | where g > 3 | top 2 by g", "t | chart bar s, n",
            "t | where s == \"无\" | count", "t | extend z = null, b = n > 4, d = @2024-01-02, u = upper(s) | take 7", "t | where s contains \"重\" | take 2 | extend z = upper(s)",
        ]
        for query in queries {
            let whole = output(query, chunkRows: Cancellation.batch)
            for rows in [1, 2, 3] { XCTAssertEqual(output(query, chunkRows: rows), whole, "\(query) in chunks of \(rows)") }
        }
    }

    func testGluedStringChunksKeepOneDictionary() throws {
        let stream = try Executor(cancel: Cancellation(), chunkRows: 3).chunks(.scan(TableSource(name: "t", table: table)))
        let glued = try stream.collect(nil, atMost: 3).materialized(nil)
        XCTAssertEqual(glued.rowCount, 10)
        guard case .string(let original) = table.columns[1].data, case .string(let joined) = glued.columns[1].data else {
            return XCTFail("s is not a string column")
        }
        XCTAssertEqual(joined.dictionary.count, original.dictionary.count)
        XCTAssertEqual((0..<10).map { glued.value(row: $0, column: 1) }, (0..<10).map { table.value(row: $0, column: 1) })
    }
}
