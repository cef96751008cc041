// BuiltinDataTests: proves every row of the built-in tables against the line
// of the article it cites (../shared/seeds), and checks types, units, kinds
// and qualifiers against the closed vocabularies of data/FORMAT.md.
//
// A figure's `written` text must stand in its line and its leading number
// times the magnitude after it (万, 亿, 万亿, 成 ×10 and 半 ×50 for %; a hedge
// 多 or 余 may come between, as in 60多亿) must equal |value|; a
// project's or enterprise's name (or short name) must stand in its line, or
// in the line joined with the next non-empty one (names the page wrapped).
// White space is ignored in both. Skipped when ../shared/seeds is absent.

import Foundation
import XCTest
@testable import CQ

final class BuiltinDataTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static let units: Set<String> = ["元", "美元", "%", "百分点", "人", "人次", "家", "个", "项", "件", "篇", "名", "位", "所",
                                     "座", "条", "套", "台", "辆", "架", "艘", "颗", "片", "张", "块", "次", "批", "种", "类",
                                     "支", "款", "倍", "年", "月", "天", "小时", "分钟", "平方米", "平方公里", "亩", "公里", "米",
                                     "吨", "标箱", "千瓦", "千瓦时", "兆瓦", "户", "笔", "份", "英寸", "层", "级", "对", "首", "部", "期"]
    static let kinds: Set<String> = ["actual", "target", "estimate"]
    static let qualifiers: Set<String> = ["exact", "about", "over", "under"]
    static let statuses: Set<String> = ["规划", "签约", "在建", "建成", "投用"]
    static let categories: Set<String> = ["实验室", "科研平台", "大学校区", "产业园区", "产业项目", "基础设施", "公共服务", "城市开发", "基金", "其他"]

    /// Lines of each article, white space removed, by source name.
    static func articles() throws -> [String: [String]] {
        guard FileManager.default.fileExists(atPath: seeds.path) else {
            throw XCTSkip("../shared/seeds is absent: the article check needs the source articles")
        }
        var result: [String: [String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where file.hasSuffix(".txt") {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            result[String(file.dropLast(4))] = text.components(separatedBy: "\n").map(squeeze)
        }
        return result
    }

    static func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }) }

    static func string(_ t: Table, _ column: String, _ row: Int) -> String? {
        guard let c = t.index(of: column), case .string(let s) = t.value(row: row, column: c) else { return nil }
        return s
    }

    static func int(_ t: Table, _ column: String, _ row: Int) -> Int? {
        guard let c = t.index(of: column), case .int(let i) = t.value(row: row, column: c) else { return nil }
        return i
    }

    /// The number at the start of `written` (Arabic or Chinese numerals, 半 for a half, or 1 when a
    /// magnitude comes first) times the magnitude after it (一半 is 50, for a share in %).
    static func leadingNumber(_ written: String) -> Double? {
        let chars = Array(squeeze(written))
        var i = 0
        var value: Double?
        let digits = "0123456789"
        if i < chars.count, digits.contains(chars[i]) {
            var text = ""
            while i < chars.count, digits.contains(chars[i]) || chars[i] == "." || chars[i] == "," {
                if chars[i] != "," { text.append(chars[i]) }
                i += 1
            }
            value = Double(text)
        } else {
            let numerals: [Character: Double] = ["零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
            let units: [Character: Double] = ["十": 10, "百": 100, "千": 1000]
            var total = 0.0, current = 0.0, seen = false
            while i < chars.count {
                if let d = numerals[chars[i]] {
                    current = d
                } else if let u = units[chars[i]] {
                    total += (current == 0 ? 1 : current) * u
                    current = 0
                } else {
                    break
                }
                seen = true
                i += 1
            }
            if seen { value = total + current }
        }
        // 半 alone is a half (半个月); a magnitude with no number before it is one of it (万亿级).
        if value == nil, i < chars.count, chars[i] == "半" {
            value = 0.5
            i += 1
        } else if value == nil, chars.first == "万" || chars.first == "亿" {
            value = 1
        }
        guard var v = value else { return nil }
        // A hedge may stand between the number and its magnitude: 60多亿, 20余万.
        if i < chars.count, chars[i] == "多" || chars[i] == "余" { i += 1 }
        let rest = String(chars[i...])
        if rest.hasPrefix("万亿") { v *= 1e12 } else if rest.hasPrefix("亿") { v *= 1e8 } else if rest.hasPrefix("万") { v *= 1e4 } else if rest.hasPrefix("成") { v *= 10 } else if rest.hasPrefix("半") { v *= 50 }
        return v
    }

    func testWrittenNumbers() {
        XCTAssertEqual(Self.leadingNumber("351.5亿元"), 35_150_000_000)
        XCTAssertEqual(Self.leadingNumber("17万人"), 170_000)
        XCTAssertEqual(Self.leadingNumber("六大"), 6)
        XCTAssertEqual(Self.leadingNumber("三十二个"), 32)
        XCTAssertEqual(Self.leadingNumber("百余"), 100)
        XCTAssertEqual(Self.leadingNumber("六成"), 60)
        XCTAssertEqual(Self.leadingNumber("1.2万亿"), 1.2e12)
        XCTAssertEqual(Self.leadingNumber("60多亿"), 6e9)
        XCTAssertEqual(Self.leadingNumber("40余个"), 40)
        XCTAssertEqual(Self.leadingNumber("万亿级"), 1e12)
        XCTAssertEqual(Self.leadingNumber("半个月"), 0.5)
        XCTAssertEqual(Self.leadingNumber("一半"), 50)
        XCTAssertNil(Self.leadingNumber("亩"))
    }

    func testFiguresStandInTheirLines() throws {
        let articles = try Self.articles()
        let t = BuiltinTables.load("figures")
        XCTAssertGreaterThan(t.rowCount, 300)
        for row in 0..<t.rowCount {
            let source = Self.string(t, "source", row) ?? ""
            let lineNumber = Self.int(t, "line", row) ?? 0
            let written = Self.string(t, "written", row) ?? ""
            let where_ = "figures row \(row + 1) (\(source):\(lineNumber), '\(written)')"
            guard let lines = articles[source], lineNumber >= 1, lineNumber <= lines.count else {
                XCTFail("\(where_): no such article line")
                continue
            }
            XCTAssertTrue(!written.isEmpty && lines[lineNumber - 1].contains(Self.squeeze(written)), "\(where_): not in the line")
            guard let c = t.index(of: "value"), case .float(let value) = t.value(row: row, column: c) else {
                XCTFail("\(where_): value is not a number")
                continue
            }
            if let n = Self.leadingNumber(written) {
                XCTAssertEqual(abs(value), n, accuracy: max(1e-9 * n, 1e-9), "\(where_): value \(value) ≠ \(n)")
            } else {
                XCTFail("\(where_): no number in written form")
            }
            XCTAssertTrue(Self.units.contains(Self.string(t, "unit", row) ?? ""), "\(where_): unit not in the closed list")
            XCTAssertTrue(Self.kinds.contains(Self.string(t, "kind", row) ?? ""), "\(where_): bad kind")
            XCTAssertTrue(Self.qualifiers.contains(Self.string(t, "qualifier", row) ?? ""), "\(where_): bad qualifier")
            XCTAssertFalse((Self.string(t, "subject", row) ?? "").isEmpty, "\(where_): no subject")
            XCTAssertFalse((Self.string(t, "metric", row) ?? "").isEmpty, "\(where_): no metric")
        }
    }

    func testNamesStandInTheirLines() throws {
        let articles = try Self.articles()
        for table in ["projects", "enterprises"] {
            let t = BuiltinTables.load(table)
            XCTAssertGreaterThan(t.rowCount, 50, table)
            for row in 0..<t.rowCount {
                let source = Self.string(t, "source", row) ?? ""
                let lineNumber = Self.int(t, "line", row) ?? 0
                let name = Self.string(t, "name", row) ?? ""
                let where_ = "\(table) row \(row + 1) (\(source):\(lineNumber), '\(name)')"
                guard let lines = articles[source], lineNumber >= 1, lineNumber <= lines.count else {
                    XCTFail("\(where_): no such article line")
                    continue
                }
                let next = lines[lineNumber...].first { !$0.isEmpty } ?? ""
                let text = lines[lineNumber - 1] + next
                let names = [name, Self.string(t, "short_name", row)].compactMap { $0 }.map(Self.squeeze).filter { !$0.isEmpty }
                XCTAssertTrue(names.contains { text.contains($0) }, "\(where_): name not in the line")
                if table == "projects" {
                    if let status = Self.string(t, "status", row) {
                        XCTAssertTrue(Self.statuses.contains(status), "\(where_): bad status \(status)")
                    }
                    XCTAssertTrue(Self.categories.contains(Self.string(t, "category", row) ?? ""), "\(where_): bad category")
                }
            }
        }
    }

    func testSchemasMatchTheContract() {
        func fields(_ name: String) -> [String] { BuiltinTables.load(name).schema.map { "\($0.name) \($0.type.rawValue)" } }
        XCTAssertEqual(Array(fields("projects").prefix(13)), [
            "id int", "name string", "name_en string", "category string", "location string", "investment float",
            "land_mu float", "floor_area float", "status string", "start_year int", "source string", "line int", "published date"])
        XCTAssertEqual(Array(fields("enterprises").prefix(11)), [
            "id int", "name string", "name_en string", "short_name string", "sector string", "location string",
            "founded date", "listed string", "source string", "line int", "published date"])
        XCTAssertEqual(Array(fields("figures").prefix(11)), [
            "id int", "subject string", "metric string", "value float", "unit string", "period string", "kind string",
            "qualifier string", "source string", "line int", "published date"])
    }

    /// BuiltinData.swift must be regenerated after data/ changes.
    func testEmbeddedDataIsCurrent() throws {
        for table in BuiltinTables.names {
            var rows = 0
            let dataDir = Self.root.appendingPathComponent("data")
            for article in try FileManager.default.contentsOfDirectory(atPath: dataDir.path) {
                let file = dataDir.appendingPathComponent(article).appendingPathComponent("\(table).tsv")
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                rows += text.components(separatedBy: "\n").dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            }
            XCTAssertEqual(BuiltinTables.load(table).rowCount, rows, "\(table): run scripts/gen-builtin")
        }
    }
}
