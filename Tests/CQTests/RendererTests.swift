// Golden tests of the output renderers, number formatting and the bar chart:
// exact text for every mode, with Chinese text aligned by display width.

import XCTest
@testable import CQ

final class RendererTests: XCTestCase {
    /// 名称 (string with null and empty), 投资 (float), n (int with null).
    private let sample = Table(names: ["名称", "投资", "n"], columns: [
        Column.from([.string("科学城"), .string("a\tb|c"), .null, .string("")], type: .string),
        Column.from([.float(35150000000), .float(0.1 + 0.2), .float(-2.5e8), .null], type: .float),
        Column.from([.int(1), .int(123456), .null, .int(-7)], type: .int),
    ])

    private func render(_ table: Table, _ mode: OutputMode, numbers: NumberStyle = .plain,
                        maxRows: Int = 0, width: Int? = nil) -> String {
        Renderer.render(table, RenderOptions(mode: mode, numbers: numbers, maxRows: maxRows, width: width))
    }

    func testBoxAlignsChineseAndShowsNullsApartFromEmpty() {
        XCTAssertEqual(render(sample, .box), """
        ┌────────┬─────────────┬────────┐
        │ 名称   │        投资 │      n │
        ├────────┼─────────────┼────────┤
        │ 科学城 │ 35150000000 │      1 │
        │ a\\tb|c │         0.3 │ 123456 │
        │ null   │  -250000000 │   null │
        │        │        null │     -7 │
        └────────┴─────────────┴────────┘

        """)
    }

    func testTableWithCnNumbers() {
        XCTAssertEqual(render(sample, .table, numbers: .cn), """
        +--------+---------+---------+
        | 名称   |    投资 |       n |
        +--------+---------+---------+
        | 科学城 | 351.5亿 |       1 |
        | a\\tb|c |     0.3 | 12.35万 |
        | null   |  -2.5亿 |    null |
        |        |    null |      -7 |
        +--------+---------+---------+

        """)
    }

    func testMarkdownEscapesPipesAndAlignsNumbersRight() {
        XCTAssertEqual(render(sample, .markdown), """
        | 名称    |        投资 |      n |
        | ------- | ----------: | -----: |
        | 科学城  | 35150000000 |      1 |
        | a\\tb\\|c |         0.3 | 123456 |
        | null    |  -250000000 |   null |
        |         |        null |     -7 |

        """)
    }

    func testLineMode() {
        XCTAssertEqual(render(sample, .line, maxRows: 2), """
        名称 = 科学城
        投资 = 35150000000
           n = 1

        … 2 more rows

        名称 = 
        投资 = null
           n = -7

        4 rows (2 shown)

        """)
    }

    func testCSVAndTSV() {
        let t = Table(names: ["s", "f", "d", "b"], columns: [
            Column.from([.string("a,\"b\"\nc"), .string(""), .null], type: .string),
            Column.from([.float(0.5), .null, .float(-2.25)], type: .float),
            Column.from([.date(19422), .null, .date(0)], type: .date),
            Column.from([.bool(true), .bool(false), .null], type: .bool),
        ])
        XCTAssertEqual(render(t, .csv, numbers: .cn, maxRows: 1), """
        s,f,d,b
        "a,""b""
        c",0.5,2023-03-06,true
        "",,,false
        ,-2.25,1970-01-01,

        """)
        XCTAssertEqual(render(t, .tsv, maxRows: 1), "s\tf\td\tb\na,\"b\"\\nc\t0.5\t2023-03-06\ttrue\n\t\t\tfalse\n\t-2.25\t1970-01-01\t\n")
    }

    func testJSONAndJSONL() {
        let t = Table(names: ["名", "x"], columns: [
            Column.from([.string("渝\"北"), .null], type: .string),
            Column.from([.float(0.5), .float(.infinity)], type: .float),
        ])
        XCTAssertEqual(render(t, .json), "[{\"名\":\"渝\\\"北\",\"x\":0.5},\n{\"名\":null,\"x\":null}]\n")
        XCTAssertEqual(render(t, .jsonl), "{\"名\":\"渝\\\"北\",\"x\":0.5}\n{\"名\":null,\"x\":null}\n")
        XCTAssertEqual(render(Table(names: ["a"], columns: [Column.from([], type: .int)]), .json), "[]\n")
    }

    func testEmptyTableAndNoColumns() {
        let empty = Table(names: ["名称"], columns: [Column.from([], type: .string)])
        XCTAssertEqual(render(empty, .box), "┌──────┐\n│ 名称 │\n├──────┤\n└──────┘\n")
        XCTAssertEqual(render(empty, .line), "(no rows)\n")
        XCTAssertEqual(render(empty, .csv), "名称\n")
        XCTAssertEqual(render(Table(names: [], columns: [], rowCount: 3), .box), "(no columns, 3 rows)\n")
    }

