// GoldenTests: runs the Tests/Golden/*.cqt files, one test per file.
//
// A .cqt file is a sequence of cases separated by lines `====`. A case is
// input statements, a line `----`, and the expected output. All cases of a
// file share one session (so `let` carries over), in csv mode unless the
// case says otherwise. When the input marks a span with ⟦ and ⟧, the case
// expects an error whose range is exactly that span; its expected output is
// then `error: MESSAGE` and, if the error has one, `hint: HINT`.
// Lines starting with `#` before the input are comments.
//
// Every file also runs with tables cut into chunks of one and of three rows
// (`testEveryFileInSmallChunks`): a chunk boundary must change nothing.
// A case that is not of that shape (no `----`, two of them, no input) fails
// the file's test with its line number — it is never skipped. Every file in
// the folder must have its test method below and a number prefix of its own
// (`testEveryFileHasATest`). Set CQ_GOLDEN_UPDATE=1 to rewrite the expected
// outputs (then read them): only a file that parses, and that parsing and
// writing back leaves unchanged, is rewritten, so an update never drops or
// reshapes a case.

import Foundation
import XCTest
@testable import CQ

final class GoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    /// The golden files; each has its test method below.
    static let files = [
        "01-literals.cqt", "02-arithmetic.cqt", "03-logic-nulls.cqt", "04-stages.cqt", "05-aggregates.cqt",
        "06-functions.cqt", "07-joins.cqt", "08-errors.cqt", "09-let-commands.cqt", "10-continuation.cqt",
        "11-hostile.cqt", "12-sql.cqt", "13-join-kinds.cqt", "14-sets-sources.cqt", "15-per-group.cqt",
        "20-subqueries.cqt", "21-scopes.cqt", "22-user-functions.cqt",
        "30-case.cqt", "31-text-functions.cqt", "32-number-functions.cqt", "33-more-aggregates.cqt",
        "34-function-sql.cqt", "40-datetime.cqt",
        "41-date-fields.cqt", "42-date-conversions.cqt", "43-date-units.cqt", "44-date-format-clock.cqt",
        "45-date-sql.cqt", "50-windows.cqt", "60-pivot.cqt", "61-unpivot.cqt", "62-sample.cqt", "63-reshape-sql.cqt",
        "70-questions.cqt",
    ]

    func test01Literals() throws { try check("01-literals.cqt") }
    func test02Arithmetic() throws { try check("02-arithmetic.cqt") }
    func test03LogicNulls() throws { try check("03-logic-nulls.cqt") }
    func test04Stages() throws { try check("04-stages.cqt") }
    func test05Aggregates() throws { try check("05-aggregates.cqt") }
    func test06Functions() throws { try check("06-functions.cqt") }
    func test07Joins() throws { try check("07-joins.cqt") }
    func test08Errors() throws { try check("08-errors.cqt") }
    func test09LetCommands() throws { try check("09-let-commands.cqt") }
    func test10Continuation() throws { try check("10-continuation.cqt") }
    func test11Hostile() throws { try check("11-hostile.cqt") }
    func test12SQL() throws { try check("12-sql.cqt") }
    func test13JoinKinds() throws { try check("13-join-kinds.cqt") }
    func test14SetsSources() throws { try check("14-sets-sources.cqt") }
    func test15PerGroup() throws { try check("15-per-group.cqt") }
    func test20Subqueries() throws { try check("20-subqueries.cqt") }
    func test21Scopes() throws { try check("21-scopes.cqt") }
    func test22UserFunctions() throws { try check("22-user-functions.cqt") }
    func test30Case() throws { try check("30-case.cqt") }
    func test31TextFunctions() throws { try check("31-text-functions.cqt") }
    func test32NumberFunctions() throws { try check("32-number-functions.cqt") }
    func test33MoreAggregates() throws { try check("33-more-aggregates.cqt") }
    func test34FunctionSQL() throws { try check("34-function-sql.cqt") }
    func test40Datetime() throws { try check("40-datetime.cqt") }
    func test41DateFields() throws { try check("41-date-fields.cqt") }
    func test42DateConversions() throws { try check("42-date-conversions.cqt") }
    func test43DateUnits() throws { try check("43-date-units.cqt") }
    func test44DateFormatClock() throws { try check("44-date-format-clock.cqt") }
    func test45DateSQL() throws { try check("45-date-sql.cqt") }
    func test50Windows() throws { try check("50-windows.cqt") }
    func test60Pivot() throws { try check("60-pivot.cqt") }
    func test61Unpivot() throws { try check("61-unpivot.cqt") }
    func test62Sample() throws { try check("62-sample.cqt") }
    func test63ReshapeSQL() throws { try check("63-reshape-sql.cqt") }
    func test70Questions() throws { try check("70-questions.cqt") }

    struct Case: Equatable {
        var comment: [String]
        var input: String
        var expected: String
        /// The line of the file where the case starts (for messages).
        var line = 1
    }

    /// A case that is not `input`, `----`, `expected`.
    struct Malformed: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "malformed case at line \(line): \(reason)" }
    }

    /// The cases of a file, or the first malformed one.
    static func parse(_ text: String) throws -> [Case] {
        var line = 1
        var cases: [Case] = []
        for chunk in text.components(separatedBy: "\n====\n") {
            // The chunk's lines, then the line `====`.
            defer { line += chunk.split(separator: "\n", omittingEmptySubsequences: false).count + 1 }
            let parts = chunk.components(separatedBy: "\n----\n")
            guard parts.count == 2 else {
                throw Malformed(line: line, reason: parts.count < 2 ? "no line '----' after the input"
                                                                     : "more than one line '----'")
            }
            var inputLines = parts[0].components(separatedBy: "\n")
            var comment: [String] = []
            while let first = inputLines.first, first.hasPrefix("#") || first.isEmpty {
                comment.append(first)
                inputLines.removeFirst()
            }
            guard !inputLines.isEmpty else { throw Malformed(line: line, reason: "no input before '----'") }
            var expected = parts[1]
            if expected.hasSuffix("\n====") { expected.removeLast(5) }
            cases.append(Case(comment: comment, input: inputLines.joined(separator: "\n"), expected: expected, line: line))
        }
        return cases
    }

    static func format(_ cases: [Case]) -> String {
        cases.map { c in
            (c.comment + [c.input]).joined(separator: "\n") + "\n----\n" + c.expected
        }.joined(separator: "\n====\n")
    }

    /// Removes ⟦ ⟧ markers, returning the text and the marked byte range.
    static func stripMarkers(_ s: String) -> (String, SourceRange?) {
        var out = ""
        var start: Int?
        var end: Int?
        for ch in s {
            if ch == "⟦" { start = out.utf8.count } else if ch == "⟧" { end = out.utf8.count } else { out.append(ch) }
        }
        if let start, let end { return (out, SourceRange(start, end)) }
        return (out, nil)
    }

    static func run(_ c: Case, session: Session, console: CapturingConsole) -> String {
        let (input, marked) = stripMarkers(c.input)
        let before = console.transcript.utf8.count
        let ok = session.run(input + "\n")
        let transcript = String(decoding: Array(console.transcript.utf8).dropFirst(before), as: UTF8.self)
        guard marked != nil else { return transcript }
        guard !ok, let error = session.lastError else { return "expected an error, got:\n" + transcript }
        var out = "error: \(error.problem.message)\n"
        if let hint = error.problem.hint { out += "hint: \(hint)\n" }
        return out
    }

    /// Runs every case of one file in one session (or, with CQ_GOLDEN_UPDATE=1, rewrites its expected outputs);
    /// `chunkRows` cuts tables and results into chunks of that many rows.
    func check(_ file: String, chunkRows: Int? = nil) throws {
        let url = Self.directory.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases = try Self.parse(text)
        let roundTrips = Self.format(cases) == text
        XCTAssertTrue(roundTrips, "\(file): parsing and writing back changes the file")
        let updating = ProcessInfo.processInfo.environment["CQ_GOLDEN_UPDATE"] == "1"
        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        settings.render.maxRows = 0
        let session = Session(console: console, settings: settings)
        if let chunkRows {
            session.localBackend.chunkRows = chunkRows
            session.resultChunkRows = chunkRows
        }
        for i in cases.indices {
            let actual = Self.run(cases[i], session: session, console: console)
            if updating {
                cases[i].expected = actual
                continue
            }
            let place = "\(file):\(cases[i].line): case:\n\(cases[i].input)"
            let (_, marked) = Self.stripMarkers(cases[i].input)
            if marked != nil, let error = session.lastError {
                XCTAssertEqual(error.range, marked, "\(place)\nerror range")
            }
            XCTAssertEqual(actual, cases[i].expected, place)
        }
        if updating, roundTrips, chunkRows == nil {
            try Self.format(cases).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The same answers and errors when every table is cut into chunks of one row, or of a few.
    func testEveryFileInSmallChunks() throws {
        for file in Self.files {
            try check(file, chunkRows: 1)
            try check(file, chunkRows: 3)
        }
    }

    /// Every .cqt file has its test, and no two files share a number prefix.
    func testEveryFileHasATest() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".cqt") }.sorted()
        XCTAssertEqual(present, Self.files.sorted(), "a golden file without its test method in GoldenTests (or the reverse)")
        let prefixes = present.map { $0.prefix { $0 != "-" } }
        XCTAssertEqual(Set(prefixes).count, prefixes.count, "two golden files share a number prefix: \(present)")
    }

    /// A malformed case is an error with its line, never a case that quietly disappears.
    func testMalformedCasesAreErrors() {
        XCTAssertThrowsError(try Self.parse("projects | count\n----\n1\n====\nprojects | count\n1\n")) { error in
            XCTAssertEqual("\(error)", "malformed case at line 5: no line '----' after the input")
        }
        XCTAssertThrowsError(try Self.parse("a\n----\nb\n----\nc\n")) { error in
            XCTAssertEqual("\(error)", "malformed case at line 1: more than one line '----'")
        }
        XCTAssertThrowsError(try Self.parse("# only a comment\n----\nx\n")) { error in
            XCTAssertEqual("\(error)", "malformed case at line 1: no input before '----'")
        }
        let text = "# c\n.mode csv\n----\n\n====\nprojects | count\n----\ncount\n144\n"
        XCTAssertEqual(try Self.parse(text).map(\.line), [1, 6])
        XCTAssertEqual(try Self.format(Self.parse(text)), text)
    }
}
