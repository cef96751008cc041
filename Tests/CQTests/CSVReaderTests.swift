// Tests of CSV/TSV import: type inference, 万/亿 numbers, nulls, quoting,
// line endings, header repairs, every error with its exact message and
// line, files on disk, and the typed TSV of the built-in tables.

import XCTest
import Foundation
@testable import CQ

final class CSVReaderTests: XCTestCase {
    private func read(_ bytes: [UInt8], name: String = "t.csv") throws -> Table {
        try bytes.withUnsafeBytes { try CSVReader.read(bytes: $0, name: name) }
    }

    private func read(_ text: String, name: String = "t.csv") throws -> Table {
        try read(Array(text.utf8), name: name)
    }

    private func message(_ bytes: [UInt8], name: String = "t.csv") -> String {
        do {
            _ = try read(bytes, name: name)
            return "no error"
        } catch let error as CQError {
            return error.problem.message
        } catch {
            return "\(error)"
        }
    }

    private func message(_ text: String, name: String = "t.csv") -> String {
        message(Array(text.utf8), name: name)
    }

    private func rows(_ t: Table) -> [[Value]] {
        (0..<t.rowCount).map { r in t.columns.indices.map { t.value(row: r, column: $0) } }
    }

    func testInfersEveryType() throws {
        let t = try read("i,f,d,b,s,big\n1,1.5,2023-03-06,TRUE,x,9223372036854775807\n-2,3,2024-02-29,false,2023-02-30,9223372036854775808\n")
        XCTAssertEqual(t.schema, [Field("i", .int), Field("f", .float), Field("d", .date), Field("b", .bool),
                                  Field("s", .string), Field("big", .float)])
        XCTAssertEqual(rows(t), [
            [.int(1), .float(1.5), .date(19422), .bool(true), .string("x"), .float(9.223372036854775807e18)],
            [.int(-2), .float(3), .date(19782), .bool(false), .string("2023-02-30"), .float(9.223372036854775808e18)],
        ])
    }

    func testInfersDatetimes() throws {
        // Offsets become UTC; a column of dates and datetimes is datetimes; a datetime among text is text.
        let t = try read("""
            utc,local,mixed,text
            2013-01-01T10:00:00Z,2013-01-01 10:00,2013-01-01,2013-01-01T10:00
            2013-01-01T10:00:00+05:30,2013-01-01T10:00:00.000001,2013-01-01T06:00-02:00,soon
            ,2013-01-01 10:00:00.1234569,,
            """)
        XCTAssertEqual(t.schema, [Field("utc", .datetime), Field("local", .datetime), Field("mixed", .datetime), Field("text", .string)])
        let ten = 1_357_034_400_000_000
        XCTAssertEqual(rows(t), [
            [.datetime(ten), .datetime(ten), .datetime(ten - 36_000_000_000), .string("2013-01-01T10:00")],
            [.datetime(ten - 19_800_000_000), .datetime(ten + 1), .datetime(ten - 7_200_000_000), .string("soon")],
            [.null, .datetime(ten + 123_456), .null, .null],
        ])
        let typed = try CSVReader.readTyped("t:datetime\n2013-01-01T10:00Z\n2013-01-01\n", name: "p.tsv")
        XCTAssertEqual(rows(typed), [[.datetime(ten)], [.datetime(ten - 36_000_000_000)]])
        XCTAssertThrowsError(try CSVReader.readTyped("t:datetime\n2013-01-01T25:00\n", name: "p.tsv")) {
            XCTAssertEqual(($0 as? CQError)?.problem.message, "p.tsv:2: invalid datetime '2013-01-01T25:00' in column 't'")
        }
    }

    func testFloatsParseExactly() throws {
        let t = try read("x\n0.1\n1e9\n-2.5E-3\n.5\n123456789.123456789\n")
        XCTAssertEqual(rows(t).map { $0[0] }, [.float(0.1), .float(1e9), .float(-2.5e-3), .float(0.5), .float(123456789.123456789)])
    }

    func testChineseMagnitudes() throws {
        let t = try read("a,b,c\n1.5亿,13.5万,1.25\n2万亿,7,3万\n")
        XCTAssertEqual(t.schema, [Field("a", .int), Field("b", .int), Field("c", .float)])
        XCTAssertEqual(rows(t), [[.int(150_000_000), .int(135_000), .float(1.25)],
                                 [.int(2_000_000_000_000), .int(7), .float(30000)]])
    }

    func testNullsAndMixedColumns() throws {
        let t = try read("a,b,c,d\n,1,x,\n2,,1,\n")
        XCTAssertEqual(t.schema, [Field("a", .int), Field("b", .int), Field("c", .string), Field("d", .string)])
        XCTAssertEqual(rows(t), [[.null, .int(1), .string("x"), .null], [.int(2), .null, .string("1"), .null]])
    }

    func testQuotesCRLFAndBOM() throws {
        let text = "\u{FEFF}name,note\r\n\"渝北,区\",\"say \"\"hi\"\"\r\nthere\"\r\n\"\",x\r\n\r\n\r\n"
        let t = try read(text)
        XCTAssertEqual(t.names, ["name", "note"])
        XCTAssertEqual(rows(t), [[.string("渝北,区"), .string("say \"hi\"\r\nthere")], [.string(""), .string("x")]])
    }

