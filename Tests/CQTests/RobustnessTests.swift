// RobustnessTests: hostile and faulty input through a whole Session — the
// limits that replace stack overflows (each with its exact message), deep
// structures at those limits, results that cannot be written, runtime faults
// after which the session goes on, and safe mode. Import faults are in
// ImportRobustnessTests; the binary's own faults (flags, standard output) in
// BinaryRobustnessTests. The fuzz targets in fuzz/ look for what these miss.

import Foundation
import XCTest
@testable import CQ

final class RobustnessTests: XCTestCase {
    /// A session in csv mode, as the golden tests run, with its console.
    /// Rows of the built-in `projects` table (the data grows as it is curated; the tests must not care).
    private static let projects: Int = {
        BuiltinTables.load("projects").rowCount
    }()

    private func session(safe: Bool = false) -> (Session, CapturingConsole) {
        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        settings.render.maxRows = 0
        settings.safe = safe
        return (Session(console: console, settings: settings), console)
    }

    /// A fresh file path in the temporary directory (removed when the test ends).
    private func temporaryPath(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "cq-robustness-\(getpid())-\(name)"
        addTeardownBlock { unlink(path) }
        return path
    }

    // MARK: Results that cannot be written

    func testNulBytesInResultsAreWrittenWhole() throws {
        let (s, _) = session()
        let path = temporaryPath("nul.txt")
        XCTAssertTrue(s.run(".output \(path)\n\"a\\u{0}b\"\n.output"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data("a\u{0}b\n".utf8))
    }

    func testAFullDeviceIsAnErrorOfTheStatementAndOutputReturnsToTheScreen() {
        let (s, console) = session()
        XCTAssertFalse(s.run(".output /dev/full\nprojects | count"))
        XCTAssertEqual(console.errors, """
            error: cannot write to '/dev/full': No space left on device; results go to the screen again
             --> 2:1
              |
            2 | projects | count
              | ^^^^^^^^^^^^^^^^

            """)
        XCTAssertTrue(s.run("projects | count"))
        XCTAssertEqual(console.output, "count\n\(Self.projects)\n")
    }

    func testOutputToADirectoryIsRefused() {
        let (s, console) = session()
        XCTAssertFalse(s.run(".output /tmp"))
        XCTAssertEqual(console.errors.split(separator: "\n").first, "error: cannot open '/tmp' for writing: Is a directory")
    }
}

extension RobustnessTests {
    // MARK: Terminal widths

    /// COLUMNS=99999999999 made a bar chart ask for a 150 GB bar; Int.min overflowed the layout.
    func testAnyTerminalWidthIsClampedToWhatTheRenderersHandle() {
        for (reported, used) in [(99_999_999_999, 10_000), (Int.max, 10_000), (0, 1), (-5, 1), (Int.min, 1), (37, 37)] {
            let (s, console) = session()
            s.terminalWidth = { reported }
            XCTAssertTrue(s.run(".width auto\n.mode box\nprojects | take 2 | chart bar name, id\nprojects | take 1 | select id"))
            XCTAssertEqual(s.settings.render.width, used)
            let lines = console.output.split(separator: "\n")
            XCTAssertEqual(lines.count, 2 + 5, "\(reported)")
            XCTAssertTrue(lines.allSatisfy { DisplayWidth.of(String($0)) <= max(used, 20) }, "\(reported)")
        }
    }
}

extension RobustnessTests {
    // MARK: Limits instead of traps

    /// The message and place of the first error `text` gives.
    private func firstError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (s, console) = session()
        XCTAssertFalse(s.run(text), file: file, line: line)
        return console.errors.split(separator: "\n").prefix(2).joined(separator: "\n")
    }

