// Tests of the lexer: every literal form (exact magnitudes, big integers,
// dates, escapes), names of any script and backtick names, keywords,
// operators, comments, line continuation, and the errors with their ranges.
// Expected error ranges are marked inside the input with ⟦ and ⟧.

import XCTest
@testable import CQ

/// Removes the ⟦ ⟧ markers from a test input and returns the text and the marked byte range.
func marked(_ input: String) -> (text: String, range: SourceRange) {
    var text = ""
    var start = 0
    var end = 0
    for character in input {
        switch character {
        case "⟦": start = text.utf8.count
        case "⟧": end = text.utf8.count
        default: text.append(character)
        }
    }
    return (text, SourceRange(start, end))
}

final class LexerTests: XCTestCase {
    /// All token kinds up to the end of input, or the first error.
    private func kinds(_ text: String) throws -> [TokenKind] {
        var lexer = Lexer(text)
        var result: [TokenKind] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { return result }
            result.append(token.kind)
        }
    }

    private func kind(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TokenKind? {
        do {
            let all = try kinds(text)
            XCTAssertEqual(all.count, 1, "\(all)", file: file, line: line)
            return all.first
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    /// Asserts that lexing the marked input fails with `problem` at the marked range.
    private func assertError(_ input: String, _ problem: Problem, file: StaticString = #filePath, line: UInt = #line) {
        let (text, range) = marked(input)
        XCTAssertThrowsError(try kinds(text), file: file, line: line) { error in
            XCTAssertEqual(error as? CQError, CQError(problem, at: range), file: file, line: line)
        }
    }

    func testIntegers() {
        XCTAssertEqual(kind("42"), .integer(42))
        XCTAssertEqual(kind("1_000"), .integer(1000))
        XCTAssertEqual(kind("9223372036854775807"), .integer(Int.max))
        XCTAssertEqual(kind("007"), .integer(7))
        assertError("⟦9223372036854775808⟧", .integerTooLarge("9223372036854775808"))
        assertError("⟦1__0⟧", .invalidNumber("1__0"))
        assertError("⟦1_⟧ + 2", .invalidNumber("1_"))
        assertError("⟦12abc⟧", .invalidNumber("12abc"))
    }

    func testDecimals() {
        XCTAssertEqual(kind("3.14"), .float(3.14))
        XCTAssertEqual(kind("1e9"), .float(1e9))
        XCTAssertEqual(kind("2.5E-3"), .float(0.0025))
        XCTAssertEqual(kind("1_000.5"), .float(1000.5))
        XCTAssertEqual(kind("1e+2"), .float(100))
        assertError("⟦1e⟧", .invalidNumber("1e"))
        assertError("⟦1e999⟧", .invalidNumber("1e999"))
        XCTAssertEqual(try kinds("1.x"), [.integer(1), .symbol(.dot), .name("x", quoted: false)])
    }

    func testMagnitudesAreExact() {
        XCTAssertEqual(kind("0.14万"), .integer(1400))
        XCTAssertEqual(kind("351.5亿"), .integer(35_150_000_000))
        XCTAssertEqual(kind("13.5万"), .integer(135_000))
        XCTAssertEqual(kind("2万亿"), .integer(2_000_000_000_000))
        XCTAssertEqual(kind("1.5万亿"), .integer(1_500_000_000_000))
        XCTAssertEqual(kind("60亿"), .integer(6_000_000_000))
        XCTAssertEqual(kind("1.20万"), .integer(12_000))
        XCTAssertEqual(kind("1.23456万"), .float(12345.6))
        XCTAssertEqual(kind("0.000001万"), .float(0.01))
        XCTAssertEqual(kind("1_000万"), .integer(10_000_000))
        assertError("⟦1e3万⟧", .invalidNumber("1e3万"))
        assertError("⟦922337203685478万⟧", .integerTooLarge("922337203685478万"))
        assertError("⟦3万元⟧", .invalidNumber("3万元"))
        // 万 and 亿 start ordinary names when no number precedes them.
        XCTAssertEqual(kind("万元"), .name("万元", quoted: false))
        XCTAssertEqual(try kinds("3 万"), [.integer(3), .name("万", quoted: false)])
    }

    func testStringsAndEscapes() {
        XCTAssertEqual(kind(#""abc""#), .string("abc"))
        XCTAssertEqual(kind("'科学城'"), .string("科学城"))
        XCTAssertEqual(kind(#""a\"b\'c\\d\ne\tf\rg\0h""#), .string("a\"b'c\\d\ne\tf\rg\0h"))
        XCTAssertEqual(kind(#""\u{4EBF}\u{41}""#), .string("亿A"))
        XCTAssertEqual(kind("\"two\nlines\""), .string("two\nlines"))
        XCTAssertEqual(kind(#""""#), .string(""))
        assertError(#""a⟦\q⟧b""#, .invalidEscape("\\q"))
        assertError(#""⟦\u{D800}⟧""#, .invalidEscape("\\u{D800}"))
        assertError(#""⟦\u{1234567}⟧""#, .invalidEscape("\\u{1234567}"))
        assertError(#""⟦\u{}⟧""#, .invalidEscape("\\u{}"))
        assertError(#""⟦\u⟧41""#, .invalidEscape("\\u"))
        assertError(#"⟦"⟧abc"#, .incomplete(expected: "end of string"))
        assertError(#"⟦'⟧abc\"#, .incomplete(expected: "end of string"))
    }

    func testDates() {
        XCTAssertEqual(kind("@2023-03-06"), .date(19422))
        XCTAssertEqual(kind("@1970-01-01"), .date(0))
        assertError("⟦@2023-02-30⟧", .invalidDate("@2023-02-30"))
        assertError("⟦@2023-1-5⟧ and x", .invalidDate("@2023-1-5"))
        assertError("⟦@⟧", .invalidDate("@"))
        assertError("⟦@2023-03-06x⟧", .invalidDate("@2023-03-06x"))
    }

    func testDatetimes() throws {
        let base = 19422 * 86_400_000_000
        XCTAssertEqual(kind("@2023-03-06T05:30"), .datetime(base + 19_800_000_000))
        XCTAssertEqual(kind("@2023-03-06 05:30:00.5"), .datetime(base + 19_800_500_000))
        XCTAssertEqual(kind("@2023-03-06T05:30Z"), .datetime(base + 19_800_000_000))
        XCTAssertEqual(kind("@2023-03-06T05:30+05:30"), .datetime(base))
        // A space goes on into a time only before `HH:`; an offset needs `HH:MM`, else `-` subtracts.
        XCTAssertEqual(try kinds("@2023-03-06 5"), [.date(19422), .integer(5)])
        XCTAssertEqual(try kinds("@2023-03-06T05:30-1"), [.datetime(base + 19_800_000_000), .symbol(.minus), .integer(1)])
        XCTAssertEqual(try kinds("@2023-03-06T05:30 - @2023-03-06"),
                       [.datetime(base + 19_800_000_000), .symbol(.minus), .date(19422)])
        assertError("⟦@2023-03-06T⟧", .invalidDate("@2023-03-06T"))
        assertError("⟦@2023-03-06T25:00⟧ + 1", .invalidDate("@2023-03-06T25:00"))
        assertError("⟦@2023-03-06T05:30:00.⟧", .invalidDate("@2023-03-06T05:30:00."))
        assertError("⟦@2023-03-06T05:30Zulu⟧", .invalidDate("@2023-03-06T05:30Zulu"))
        assertError("⟦@2023-03-06T05:30:00.\(String(repeating: "9", count: 100_000))⟧",
                    .invalidDate("@2023-03-06T05:30:00.\(String(repeating: "9", count: 100_000))"))
    }

    func testNames() {
        XCTAssertEqual(kind("investment"), .name("investment", quoted: false))
        XCTAssertEqual(kind("_x1"), .name("_x1", quoted: false))
        XCTAssertEqual(kind("名称"), .name("名称", quoted: false))
        XCTAssertEqual(kind("投资额2023"), .name("投资额2023", quoted: false))
        XCTAssertEqual(kind("亿元"), .name("亿元", quoted: false))
        XCTAssertEqual(kind("`R&D强度`"), .name("R&D强度", quoted: true))
        XCTAssertEqual(kind("`and`"), .name("and", quoted: true))
        XCTAssertEqual(kind("Where"), .name("Where", quoted: false))
        assertError("⟦``⟧", .unexpectedToken(found: "'``'", expected: "a name between the backticks"))
        assertError("⟦`abc⟧\nx", .unterminatedName)
        assertError("`abc⟦⟧", .incomplete(expected: "'`' to end the name"))
        let long = String(repeating: "a", count: 10_001)
        assertError("⟦\(long)⟧", .tooLong(what: "name", limit: 10_000))
        XCTAssertEqual(kind(String(repeating: "a", count: 10_000)), .name(String(repeating: "a", count: 10_000), quoted: false))
    }

    func testKeywordsAreCaseInsensitive() throws {
        XCTAssertEqual(try kinds("and OR Not IN is NULL True false CONTAINS startsWith endswith matches LET"),
                       Keyword.allCases.map { .keyword($0) })
    }

    func testOperators() throws {
        let all = Symbol.allCases.map(\.rawValue).joined(separator: " ")
        XCTAssertEqual(try kinds(all).map { kind -> String in
            guard case .symbol(let symbol) = kind else { return "?" }
            return symbol.rawValue
        }.joined(separator: " "), all)
        XCTAssertEqual(try kinds("a//b"), [.name("a", quoted: false), .symbol(.slashSlash), .name("b", quoted: false)])
        XCTAssertEqual(try kinds("a==b=c"), [.name("a", quoted: false), .symbol(.equal), .name("b", quoted: false),
                                             .symbol(.assign), .name("c", quoted: false)])
    }

    func testUnexpectedCharacters() {
        assertError("a ⟦$⟧ b", .unexpectedCharacter("$"))
        assertError("a ⟦!⟧ b", .unexpectedCharacter("!"))
        assertError("a ⟦?⟧ b", .unexpectedCharacter("?"))
        assertError("f(a⟦，⟧b)", .unexpectedCharacter("，"))
        assertError("⟦（⟧", .unexpectedCharacter("（"))
        assertError("x ⟦＝⟧ 1", .unexpectedCharacter("＝"))
        assertError("a ⟦#⟧", .unexpectedCharacter("#"))
        assertError("⟦😀⟧", .unexpectedCharacter("😀"))
    }

    func testInvalidUTF8NeverTraps() {
        // A Swift String holds valid UTF-8 (invalid bytes arrive as U+FFFD); the lexer still
        // decodes defensively and shows control bytes as \xNN.
        for bytes: [UInt8] in [[0xFF], [0xC0, 0x80], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0x80], [0xF5, 0x80, 0x80, 0x80]] {
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertThrowsError(try kinds(text)) { error in
                XCTAssertEqual((error as? CQError)?.problem, .unexpectedCharacter("\u{FFFD}"))
            }
        }
        assertError("a ⟦\u{01}⟧", .unexpectedCharacter("\\x01"))
    }

    func testCommentsAndShebang() throws {
        XCTAssertEqual(try kinds("a -- comment\n"), [.name("a", quoted: false)])
        XCTAssertEqual(try kinds("#!/usr/bin/env cq\nx"), [.newline, .name("x", quoted: false)])
        XCTAssertEqual(try kinds("#!/usr/bin/env cq"), [])
        XCTAssertEqual(try kinds("a - -b"), [.name("a", quoted: false), .symbol(.minus), .symbol(.minus), .name("b", quoted: false)])
    }

    func testLineBreaks() throws {
        let a = TokenKind.name("a", quoted: false)
        let b = TokenKind.name("b", quoted: false)
        XCTAssertEqual(try kinds("a\nb"), [a, .newline, b])
        XCTAssertEqual(try kinds("a\n\n  -- note\n\nb"), [a, .newline, b])
        // Trailing blank lines are the end of input.
        XCTAssertEqual(try kinds("a\n\n-- done\n"), [a])
        // Inside brackets, after an operator, `|` or `,`, and before a line starting with `|`.
        XCTAssertEqual(try kinds("(a\nb)"), [.symbol(.leftParen), a, b, .symbol(.rightParen)])
        XCTAssertEqual(try kinds("a +\nb"), [a, .symbol(.plus), b])
        XCTAssertEqual(try kinds("a and\nb"), [a, .keyword(.and), b])
        XCTAssertEqual(try kinds("a,\nb"), [a, .symbol(.comma), b])
        XCTAssertEqual(try kinds("a |\nb"), [a, .symbol(.pipe), b])
        XCTAssertEqual(try kinds("a\n  -- comment\n\n| b"), [a, .symbol(.pipe), b])
        XCTAssertEqual(try kinds("a\r\nb"), [a, .newline, b])
    }

    func testRanges() throws {
        var lexer = Lexer("x >= 13.5万")
        XCTAssertEqual(try lexer.next().range, SourceRange(0, 1))
        XCTAssertEqual(try lexer.next().range, SourceRange(2, 4))
        XCTAssertEqual(try lexer.next().range, SourceRange(5, 12))
        XCTAssertEqual(try lexer.next(), Token(.end, SourceRange(12, 12)))
        XCTAssertEqual(try lexer.next(), Token(.end, SourceRange(12, 12)))
    }

    func testCommandLineIsReadRaw() throws {
        var lexer = Lexer(".import data/x y.csv as t  \nnext")
        XCTAssertEqual(try lexer.next().kind, .symbol(.dot))
        XCTAssertEqual(lexer.readCommand(), RawCommand(name: Identifier("import", SourceRange(1, 7)),
                                                       args: "data/x y.csv as t", argsStart: 8, end: 25))
        XCTAssertEqual(try lexer.next().kind, .newline)
    }

    func testHugeInputIsRefused() {
        assertError("⟦\(String(repeating: "名", count: 400_000))⟧", .tooLong(what: "name", limit: 10_000))
        assertError("⟦\"⟧\(String(repeating: "x", count: 1_000_000))", .incomplete(expected: "end of string"))
        let digits = String(repeating: "9", count: 1_000_000)
        assertError("⟦\(digits)⟧", .integerTooLarge(digits))
        XCTAssertEqual(try? kinds(String(repeating: "\n", count: 1_000_000) + "a"), [.newline, .name("a", quoted: false)])
    }
}