    func testMaxRowsElision() {
        let t = Table(names: ["id"], columns: [Column.from((1...1234).map { .int($0) }, type: .int)])
        XCTAssertEqual(Renderer.render(t, RenderOptions(maxRows: 3)), """
        ┌───────────────────┐
        │                id │
        ├───────────────────┤
        │                 1 │
        │                 2 │
        │ … 1,231 more rows │
        │              1234 │
        └───────────────────┘
        1,234 rows (3 shown)

        """)
        XCTAssertEqual(render(t, .csv, maxRows: 3).split(separator: "\n").count, 1235)
    }

    func testWideTableLeavesOutColumnsWithFooter() {
        let wide = Table(names: (1...200).map { "c\($0)" }, columns: (1...200).map { Column.from([.int($0)], type: .int) })
        XCTAssertEqual(render(wide, .box, width: 30), """
        ┌────┬────┬────┬────┬────┐
        │ c1 │ c2 │ c3 │ c4 │ c5 │
        ├────┼────┼────┼────┼────┤
        │  1 │  2 │  3 │  4 │  5 │
        └────┴────┴────┴────┴────┘
        (5 of 200 columns shown)

        """)
    }

    func testNarrowWidthCutsWidestCellsWithEllipsis() {
        let t = Table(names: ["地区", "说明"], columns: [
            Column.from([.string("渝北区")], type: .string),
            Column.from([.string("西部（重庆）科学城核心区")], type: .string),
        ])
        XCTAssertEqual(render(t, .box, width: 22), """
        ┌────────┬───────────┐
        │ 地区   │ 说明      │
        ├────────┼───────────┤
        │ 渝北区 │ 西部（重… │
        └────────┴───────────┘

        """)
        // Without a width, cells are still capped at 60 columns.
        let long = Table(names: ["s"], columns: [Column.from([.string(String(repeating: "x", count: 70))], type: .string)])
        XCTAssertTrue(render(long, .table).contains("| " + String(repeating: "x", count: 59) + "… |"))
    }

    func testNumberFormats() {
        XCTAssertEqual([0.1 + 0.2, 3.0, -0.0, 1e15, 123456789012345, 1e-6, 2.5e-7, 1.0 / 3, 12345.678, -.infinity]
            .map(NumberFormat.human), ["0.3", "3", "0", "1e15", "123456789012345", "0.000001", "2.5e-7",
                                       "0.333333333333333", "12345.678", "-inf"])
        XCTAssertEqual([6e9, 135000, 35150000000, 1.2e12, -2.5e8, 12345, 99999999, 9999.5].map(NumberFormat.cn),
                       ["60亿", "13.5万", "351.5亿", "1.2万亿", "-2.5亿", "1.23万", "1亿", "9999.5"])
        XCTAssertEqual(NumberFormat.grouped(-1234567), "-1,234,567")
    }

    func testScalar() {
        XCTAssertEqual(Renderer.renderScalar(.float(35150000000.0 / 11), RenderOptions(numbers: .cn)), "31.95亿\n")
        XCTAssertEqual(Renderer.renderScalar(.string("科学城"), RenderOptions()), "科学城\n")
        XCTAssertEqual(Renderer.renderScalar(.null, RenderOptions()), "null\n")
        XCTAssertEqual(Renderer.renderScalar(.int(60000), RenderOptions(mode: .csv, numbers: .cn)), "60000\n")
    }

    func testBarChartWithNegativesAndNulls() {
        let t = Table(names: ["区", "v"], columns: [
            Column.from([.string("渝北区"), .string("江北"), .string("负"), .string("空")], type: .string),
            Column.from([.float(1.5e8), .float(3e7), .float(-5e7), .null], type: .float),
        ])
        XCTAssertEqual(BarChart.render(t, RenderOptions(numbers: .cn, width: 40)), """
        渝北区       │██████████████████ 1.5亿
        江北         │███▋ 3000万
        负     ██████│ -5000万
        空           │ null

        """)
        let positive = Table(names: ["a", "b"], columns: [
            Column.from([.string("x"), .string("yy")], type: .string),
            Column.from([.int(10), .int(3)], type: .int),
        ])
        XCTAssertEqual(BarChart.render(positive, RenderOptions(width: 30)), "x  ████████████████████████ 10\nyy ███████▎ 3\n")
        XCTAssertEqual(BarChart.render(positive.gather([]), RenderOptions()), "(no rows)\n")
    }