    /// SQL is compiled by recursion over the plan, so a deep plan (stages, or lets over lets) is refused first.
    func testSQLOfADeepPlanIsRefusedNotOverflowed() {
        let tooDeep = "error: query for SQL too long (limit \(SQLEmitter.maxDepth))"
        XCTAssertEqual(firstError(".sql projects" + repeated(" | take 5 | where id > 0", 499)), tooDeep + "\n --> 1:6")
        let lets = (1...1_000).map { "let t\($0) = t\($0 - 1) | where id > \($0)" }.joined(separator: "\n")
        XCTAssertEqual(firstError("let t0 = projects\n\(lets)\n.sql t1000 | count"), tooDeep + "\n    --> 1002:6")
        let (s, console) = session()
        XCTAssertTrue(s.run(".sql projects" + repeated(" | where id > 0", SQLEmitter.maxDepth - 1)))
        XCTAssertTrue(console.output.hasPrefix("SELECT *\nFROM projects\nWHERE"), console.output)
    }

    private func repeated(_ piece: String, _ count: Int, separator: String = "") -> String {
        Array(repeating: piece, count: count).joined(separator: separator)
    }

    func testHostileInputGivesAPositionedErrorNotAStackOverflow() {
        let deep = "error: expression nested too deeply (limit 200)"
        XCTAssertEqual(firstError(repeated("(", 100_000)), "\(deep)\n --> 1:201")
        XCTAssertEqual(firstError(repeated("not ", 100_000) + "true"), "\(deep)\n --> 1:801")
        XCTAssertEqual(firstError(repeated("- ", 100_000) + "1"), "\(deep)\n --> 1:401")
        XCTAssertEqual(firstError(repeated("abs(", 100_000) + "1"), "\(deep)\n --> 1:804")
        XCTAssertEqual(firstError(repeated("a", 100_000, separator: " and ")), "\(deep)\n --> 1:1197")
        XCTAssertEqual(firstError(repeated("a", 100_000, separator: " + ")), "\(deep)\n --> 1:799")
        XCTAssertEqual(firstError("projects" + repeated(" | count", 100_000)),
                       "error: query too long (limit 1000)\n --> 1:8010")
        XCTAssertEqual(firstError(repeated("a", 1_000_000)), "error: name too long (limit 10000)\n --> 1:1")
        XCTAssertEqual(firstError("\"" + repeated("s", 1_000_000)),
                       "error: incomplete statement: expected end of string\n --> 1:1")
        XCTAssertEqual(firstError("1 in [" + repeated("1", 1_000_000, separator: ",") + "]"),
                       "error: list too long (limit 10000)\n --> 1:20006")
        XCTAssertEqual(firstError("coalesce(" + repeated("1", 100_000, separator: ",") + ")"),
                       "error: list too long (limit 10000)\n --> 1:20009")
        XCTAssertEqual(firstError("projects | select " + repeated("id", 10_001, separator: ",")),
                       "error: list too long (limit 10000)\n --> 1:30018")
    }

    func testAScriptThatReadsItselfStopsAtTheReadLimit() throws {
        let path = temporaryPath("self.cq")
        try ".read \(path)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (s, console) = session()
        XCTAssertFalse(s.run(".read \(path)"))
        let messages = console.errors.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(messages, ["error: .read nesting too long (limit 16)"]
                       + Array(repeating: "error: \(path): the script stopped at the error above", count: 16))
    }

    func testAnEndlessFileIsReadOnlyUpToTheScriptLimit() {
        XCTAssertEqual(firstError(".read /dev/zero"), "error: '/dev/zero' is larger than 64 MB\n --> 1:7")
    }

    /// A megabyte-long line is shown in 200 columns around the error, cut with `…`.
    func testALongLineIsShownAroundTheError() {
        let (s, console) = session()
        XCTAssertFalse(s.run(repeated("(", 100_000)))
        XCTAssertEqual(console.errors, """
            error: expression nested too deeply (limit 200)
             --> 1:201
              |
            1 | …\(repeated("(", 198))…
              |  \(repeated(" ", 59))^

            """)
        let (t, more) = session()
        XCTAssertFalse(t.run("x = " + repeated("名", 1_000)))
        XCTAssertEqual(more.errors, """
            error: expected an operator or the end of the statement ('==' compares; '=' names a column), found '='
             --> 1:3
              |
            1 | x = \(repeated("名", 97))…
              |   ^

            """)
    }

