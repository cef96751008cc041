// Tests of the foundation types: dates, bitmaps, columns, suggestions, caret rendering.

import XCTest
@testable import CQ

final class FoundationTests: XCTestCase {
    func testDateRoundTrip() {
        XCTAssertEqual(DateMath.parse("1970-01-01"), 0)
        XCTAssertEqual(DateMath.parse("2023-03-06").map(DateMath.format), "2023-03-06")
        XCTAssertNil(DateMath.parse("2023-02-30"))
        XCTAssertNil(DateMath.parse("2023-13-01"))
        XCTAssertEqual(DateMath.parse("2024-02-29").map(DateMath.format), "2024-02-29")
        XCTAssertEqual(DateMath.format(-1), "1969-12-31")
    }

    func testBitmapAndGather() {
        let c = Column(.int([1, 2, 3]), validity: Bitmap([true, false, true]))
        XCTAssertEqual(c.gather([2, 1, -1]).value(at: 0), .int(3))
        XCTAssertEqual(c.gather([2, 1, -1]).value(at: 1), .null)
        XCTAssertEqual(c.gather([2, 1, -1]).value(at: 2), .null)
        XCTAssertNil(Column(.int([1]), validity: Bitmap([true])).validity)
    }

    func testSuggestion() {
        XCTAssertEqual(Suggest.closest(to: "investmnet", among: ["name", "investment"]), "investment")
        XCTAssertNil(Suggest.closest(to: "zzz", among: ["name", "investment"]))
    }

    func testCaretUnderWideText() {
        let src = SourceText("projects | where 名称 > 5")
        let start = "projects | where ".utf8.count
        let err = CQError(.unknownColumn("名称", table: "projects", suggestion: nil), at: SourceRange(start, start + "名称".utf8.count))
        XCTAssertEqual(err.render(in: src), """
        error: unknown column '名称' in table 'projects'
         --> 1:18
          |
        1 | projects | where 名称 > 5
          |                  ^^^^

        """)
    }
}
