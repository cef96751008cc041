// CompleterTests: Tab candidates by context — exactly the names that can
// come where the cursor stands, from the stage grammar and the columns that
// exist at that point of the pipeline.

import XCTest
@testable import CQ

final class CompleterTests: XCTestCase {
    private let catalog: SessionCatalog = {
        let catalog = BuiltinTables.catalog()
        catalog.bind("big5", table: Table(names: ["名称", "yi"], columns: [
            Column.from([.string("科学谷")], type: .string), Column.from([.float(110)], type: .float),
        ]))
        catalog.bind("threshold", .scalar(.int(5)))
        catalog.bind("survey", table: Table(names: ["R&D强度", "and", "区县"], columns: [
            Column.from([.float(0.1)], type: .float), Column.from([.int(1)], type: .int),
            Column.from([.string("璧山")], type: .string),
        ]))
        return catalog
    }()

    private func complete(_ before: String, _ word: String = "") -> [String]? {
        Completer.candidates(before: before, word: word, catalog: catalog)
    }

    func testSourcePositionOffersTablesBoundNamesAndLet() {
        XCTAssertEqual(complete(""), ["projects", "enterprises", "figures", "big5", "survey", "threshold", "let"])
        XCTAssertEqual(complete("", "b"), ["big5"])
        XCTAssertEqual(complete("let x = ", "l"), [])
        XCTAssertEqual(complete("projects | take 1; ", "l"), ["let"])
        XCTAssertEqual(complete("let x = ", "p"), ["projects"])
        XCTAssertEqual(complete("projects | take 1; ", "f"), ["figures"])
        // After a source name comes `|`, not another name.
        XCTAssertEqual(complete("projects "), [])
    }

    func testInsideTheUnitStringOfADateFunctionTheUnits() {
        XCTAssertEqual(complete("projects | extend m = date_trunc(\"", "m"), ["month", "minute"])
        XCTAssertEqual(complete("date_diff( '", "q"), ["quarter"])
        XCTAssertEqual(complete("projects | where name == \"", "m"), [])
        XCTAssertEqual(complete("date_trunc(`", "m"), [])
        XCTAssertEqual(complete("date_add(published, 1, \"", "m"), [])
    }

    func testAfterABarTheStages() {
        XCTAssertEqual(complete("projects | ", "s"), ["select", "summarize", "sort", "sample"])
        XCTAssertEqual(complete("projects |\n", "t"), ["take", "top"])
    }

    func testSummarizeOffersNoSortWordsAndColumnsAfterBy() {
        let afterBy = complete("projects | summarize n = count() by ") ?? []
        XCTAssertTrue(afterBy.contains("category"))
        XCTAssertTrue(afterBy.contains("year"))
        for word in ["asc", "desc", "nulls", "first", "on", "by", "count", "sum"] {
            XCTAssertFalse(afterBy.contains(word), word)
        }
        XCTAssertEqual(complete("projects | summarize n = count() ", "b"), ["by"])
        XCTAssertEqual(complete("projects | summarize ", "co"), ["count", "count_distinct", "count_if", "corr", "concat", "coalesce"])
        XCTAssertEqual(complete("projects | summarize ", "b"), ["by"])
    }

    func testReshapingStages() {
        XCTAssertEqual(complete("projects | pivot ", "sta"), ["status", "start_year"])
        XCTAssertEqual(complete("projects | pivot status ", "u"), ["using"])
        XCTAssertEqual(complete("projects | pivot status in [\"在建\"] ", "u"), ["using"])
        XCTAssertEqual(complete("projects | pivot status using ", "count_d"), ["count_distinct"])
        XCTAssertEqual(complete("projects | pivot status using count() ", "b"), ["by"])
        XCTAssertEqual(complete("projects | pivot status using count() by ", "cat"), ["category"])
        XCTAssertEqual(complete("projects | pivot status using count() by category | where ", "在"), ["在建"])
        XCTAssertEqual(complete("projects | unpivot ", "land"), ["land_mu"])
        XCTAssertEqual(complete("projects | unpivot land_mu ", "i"), ["into"])
        XCTAssertEqual(complete("projects | unpivot land_mu into "), [])
        XCTAssertEqual(complete("projects | sample 5 ", "s"), ["seed"])
    }

