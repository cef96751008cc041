// ShellTests: the interactive shell in a real pseudo-terminal — the built
// `cq` is started under a pty (Support/PseudoTerminal.swift), keys are typed
// (Tab, Ctrl-C, Ctrl-D, arrows) and the screen is read back
// (Support/Screen.swift). Each test has its own HOME in a temporary folder,
// so the user's ~/.cq_history and ~/.cqrc are never read or written.

import Foundation
import XCTest
@testable import CQ

final class ShellTests: XCTestCase {
    private var home = ""

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("cq-shell-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: home)
    }

    private func start(_ arguments: [String] = [], columns: Int = 100) throws -> PseudoTerminal {
        let cq = try PseudoTerminal(arguments, home: home, columns: columns)
        cq.waitForPrompt()
        return cq
    }

    /// The lines of the screen from the top border of the last table.
    private func lastTable(_ screen: Screen) -> [String] {
        let lines = screen.lines
        guard let at = lines.lastIndex(where: { $0.hasPrefix("┌") }) else { return [] }
        return Array(lines[at...])
    }

    func testWelcomeQueryAndChineseAlignedInABox() throws {
        let cq = try start()
        XCTAssertEqual(Array(cq.screen.lines.prefix(2)), [
            "cq 0.1.0 — tables: projects, enterprises, figures (.schema NAME shows the columns)",
            "Try: projects | take 5    .help for help    .quit or Ctrl-D to leave",
        ])
        cq.type("projects | top 2 by investment | select name, investment\r")
        cq.waitForPrompt(count: 2)
        XCTAssertEqual(lastTable(cq.screen), [
            "┌────────────────────┬─────────────┐",
            "│ name               │  investment │",
            "├────────────────────┼─────────────┤",
            "│ 双城经济圈发展基金 │ 30000000000 │",
            "│ 科学谷             │ 11000000000 │",
            "└────────────────────┴─────────────┘",
            "cq>",
        ])
        cq.press(.ctrlD)
        XCTAssertEqual(cq.waitForExit(), 0)
    }

    func testNumbersStayWholeWhenTheTerminalIsNarrowAndAfterAResize() throws {
        let cq = try start(columns: 70)
        cq.type("projects | top 3 by investment | select name, name_en, investment, status\r")
        cq.waitForPrompt(count: 2)
        XCTAssertEqual(lastTable(cq.screen), [
            "┌────────────────────┬────────────────────────┬─────────────┬────────┐",
            "│ name               │ name_en                │  investment │ status │",
            "├────────────────────┼────────────────────────┼─────────────┼────────┤",
            "│ 双城经济圈发展基金 │ Twin-City Economic Ci… │ 30000000000 │ 建成   │",
            "│ 科学谷             │ Science Valley         │ 11000000000 │ 在建   │",
            "│ 石板大健康产业园   │ Shiban Big Health Ind… │  6000000000 │ 在建   │",
            "└────────────────────┴────────────────────────┴─────────────┴────────┘",
            "cq>",
        ])
        cq.resize(columns: 40, rows: 30)
        cq.type("projects | top 3 by investment | select name, name_en, investment, status\r")
        cq.waitForPrompt(count: 3)
        XCTAssertEqual(lastTable(cq.screen), [
            "┌────────────┬───────────┬─────────────┐",
            "│ name       │ name_en   │  investment │",
            "├────────────┼───────────┼─────────────┤",
            "│ 双城经济…  │ Twin-Cit… │ 30000000000 │",
            "│ 科学谷     │ Science … │ 11000000000 │",
            "│ 石板大健…  │ Shiban B… │  6000000000 │",
            "└────────────┴───────────┴─────────────┘",
            "(3 of 4 columns shown)",
            "cq>",
        ])
    }

