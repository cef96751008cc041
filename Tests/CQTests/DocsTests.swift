// DocsTests: every example in the documentation is a test.
//
// Runs the checker (`cq --check`, Sources/CQ/Session/Checker.swift) over
// README.md, every docs/*.md and every Examples/*.cq, exactly as a reader
// would meet them, and fails with the checker's unified diff for each block
// whose output differs from the page. What a block means and how outputs are
// compared is the checker's business; this file only finds the files, runs
// them and reports. To refresh an expected output after a deliberate change,
// run `cq --check --update FILE` and read the result before committing.

import Foundation
import XCTest
@testable import CQ

final class DocsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files of `folder` (relative to the package root) whose names end with `suffix`, sorted.
    static func files(in folder: String, endingWith suffix: String) throws -> [String] {
        let directory = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(suffix) }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// Checks `paths`, failing once per difference; returns the number of examples checked.
    @discardableResult
    func check(_ paths: [String]) throws -> Int {
        var examples = 0
        for path in paths {
            let (count, differences) = try Checker.check(path, update: false)
            examples += count
            for d in differences {
                XCTFail("\(d.file):\(d.line): output differs from the page (- expected, + actual):\n\(d.diff)")
            }
        }
        return examples
    }

    func testReadme() throws {
        let count = try check([Self.root.appendingPathComponent("README.md").path])
        XCTAssertGreaterThan(count, 0, "README.md shows no checked session")
    }

    func testDocs() throws {
        let paths = try Self.files(in: "docs", endingWith: ".md")
        XCTAssertTrue(paths.contains { $0.hasSuffix("/tutorial.md") }, "docs/tutorial.md is missing")
        let count = try check(paths)
        print("docs examples: \(count) in \(paths.count) file(s)")
    }

    func testExamples() throws {
        let paths = try Self.files(in: "Examples", endingWith: ".cq")
        XCTAssertGreaterThanOrEqual(paths.count, 12, "Examples/ should hold at least 12 scripts")
        let manager = FileManager.default
        for path in paths {
            let out = String(path.dropLast(3)) + ".out"
            XCTAssertTrue(manager.fileExists(atPath: out), "\(path) has no .out beside it")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("#!/usr/bin/env cq\n--"),
                          "\(path) must start with #!/usr/bin/env cq and a -- comment saying what it answers")
            XCTAssertTrue(manager.isExecutableFile(atPath: path), "\(path) is not executable")
        }
        try check(paths)
    }
}