    func testSortAndTopOfferDirectionsAfterAKey() {
        XCTAssertEqual(complete("projects | sort ", "b"), ["by"])
        XCTAssertEqual(complete("projects | sort by investment ", "d"), ["desc"])
        XCTAssertEqual(complete("projects | sort investment desc "), ["nulls"])
        XCTAssertEqual(complete("projects | sort investment desc nulls "), ["first", "last"])
        XCTAssertEqual(complete("projects | top 5 "), ["by"])
        XCTAssertEqual(complete("projects | top ", "t"), ["threshold"])
        XCTAssertEqual(complete("projects | top 5 by ", "inv"), ["investment"])
        XCTAssertEqual(complete("projects | top 5 by investment ", "a"), ["and", "asc"])
    }

    func testExpressionsOfferOperandsOrOperators() {
        XCTAssertEqual(complete("projects | where ", "st"), ["status", "start_year", "strftime", "string"])
        XCTAssertEqual(complete("projects | where name ", "s"), ["startswith"])
        XCTAssertEqual(complete("projects | where name is "), ["not", "null"])
        XCTAssertEqual(complete("projects | where name is not "), ["null"])
        XCTAssertEqual(complete("projects | where len(", "na"), ["name", "name_en"])
        XCTAssertEqual(complete("projects | select id,", "na"), ["name", "name_en"])
        // Aggregates only in summarize.
        XCTAssertEqual(complete("projects | where ", "su"), ["substr"])
        // Inside a string there is nothing to offer.
        XCTAssertEqual(complete("projects | where name == \"科"), [])
    }

    func testUserFunctionsAndExistsAmongOperands() {
        let catalog = BuiltinTables.catalog()
        catalog.bind("strip", .function(UserFunction(name: "strip", parameters: ["s"], body: Expr(.name("s"), .none), text: "s")))
        XCTAssertEqual(Completer.candidates(before: "projects | where ", word: "str", catalog: catalog), ["strftime", "string", "strip"])
        XCTAssertEqual(Completer.candidates(before: "strip(1) + ", word: "str", catalog: catalog), ["strftime", "string", "strip"])
        XCTAssertEqual(Completer.candidates(before: "projects | where ", word: "exis", catalog: catalog), ["exists"])
    }

    func testColumnsMadeByEarlierStages() {
        XCTAssertEqual(complete("projects | summarize n = count() by category | where ", "")?.prefix(2), ["category", "n"])
        XCTAssertEqual(complete("projects | extend 亿元 = investment / 1亿 | where ", "亿"), ["亿元"])
        XCTAssertEqual(complete("projects | rename 名 = name | select ", "名"), ["名"])
        XCTAssertEqual(complete("big5 | where ", "y"), ["yi", "year"])
        XCTAssertEqual(complete("projects | join big5 on name == ", ""), ["名称", "yi"])
        XCTAssertEqual(complete("projects | select name | where ", "i"), ["if", "int"])
        // Names that are not plain names come in backticks, so what Tab writes parses.
        XCTAssertEqual(complete("survey | where ", "R"), ["`R&D强度`"])
        XCTAssertEqual(complete("survey | where ", "`R&"), ["`R&D强度`"])
        XCTAssertEqual(complete("survey | select ", "a"), ["`and`", "abs"])
        XCTAssertEqual(complete("survey | where ", "区"), ["区县"])
        // A stage that does not bind (a typo while typing) leaves the columns before it;
        // a source that does not bind leaves the functions only.
        XCTAssertEqual(complete("projects | where nosuch > 1 | where ", "na"), ["name", "name_en"])
        XCTAssertEqual(complete("big5 | extend z = yi * 2 | sort y desc | select ", "z"), ["z"])
        XCTAssertEqual(complete("nosuch | where ", "na"), [])
    }