    func testTabCompletesByContext() throws {
        let cq = try start()
        // A column after `by`, and only what may come there: no sort words.
        cq.type("projects | summarize n = count() by cat\t")
        cq.wait(forText: "by category")
        cq.press(.ctrlU)
        cq.type("projects | summarize n = count() by \t\t")
        // The listing is complete when readline has drawn the line again under it.
        cq.wait(for: "the candidates") { $0.text.contains("investment") && $0.lines.last == "cq> projects | summarize n = count() by" }
        let listing = cq.screen.text
        for word in ["category", "floor_area", "len"] { XCTAssertTrue(listing.contains(word), word) }
        for word in ["asc", "desc", "nulls", " on "] { XCTAssertFalse(listing.contains(word), word) }
        cq.press(.ctrlC)
        cq.waitForPrompt()
        // Columns made by earlier stages, then a stage keyword after `|`.
        cq.type("projects | extend 亿元 = investment / 1亿 | where 亿\t")
        cq.wait(forText: "where 亿元")
        cq.type("> 100 | to\t")
        cq.wait(forText: "> 100 | top")
        cq.press(.ctrlC)
        cq.waitForPrompt()
        // Shell commands, their values, `let`-bound tables at a source position, file names after .import.
        cq.type(".sch\t")
        cq.wait(forText: "cq> .schema")
        cq.type("enter\t\r")
        cq.wait(forText: "│ enterprises │ founded_year │ int    │")
        cq.waitForPrompt()
        cq.type("let big_ones = projects | top 5 by investment\r")
        cq.waitForPrompt(count: 3)
        cq.type("big_o\t")
        cq.wait(forText: "cq> big_ones")
        cq.press(.ctrlU)
        try "a,b\n1,2\n".write(toFile: home + "/numbers-2024.csv", atomically: true, encoding: .utf8)
        cq.type(".import \(home)/numbers-2\t")
        cq.wait(forText: "numbers-2024.csv")
        cq.press(.enter)
        cq.waitForPrompt(count: 4)
        cq.type("numbers_\t")
        cq.wait(forText: "cq> numbers_2024")
        cq.press(.ctrlU)
        // A line that does not lex or bind gets no candidates and no error.
        cq.type("projects | where \"unfinished \t")
        cq.wait(forText: "cq> projects | where \"unfinished")
        cq.press(.ctrlC)
        cq.waitForPrompt(count: 5)
        XCTAssertFalse(cq.screen.text.contains("error"))
    }

    func testContinuationPromptAndMultiLineHistoryAcrossRuns() throws {
        var cq = try start()
        cq.type("projects |\r")
        cq.waitForPrompt("..>")
        cq.type("where category == \"基金\" |\r")
        cq.waitForPrompt("..>")
        cq.type("count\r")
        cq.wait(forText: "│     3 │")
        cq.waitForPrompt()
        cq.type(".quit\r")
        XCTAssertEqual(cq.waitForExit(), 0)
        let saved = try String(contentsOfFile: home + "/.cq_history", encoding: .utf8)
        XCTAssertEqual(saved, "projects |\\nwhere category == \"基金\" |\\ncount\n.quit\n")

        // The next run recalls the statement whole with ↑ ↑, and runs it again.
        cq = try start()
        cq.press(.up, .up)
        cq.wait(forText: "cq> projects |\nwhere category == \"基金\" |\ncount")
        cq.press(.enter)
        cq.wait(forText: "│     3 │")
        cq.waitForPrompt()
    }

    func testALineStartingWithABarContinuesTheQueryBefore() throws {
        let cq = try start()
        cq.type("projects\r")
        cq.waitForPrompt(count: 2)
        // Tab offers the columns of the query the line continues.
        cq.type("| where categ\t")
        cq.wait(forText: "cq> | where category")
        cq.type("== \"基金\"\r")
        cq.waitForPrompt(count: 3)
        cq.type("| count\r")
        cq.wait(forText: "│     3 │")
        cq.waitForPrompt(count: 4)
        // After a command there is nothing to continue.
        cq.type(".mode box\r")
        cq.waitForPrompt(count: 5)
        cq.type("| count\r")
        cq.wait(forText: "error: expected a query or an expression, found '|'")
        cq.waitForPrompt(count: 6)
        cq.type(".quit\r")
        XCTAssertEqual(cq.waitForExit(), 0)
        let saved = try String(contentsOfFile: home + "/.cq_history", encoding: .utf8)
        XCTAssertEqual(saved, """
        projects
        projects\\n| where category == "基金"
        projects\\n| where category == "基金"\\n| count
        .mode box
        | count
        .quit

        """)
    }

