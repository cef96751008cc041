// CatalogTests: catalogs answer with schemas, never rows — binding, Tab
// completion, `.tables`, `.schema` and `.explain` read no built-in table's
// rows; a backend reads them once, when a query runs. Also: a built-in
// table describes itself exactly as it loads, and the session's catalogs are
// asked user first, built-in tables listed first.

import Synchronization
import XCTest
@testable import CQ

final class CatalogTests: XCTestCase {
    /// Counts the loads of the built-in tables of a catalog.
    final class Loads: Sendable {
        let count = Mutex(0)
    }

    private func catalog(counting loads: Loads) -> SessionCatalog {
        SessionCatalog(builtins: BuiltinCatalog(BuiltinTables.names.map { name in
            BuiltinEntry(name: name, describe: { BuiltinTables.describe(name) }, load: {
                loads.count.withLock { $0 += 1 }
                return BuiltinTables.load(name)
            })
        }))
    }

    func testNamingATableReadsNoRows() {
        let loads = Loads()
        let console = CapturingConsole()
        let session = Session(console: console, catalog: catalog(counting: loads))
        XCTAssertTrue(session.run(".tables\n.schema figures\n.explain projects | where investment > 1亿 | count\n"))
        XCTAssertEqual(Completer.candidates(before: "enterprises | where ", word: "fo", catalog: session.catalog)?.first, "founded")
        XCTAssertTrue(session.run(".sql projects | take 1\nlet big = 1\n"))
        XCTAssertEqual(loads.count.withLock { $0 }, 0, "binding, completion and the commands read no rows")
        XCTAssertTrue(console.output.contains("scan projects (\(BuiltinTables.describe("projects").rowCount) rows)"))
        XCTAssertTrue(session.run("projects | count\nprojects | where investment > 1亿 | count\n"))
        XCTAssertEqual(loads.count.withLock { $0 }, 1, "the rows are read once, when a query first runs")
    }

    func testBuiltinTablesDescribeThemselvesAsTheyLoad() {
        for name in BuiltinTables.names {
            let table = BuiltinTables.load(name)
            let described = BuiltinTables.describe(name)
            XCTAssertEqual(described.schema, table.schema, name)
            XCTAssertEqual(described.rowCount, table.rowCount, name)
        }
    }

    func testUserNamesComeFirstAndBuiltinTablesAreListedFirst() throws {
        let catalog = BuiltinTables.catalog()
        catalog.bind("区县", table: Table(names: ["名称"], columns: [Column.from([.string("璧山"), .null], type: .string)]))
        catalog.bind("n", .scalar(.int(3)))
        catalog.bind("empty", table: Table(names: ["x"], columns: [Column.from([], type: .int)]))
        XCTAssertEqual(catalog.tableNames, ["projects", "enterprises", "figures", "区县", "empty"])
        XCTAssertEqual(catalog.scalarNames, ["n"])
        XCTAssertEqual(catalog.allNames, ["projects", "enterprises", "figures", "区县", "n", "empty"])
        XCTAssertTrue(catalog.isBuiltin("figures"))
        XCTAssertFalse(catalog.isBuiltin("区县"))
        guard case .table(let source)? = catalog.lookup("区县") else { return XCTFail("区县 is not a table") }
        XCTAssertEqual(source.schema, [Field("名称", .string)])
        XCTAssertEqual(source.rowCount, 2)
        XCTAssertNil(source.definition, "an imported table has no plan")
        XCTAssertEqual(try source.provider.rows().value(row: 0, column: 0), .string("璧山"))
        // Rebinding a name keeps its place and replaces what it names.
        catalog.bind("区县", .scalar(.string("重庆")))
        XCTAssertEqual(catalog.tableNames, ["projects", "enterprises", "figures", "empty"])
        XCTAssertEqual(catalog.scalarNames, ["区县", "n"])
        XCTAssertNil(catalog.lookup("无"))
    }
}
