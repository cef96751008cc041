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
        XCTAssertEqual(console.output, "count\n121\n")
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
