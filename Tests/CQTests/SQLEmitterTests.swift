// SQLEmitterTests: the parts of `.sql` that golden files cannot reach — the
// `--sql` mode of a session, identifier quoting, dialect names, completion
// after `.sql --dialect` and `.dialect`, and the
// catalog keeping the plan of a let-bound table (and forgetting it when the
// name is rebound to something else). What the SQL means is tested in real
// engines by SQLRoundTripTests; its text by Tests/Golden/12-sql.cqt.

import XCTest
@testable import CQ

final class SQLEmitterTests: XCTestCase {
    func testPrintSQLRunsLetsAndPrintsEachQuery() {
        let console = CapturingConsole()
        var settings = Settings()
        settings.printSQL = true
        settings.sqlDialect = .postgres
        let session = Session(console: console, settings: settings)
        XCTAssertTrue(session.run("let big = projects | where investment >= 100亿\nbig | sort investment desc | select name\n"))
        XCTAssertEqual(console.output, """
            WITH big AS (
              SELECT id, name, name_en, category, location, investment, land_mu, floor_area, status, start_year, source, line, published, ROW_NUMBER() OVER (ORDER BY ctid) AS __cq_ord
              FROM projects
              WHERE investment >= 10000000000
            )
            SELECT name
            FROM big
            ORDER BY investment DESC NULLS LAST, __cq_ord;

            """)
        XCTAssertFalse(session.run("figures | summarize n = count() by subject | chart bar subject, n\n"))
        XCTAssertEqual(session.lastError?.problem, .unsupportedSQL(stage: "chart", dialect: "PostgreSQL"))
    }

    func testQuoting() {
        XCTAssertEqual(SQLDialect.portable.quote("investment"), "investment")
        XCTAssertEqual(SQLDialect.postgres.quote("Name"), "\"Name\"")
        XCTAssertEqual(SQLDialect.sqlite.quote("a\"b"), "\"a\"\"b\"")
        XCTAssertEqual(SQLDialect.duckdb.stringLiteral("it's"), "'it''s'")
        // Every dialect, with hostile names and strings: SQLDialectTests.
    }

    func testDialectNames() {
        XCTAssertEqual(SQLDialect(name: "PG"), .postgres)
        XCTAssertEqual(SQLDialect(name: "postgresql"), .postgres)
        XCTAssertEqual(SQLDialect(name: "sqlite3"), .sqlite)
        XCTAssertEqual(SQLDialect(name: "DuckDB"), .duckdb)
        XCTAssertEqual(SQLDialect(name: "portable"), .portable)
        XCTAssertNil(SQLDialect(name: "oracle"))
    }

    func testCompletionAfterDialect() {
        let catalog = BuiltinTables.catalog()
        XCTAssertEqual(Completer.candidates(before: ".sql --dialect ", word: "d", catalog: catalog), ["duckdb"])
        XCTAssertEqual(Completer.candidates(before: ".dialect ", word: "po", catalog: catalog), ["portable", "postgres"])
        XCTAssertEqual(Completer.candidates(before: ".sql --dialect sqlite projects | ", word: "wh", catalog: catalog), ["where"])
    }

    func testCatalogKeepsTheDefinitionOfALetTable() throws {
        let session = Session(console: CapturingConsole())
        func definition(of name: String) -> TableDefinition? {
            guard case .table(let source)? = session.catalog.lookup(name) else { return nil }
            return source.definition
        }
        XCTAssertTrue(session.run("let a = projects | take 2\nlet a2 = a | take 1\n"))
        let first = try XCTUnwrap(definition(of: "a"))
        let second = try XCTUnwrap(definition(of: "a2"))
        XCTAssertNotEqual(first.id, second.id)
        guard case .limit(.scan(let source), 1) = second.plan else { return XCTFail("a2 is not a limit over a scan of a") }
        XCTAssertEqual(source.name, "a")
        XCTAssertEqual(source.definition?.id, first.id)
        XCTAssertTrue(session.run("let a = 1\n"))
        XCTAssertNil(definition(of: "a"), "a scalar has no plan")
    }
}
