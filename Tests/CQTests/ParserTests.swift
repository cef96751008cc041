// Tests of the parser through text: statements in, ASTPrinter S-expressions
// out, for every statement form, every stage, the precedence table, line
// continuation, commands, errors (exact problem and range, the range marked
// inside the input with ⟦ and ⟧), recovery, and the limits on hostile input.

import XCTest
@testable import CQ

final class ParserTests: XCTestCase {
    /// The statements of `text`, printed one per line.
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return try Parser.parseAll(text).map(ASTPrinter.print).joined(separator: "\n")
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return ""
        }
    }

    /// Asserts that parsing the marked input fails with `problem` at the marked range.
    private func assertError(_ input: String, _ problem: Problem, file: StaticString = #filePath, line: UInt = #line) {
        let (text, range) = marked(input)
        XCTAssertThrowsError(try Parser.parseAll(text), file: file, line: line) { error in
            XCTAssertEqual(error as? CQError, CQError(problem, at: range), file: file, line: line)
        }
    }

    private func assertIncomplete(_ text: String, expected: String, file: StaticString = #filePath, line: UInt = #line) {
        assertError(text + "⟦⟧", .incomplete(expected: expected), file: file, line: line)
    }

    // MARK: Statements

    func testQueriesAndExpressions() {
        XCTAssertEqual(parse("projects | where investment > 50亿"),
                       "(query projects (where (> investment 5000000000)))")
        XCTAssertEqual(parse("projects"), "(query projects)")
        XCTAssertEqual(parse("351.5亿 / 11"), "(expr (/ 35150000000 11))")
        XCTAssertEqual(parse(#""@@Q3#2""#), #"(expr "@@Q3#2")"#)
        XCTAssertEqual(parse(#"len("abc")"#), #"(expr (call len "abc"))"#)
        XCTAssertEqual(parse("x + 1"), "(expr (+ x 1))")
        XCTAssertEqual(parse("@2023-03-06"), "(expr @2023-03-06)")
        XCTAssertEqual(parse("true; FALSE; Null; 2.5"), "(expr true)\n(expr false)\n(expr null)\n(expr 2.5)")
        XCTAssertEqual(parse("`R&D强度` | take 1"), "(query `R&D强度` (take 1))")
        XCTAssertEqual(parse("项目 | where 投资额 > 1万"), "(query 项目 (where (> 投资额 10000)))")
    }

    func testLet() {
        XCTAssertEqual(parse("let big = projects | where investment > 20亿"),
                       "(let big (query projects (where (> investment 2000000000))))")
        XCTAssertEqual(parse("let rate = 351.5亿 / 11"), "(let rate (expr (/ 35150000000 11)))")
        XCTAssertEqual(parse("LET t = projects"), "(let t (query projects))")
        assertError("let ⟦5⟧ = 1", .unexpectedToken(found: "'5'", expected: "a name after 'let'"))
        assertError("let x ⟦==⟧ 1", .unexpectedToken(found: "'=='", expected: "'=' or '(' after 'x'"))
        assertIncomplete("let x =", expected: "a query or an expression")
    }

    func testLetFunction() {
        XCTAssertEqual(parse("let f2c(f) = (f - 32) * 5 / 9"), "(let f2c (params f) (expr (/ (* (- f 32) 5) 9)))")
        XCTAssertEqual(parse("let pi() = 3.14"), "(let pi (params) (expr 3.14))")
        XCTAssertEqual(parse("let between(x, lo, hi) = x >= lo and x <= hi"),
                       "(let between (params x lo hi) (expr (and (>= x lo) (<= x hi))))")
        assertError("let f(⟦1⟧) = 1", .unexpectedToken(found: "'1'", expected: "a parameter name after '('"))
        assertError("let f(a ⟦b⟧) = 1", .unexpectedToken(found: "'b'", expected: "',' or ')' after the parameters of f()"))
        assertError("let f(a) ⟦+⟧ 1", .unexpectedToken(found: "'+'", expected: "'=' after the parameters of f()"))
        assertError("let f(a) = projects ⟦|⟧ count", .unexpectedToken(found: "'|'", expected: "an operator or the end of the statement"))
        assertIncomplete("let f(a) =", expected: "the function's expression after '='")
    }

    func testSubqueriesAndQualifiedNames() {
        XCTAssertEqual(parse("x > (t | count)"), "(expr (> x (subquery (query t (count)))))")
        XCTAssertEqual(parse("(t | where a > (u | summarize max(b)))"),
                       "(expr (subquery (query t (where (> a (subquery (query u (summarize (call max b)))))))))")
        XCTAssertEqual(parse("t | where k in (u | select k)"), "(query t (where (in k (query u (select k)))))")
        XCTAssertEqual(parse("t | where k not in (u)"), "(query t (where (not-in k (query u))))")
        XCTAssertEqual(parse("exists(t | where a)"), "(expr (exists (query t (where a))))")
        XCTAssertEqual(parse("exists (t)"), "(expr (exists (query t)))")
        // A bracketed name is an expression; a call named exists is a query.
        XCTAssertEqual(parse("(t)"), "(expr t)")
        XCTAssertEqual(parse("t | where t.a > 1 | select `投资`.`额`"), "(query t (where (> (. t a) 1)) (select (. 投资 额)))")
        assertError("x in (t ⟦+⟧ 1)", .unexpectedToken(found: "'+'", expected: "'|' or ')' after the query"))
        assertError("exists(⟦1⟧)", .unexpectedToken(found: "'1'", expected: "a table name"))
        assertError("t.⟦1⟧", .unexpectedToken(found: "'1'", expected: "a column name after 't.'"))
        assertIncomplete("x > (t | where a", expected: "'|' or ')' after the query")
    }

    func testStagesAreCountedOverTheWholeStatement() {
        let inner = "(t" + String(repeating: " | take 1", count: 600) + ")"
        assertError("t | where a > \(inner) | where b > (t" + String(repeating: " | take 1", count: 398) + " ⟦|⟧ take 1)",
                    .tooLong(what: "query", limit: Parser.maxStages))
    }

    func testStatementRanges() throws {
        let statements = try Parser.parseAll("let t = projects | take 5;  a + b\n.mode csv")
        XCTAssertEqual(statements.map(\.range), [SourceRange(0, 25), SourceRange(28, 33), SourceRange(34, 43)])
        guard case .query(let query) = try Parser.parseAll("projects | where x > 1 | take 2").first else {
            return XCTFail("not a query")
        }
        XCTAssertEqual(query.source.range, SourceRange(0, 8))
        XCTAssertEqual(query.stages.map(\.keyword), [SourceRange(11, 16), SourceRange(25, 29)])
        XCTAssertEqual(query.stages.map(\.range), [SourceRange(11, 22), SourceRange(25, 31)])
        guard case .expression(let call) = try Parser.parseAll("1 + sum( x )").first,
              case .binary(.add, _, let right) = call.kind,
              case .call(_, let nameRange, _) = right.kind else { return XCTFail("not a sum") }
        XCTAssertEqual(call.range, SourceRange(0, 12))
        XCTAssertEqual(right.range, SourceRange(4, 12))
        XCTAssertEqual(nameRange, SourceRange(4, 7))
        guard case .expression(let paren) = try Parser.parseAll("(a)").first else { return XCTFail("not an expression") }
        XCTAssertEqual(paren, Expr(.name("a"), SourceRange(0, 3)))
    }

    func testSeparatorsCommentsAndShebang() {
        XCTAssertEqual(parse("a;b\n\nc;;\n"), "(query a)\n(query b)\n(query c)")
        XCTAssertEqual(parse("-- only a comment\n"), "")
        XCTAssertEqual(parse(""), "")
        XCTAssertEqual(parse("#!/usr/bin/env cq\nprojects -- all of them\n| take 2 -- two\n"),
                       "(query projects (take 2))")
    }

    func testCommands() throws {
        XCTAssertEqual(parse(".import data/x y.csv as t"), #"(command import "data/x y.csv as t")"#)
        XCTAssertEqual(parse(".tables\nprojects; .mode csv; x"),
                       "(command tables \"\")\n(query projects)\n(command mode \"csv\")\n(query x)")
        XCTAssertEqual(parse(#".import "a;b.csv" as t; .read 'x\';y'"#),
                       #"(command import "\"a;b.csv\" as t")"# + "\n" + #"(command read "'x\\';y'")"#)
        let statements = try Parser.parseAll("  .import   a.csv  \n")
        XCTAssertEqual(statements, [.command(Identifier("import", SourceRange(3, 9)), args: "a.csv", argsStart: 12,
                                             range: SourceRange(2, 17))])
        assertError(". ⟦x⟧", .unexpectedToken(found: "'x'", expected: "a command name after '.'"))
        assertError(". ⟦，⟧x", .unexpectedToken(found: "'，'", expected: "a command name after '.'"))
        assertError(".⟦⟧", .unexpectedToken(found: "end of line", expected: "a command name after '.'"))
        assertError("x ⟦.⟧tables", .unexpectedToken(found: "'.'", expected: "an operator or the end of the statement"))
    }

    // MARK: Stages

    func testStages() {
        let cases: [(String, String)] = [
            ("t | where a and b", "(query t (where (and a b)))"),
            ("t | select name, total = a + b, `R&D`", "(query t (select name (= total (+ a b)) `R&D`))"),
            ("t | extend x = 1, y = x * 2", "(query t (extend (= x 1) (= y (* x 2))))"),
            ("t | summarize count(), total = sum(investment) by category, y = year(d)",
             "(query t (summarize (call count) (= total (call sum investment)) (by category (= y (call year d)))))"),
            ("t | summarize avg(x)", "(query t (summarize (call avg x)))"),
            ("t | summarize by category", "(query t (summarize (by category)))"),
            ("t | sort a", "(query t (sort a))"),
            ("t | sort by a desc, b asc nulls first, c nulls last",
             "(query t (sort (key a desc) (key b asc nulls-first) (key c nulls-last)))"),
            ("t | take 5", "(query t (take 5))"),
            ("t | LIMIT 5", "(query t (take 5))"),
            ("t | top 10 by investment", "(query t (top 10 (by investment)))"),
            ("t | top 3 by a asc, b", "(query t (top 3 (by (key a asc) b)))"),
            ("t | distinct", "(query t (distinct))"),
            ("t | distinct a, b | count", "(query t (distinct a b) (count))"),
            ("t | count", "(query t (count))"),
            ("t | join u on id", "(query t (join inner u (on id)))"),
            ("t | join left u on a == b", "(query t (join left u (on (== a b))))"),
            ("t | join INNER u on a == b", "(query t (join inner u (on (== a b))))"),
            ("t | join left on id", "(query t (join inner left (on id)))"),
            ("t | join right u on a == b and c, d == e", "(query t (join right u (on (== a b) c (== d e))))"),
            ("t | join full u on k", "(query t (join full u (on k)))"),
            ("t | join semi (u | where x) on k", "(query t (join semi (query u (where x)) (on k)))"),
            ("t | join anti u on k", "(query t (join anti u (on k)))"),
            ("t | join cross u", "(query t (join cross u))"),
            ("t | join cross (u)", "(query t (join cross (query u)))"),
            ("(t | take 1) | union (u | take 2)", "(query (query t (take 1)) (union (query u (take 2))))"),
            ("t | intersect u | except (v)", "(query t (intersect u) (except (query v)))"),
            ("t | top 3 by x desc, y per g, h", "(query t (top 3 (by (key x desc) y) (per g h)))"),
            ("t | take 2 per year(d)", "(query t (take 2 (per (call year d))))"),
            ("t | limit 2", "(query t (take 2))"),
            ("t | rename n = name, c = category", "(query t (rename (= n name) (= c category)))"),
            ("t | drop a, b", "(query t (drop a b))"),
            ("t | union u", "(query t (union u))"),
            ("t | chart bar name, investment / 1亿", "(query t (chart bar name (/ investment 100000000)))"),
            ("t | Where x | SELECT y", "(query t (where x) (select y))"),
            ("t | pivot status using count() by a, y = year(d)",
             "(query t (pivot status (using (call count)) (by a (= y (call year d)))))"),
            ("t | pivot year(d) in [2020, null] using sum(x) / count()",
             "(query t (pivot (call year d) (in 2020 null) (using (/ (call sum x) (call count)))))"),
            ("t | pivot a ?? \"-\" using max(b)", "(query t (pivot (?? a \"-\") (using (call max b))))"),
            ("t | unpivot a, `b c` into name, value", "(query t (unpivot a `b c` (into name value)))"),
            ("t | sample 10", "(query t (sample 10))"),
            ("t | sample 10 seed -3", "(query t (sample 10 (seed (- 3))))"),
            ("t | sample 2.5% seed 7 | count", "(query t (sample 2.5% (seed 7)) (count))"),
            ("t | sample 10% | count", "(query t (sample 10%) (count))"),
            ("(t | sample 10%)", "(expr (subquery (query t (sample 10%))))"),
            ("t | sample 10 % 3", "(query t (sample (% 10 3)))"),
            ("t | sample (n)%", "(query t (sample n%))"),
        ]
        for (text, printed) in cases {
            XCTAssertEqual(parse(text), printed, text)
        }
    }

    func testStageWordsAreNamesElsewhere() {
        XCTAssertEqual(parse("projects | summarize count() | where count > 5"),
                       "(query projects (summarize (call count)) (where (> count 5)))")
        XCTAssertEqual(parse("t | select top, last, left, by, where"), "(query t (select top last left by where))")
        XCTAssertEqual(parse("t | sort desc desc"), "(query t (sort (key desc desc)))")
        XCTAssertEqual(parse("count"), "(query count)")
    }

    func testStageErrors() {
        assertError("projects | ⟦wher⟧ x > 1", .unknownStage("wher", suggestion: "where"))
        assertError("projects | ⟦frobnicate⟧", .unknownStage("frobnicate", suggestion: nil))
        assertError("projects | ⟦not⟧", .unexpectedToken(found: "'not'", expected: "a stage after '|'"))
        assertError("t | summarize count() by ⟦)⟧",
                    .unexpectedToken(found: "')'", expected: "a column name after 'by'"))
        assertError("t | select a, ⟦,⟧", .unexpectedToken(found: "','", expected: "a column or 'name = expression' after ','"))
        assertError("t | extend ⟦1⟧", .unexpectedToken(found: "'1'", expected: "'name = expression' after 'extend'"))
        assertError("t | extend x ⟦+⟧ 1", .unexpectedToken(found: "'+'", expected: "'=' after 'x'"))
        assertError("t | top 5 ⟦x⟧", .unexpectedToken(found: "'x'", expected: "'by' after the row count of 'top'"))
        assertError("t | sort a nulls ⟦up⟧", .unexpectedToken(found: "'up'", expected: "'first' or 'last' after 'nulls'"))
        assertError("t | join u ⟦using⟧ id", .unexpectedToken(found: "'using'", expected: "'on' after the table name"))
        assertError("t | rename a ⟦,⟧ b", .unexpectedToken(found: "','", expected: "'=' after 'a'"))
        assertError("t | chart bar a ⟦b⟧", .unexpectedToken(found: "'b'", expected: "',' between the label and the value of the chart"))
        assertError("t | where a ⟦b⟧", .unexpectedToken(found: "'b'", expected: "'|' or the end of the statement"))
        assertError("t | count⟦(⟧)", .unexpectedToken(found: "'('", expected: "'|' or the end of the statement"))
        assertError("t | pivot a ⟦by⟧ b", .unexpectedToken(found: "'by'", expected: "'in [values]' or 'using' and an aggregate after the column"))
        assertError("t | pivot a in ⟦1⟧ using count()", .unexpectedToken(found: "'1'", expected: "'[' and the values after 'in'"))
        assertError("t | pivot a in [1] ⟦by⟧ b", .unexpectedToken(found: "'by'", expected: "'using' and an aggregate after the values"))
        assertError("t | unpivot a ⟦as⟧ b", .unexpectedToken(found: "'as'", expected: "',' or 'into' after the columns"))
        assertError("t | unpivot a into b ⟦c⟧", .unexpectedToken(found: "'c'", expected: "',' and the name of the column of values"))
        assertError("t | sample 3 ⟦seeds⟧ 1", .unexpectedToken(found: "'seeds'", expected: "'|' or the end of the statement"))
    }

    // MARK: Expressions

    func testPrecedence() {
        let cases: [(String, String)] = [
            ("not a == b or c", "(or (not (== a b)) c)"),
            ("-a * b", "(* (- a) b)"),
            ("a ?? b + c", "(?? a (+ b c))"),
            ("a + b * c - d", "(- (+ a (* b c)) d)"),
            ("a - b - c", "(- (- a b) c)"),
            ("a / b // c % d", "(% (// (/ a b) c) d)"),
            ("a or b and c", "(or a (and b c))"),
            ("a and not b", "(and a (not b))"),
            ("not not a", "(not (not a))"),
            ("- -a", "(- (- a))"),
            ("a * -b", "(* a (- b))"),
            ("(a + b) * c", "(* (+ a b) c)"),
            ("a ?? b ?? c", "(?? (?? a b) c)"),
            ("a ?? b < c", "(< (?? a b) c)"),
            ("x == null", "(== x null)"),
            ("x is null", "(is-null x)"),
            ("x IS NOT NULL and y", "(and (is-not-null x) y)"),
            (#"x in ["a", "b"]"#, #"(in x ["a" "b"])"#),
            ("x not in [1, 2 + 3]", "(not-in x [1 (+ 2 3)])"),
            ("x in []", "(in x [])"),
            ("a + b not in [c]", "(not-in (+ a b) [c])"),
            (#"name contains "科学" and loc startswith "x" or n endswith "y""#,
             #"(or (and (contains name "科学") (startswith loc "x")) (endswith n "y"))"#),
            (#"name matches "^重庆""#, #"(matches name "^重庆")"#),
            ("count()", "(call count)"),
            ("round(x, 2)", "(call round x 2)"),
            ("f(g(x), -1)", "(call f (call g x) (- 1))"),
            ("a >= 1 and a <= 2 and a != 3", "(and (and (>= a 1) (<= a 2)) (!= a 3))"),
        ]
        for (text, printed) in cases {
            XCTAssertEqual(parse(text), "(expr \(printed))", text)
        }
    }

    func testExpressionErrors() {
        assertError("a < b ⟦<⟧ c", .unexpectedToken(found: "'<'", expected: "'and' or 'or' between two comparisons"))
        assertError("a == b ⟦is⟧ null", .unexpectedToken(found: "'is'", expected: "'and' or 'or' between two comparisons"))
        assertError("a == ⟦not⟧ b", .unexpectedToken(found: "'not'", expected: "an expression after '=='"))
        assertError("a * ⟦not⟧ b", .unexpectedToken(found: "'not'", expected: "an expression after '*'"))
        assertError("x is ⟦5⟧", .unexpectedToken(found: "'5'", expected: "'null' or 'not null' after 'is'"))
        assertError("x is not ⟦5⟧", .unexpectedToken(found: "'5'", expected: "'null' after 'is not'"))
        assertError("x not ⟦y⟧", .unexpectedToken(found: "'y'", expected: "'in' after 'not'"))
        assertError("x in (⟦1⟧)", .unexpectedToken(found: "'1'", expected: "a query after 'in (' (a list of values goes in brackets: in [a, b])"))
        assertError("x in ⟦5⟧", .unexpectedToken(found: "'5'", expected: "'[' or '(' and a query after 'in'"))
        assertError("⟦[⟧1]", .unexpectedToken(found: "'['", expected: "a query or an expression (a list '[…]' may only follow 'in')"))
        assertError("f(a ⟦b⟧)", .unexpectedToken(found: "'b'", expected: "',' or ')' after the arguments of f()"))
        assertError("(a ⟦b⟧)", .unexpectedToken(found: "'b'", expected: "')'"))
        assertError("⟦)⟧", .unexpectedToken(found: "')'", expected: "a query or an expression"))
        assertError("1 ⟦2⟧", .unexpectedToken(found: "'2'", expected: "an operator or the end of the statement"))
        assertError("a ⟦=⟧ 1", .unexpectedToken(found: "'='", expected: "an operator or the end of the statement ('==' compares; '=' names a column)"))
        assertError("count(distinct ⟦x⟧)", .unexpectedToken(found: "'x'", expected: "',' or ')' after the arguments of count() (count_distinct(x) counts the distinct values)"))
        assertError("x in [1, 2⟦;⟧", .unexpectedToken(found: "';'", expected: "',' or ']' in the list"))
        assertError("t | where x ⟦\(String(repeating: "名", count: 40))⟧",
                    .unexpectedToken(found: "'\(String(repeating: "名", count: 30))…'", expected: "'|' or the end of the statement"))
    }

    // MARK: Continuation and incomplete input

    func testContinuation() {
        XCTAssertEqual(parse("projects\n| where a\n| take 5"), "(query projects (where a) (take 5))")
        XCTAssertEqual(parse("projects\n  -- the big ones\n\n  | top 3 by investment"), "(query projects (top 3 (by investment)))")
        XCTAssertEqual(parse("projects |\n  where a and\n  b"), "(query projects (where (and a b)))")
        XCTAssertEqual(parse("f(a,\n  b)\nx"), "(expr (call f a b))\n(query x)")
        XCTAssertEqual(parse("t | select a,\n b"), "(query t (select a b))")
        XCTAssertEqual(parse("t | where\n x"), "(query t (where x))")
        XCTAssertEqual(parse("x in [1,\n2]"), "(expr (in x [1 2]))")
        XCTAssertEqual(parse("\"two\nlines\" + 'x'"), "(expr (+ \"two\\nlines\" \"x\"))")
        XCTAssertEqual(parse("a\nb"), "(query a)\n(query b)")
        // A % glued to a number is a percent sign: the line ends there.
        XCTAssertEqual(parse("t | sample 10%\nu"), "(query t (sample 10%))\n(query u)")
        XCTAssertEqual(parse("10 %\n3"), "(expr (% 10 3))")
        XCTAssertEqual(parse("t | pivot\n a using count()"), "(query t (pivot a (using (call count))))")
    }

    func testIncomplete() {
        assertIncomplete("projects |", expected: "a stage after '|'")
        assertIncomplete("projects |\n  \n-- more to come\n", expected: "a stage after '|'")
        assertIncomplete("projects | where (a", expected: "')'")
        assertIncomplete("projects | where", expected: "a condition after 'where'")
        assertIncomplete("projects | where\n", expected: "a condition after 'where'")
        assertIncomplete("a and", expected: "an expression after 'and'")
        assertIncomplete("a +\n", expected: "an expression after '+'")
        assertIncomplete("f(a,", expected: "an argument after ','")
        assertIncomplete("x in [1", expected: "',' or ']' in the list")
        assertIncomplete("t | top 3", expected: "'by' after the row count of 'top'")
        assertIncomplete("t | join u", expected: "'on' after the table name")
        assertIncomplete("t | join (u | take 1)", expected: "'on' after the query")
        assertIncomplete("t | join (u | take 1", expected: "'|' or ')' after the query")
        assertIncomplete("t | top 1 by x per", expected: "a key after 'per'")
        assertError("t | join cross u ⟦on⟧ k",
                    .unexpectedToken(found: "'on'", expected: "'|' or the end of the statement (a cross join pairs every row with every row and takes no 'on')"))
        assertError("t | join u on a ⟦>⟧ b", .unexpectedToken(found: "'>'", expected: "'|' or the end of the statement"))
        assertIncomplete("t | select", expected: "a column or 'name = expression' after 'select'")
        // An open string is shown at its opening quote (in a script the end is far from it).
        assertError("⟦\"⟧abc", .incomplete(expected: "end of string"))
        assertIncomplete("t | where x == `ab", expected: "'`' to end the name")
        assertIncomplete("x is", expected: "'null' or 'not null' after 'is'")
        XCTAssertThrowsError(try Parser.parseAll("projects |")) { error in
            XCTAssertEqual((error as? CQError)?.isIncomplete, true)
        }
    }

    // MARK: Recovery

    func testRecoverSkipsToTheNextStatement() {
        var parser = Parser("t | wher x\nok1; t | where (a b\nc) ; ok2\n\"bad \\q\" + 1 ; ok3\n$ x\nok4")
        var results: [String] = []
        while true {
            do {
                guard let statement = try parser.next() else { break }
                results.append(ASTPrinter.print(statement))
            } catch let error as CQError {
                results.append("error: \(error.problem.message)")
                parser.recover()
            } catch {
                XCTFail("\(error)")
                break
            }
        }
        XCTAssertEqual(results, [
            "error: unknown stage 'wher'",
            "(query ok1)",
            "error: expected ')', found 'b'",
            "(query ok2)",
            "error: invalid escape '\\q' in string",
            "(query ok3)",
            "error: unexpected character '$'",
            "(query ok4)",
        ])
    }

    // MARK: Limits

    /// Huge input is refused with `problem` (what it costs is the benchmarks' business, not a test's).
    private func assertRefused(_ text: String, _ problem: Problem, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Parser.parseAll(text), file: file, line: line) { error in
            XCTAssertEqual((error as? CQError)?.problem, problem, file: file, line: line)
        }
    }

    func testNestingLimit() {
        let ok = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        XCTAssertEqual(parse(ok), "(expr a)")
        assertError(String(repeating: "(", count: 200) + "⟦(⟧a", .tooDeep(limit: 200))
        assertError(String(repeating: "not ", count: 200) + "⟦not⟧ a", .tooDeep(limit: 200))
        assertError(String(repeating: "f(", count: 200) + "g⟦(⟧", .tooDeep(limit: 200))
        let chain = "1" + String(repeating: " + 1", count: 198)
        XCTAssertEqual(try Parser.parseAll(chain).count, 1)
        assertError(chain + " + 1 ⟦+⟧ 1", .tooDeep(limit: 200))
        assertRefused(String(repeating: "(", count: 100_000), .tooDeep(limit: 200))
        assertRefused(String(repeating: "not ", count: 100_000) + "a", .tooDeep(limit: 200))
        assertRefused(String(repeating: "- ", count: 100_000) + "a", .tooDeep(limit: 200))
        assertRefused(String(repeating: "f(", count: 100_000), .tooDeep(limit: 200))
        assertRefused(String(repeating: "a + ", count: 100_000) + "a", .tooDeep(limit: 200))
        assertRefused("x in [" + String(repeating: "(", count: 100_000), .tooDeep(limit: 200))
        // Queries in brackets count as nesting too, where a source stands and after join/union.
        let sources = String(repeating: "(", count: 200) + "t" + String(repeating: " | take 1)", count: 200) + " | count"
        XCTAssertEqual(try Parser.parseAll(sources).count, 1)
        assertError(String(repeating: "(", count: 200) + "⟦(⟧t | take 1)", .tooDeep(limit: 200))
        assertRefused("t" + String(repeating: " | join (t", count: 100_000), .tooDeep(limit: 200))
        assertRefused("t" + String(repeating: " | union (t", count: 100_000), .tooDeep(limit: 200))
    }

    func testABracketedQueryStartsAQueryOnlyWhenAStageFollows() {
        XCTAssertEqual(parse("(t | where x) | take 1"), "(query (query t (where x)) (take 1))")
        XCTAssertEqual(parse("((t)) | count"), "(query (query (query t)) (count))")
        XCTAssertEqual(parse("let a = (t | take 2) | count"), "(let a (query (query t (take 2)) (count)))")
        XCTAssertEqual(parse("(x) + 1"), "(expr (+ x 1))")
        XCTAssertEqual(parse("(1 + 2) * 3"), "(expr (* (+ 1 2) 3))")
        assertError("(t | ⟦wher⟧ x) | take 1", .unknownStage("wher", suggestion: "where"))
    }

    func testLengthLimits() {
        assertRefused(String(repeating: "n", count: 1_000_000) + " | take 1", .tooLong(what: "name", limit: 10_000))
        assertRefused("\"" + String(repeating: "s", count: 1_000_000), .incomplete(expected: "end of string"))
        let stages = "t" + String(repeating: " | count", count: 1_000)
        XCTAssertEqual(try Parser.parseAll(stages).count, 1)
        assertError(stages + " ⟦|⟧ count", .tooLong(what: "query", limit: 1_000))
        // The limit is per statement: stages of bracketed queries count.
        let nested = "(t" + String(repeating: " | count", count: 600) + ")" + String(repeating: " | count", count: 400)
        XCTAssertEqual(try Parser.parseAll(nested).count, 1)
        assertError("t | join (t" + String(repeating: " | count", count: 999) + " ⟦|⟧ count) on k",
                    .tooLong(what: "query", limit: 1_000))
        let items = "x in [" + Array(repeating: "1", count: 10_000).joined(separator: ",") + "]"
        XCTAssertEqual(try Parser.parseAll(items).count, 1)
        assertError("x in [" + Array(repeating: "1", count: 10_000).joined(separator: ",") + "⟦,⟧1]",
                    .tooLong(what: "list", limit: 10_000))
    }

    // MARK: Windows

    func testWindowCalls() {
        XCTAssertEqual(parse("t | extend r = rank() over (by a, b sort x desc, y nulls first rows -6..0)"),
                       "(query t (extend (= r (over (call rank) (by a b) (sort (key x desc) (key y nulls-first)) (rows -6 0)))))")
        XCTAssertEqual(parse("n / sum(n) over ()"), "(expr (/ n (over (call sum n))))")
        XCTAssertEqual(parse("sum(x) over (rows ..)"), "(expr (over (call sum x) (rows _ _)))")
        XCTAssertEqual(parse("sum(x) over (sort t rows 0..)"), "(expr (over (call sum x) (sort t) (rows 0 _)))")
        XCTAssertEqual(parse("sum(x) over (sort t rows ..+2)"), "(expr (over (call sum x) (sort t) (rows _ 2)))")
        // `over` binds to the call before it; the window spans lines inside its brackets.
        XCTAssertEqual(parse("1 + lag(x) over (sort t) * 2"), "(expr (+ 1 (* (over (call lag x) (sort t)) 2)))")
        XCTAssertEqual(parse("lag(x) over (\n by k\n sort t\n)"), "(expr (over (call lag x) (by k) (sort t)))")
        assertIncomplete("sum(x) over (sort t", expected: "'by', 'sort', 'rows' or ')' in the window")
        assertIncomplete("sum(x) over", expected: "'(' after 'over'")
        assertError("sum(x) over (rows ⟦1.5⟧..2)", .invalidArgument("a frame bound is a whole number of rows, not '1.5'"))
        assertError("sum(x) over (rows 1 ⟦2⟧)", .unexpectedToken(found: "'2'", expected: "'..' in the frame (as in 'rows -6..0')"))
        assertError("sum(x) over (rows -⟦x⟧..0)", .unexpectedToken(found: "'x'", expected: "a row offset or '..' after 'rows'"))
    }
}