    /// Every error of a long script run on after errors is placed without a pass over the whole text.
    func testManyErrorsAreEachPlacedOnTheirLine() {
        let (s, console) = session()
        s.settings.continueOnError = true
        XCTAssertFalse(s.run(repeated("$", 20_000, separator: "\n")))
        let places = console.errors.split(separator: "\n").filter { $0.hasPrefix(" ") && $0.contains("--> ") }
        XCTAssertEqual(places.count, 20_000)
        XCTAssertEqual(places.last, "     --> 20000:1")
    }

    // MARK: Deep structures at the limits

    func testDeepStructuresAtTheLimitsBindRunAndPrint() {
        let (s, console) = session()
        let abs197 = repeated("abs(", 197) + "id" + repeated(")", 197)
        let and199 = repeated("id > 0", 199, separator: " and ")
        XCTAssertTrue(s.run("""
            projects | where \(abs197) == 1 | select id
            projects | where \(and199) | count
            projects\(repeated(" | where id > 0", 999)) | count
            projects | take 1\(repeated(" | union projects | take 1", 499)) | count
            projects | extend c = coalesce(\(repeated("null", 9_999, separator: ",")), 7) | summarize s = sum(c)
            projects | where id in [\((1...10_000).map(String.init).joined(separator: ","))] | count
            """))
        XCTAssertEqual(console.errors, "")
        let n = Self.projects
        XCTAssertEqual(console.output, "id\n1\ncount\n\(n)\ncount\n\(n)\ncount\n1\ns\n\(7 * n)\ncount\n\(n)\n")
    }
}

extension RobustnessTests {
    // MARK: Runtime faults leave the session as it was

    func testRuntimeFaultsNameTheExpressionAndTheSessionGoesOn() throws {
        let path = temporaryPath("big.csv")
        try "v\n9223372036854775807\n1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (s, console) = session()
        XCTAssertTrue(s.run(".import \(path) as big\nlet n = 3\nlet few = projects | take n | select id\n.numbers cn\n.maxrows 2"))
        let faults = [
            "big | summarize s = sum(v)",
            "projects | where investment / (id - id) > 1 | count",
            "projects | extend x = int(investment * 1e300) | take 1",
            "int(1e19)",
        ]
        for fault in faults { XCTAssertFalse(s.run(fault), fault) }
        XCTAssertEqual(console.errors.split(separator: "\n").filter { $0.hasPrefix("error") }, [
            "error: integer overflow in 'sum(v)'",
            "error: division by zero in 'investment / (id - id)'",
            "error: cannot convert in 'int(investment * 1e300)': inf is out of the int range",
            "error: cannot convert in 'int(1e19)': 1e+19 is out of the int range",
        ])
        XCTAssertEqual(console.output, "")
        XCTAssertTrue(s.run("few | extend m = id * 1万\nn\nbig | count"))
        XCTAssertEqual(console.output, "id,m\n1,10000\n2,20000\n3,30000\n3\ncount\n2\n")
        XCTAssertEqual(s.settings.render.numbers, .cn)
        XCTAssertEqual(s.settings.render.maxRows, 2)
    }

    // MARK: Safe mode

    func testSafeModeRefusesEveryCommandThatTouchesFiles() {
        let (s, console) = session(safe: true)
        s.settings.continueOnError = true
        XCTAssertFalse(s.run(".import /etc/hostname as h\n.read /etc/hostname\n.output /tmp/cq-safe\n.output\nprojects | count"))
        XCTAssertEqual(console.errors.split(separator: "\n").filter { $0.hasPrefix("error") }, [
            "error: .import is not allowed in safe mode (--safe)",
            "error: .read is not allowed in safe mode (--safe)",
            "error: .output is not allowed in safe mode (--safe)",
            "error: .output is not allowed in safe mode (--safe)",
        ])
        XCTAssertEqual(console.output, "count\n\(Self.projects)\n")
        XCTAssertEqual(Commands.all.filter(\.touchesFiles).map(\.name), ["import", "read", "output"])
    }
}

