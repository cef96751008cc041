// ImportRobustnessTests: `.import` of files that are malformed, odd or not
// there, through a Session — each gives its exact error with FILE:LINE or
// the documented repair, and a failed import leaves the session's tables
// exactly as they were. (CSVReaderTests covers the reader on bytes in memory.)

import Foundation
import XCTest
@testable import CQ

final class ImportRobustnessTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "cq-import-\(getpid())-\(UUID().uuidString)/"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes `bytes` to FOLDER/name and returns the path.
    @discardableResult
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    private func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    /// A session in csv mode that already holds the user table `t` (two rows) and the scalar `k`.
    private func session() -> (Session, CapturingConsole) {
        let console = CapturingConsole()
        var settings = Settings()
        settings.render.mode = .csv
        let s = Session(console: console, settings: settings)
        XCTAssertTrue(s.run("let t = projects | take 2 | select id, name\nlet k = 7"))
        return (s, console)
    }

    /// What the session shows of its user bindings.
    private func state(_ s: Session) -> String {
        let probe = CapturingConsole()
        let copy = Session(console: probe, settings: s.settings, catalog: s.catalog)
        copy.run(".tables\nt\nk")
        return probe.transcript
    }

    /// Imports `path` as `t` and returns the first line of the error; asserts the session did not change.
    private func refused(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (s, console) = session()
        let before = state(s)
        XCTAssertFalse(s.run(".import \(path) as t"), file: file, line: line)
        XCTAssertEqual(state(s), before, "a failed import changed the session", file: file, line: line)
        return console.errors.split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Imports `path` as `u` and returns its schema and rows in csv.
    private func imported(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (s, console) = session()
        XCTAssertTrue(s.run(".import \(path) as u\n.schema u\nu"), console.errors, file: file, line: line)
        return console.output
    }

    func testMalformedFilesAreRefusedWithFileAndLine() throws {
        XCTAssertEqual(refused(try file("ragged.csv", "a,b\n1,2\n3\n")), "error: \(folder)ragged.csv:3: expected 2 fields, found 1")
        XCTAssertEqual(refused(try file("quote.csv", "a,b\n1,2\n\"3,4\n5,6\n")), "error: \(folder)quote.csv:3: unclosed quote")
        XCTAssertEqual(refused(try file("utf8.csv", Array("a\nok\n".utf8) + [0xC3, 0x28, 0x0A])), "error: \(folder)utf8.csv:3: invalid UTF-8")
        XCTAssertEqual(refused(try file("nul.csv", Array("a,b\n1,".utf8) + [0x00, 0x0A])), "error: \(folder)nul.csv:2: NUL byte")
        XCTAssertEqual(refused(try file("header-nul.csv", [0x61, 0x00, 0x0A, 0x31, 0x0A])), "error: \(folder)header-nul.csv:1: NUL byte")
        XCTAssertEqual(refused(try file("empty.csv", "")), "error: \(folder)empty.csv: empty file (no header row)")
        XCTAssertEqual(refused(try file("blank.csv", "\u{FEFF}\r\n\r\n")), "error: \(folder)blank.csv: empty file (no header row)")
    }

    func testFilesThatAreNotThereOrNotFilesAreRefused() throws {
        XCTAssertEqual(refused(folder + "missing.csv"), "error: cannot open '\(folder)missing.csv': No such file or directory")
        XCTAssertEqual(refused(folder), "error: cannot open '\(folder)': Is a directory")
        let gone = try file("gone.csv", "a\n1\n")
        unlink(gone)
        XCTAssertEqual(refused(gone), "error: cannot open '\(gone)': No such file or directory")
        XCTAssertEqual(refused("/dev/null"), "error: /dev/null: empty file (no header row)")
    }

    func testAnEndlessStreamIsRefusedAtTheStreamLimit() {
        XCTAssertThrowsError(try FileBytes.withContents(of: "/dev/zero", streamLimit: 3 << 20) { $0.count }) { error in
            XCTAssertEqual((error as? CQError)?.problem.message, "'/dev/zero' gives more than 3 MB; only a regular file may be larger")
        }
        XCTAssertEqual(FileBytes.maxStreamBytes, 512 << 20)
    }

    func testAFIFOIsReadToItsEnd() throws {
        let path = folder + "pipe.csv"
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data("x,y\n1,2\n".utf8))
            handle.closeFile()
        }
        writer.start()
        XCTAssertEqual(imported(path), "table,column,type\nu,x,int\nu,y,int\nx,y\n1,2\n")
    }

    func testOddButValidFilesAreRepairedAsDocumented() throws {
        XCTAssertEqual(imported(try file("bom-crlf.csv", "\u{FEFF}a,b\r\n1,\"x\r\ny\"\r\n")),
                       "table,column,type\nu,a,int\nu,b,string\na,b\n1,\"x\r\ny\"\n")
        XCTAssertEqual(imported(try file("names.csv", "a,, a ,a,\n1,2,3,4,5\n")),
                       "table,column,type\nu,a,int\nu,column2,int\nu,a_2,int\nu,a_3,int\nu,column5,int\na,column2,a_2,a_3,column5\n1,2,3,4,5\n")
        XCTAssertEqual(imported(try file("header-only.csv", "a,b\n")),
                       "table,column,type\nu,a,string\nu,b,string\na,b\n")
    }

    func testTenThousandColumns() throws {
        let header = (1...10_000).map { "c\($0)" }.joined(separator: ",")
        let row = (1...10_000).map(String.init).joined(separator: ",")
        let path = try file("wide.csv", header + "\n" + row + "\n")
        let (s, console) = session()
        XCTAssertTrue(s.run(".import \(path) as w\nw | select c1, c10000\n.tables"), console.errors)
        XCTAssertTrue(console.output.hasPrefix("c1,c10000\n1,10000\n"))
        XCTAssertTrue(console.output.hasSuffix("t,2,2,user\nw,1,10000,user\n"))
    }

    func testAnImportReplacesAUserBindingOnlyWhenItSucceeds() throws {
        let good = try file("good.csv", "z\n1\n2\n3\n")
        let bad = try file("bad.csv", "z\n1\n2,3\n")
        let (s, console) = session()
        XCTAssertFalse(s.run(".import \(bad) as t"))
        XCTAssertTrue(s.run("t | count"))
        XCTAssertTrue(s.run(".import \(good) as t\nt | count\n.import \(good) as k\nk | count"))
        XCTAssertFalse(s.run(".import \(good) as projects"))
        XCTAssertEqual(console.output, "count\n2\ncount\n3\ncount\n3\n")
        XCTAssertEqual(console.errors.split(separator: "\n").filter { $0.hasPrefix("error") }, [
            "error: \(bad):3: expected 1 field, found 2",
            "error: 'projects' is a built-in table; import under another name (.import FILE as NAME)",
        ])
    }

    /// Another program shortening the file while it is imported: with the file mapped into memory
    /// this killed cq (SIGBUS); read, it gives the table, or an error of that file.
    func testAFileShortenedWhileItIsImported() throws {
        let row = "1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
        let text = "a,b\n" + String(repeating: row, count: 400_000)
        for attempt in 0..<3 {
            let path = try file("shrinking.csv", text)
            let (s, console) = session()
            let shortener = Thread {
                usleep(useconds_t(2_000 * attempt))
                truncate(path, 1_000)
            }
            shortener.start()
            let ok = s.run(".import \(path) as big")
            while !shortener.isFinished { usleep(1_000) }
            if !ok { XCTAssertTrue(console.errors.hasPrefix("error: \(path)"), console.errors) }
            XCTAssertTrue(s.run("t | count"))
        }
    }
}
