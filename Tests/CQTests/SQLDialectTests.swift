// SQLDialectTests: hostile names and strings in every dialect — quotes,
// backticks, backslashes, NUL, a would-be injection — written as the
// dialect reads them (MySQL: backticks, backslash escapes, CONCAT()), and
// SQL holding a NUL refused at the query. What the SQL means in real engines
// is SQLRoundTripTests' business.

import XCTest
@testable import CQ

final class SQLDialectTests: XCTestCase {
    func testIdentifiersInEveryDialect() {
        let standard: [(String, String)] = [
            ("investment", "investment"), ("_x1", "_x1"), ("Name", "\"Name\""), ("1a", "\"1a\""),
            ("科学城", "\"科学城\""), ("order", "\"order\""), ("a\"b", "\"a\"\"b\""), ("a`b", "\"a`b\""),
            ("a\\b", "\"a\\b\""), ("a'b", "\"a'b\""),
        ]
        for dialect in [SQLDialect.portable, .sqlite, .duckdb, .postgres] {
            for (name, quoted) in standard { XCTAssertEqual(dialect.quote(name), quoted, "\(dialect) \(name)") }
        }
        let mysql: [(String, String)] = [
            ("investment", "`investment`"), ("Name", "`Name`"), ("科学城", "`科学城`"), ("order", "`order`"),
            ("a\"b", "`a\"b`"), ("a`b", "`a``b`"), ("``", "``````"), ("a\\b", "`a\\b`"), ("a'b", "`a'b`"),
        ]
        for (name, quoted) in mysql { XCTAssertEqual(SQLDialect.mysql.quote(name), quoted, name) }
    }

    func testStringLiteralsInEveryDialect() {
        let injection = "\\' OR 1=1 -- "
        for dialect in [SQLDialect.portable, .sqlite, .duckdb, .postgres] {
            XCTAssertEqual(dialect.stringLiteral("it's"), "'it''s'")
            XCTAssertEqual(dialect.stringLiteral("a\\b"), "'a\\b'")
            XCTAssertEqual(dialect.stringLiteral("a`b\"c"), "'a`b\"c'")
            XCTAssertEqual(dialect.stringLiteral(injection), "'\\'' OR 1=1 -- '")
            // A quote followed by a combining mark is one Character but still a quote.
            XCTAssertEqual(dialect.stringLiteral("'\u{301}"), "'''\u{301}'")
        }
        XCTAssertEqual(SQLDialect.mysql.stringLiteral("it's"), "'it''s'")
        XCTAssertEqual(SQLDialect.mysql.stringLiteral("a\\b"), "'a\\\\b'")
        XCTAssertEqual(SQLDialect.mysql.stringLiteral("a`b\"c"), "'a`b\"c'")
        XCTAssertEqual(SQLDialect.mysql.stringLiteral("a\u{0}b"), "'a\\0b'")
        // Without the doubled backslash MySQL would read \' as a quote and the rest as SQL.
        XCTAssertEqual(SQLDialect.mysql.stringLiteral(injection), "'\\\\'' OR 1=1 -- '")
        XCTAssertEqual(SQLDialect.mysql.stringLiteral("重庆'\u{301}"), "'重庆''\u{301}'")
    }

    /// A session over `t`, whose columns have hostile names.
    private func session() -> Session {
        let session = Session(console: CapturingConsole())
        session.catalog.bind("t", table: Table(names: ["a\"b", "a\\b", "名称", "order"], columns: [
            Column.from([.string("x"), .null], type: .string), Column.from([.int(1), .int(2)], type: .int),
            Column.from([.string("重庆"), .string("成都")], type: .string), Column.from([.null, .int(3)], type: .int),
        ]))
        return session
    }

    private func sql(_ query: String, _ dialect: SQLDialect) throws -> String {
        let session = session()
        guard case .query(let q)? = try Parser.parseAll(query).first else { throw CQError(.invalidArgument("not a query")) }
        return try SQLEmitter(dialect: dialect).emit(Binder(catalog: session.catalog, source: query).bind(q),
                                                     at: SourceRange(0, query.utf8.count))
    }

    func testHostileQueriesInEveryDialect() throws {
        let query = #"t | where `a"b` == "it's \\ ` \"" and 名称 + "'" != `a"b` | select `a\b`, `order`, n = 名称 + "区" | sort `order` desc"#
        XCTAssertEqual(try sql(query, .postgres), #"""
            SELECT "a\b", "order", "名称" || '区' AS n
            FROM t
            WHERE "a""b" = 'it''s \ ` "' AND "名称" || '''' <> "a""b"
            ORDER BY "order" DESC NULLS LAST, ctid
            """#)
        XCTAssertEqual(try sql(query, .sqlite), #"""
            SELECT "a\b", "order", "名称" || '区' AS n
            FROM t
            WHERE "a""b" = 'it''s \ ` "' AND "名称" || '''' <> "a""b"
            ORDER BY "order" DESC NULLS LAST, rowid
            """#)
        XCTAssertEqual(try sql(query, .mysql), #"""
            SELECT `a\b`, `order`, CONCAT(`名称`, '区') AS `n`
            FROM (SELECT *, ROW_NUMBER() OVER () AS __cq_ord FROM `t`) AS _q1
            WHERE `a"b` = 'it''s \\ ` "' COLLATE utf8mb4_bin AND CONCAT(`名称`, '''') <> `a"b` COLLATE utf8mb4_bin
            ORDER BY `order` IS NULL, `order` DESC, __cq_ord
            """#)
    }

    func testMySQLRefusesWhatItCannotYetSpell() {
        XCTAssertThrowsError(try sql("t | extend k = len(名称)", .mysql)) { error in
            XCTAssertEqual((error as? CQError)?.problem, .unsupportedSQL(stage: "len()", dialect: "MySQL"))
        }
        XCTAssertThrowsError(try sql("t | where 名称 matches \"重\"", .mysql)) { error in
            XCTAssertEqual((error as? CQError)?.problem, .unsupportedSQL(stage: "'matches' (regular expressions)", dialect: "MySQL"))
        }
        XCTAssertEqual(try sql("t | where 名称 contains \"重\" and 名称 startswith \"重\" | take 1", .mysql), """
            SELECT `a"b`, `a\\b`, `名称`, `order`
            FROM (SELECT *, ROW_NUMBER() OVER () AS __cq_ord FROM `t`) AS _q1
            WHERE LOCATE('重', `名称` COLLATE utf8mb4_bin) > 0 AND LEFT(`名称`, CHAR_LENGTH('重')) = '重' COLLATE utf8mb4_bin
            ORDER BY __cq_ord
            LIMIT 1
            """)
    }

    func testNULIsRefusedWhereNoEngineTakesIt() throws {
        let nulString = "t | where 名称 == \"a\\u{0}b\""
        for dialect in [SQLDialect.portable, .sqlite, .duckdb, .postgres] {
            XCTAssertThrowsError(try sql(nulString, dialect)) { error in
                XCTAssertEqual((error as? CQError)?.problem,
                               .unsupportedSQL(stage: "a name or a string with a NUL character", dialect: dialect.displayName))
                XCTAssertEqual((error as? CQError)?.range, SourceRange(0, nulString.utf8.count))
            }
        }
        XCTAssertEqual(try sql(nulString, .mysql), """
            SELECT *
            FROM `t`
            WHERE `名称` = 'a\\0b' COLLATE utf8mb4_bin
            """)
        let nulName = "t | select `a\u{0}b` = 名称"
        for dialect in SQLDialect.allCases {
            XCTAssertThrowsError(try sql(nulName, dialect), "\(dialect)")
        }
    }
}