    func testLastLineWithoutNewlineAndTrailingEmptyField() throws {
        XCTAssertEqual(rows(try read("a,b\n1,")), [[.int(1), .null]])
        XCTAssertEqual(rows(try read("a\n1\n2")), [[.int(1)], [.int(2)]])
    }

    func testTabDelimiter() throws {
        XCTAssertEqual(rows(try read("a\tb\n1\tx,y\n")), [[.int(1), .string("x,y")]])
        XCTAssertEqual(try read("a,b\tc\n1,2\tz\n", name: "f.TSV").names, ["a,b", "c"])
    }

    func testHeaderRepairs() throws {
        let t = try read(" a ,,a,a_2, \n1,2,3,4,5\n")
        XCTAssertEqual(t.names, ["a", "column2", "a_2", "a_2_2", "column5"])
    }

    func testRepetitiveStringsShareDictionaryEntries() throws {
        let text = "d\n" + String(repeating: "渝北区\n江北区\n", count: 1000)
        let t = try read(text)
        guard case .string(let s) = t.columns[0].data else { return XCTFail("not a string column") }
        XCTAssertEqual(s.dictionary.count, 2)
        XCTAssertTrue(s.dictionary.isUnique)
        XCTAssertEqual(s[1999], "江北区")
    }

    func testDistinctStringsKeepEveryValue() throws {
        let text = "id\n" + (0..<70_000).map { "v\($0)" }.joined(separator: "\n")
        let t = try read(text)
        guard case .string(let s) = t.columns[0].data else { return XCTFail("not a string column") }
        XCTAssertEqual(s[0], "v0")
        XCTAssertEqual(s[69_999], "v69999")
        XCTAssertEqual(t.rowCount, 70_000)
    }

    func testErrors() {
        XCTAssertEqual(message("a,b\n1,2\n3\n"), "t.csv:3: expected 2 fields, found 1")
        XCTAssertEqual(message("a,b\n1,2,3\n"), "t.csv:2: expected 2 fields, found 3")
        XCTAssertEqual(message("a,b\n1,\"x\n\ny\n"), "t.csv:2: unclosed quote")
        XCTAssertEqual(message(Array("a\nok\n".utf8) + [0xFF, 0x0A]), "t.csv:3: invalid UTF-8")
        XCTAssertEqual(message(Array("a,b\n1,x\n2,y".utf8) + [0, 0x0A]), "t.csv:3: NUL byte")
        XCTAssertEqual(message(""), "t.csv: empty file (no header row)")
        XCTAssertEqual(message("\u{FEFF}\n\n"), "t.csv: empty file (no header row)")
        XCTAssertEqual(message(String(repeating: ",", count: 100_000) + "\n"), "t.csv:1: more than 100,000 columns")
    }

    func testFiles() throws {
        let dir = NSTemporaryDirectory() + "cq-csv-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/d.tsv"
        try "区\t人口\n渝北区\t2192000\n".write(toFile: path, atomically: true, encoding: .utf8)
        var reported: [(Int, Int)] = []
        let t = try CSVReader.read(path: path, progress: { reported.append(($0, $1)) })
        XCTAssertEqual(rows(t), [[.string("渝北区"), .int(2_192_000)]])
        XCTAssertEqual(reported.last?.0, reported.last?.1)
        XCTAssertThrowsError(try CSVReader.read(path: dir + "/missing.csv")) {
            XCTAssertEqual(($0 as? CQError)?.problem, .io("cannot open '\(dir)/missing.csv': No such file or directory"))
        }
        XCTAssertThrowsError(try CSVReader.read(path: dir)) {
            XCTAssertEqual(($0 as? CQError)?.problem, .io("cannot open '\(dir)': Is a directory"))
        }
    }

    func testCancellation() {
        let cancel = Cancellation()
        cancel.cancel()
        XCTAssertThrowsError(try Array("a\n1\n".utf8).withUnsafeBytes { try CSVReader.read(bytes: $0, name: "c", cancel: cancel) }) {
            XCTAssertEqual(($0 as? CQError)?.problem, .cancelled)
        }
    }

    func testTypedTSV() throws {
        let t = try CSVReader.readTyped("name:string\tv:float\tn:int\tok:bool\td:date\n科学城\t351.5亿\t3\ttrue\t2023-03-06\n\t2\t\t\t\n", name: "p.tsv")
        XCTAssertEqual(t.schema, [Field("name", .string), Field("v", .float), Field("n", .int), Field("ok", .bool), Field("d", .date)])
        XCTAssertEqual(rows(t), [[.string("科学城"), .float(35_150_000_000), .int(3), .bool(true), .date(19422)],
                                 [.null, .float(2), .null, .null, .null]])
        XCTAssertThrowsError(try CSVReader.readTyped("n:int\n1\nx\n", name: "p.tsv")) {
            XCTAssertEqual(($0 as? CQError)?.problem.message, "p.tsv:3: invalid int 'x' in column 'n'")
        }
        XCTAssertThrowsError(try CSVReader.readTyped("n:number\n1\n", name: "p.tsv")) {
            XCTAssertEqual(($0 as? CQError)?.problem.message, "p.tsv:1: unknown type 'number' in header field 'n:number'")
        }
    }
}