    func testArrowKeysEditChineseTextByCharacter() throws {
        let cq = try start()
        // ← ten times from the end lands before 金; Backspace removes the x before it.
        cq.type("projects | where category == \"基x金\" | count")
        for _ in 0..<10 { cq.press(.left) }
        cq.press(.backspace)
        cq.press(.enter)
        cq.wait(forText: "│     3 │")
        XCTAssertTrue(cq.screen.text.contains("cq> projects | where category == \"基金\" | count"))
    }

    func testCtrlCAbandonsTheLineAndKeepsBindings() throws {
        let cq = try start()
        cq.type("let keep = 7\r")
        cq.waitForPrompt(count: 2)
        cq.type("projects | wher")
        // Ctrl-C flushes what the terminal holds unread, so it is pressed once the text is on the screen.
        cq.wait(forText: "cq> projects | wher")
        cq.press(.ctrlC)
        cq.wait(forText: "cq> projects | wher^C")
        cq.waitForPrompt(count: 3)
        cq.type("projects |\r")
        cq.waitForPrompt("..>")
        cq.press(.ctrlC)
        // After Ctrl-C in a continuation line the statement starts afresh.
        cq.waitForPrompt(count: 4)
        cq.type("keep * 6\r")
        cq.wait(forText: "\n42\n")
        cq.waitForPrompt()
    }

    func testCtrlCCancelsALongImportShowingProgressAndALongQuery() throws {
        // A CSV over the 50 MB progress threshold: 1 MB of rows, 60 times.
        let path = home + "/big.csv"
        var chunk = ""
        for i in 0..<50_000 { chunk += "\(i % 100),\(i),名\(i % 1000)\n" }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("k,v,s\n".utf8)))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        let data = Data(chunk.utf8)
        handle.seekToEndOfFile()
        while handle.offsetInFile < 55 << 20 { handle.write(data) }
        handle.closeFile()

        let cq = try start()
        cq.type("let keep = 7\r")
        cq.waitForPrompt(count: 2)
        cq.type(".import \(path)\r")
        cq.wait(forText: "importing… ")
        cq.press(.ctrlC)
        cq.wait(forText: "error: cancelled")
        cq.waitForPrompt(count: 3)
        cq.type(".tables\r")
        cq.wait(forText: "│ figures")
        cq.waitForPrompt(count: 4)
        XCTAssertFalse(cq.screen.text.contains("│ big "), "a cancelled import binds nothing")

        // A smaller table, then a statement that sorts it many times over.
        let small = home + "/mid.csv"
        try ("k,v,s\n" + String(repeating: chunk, count: 6)).write(toFile: small, atomically: true, encoding: .utf8)
        cq.type(".import \(small)\r")
        cq.waitForPrompt(count: 5)
        // About 10 s in a debug build if it ran to the end.
        cq.type("mid" + String(repeating: " | sort s | sort v desc", count: 20) + " | count\r")
        cq.wait(for: "the statement to be typed") { $0.lines.joined().contains("sort v desc | count") }
        usleep(300_000)
        cq.press(.ctrlC)
        cq.wait(forText: "^C\nerror: cancelled")
        cq.waitForPrompt(count: 6)
        cq.type("keep\r")
        cq.wait(forText: "keep\n7\n")
    }

    func testStartupFileRunsAndNoInitSkipsIt() throws {
        try ".numbers cn\nlet rc = 5亿\n".write(toFile: home + "/.cqrc", atomically: true, encoding: .utf8)
        var cq = try start()
        cq.type("rc\r")
        cq.wait(forText: "rc\n5亿\n")
        cq.press(.ctrlD)
        XCTAssertEqual(cq.waitForExit(), 0)

        cq = try start(["--no-init"])
        cq.type("rc\r")
        cq.wait(forText: "unknown")
        cq.waitForPrompt()
    }
}
