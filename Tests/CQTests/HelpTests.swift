// HelpTests: `.help` cannot drift from behaviour — every stage the parser
// knows has help, every help entry is a stage the parser knows, and every
// example in the help (stages and functions) runs without an error.

import XCTest
@testable import CQ

final class HelpTests: XCTestCase {
    func testEveryStageHasHelpAndEveryHelpIsAStage() {
        XCTAssertEqual(Help.stages.map(\.name), StageKind.keywords)
    }

    func testEveryExampleRuns() {
        let examples = Help.stages.map { ($0.name, $0.example) } + Functions.all.map { ($0.name, $0.help.example) }
        for (name, example) in examples {
            let console = CapturingConsole()
            let session = Session(console: console)
            XCTAssertTrue(session.run(example), "\(name): \(example)\n\(console.errors)")
            XCTAssertEqual(console.errors, "", name)
            XCTAssertFalse(console.output.isEmpty, name)
        }
    }

    func testEveryNameHasItsOwnHelp() {
        let catalog = BuiltinTables.catalog()
        for stage in Help.stages {
            XCTAssertTrue(Help.text(topic: stage.name, catalog: catalog).hasPrefix(stage.synopsis + "\n"), stage.name)
        }
        for function in Functions.all {
            let text = Help.text(topic: function.name, catalog: catalog)
            XCTAssertTrue(text.hasPrefix(function.name + "(") || text.contains("\n\n" + function.name + "("), function.name)
        }
        for command in Commands.all {
            XCTAssertEqual(Help.text(topic: "." + command.name, catalog: catalog),
                           ".\(command.name) \(command.usage)\n  \(command.summary)\n")
        }
        XCTAssertEqual(Help.text(topic: "count", catalog: catalog), """
        count
          one row, one column count
          example: figures | where kind == "target" | count

        count()  or  count(any)
          count() counts rows; count(x) counts non-null values of x
          nulls: count() counts every row; count(x) skips nulls; 0 for no rows
          example: projects | summarize count() by category

        """)
        XCTAssertEqual(Help.text(topic: "summarise", catalog: catalog),
                       "no help on 'summarise' (did you mean 'summarize'?); try .help stages, .help functions, .help commands, .help types\n")
    }

    /// In `.help stages`, `.help functions` and `.help commands` every summary starts in the same column,
    /// one space after the widest synopsis (`.sql [--dialect …] QUERY` is the widest command).
    func testListingsLineUpTheirSummaries() {
        let catalog = BuiltinTables.catalog()
        let listings: [(String, [(synopsis: String, summary: String)])] = [
            ("stages", Help.stages.map { ($0.synopsis, $0.summary) }),
            ("functions", Functions.all.map { ($0.name + ($0.overloads.first?.description ?? "()"), $0.help.summary) }),
            ("commands", Commands.all.map { (".\($0.name) \($0.usage)", $0.summary) }),
        ]
        for (topic, entries) in listings {
            let lines = Help.text(topic: topic, catalog: catalog).split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, entries.count, topic)
            let columns = zip(lines, entries).map { line, entry -> Int in
                XCTAssertTrue(line.hasPrefix("  " + entry.synopsis), line)
                XCTAssertTrue(line.hasSuffix(" " + entry.summary), line)
                return DisplayWidth.of(String(line.dropLast(entry.summary.count)))
            }
            XCTAssertEqual(Set(columns).count, 1, topic)
            XCTAssertEqual(columns.first, 2 + (entries.map { DisplayWidth.of($0.synopsis) }.max() ?? 0) + 1, topic)
        }
        XCTAssertTrue(Help.text(topic: "commands", catalog: catalog).contains(
            "  .sql [--dialect portable|sqlite|duckdb|postgres] QUERY print the equivalent SQL"))
        XCTAssertTrue(Help.text(topic: "commands", catalog: catalog).contains(
            "  .tables                                                tables with row and column counts\n"))
    }

    func testHelpOverListsEveryWindowFunction() {
        let text = Help.text(topic: "over", catalog: BuiltinTables.catalog())
        XCTAssertTrue(text.hasPrefix("f(…) over ( [by KEY, …]"), text)
        for f in Functions.all where f.isWindow { XCTAssertTrue(text.contains("\n  \(f.name)("), f.name) }
        XCTAssertEqual(Help.text(topic: "windows", catalog: BuiltinTables.catalog()), text)
    }
}
