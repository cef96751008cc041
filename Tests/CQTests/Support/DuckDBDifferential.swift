// DuckDBDifferential: the harness the DuckDB differential suites share
// (joins, windows, pivot, subqueries, analyst questions). It imports the
// tables into one cq session, loads the same typed tables into DuckDB
// (EngineTable), runs every pair's SQL in one DuckDB process, and compares
// each pair's cq answer with DuckDB's cell by cell (ResultTable). The
// suites only list their pairs and, where it differs, how cq answers one.

import Foundation
import XCTest
@testable import CQ

/// One cq session beside one DuckDB run of the same pairs.
struct DuckDBDifferential {
    typealias Pair = DifferentialTests.Pair

    let session: Session
    let console: CapturingConsole

    /// A query's plan, bound in the session.
    func plan(_ text: String) throws -> Plan {
        let statements = try Parser.parseAll(text)
        guard statements.count == 1, case .query(let query) = statements[0] else {
            throw CQError(.invalidArgument("not a query: \(text)"))
        }
        return try Binder(catalog: session.catalog, source: text).bind(query)
    }

    /// A query's table: its plan run by the executor.
    func table(_ text: String) throws -> ResultTable { .cq(try Executor().run(plan(text))) }

    /// A statement run by the session as the shell runs it, its CSV output read back (nil when it failed).
    func printed(_ text: String) -> ResultTable? {
        let before = console.output.utf8.count
        guard session.run(text + "\n") else { return nil }
        return .cqCSV(String(decoding: Array(console.output.utf8).dropFirst(before), as: UTF8.self))
    }

    /// Compares every pair: the CSV `files` (name, path) imported, or else the generated differential
    /// tables, then `definitions` run (user functions); `answer` gives cq's table of a pair (nil: it failed,
    /// already reported). Skips when DuckDB is not installed.
    static func check(_ pairs: [Pair], files: [(name: String, url: URL)]? = nil, definitions: [String] = [],
                      answer: (DuckDBDifferential, Pair) throws -> ResultTable? = { try $0.table($1.cq) }) throws {
        guard let duckdb = EngineKind.duckdbShell else {
            throw XCTSkip("duckdb is not installed (pip install duckdb-cli, or set CQ_DUCKDB; .ci/run installs it)")
        }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cq-duckdbdiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        settings.render.maxRows = 0
        let harness = DuckDBDifferential(session: Session(console: console, settings: settings), console: console)
        let inputs = try files ?? DifferentialData.tables().map { data in
            let file = dir.appendingPathComponent("\(data.name).csv")
            try data.cqCSV.write(to: file, atomically: true, encoding: .utf8)
            return (name: data.name, url: file)
        }
        var setup: [String] = []
        for (name, url) in inputs {
            XCTAssertTrue(harness.session.run(".import \(url.path) as \(name)\n"), console.errors)
            guard case .table(let source)? = harness.session.catalog.lookup(name) else { return XCTFail("\(name) not imported") }
            let engineTable = EngineTable(name: name, table: try source.provider.rows())
            let engineFile = dir.appendingPathComponent("\(name)-duckdb.csv")
            try engineTable.csv.write(to: engineFile, atomically: true, encoding: .utf8)
            setup += engineTable.setup(for: .duckdb, path: engineFile.path)
        }
        for definition in definitions { XCTAssertTrue(harness.session.run(definition + "\n"), console.errors) }

        let (outputs, errors) = try SQLiteShell.run(duckdb, setup: setup, queries: pairs.map { $0.sql + ";" }, directory: dir)
        XCTAssertEqual(errors, "", "DuckDB reported errors")
        XCTAssertEqual(outputs.count, pairs.count, "DuckDB output sections")
        for (pair, output) in zip(pairs, outputs) {
            let mine: ResultTable
            do {
                guard let table = try answer(harness, pair) else { XCTFail("cq failed: \(pair.cq)\n\(console.errors)"); continue }
                mine = table
            } catch let error as CQError {
                XCTFail("cq failed: \(pair.cq)\n\(error.problem.message)")
                continue
            }
            if let difference = mine.difference(from: ResultTable.sqliteQuote(output), ordered: pair.ordered, engine: "DuckDB") {
                XCTFail("\(pair.cq)\n\(pair.sql)\n\(difference)")
            }
        }
    }
}