extension RobustnessTests {
    /// `.explain` and `.sql` bind their argument alone; errors still point into the whole script.
    func testCommandQueriesLateInALongScriptArePlacedOnTheirLine() {
        let (s, console) = session()
        XCTAssertFalse(s.run(repeated(".explain projects | count", 3_000, separator: "\n") + "\n.explain projects | wher id > 1"))
        XCTAssertEqual(console.output.split(separator: "\n").count, 6_000)
        XCTAssertEqual(console.errors, """
            error: unknown stage 'wher'
                --> 3001:21
                 |
            3001 | .explain projects | wher id > 1
                 |                     ^^^^ did you mean 'where'?

            """)
    }
}

extension RobustnessTests {
    /// A control character in a script (a NUL, an escape sequence) is not echoed to the terminal by an error.
    func testControlCharactersInTheSourceLineAreShownAsReplacementCharacters() {
        let (s, console) = session()
        XCTAssertFalse(s.run("projects | take 1 \u{1B}]0;owned\u{07} \u{0}"))
        XCTAssertEqual(console.errors, """
            error: unexpected character '\\x1B'
             --> 1:19
              |
            1 | projects | take 1 \u{FFFD}]0;owned\u{FFFD} \u{FFFD}
              |                   ^

            """)
    }
}

extension RobustnessTests {
    /// A let referencing a let … 10,000 deep, and `.explain` of a query at the stage and nesting limits.
    func testLetChainsAndPlansAtTheLimits() {
        let (s, console) = session()
        let lets = (1...10_000).map { "let a\($0) = a\($0 - 1) + 1" }.joined(separator: "\n")
        XCTAssertTrue(s.run("let a0 = 0\n\(lets)\na10000\nlet t0 = projects\n"
                            + (1...1_000).map { "let t\($0) = t\($0 - 1) | where id > \($0 - 1)" }.joined(separator: "\n")
                            + "\nt1000 | count"))
        XCTAssertEqual(console.output, "10000\ncount\n0\n")
        let deep = repeated("abs(", 198) + "id" + repeated(")", 198)
        XCTAssertTrue(s.run(".explain projects | where \(deep) > 0\(repeated(" | where id > 0", 997)) | count"))
        let lines = console.output.split(separator: "\n").dropFirst(3)
        XCTAssertEqual(lines.count, 1_000)
        XCTAssertEqual(lines.first, "aggregate count = count(): int  → (count: int)")
        XCTAssertTrue(lines.dropLast().last?.hasPrefix(repeated("  ", 998) + "filter abs(abs(") ?? false)
        XCTAssertTrue(lines.last?.hasPrefix(repeated("  ", 999) + "scan projects (\(Self.projects) rows)") ?? false)
    }
}

extension RobustnessTests {
    func testSettingsRefuseOutOfRangeNumbers() {
        for command in [".maxrows -1", ".maxrows 99999999999999999999", ".width -5", ".width 99999999999", ".width 9"] {
            let (s, console) = session()
            XCTAssertFalse(s.run(command), command)
            let name = command.split(separator: " ")[0]
            XCTAssertEqual(console.errors.split(separator: "\n").first.map(String.init),
                           "error: usage: \(name) \(name == ".width" ? "N|auto" : "N")", command)
        }
        let (s, _) = session()
        XCTAssertTrue(s.run(".maxrows 9223372036854775807\n.mode box\nprojects | take 2 | select id"))
        XCTAssertEqual(s.settings.render.maxRows, Int.max)
    }
}