    func testJoinGrammar() {
        XCTAssertEqual(complete("projects | join "), ["projects", "enterprises", "figures", "big5", "survey",
                                                      "inner", "left", "right", "full", "semi", "anti", "cross"])
        XCTAssertEqual(complete("projects | join semi enterprises on location ", "a"), ["and"])
        XCTAssertEqual(complete("projects | join enterprises on location and ", "lo"), ["location"])
        XCTAssertEqual(complete("projects | join cross enterprises "), [])
        XCTAssertEqual(complete("projects | top 3 by investment ", "p"), ["per"])
        XCTAssertEqual(complete("projects | top 3 by investment desc per ", "cat"), ["category"])
        XCTAssertEqual(complete("projects | take 3 ", "p"), ["per"])
        XCTAssertEqual(complete("projects | take 3 per ", "loc"), ["location"])
        XCTAssertEqual(complete("projects | ", "inter"), ["intersect"])
        XCTAssertEqual(complete("projects | except ", "f"), ["figures"])
        // Inside a bracketed query where a source stands, that query is completed on its own.
        XCTAssertEqual(complete("projects | join (figures | where ", "uni"), ["unit"])
        XCTAssertEqual(complete("projects | join left (", "fig"), ["figures"])
        XCTAssertEqual(complete("(enterprises | ", "wh"), ["where"])
        XCTAssertEqual(complete("projects | union (figures | select subject) | intersect (projects | select ", "na"), ["name", "name_en"])
        XCTAssertEqual(complete("projects | join (figures | take 3) ", "o"), ["on"])
        XCTAssertEqual(complete("projects | join (figures | take 3) on ", "lo"), ["location"])
        XCTAssertEqual(complete("projects | where round(", "invest"), ["investment"])
        XCTAssertEqual(complete("projects | where left(", "invest"), ["investment"])
        XCTAssertEqual(complete("projects | join semi (", "fig"), ["figures"])
        XCTAssertEqual(complete("(projects | select name, category) | where ", "cat"), ["category"])
        XCTAssertEqual(complete("(figures | summarize n = count() by kind)\n| sort ", "k"), ["kind"])
        XCTAssertEqual(complete("projects | join left ", "e"), ["enterprises"])
        XCTAssertEqual(complete("projects | join enterprises "), ["on"])
        XCTAssertEqual(complete("projects | join enterprises on ", "lo"), ["location"])
        XCTAssertEqual(complete("projects | union ", "b"), ["big5"])
        XCTAssertEqual(complete("projects | chart "), ["bar"])
        XCTAssertEqual(complete("projects | chart bar name, ", "inv"), ["investment"])
    }

    func testCommands() {
        XCTAssertEqual(complete("", ".sc"), [".schema"])
        XCTAssertEqual(complete("", ".t"), [".tables", ".timer"])
        XCTAssertEqual(complete(".schema ", "e"), ["enterprises"])
        XCTAssertEqual(complete(".mode ", "j"), ["json", "jsonl"])
        XCTAssertEqual(complete(".numbers "), ["plain", "cn"])
        XCTAssertEqual(complete(".help ", "su"), ["summarize", "sum", "substr"])
        XCTAssertEqual(complete(".explain projects | ", "dr"), ["drop"])
        // File arguments are completed by readline's file-name completion.
        XCTAssertNil(complete(".import ", "da"))
        XCTAssertNil(complete(".read ", ""))
        XCTAssertNil(complete(".output ", "/tmp/"))
    }

    func testInsideAWindow() {
        XCTAssertEqual(complete("projects | extend r = rank() over ("), ["by", "sort", "rows"])
        XCTAssertEqual(complete("projects | extend r = rank() over (by ", "cat"), ["category"])
        XCTAssertEqual(complete("projects | extend r = rank() over (by category ", "so"), ["sort"])
        XCTAssertEqual(complete("projects | where rank() over (by category sort investment ", "d"), ["desc"])
        XCTAssertEqual(complete("projects | select s = sum(id) over (sort id rows "), [])
        XCTAssertEqual(complete("projects | extend r = rank() over (sort id), s = ", "row_n"), ["row_number"])
    }
}