    func testNumbersStayWholeWhileTextGivesWayThenColumnsAreLeftOut() {
        let t = Table(names: ["说明", "investment", "start_year", "note"], columns: [
            Column.from([.string("西部（重庆）科学城核心区"), .string("科学谷")], type: .string),
            Column.from([.int(30000000000), .int(-1100000000)], type: .int),
            Column.from([.int(2023), .null], type: .int),
            Column.from([.string("a long English note"), .null], type: .string),
        ])
        // 50 columns: both text columns at their narrowest, every number whole.
        XCTAssertEqual(render(t, .box, width: 50), """
        ┌──────────┬─────────────┬────────────┬──────────┐
        │ 说明     │  investment │ start_year │ note     │
        ├──────────┼─────────────┼────────────┼──────────┤
        │ 西部（…  │ 30000000000 │       2023 │ a long … │
        │ 科学谷   │ -1100000000 │       null │ null     │
        └──────────┴─────────────┴────────────┴──────────┘

        """)
        // 44 columns: the last column is left out, and the text column takes the room it leaves.
        XCTAssertEqual(render(t, .box, width: 44), """
        ┌───────────────┬─────────────┬────────────┐
        │ 说明          │  investment │ start_year │
        ├───────────────┼─────────────┼────────────┤
        │ 西部（重庆）… │ 30000000000 │       2023 │
        │ 科学谷        │ -1100000000 │       null │
        └───────────────┴─────────────┴────────────┘
        (3 of 4 columns shown)

        """)
        XCTAssertEqual(render(t, .table, width: 30), """
        +--------------+-------------+
        | 说明         |  investment |
        +--------------+-------------+
        | 西部（重庆…  | 30000000000 |
        | 科学谷       | -1100000000 |
        +--------------+-------------+
        (2 of 4 columns shown)

        """)
        // A number column's header gives way before the number does.
        let narrowHeader = Table(names: ["a_long_header", "s"], columns: [
            Column.from([.int(7)], type: .int), Column.from([.string("科学城核心区")], type: .string),
        ])
        XCTAssertEqual(render(narrowHeader, .box, width: 23), """
        ┌──────────┬──────────┐
        │ a_long_… │ s        │
        ├──────────┼──────────┤
        │        7 │ 科学城…  │
        └──────────┴──────────┘

        """)
        // Line mode cuts text to the width, never a number.
        XCTAssertEqual(render(t.gather([0]), .line, width: 20), """
              说明 = 西部（…
        investment = 30000000000
        start_year = 2023
              note = a long …

        """)
    }

    func testOneColumnNarrowerThanItsText() {
        let t = Table(names: ["名称"], columns: [Column.from([.string("成渝地区双城经济圈"), .string("")], type: .string)])
        XCTAssertEqual(render(t, .box, width: 14), """
        ┌────────────┐
        │ 名称       │
        ├────────────┤
        │ 成渝地区…  │
        │            │
        └────────────┘

        """)
        XCTAssertEqual(render(t, .markdown, width: 14), """
        | 名称       |
        | ---------- |
        | 成渝地区…  |
        |            |

        """)
    }

    func testControlCharactersAndBidiNeverReachTheTerminal() {
        let t = Table(names: ["v\u{1B}", "n"], columns: [
            Column.from([.string("red\u{1B}[31m"), .string("csi\u{9B}2J"), .string("\u{202E}evil"), .string("a\r\nb")],
                        type: .string),
            Column.from([.int(1), .int(2), .int(3), .int(4)], type: .int),
        ])
        XCTAssertEqual(render(t, .box), """
        ┌───────────────┬───┐
        │ v\\u{1B}       │ n │
        ├───────────────┼───┤
        │ red\\u{1B}[31m │ 1 │
        │ csi\\u{9B}2J   │ 2 │
        │ \\u{202E}evil  │ 3 │
        │ a\\r\\nb        │ 4 │
        └───────────────┴───┘

        """)
        XCTAssertEqual(Renderer.renderScalar(.string("两行\n\t文字\u{1B}[2J"), RenderOptions()), "两行\n\t文字\\u{1B}[2J\n")
        XCTAssertEqual(Renderer.renderScalar(.string("\u{1B}"), RenderOptions(mode: .csv)), "\u{1B}\n")
    }

    func testCutsFallOnCharacterBoundaries() {
        // é written as e + combining acute keeps its mark; a ZWJ family is kept or left out whole.
        XCTAssertEqual(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}x", to: 3), "e\u{301}e\u{301}…")
        XCTAssertEqual(DisplayWidth.truncate("ab👨\u{200D}👩\u{200D}👧", to: 7), "ab…")
        XCTAssertEqual(DisplayWidth.of("科学城👍e\u{301}\u{200B}"), 9)
        XCTAssertEqual(DisplayWidth.truncate("科学城", to: 4), "科…")
        XCTAssertEqual(DisplayWidth.truncate("科学城", to: 6), "科学城")
    }

    func testEveryWidthFitsAndKeepsNumbersWhole() {
        let table = BuiltinTables.load("projects")
        for width in 1...130 {
            for mode in [OutputMode.box, .table, .markdown] {
                let text = render(table, mode, maxRows: 6, width: width)
                let lines = text.split(separator: "\n").map(String.init)
                // Every line of the grid fits (the footers may wrap), unless the first column alone is wider
                // than the terminal: then, and only then, it is cut whatever it holds.
                guard width >= 8 else { continue }
                for line in lines where line.hasPrefix("│") || line.hasPrefix("|") || line.hasPrefix("+") || line.hasPrefix("┌") {
                    XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "\(mode) at \(width): \(line)")
                }
                // An investment is shown whole or its column is left out: never a cut number.
                let cells = lines.flatMap { $0.split(separator: mode == .box ? "│" : "|").map { $0.filter { $0 != " " } } }
                for cell in cells where cell.hasSuffix("…") && cell.count > 1 {
                    XCTAssertFalse(cell.dropLast().allSatisfy(\.isNumber), "\(mode) at \(width): \(cell)")
                }
            }
        }
    }
}
