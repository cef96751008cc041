// GoldenTests: runs every Tests/Golden/*.cqt file.
//
// A .cqt file is a sequence of cases separated by lines `====`. A case is
// input statements, a line `----`, and the expected output. All cases of a
// file share one session (so `let` carries over), in csv mode unless the
// case says otherwise. When the input marks a span with ⟦ and ⟧, the case
// expects an error whose range is exactly that span; its expected output is
// then `error: MESSAGE` and, if the error has one, `hint: HINT`.
// Lines starting with `#` before the input are comments.
// Set CQ_GOLDEN_UPDATE=1 to rewrite the expected outputs (then read them).

import Foundation
import XCTest
@testable import CQ

final class GoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    struct Case {
        var comment: [String]
        var input: String
        var expected: String
    }

    static func parse(_ text: String) -> [Case] {
        text.components(separatedBy: "\n====\n").compactMap { chunk -> Case? in
            let parts = chunk.components(separatedBy: "\n----\n")
            guard parts.count == 2 else { return nil }
            var inputLines = parts[0].components(separatedBy: "\n")
            var comment: [String] = []
            while let first = inputLines.first, first.hasPrefix("#") || first.isEmpty {
                comment.append(first)
                inputLines.removeFirst()
            }
            var expected = parts[1]
            if expected.hasSuffix("\n====") { expected.removeLast(5) }
            return Case(comment: comment, input: inputLines.joined(separator: "\n"), expected: expected)
        }
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

    func testGoldenFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".cqt") }.sorted()
        XCTAssertFalse(files.isEmpty, "no golden files in \(Self.directory.path)")
        let updating = ProcessInfo.processInfo.environment["CQ_GOLDEN_UPDATE"] == "1"
        var total = 0
        for file in files {
            let url = Self.directory.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            var cases = Self.parse(text)
            let console = CapturingConsole()
            var settings = Settings()
            settings.render.mode = .csv
            settings.render.maxRows = 0
            let session = Session(console: console, settings: settings)
            for i in cases.indices {
                total += 1
                let actual = Self.run(cases[i], session: session, console: console)
                if updating {
                    cases[i].expected = actual
                } else {
                    let (_, marked) = Self.stripMarkers(cases[i].input)
                    if marked != nil, let error = session.lastError {
                        XCTAssertEqual(error.range, marked, "\(file): error range of case:\n\(cases[i].input)")
                    }
                    XCTAssertEqual(actual, cases[i].expected, "\(file): case:\n\(cases[i].input)")
                }
            }
            if updating { try Self.format(cases).write(to: url, atomically: true, encoding: .utf8) }
        }
        print("golden cases: \(total)")
    }
}
