// Tests of the Evaluator and its kernels: every operator and function with
// nulls in every position, Chinese text, overflow and division errors, three-
// valued logic, `in` with nulls, substr and round edge cases, NumberText.

import XCTest
@testable import CQ

final class EvaluatorTests: XCTestCase {
    // MARK: helpers

    /// A table with int a, int b, float f, string s, bool p, date d (nulls where given).
    let table = Table(names: ["a", "b", "f", "s", "p", "d"], columns: [
        Column.from([.int(7), .int(-7), .null, .int(0), .int(9)], type: .int),
        Column.from([.int(2), .int(2), .int(3), .null, .int(1)], type: .int),
        Column.from([.float(1.5), .null, .float(-2.5), .float(0), .float(1e300)], type: .float),
        Column.from([.string("重庆科学城"), .string("abc"), .null, .string("  x 　"), .string("Ünïcode")], type: .string),
        Column.from([.bool(true), .bool(false), .null, .bool(true), .bool(false)], type: .bool),
        Column.from([.date(19422), .null, .date(0), .date(-1), .date(11016)], type: .date),
    ])

    func c(_ name: String) -> BoundExpr {
        let i = table.index(of: name) ?? 0
        return BoundExpr(.column(i), type: table.columns[i].type, range: SourceRange(0, 1), text: name)
    }

    func lit(_ v: Value) -> BoundExpr {
        BoundExpr(.literal(v), type: v.type, range: SourceRange(0, 1), text: spelling(v))
    }

    /// How a literal is written in cq.
    func spelling(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let i): return String(i)
        case .float(let d): return NumberText.format(d)
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return "@" + DateMath.format(d)
        case .datetime(let t): return "@" + DateMath.format(micros: t, separator: "T")
        }
    }

    func bin(_ op: BinaryOp, _ a: BoundExpr, _ b: BoundExpr, _ type: DataType) -> BoundExpr {
        BoundExpr(.binary(op, a, b), type: type, range: SourceRange(2, 9), text: "\(a.text) \(op.rawValue) \(b.text)")
    }

    func fn(_ f: Function, _ args: [BoundExpr], _ type: DataType) -> BoundExpr {
        BoundExpr(.call(f, args), type: type, range: SourceRange(3, 8),
                  text: "\(f.name)(\(args.map(\.text).joined(separator: ", ")))")
    }

    func run(_ e: BoundExpr, on t: Table? = nil, file: StaticString = #filePath, line: UInt = #line) -> [Value] {
        do {
            let t = t ?? table
            let col = try Evaluator().evaluate(e, on: t)
            XCTAssertEqual(col.count, t.rowCount, file: file, line: line)
            if e.type != .null { XCTAssertEqual(col.type, e.type, file: file, line: line) }
            return (0..<col.count).map { col.value(at: $0) }
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return []
        }
    }

    func scalar(_ e: BoundExpr) throws -> Value { try Evaluator().evaluateScalar(e) }

    func fails(_ e: BoundExpr, on t: Table? = nil, _ problem: Problem, at range: SourceRange? = nil,
               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Evaluator().evaluate(e, on: t ?? table), file: file, line: line) { error in
            XCTAssertEqual(error as? CQError, CQError(problem, at: range ?? e.range), file: file, line: line)
        }
    }

    func ints(_ xs: [Int?]) -> Table {
        Table(names: ["x"], columns: [Column.from(xs.map { $0.map(Value.int) ?? .null }, type: .int)])
    }

    func strings(_ xs: [String?]) -> Table {
        Table(names: ["x"], columns: [Column.from(xs.map { $0.map(Value.string) ?? .null }, type: .string)])
    }

    var x: BoundExpr { BoundExpr(.column(0), type: .int, range: SourceRange(0, 1), text: "x") }
    var xs: BoundExpr { BoundExpr(.column(0), type: .string, range: SourceRange(0, 1), text: "x") }

    // MARK: arithmetic

    func testIntArithmeticWithNulls() {
        XCTAssertEqual(run(bin(.add, c("a"), c("b"), .int)), [.int(9), .int(-5), .null, .null, .int(10)])
        XCTAssertEqual(run(bin(.sub, c("a"), c("b"), .int)), [.int(5), .int(-9), .null, .null, .int(8)])
        XCTAssertEqual(run(bin(.mul, c("a"), lit(.int(3)), .int)), [.int(21), .int(-21), .null, .int(0), .int(27)])
        XCTAssertEqual(run(bin(.intdiv, c("a"), c("b"), .int)), [.int(3), .int(-3), .null, .null, .int(9)])
        XCTAssertEqual(run(bin(.mod, c("a"), c("b"), .int)), [.int(1), .int(-1), .null, .null, .int(0)])
        XCTAssertEqual(run(bin(.div, c("a"), c("b"), .float)), [.float(3.5), .float(-3.5), .null, .null, .float(9)])
        XCTAssertEqual(run(bin(.add, lit(.null), c("a"), .int)), [.null, .null, .null, .null, .null])
        XCTAssertEqual(run(BoundExpr(.unary(.negate, c("a")), type: .int, range: SourceRange(0, 2), text: "-a")),
                       [.int(-7), .int(7), .null, .int(0), .int(-9)])
    }

    func testFloatArithmetic() {
        XCTAssertEqual(run(bin(.add, c("a"), c("f"), .float)), [.float(8.5), .null, .null, .float(0), .float(1e300)])
        XCTAssertEqual(run(bin(.mul, c("f"), lit(.int(2)), .float)), [.float(3), .null, .float(-5), .float(0), .float(2e300)])
        XCTAssertEqual(run(bin(.intdiv, lit(.float(-7.5)), lit(.int(2)), .float)), Array(repeating: Value.float(-3), count: 5))
        XCTAssertEqual(try scalar(bin(.mod, lit(.float(-7.5)), lit(.int(2)), .float)), .float(-1.5))
        XCTAssertEqual(try scalar(bin(.div, lit(.float(35150000000)), lit(.int(11)), .float)), .float(35150000000.0 / 11))
        XCTAssertEqual(try scalar(bin(.mod, lit(.int(-7)), lit(.int(2)), .int)), .int(-1))
        XCTAssertEqual(try scalar(bin(.mod, lit(.int(Int.min)), lit(.int(-1)), .int)), .int(0))
    }

    func testOverflowIsAnErrorNamingTheExpression() {
        let big = ints([Int.max, nil])
        let e = bin(.add, x, lit(.int(1)), .int)
        fails(e, on: big, .integerOverflow(expression: "x + 1"))
        let small = ints([nil, Int.min])
        fails(bin(.mul, x, lit(.int(-1)), .int), on: small, .integerOverflow(expression: "x * -1"))
        fails(bin(.intdiv, x, lit(.int(-1)), .int), on: small, .integerOverflow(expression: "x // -1"))
        fails(bin(.sub, x, lit(.int(1)), .int), on: small, .integerOverflow(expression: "x - 1"))
        let neg = BoundExpr(.unary(.negate, x), type: .int, range: SourceRange(0, 2), text: "-x")
        fails(neg, on: small, .integerOverflow(expression: "-x"))
        fails(fn(.abs, [x], .int), on: small, .integerOverflow(expression: "abs(x)"))
        XCTAssertThrowsError(try scalar(bin(.add, lit(.int(Int.max)), lit(.int(1)), .int)))
        // An overflow in a null row is not an error.
        let masked = Table(names: ["x"], columns: [Column(.int([Int.max, 1]), validity: Bitmap([false, true]))])
        XCTAssertEqual(run(bin(.add, x, lit(.int(1)), .int), on: masked), [.null, .int(2)])
    }

    func testDivisionByZero() {
        let t = Table(names: ["x", "y"], columns: [Column.from([.int(1), .int(2)], type: .int),
                                                   Column.from([.int(1), .int(0)], type: .int)])
        let y = BoundExpr(.column(1), type: .int, range: SourceRange(4, 5), text: "y")
        for op in [BinaryOp.div, .intdiv, .mod] {
            let e = bin(op, x, y, op == .div ? .float : .int)
            fails(e, on: t, .divisionByZero(expression: "x \(op.rawValue) y"))
        }
        fails(bin(.div, lit(.float(1)), lit(.float(0)), .float), on: t, .divisionByZero(expression: "1.0 / 0.0"))
        // A null divisor is not a division by zero, and neither is a zero divisor in a null row.
        let nullRow = Table(names: ["x", "y"], columns: [Column(.int([1, 5]), validity: Bitmap([false, true])),
                                                         Column(.int([0, 2]))])
        XCTAssertEqual(run(bin(.intdiv, x, y, .int), on: nullRow), [.null, .int(2)])
        XCTAssertEqual(run(bin(.div, x, lit(.null), .float), on: nullRow), [.null, .null])
    }

    func testDateArithmetic() {
        XCTAssertEqual(run(bin(.add, c("d"), lit(.int(1)), .date)), [.date(19423), .null, .date(1), .date(0), .date(11017)])
        XCTAssertEqual(run(bin(.add, lit(.int(1)), c("d"), .date)), [.date(19423), .null, .date(1), .date(0), .date(11017)])
        XCTAssertEqual(run(bin(.sub, c("d"), lit(.int(1)), .date)), [.date(19421), .null, .date(-1), .date(-2), .date(11015)])
        XCTAssertEqual(run(bin(.sub, c("d"), lit(.date(0)), .int)), [.int(19422), .null, .int(0), .int(-1), .int(11016)])
        let outside = "a date outside 0001-01-01 … 9999-12-31"
        fails(bin(.add, c("d"), lit(.int(Int.max)), .date), .invalidValue(expression: "d + 9223372036854775807", detail: outside))
        fails(bin(.add, c("d"), lit(.int(2_932_897)), .date), .invalidValue(expression: "d + 2932897", detail: outside))
    }

    func testStringConcatenation() {
        XCTAssertEqual(run(bin(.add, c("s"), lit(.string("!")), .string)),
                       [.string("重庆科学城!"), .string("abc!"), .null, .string("  x 　!"), .string("Ünïcode!")])
        XCTAssertEqual(run(bin(.add, lit(.string("<")), c("s"), .string)),
                       [.string("<重庆科学城"), .string("<abc"), .null, .string("<  x 　"), .string("<Ünïcode")])
        XCTAssertEqual(run(bin(.add, c("s"), c("s"), .string))[1], .string("abcabc"))
    }

    // MARK: comparisons

    func testComparisons() {
        XCTAssertEqual(run(bin(.gt, c("a"), lit(.int(0)), .bool)), [.bool(true), .bool(false), .null, .bool(false), .bool(true)])
        XCTAssertEqual(run(bin(.lt, lit(.int(0)), c("a"), .bool)), [.bool(true), .bool(false), .null, .bool(false), .bool(true)])
        XCTAssertEqual(run(bin(.le, c("a"), c("b"), .bool)), [.bool(false), .bool(true), .null, .null, .bool(false)])
        XCTAssertEqual(run(bin(.eq, c("f"), lit(.int(0)), .bool)), [.bool(false), .null, .bool(false), .bool(true), .bool(false)])
        XCTAssertEqual(run(bin(.ge, c("a"), c("f"), .bool)), [.bool(true), .null, .null, .bool(true), .bool(false)])
        XCTAssertEqual(run(bin(.ne, c("d"), lit(.date(0)), .bool)), [.bool(true), .null, .bool(false), .bool(true), .bool(true)])
        XCTAssertEqual(run(bin(.lt, c("p"), lit(.bool(true)), .bool)), [.bool(false), .bool(true), .null, .bool(false), .bool(true)])
        XCTAssertEqual(run(bin(.eq, c("a"), lit(.null), .bool)), [.null, .null, .null, .null, .null])
    }

    func testStringComparisonsByCodePoint() {
        XCTAssertEqual(run(bin(.lt, c("s"), lit(.string("b")), .bool)), [.bool(false), .bool(true), .null, .bool(true), .bool(false)])
        XCTAssertEqual(run(bin(.gt, lit(.string("b")), c("s"), .bool)), [.bool(false), .bool(true), .null, .bool(true), .bool(false)])
        XCTAssertEqual(run(bin(.eq, c("s"), lit(.string("abc")), .bool)), [.bool(false), .bool(true), .null, .bool(false), .bool(false)])
        XCTAssertEqual(run(bin(.ge, c("s"), c("s"), .bool)), [.bool(true), .bool(true), .null, .bool(true), .bool(true)])
        XCTAssertEqual(try scalar(bin(.lt, lit(.string("ab")), lit(.string("abc")), .bool)), .bool(true))
        XCTAssertEqual(try scalar(bin(.lt, lit(.string("Z")), lit(.string("a")), .bool)), .bool(true))
        // A shared dictionary: answers per entry, spread by code.
        let shared = Table(names: ["x"], columns: [Column(.string(StringColumn(
            codes: [1, 0, 1, 2, 0], dictionary: StringDictionary(["渝北", "江津", "北碚"], isUnique: true))),
            validity: Bitmap([true, true, false, true, true]))])
        XCTAssertEqual(run(bin(.eq, xs, lit(.string("江津")), .bool), on: shared),
                       [.bool(true), .bool(false), .null, .bool(false), .bool(false)])
    }

    // MARK: logic

    func testThreeValuedLogicTruthTables() {
        let values: [Value] = [.bool(true), .bool(false), .null]
        var left: [Value] = []
        var right: [Value] = []
        for l in values { for r in values { left.append(l); right.append(r) } }
        let t = Table(names: ["l", "r"], columns: [Column.from(left, type: .bool), Column.from(right, type: .bool)])
        let l = BoundExpr(.column(0), type: .bool, range: SourceRange(0, 1), text: "l")
        let r = BoundExpr(.column(1), type: .bool, range: SourceRange(6, 7), text: "r")
        let T = Value.bool(true), F = Value.bool(false), N = Value.null
        XCTAssertEqual(run(bin(.and, l, r, .bool), on: t), [T, F, N, F, F, F, N, F, N])
        XCTAssertEqual(run(bin(.or, l, r, .bool), on: t), [T, T, T, T, F, N, T, N, N])
        XCTAssertEqual(run(BoundExpr(.unary(.not, l), type: .bool, range: SourceRange(0, 5), text: "not l"), on: t),
                       [F, F, F, T, T, T, N, N, N])
        // Scalars on either side.
        XCTAssertEqual(run(bin(.and, lit(.bool(false)), r, .bool), on: t), [F, F, F, F, F, F, F, F, F])
        XCTAssertEqual(run(bin(.or, l, lit(.null), .bool), on: t), [T, T, T, N, N, N, N, N, N])
        XCTAssertEqual(try scalar(bin(.and, lit(.null), lit(.bool(false)), .bool)), F)
        XCTAssertEqual(try scalar(bin(.or, lit(.null), lit(.bool(true)), .bool)), T)
    }

    func testRightSideOnlyEvaluatedWhereNeeded() {
        let t = Table(names: ["x", "y"], columns: [Column.from([.int(4), .int(1), .int(6)], type: .int),
                                                   Column.from([.int(2), .int(0), .null], type: .int)])
        let y = BoundExpr(.column(1), type: .int, range: SourceRange(4, 5), text: "y")
        let guarded = bin(.and, bin(.ne, y, lit(.int(0)), .bool), bin(.gt, bin(.intdiv, x, y, .int), lit(.int(1)), .bool), .bool)
        XCTAssertEqual(run(guarded, on: t), [.bool(true), .bool(false), .null])
        let either = bin(.or, bin(.eq, y, lit(.int(0)), .bool), bin(.gt, bin(.intdiv, x, y, .int), lit(.int(1)), .bool), .bool)
        XCTAssertEqual(run(either, on: t), [.bool(true), .bool(true), .null])
        let safe = fn(.if, [bin(.eq, y, lit(.int(0)), .bool), lit(.int(0)), bin(.intdiv, x, y, .int)], .int)
        XCTAssertEqual(run(safe, on: t), [.int(2), .int(0), .null])
        // `??` evaluates its right side only for the rows where the left is null.
        let fallback = bin(.coalesce, x, bin(.intdiv, lit(.int(1)), lit(.int(0)), .int), .int)
        XCTAssertEqual(run(fallback, on: t), [.int(4), .int(1), .int(6)])
        fails(bin(.coalesce, y, bin(.intdiv, x, lit(.int(0)), .int), .int), on: t,
              .divisionByZero(expression: "x // 0"), at: SourceRange(2, 9))
        let unsafe = fn(.if, [bin(.ne, y, lit(.int(0)), .bool), lit(.int(0)), bin(.intdiv, x, y, .int)], .int)
        fails(unsafe, on: t, .divisionByZero(expression: "x // y"), at: SourceRange(2, 9))
    }

    func testIsNullAndIn() {
        XCTAssertEqual(run(BoundExpr(.isNull(c("a"), negated: false), type: .bool, range: SourceRange(0, 1), text: "a is null")),
                       [.bool(false), .bool(false), .bool(true), .bool(false), .bool(false)])
        XCTAssertEqual(run(BoundExpr(.isNull(c("s"), negated: true), type: .bool, range: SourceRange(0, 1), text: "s is not null")),
                       [.bool(true), .bool(true), .bool(false), .bool(true), .bool(true)])
        XCTAssertEqual(try scalar(BoundExpr(.isNull(lit(.null), negated: false), type: .bool, range: SourceRange(0, 1), text: "")), .bool(true))
        let untyped = Table(names: ["x"], columns: [Column(.null(count: 2))])
        let nx = BoundExpr(.column(0), type: .null, range: SourceRange(0, 1), text: "x")
        XCTAssertEqual(run(BoundExpr(.isNull(bin(.add, nx, lit(.int(1)), .int), negated: false), type: .bool,
                                     range: SourceRange(0, 1), text: "x + 1 is null"), on: untyped), [.bool(true), .bool(true)])
        XCTAssertEqual(run(fn(.if, [lit(.bool(true)), nx, nx], .null), on: untyped), [.null, .null])
        func inList(_ e: BoundExpr, _ list: [Value], negated: Bool = false) -> BoundExpr {
            BoundExpr(.inList(e, list, negated: negated), type: .bool, range: SourceRange(0, 1), text: "in")
        }
        let T = Value.bool(true), F = Value.bool(false), N = Value.null
        XCTAssertEqual(run(inList(c("a"), [.int(7), .int(0)])), [T, F, N, T, F])
        XCTAssertEqual(run(inList(c("a"), [.int(7), .int(0)], negated: true)), [F, T, N, F, T])
        XCTAssertEqual(run(inList(c("a"), [.int(7), .null])), [T, N, N, N, N])
        XCTAssertEqual(run(inList(c("a"), [.int(7), .null], negated: true)), [F, N, N, N, N])
        XCTAssertEqual(run(inList(c("a"), [.float(7.0), .float(9.5)])), [T, F, N, F, F])
        XCTAssertEqual(run(inList(c("f"), [.int(0), .float(1.5)])), [T, N, F, T, F])
        XCTAssertEqual(run(inList(c("s"), [.string("abc"), .string("重庆科学城")])), [T, T, N, F, F])
        XCTAssertEqual(run(inList(c("d"), [.date(0)])), [F, N, T, F, F])
        XCTAssertEqual(run(inList(c("a"), Array(0...20).map(Value.int))), [T, F, N, T, T])
    }

    func testCoalesceAndIf() {
        XCTAssertEqual(run(bin(.coalesce, c("a"), c("b"), .int)), [.int(7), .int(-7), .int(3), .int(0), .int(9)])
        XCTAssertEqual(run(bin(.coalesce, c("f"), c("a"), .float)), [.float(1.5), .float(-7), .float(-2.5), .float(0), .float(1e300)])
        XCTAssertEqual(run(fn(.coalesce, [c("s"), lit(.string("无"))], .string)),
                       [.string("重庆科学城"), .string("abc"), .string("无"), .string("  x 　"), .string("Ünïcode")])
        XCTAssertEqual(run(fn(.coalesce, [lit(.null), c("a"), lit(.int(-1))], .int)), [.int(7), .int(-7), .int(-1), .int(0), .int(9)])
        XCTAssertEqual(try scalar(fn(.coalesce, [lit(.null), lit(.null)], .null)), .null)
        // A null condition takes the else branch; int and float branches give a float.
        XCTAssertEqual(run(fn(.if, [c("p"), lit(.int(1)), lit(.float(2.5))], .float)),
                       [.float(1), .float(2.5), .float(2.5), .float(1), .float(2.5)])
        XCTAssertEqual(run(fn(.if, [c("p"), c("s"), lit(.string("否"))], .string)),
                       [.string("重庆科学城"), .string("否"), .string("否"), .string("  x 　"), .string("否")])
        XCTAssertEqual(run(fn(.if, [c("p"), c("a"), lit(.null)], .int)), [.int(7), .null, .null, .int(0), .null])
        XCTAssertEqual(try scalar(fn(.if, [lit(.bool(true)), lit(.int(1)), lit(.float(2))], .float)), .float(1))
    }

    // MARK: strings

    func testStringPredicates() {
        let T = Value.bool(true), F = Value.bool(false), N = Value.null
        XCTAssertEqual(run(bin(.contains, c("s"), lit(.string("科学")), .bool)), [T, F, N, F, F])
        XCTAssertEqual(run(bin(.contains, c("s"), lit(.string("")), .bool)), [T, T, N, T, T])
        XCTAssertEqual(run(bin(.startswith, c("s"), lit(.string("重庆")), .bool)), [T, F, N, F, F])
        XCTAssertEqual(run(bin(.endswith, c("s"), lit(.string("城")), .bool)), [T, F, N, F, F])
        XCTAssertEqual(run(bin(.contains, c("s"), c("s"), .bool)), [T, T, N, T, T])
        XCTAssertEqual(run(bin(.matches, c("s"), lit(.string("^[a-c]+$")), .bool)), [F, T, N, F, F])
        XCTAssertEqual(run(bin(.matches, c("s"), lit(.string("科.城")), .bool)), [T, F, N, F, F])
        XCTAssertEqual(run(bin(.contains, c("s"), lit(.null), .bool)), [N, N, N, N, N])
        let pattern = BoundExpr(.literal(.string("(")), type: .string, range: SourceRange(12, 15), text: "pattern")
        XCTAssertThrowsError(try Evaluator().evaluate(bin(.matches, c("s"), pattern, .bool), on: table)) { error in
            let e = error as? CQError
            XCTAssertEqual(e?.range, SourceRange(12, 15))
            guard case .invalidArgument(let message)? = e?.problem else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("invalid regular expression '(': "), message)
        }
    }

    func testContainsScansTheDictionary() {
        // Entries that only match across a boundary must not match; empty entries are skipped.
        let dict = StringDictionary(["ab", "", "ca", "bab", "x99", "9", "9"], isUnique: false)
        let t = Table(names: ["x"], columns: [Column(.string(StringColumn(codes: [0, 1, 2, 3, 4, 5, 6, 3], dictionary: dict)))])
        XCTAssertEqual(run(bin(.contains, xs, lit(.string("ab")), .bool), on: t).map { $0 == .bool(true) },
                       [true, false, false, true, false, false, false, true])
        XCTAssertEqual(run(bin(.contains, xs, lit(.string("99")), .bool), on: t).map { $0 == .bool(true) },
                       [false, false, false, false, true, false, false, false])
        XCTAssertEqual(run(bin(.contains, xs, lit(.string("aca")), .bool), on: t).map { $0 == .bool(true) },
                       [false, false, false, false, false, false, false, false])
    }

    func testStringFunctions() {
        XCTAssertEqual(run(fn(.len, [c("s")], .int)), [.int(5), .int(3), .null, .int(5), .int(7)])
        XCTAssertEqual(run(fn(.upper, [c("s")], .string)),
                       [.string("重庆科学城"), .string("ABC"), .null, .string("  X 　"), .string("ÜNÏCODE")])
        XCTAssertEqual(run(fn(.lower, [c("s")], .string))[4], .string("ünïcode"))
        XCTAssertEqual(run(fn(.trim, [c("s")], .string))[3], .string("x"))
        XCTAssertEqual(try scalar(fn(.trim, [lit(.string("\t 　科学城\n "))], .string)), .string("科学城"))
        XCTAssertEqual(try scalar(fn(.trim, [lit(.string(" 　 "))], .string)), .string(""))
        XCTAssertEqual(run(fn(.replace, [c("s"), lit(.string("科学")), lit(.string("-"))], .string)),
                       [.string("重庆-城"), .string("abc"), .null, .string("  x 　"), .string("Ünïcode")])
        XCTAssertEqual(try scalar(fn(.replace, [lit(.string("aaa")), lit(.string("a")), lit(.string("bb"))], .string)), .string("bbbbbb"))
        XCTAssertEqual(try scalar(fn(.replace, [lit(.string("abc")), lit(.string("")), lit(.string("x"))], .string)), .string("abc"))
        XCTAssertEqual(try scalar(fn(.replace, [lit(.string("abc")), lit(.null), lit(.string("x"))], .string)), .null)
    }

    func testSubstrEdgeCases() throws {
        func substr(_ s: String, _ start: Int, _ length: Int? = nil) throws -> Value {
            try scalar(fn(.substr, [lit(.string(s)), lit(.int(start))] + (length.map { [lit(.int($0))] } ?? []), .string))
        }
        XCTAssertEqual(try substr("重庆科学城", 3), .string("科学城"))
        XCTAssertEqual(try substr("重庆科学城", 1, 2), .string("重庆"))
        XCTAssertEqual(try substr("abc", 0, 2), .string("a"))
        XCTAssertEqual(try substr("abc", 0), .string("abc"))
        XCTAssertEqual(try substr("abc", -2), .string("bc"))
        XCTAssertEqual(try substr("abc", -5, 3), .string("a"))
        XCTAssertEqual(try substr("abcde", 3, -2), .string("ab"))
        XCTAssertEqual(try substr("abcde", 2, -5), .string("a"))
        XCTAssertEqual(try substr("abc", 5), .string(""))
        XCTAssertEqual(try substr("abc", 2, 0), .string(""))
        XCTAssertEqual(try substr("abc", Int.max, Int.max), .string(""))
        XCTAssertEqual(try substr("abc", Int.min, Int.max), .string("abc"))
        XCTAssertEqual(try substr("abc", Int.min, Int.min), .string(""))
        XCTAssertEqual(try substr("abc", 2, Int.min), .string("a"))
        // Per row, with a column start.
        let t = Table(names: ["s", "i"], columns: [Column.from([.string("重庆科学城"), .string("abc"), .null], type: .string),
                                                   Column.from([.int(2), .null, .int(1)], type: .int)])
        let e = fn(.substr, [BoundExpr(.column(0), type: .string, range: SourceRange(0, 1), text: "s"),
                             BoundExpr(.column(1), type: .int, range: SourceRange(0, 1), text: "i"), lit(.int(2))], .string)
        XCTAssertEqual(run(e, on: t), [.string("庆科"), .null, .null])
    }

    // MARK: numbers, dates, conversions

    func testRoundAbsFloorCeil() throws {
        func round(_ v: Value, _ digits: Int? = nil) throws -> Value {
            try scalar(fn(.round, [lit(v)] + (digits.map { [lit(.int($0))] } ?? []), v.type))
        }
        XCTAssertEqual(try round(.int(1234), -2), .int(1200))
        XCTAssertEqual(try round(.int(1250), -2), .int(1300))
        XCTAssertEqual(try round(.int(-1250), -2), .int(-1300))
        XCTAssertEqual(try round(.int(1234), 2), .int(1234))
        XCTAssertEqual(try round(.int(1234), Int.min), .int(0))
        XCTAssertThrowsError(try round(.int(Int.max), -1))
        XCTAssertThrowsError(try round(.int(Int.max), -19))
        XCTAssertEqual(try round(.float(2.5)), .float(3))
        XCTAssertEqual(try round(.float(-2.5)), .float(-3))
        XCTAssertEqual(try round(.float(1234.5678), 2), .float(1234.57))
        XCTAssertEqual(try round(.float(1234.5678), -2), .float(1200))
        XCTAssertEqual(try round(.float(1.5), Int.max), .float(1.5))
        XCTAssertEqual(try round(.float(1e300), 30), .float(1e300))
        XCTAssertEqual(try round(.float(123), Int.min), .float(0))
        XCTAssertEqual(run(fn(.abs, [c("a")], .int)), [.int(7), .int(7), .null, .int(0), .int(9)])
        XCTAssertEqual(run(fn(.abs, [c("f")], .float)), [.float(1.5), .null, .float(2.5), .float(0), .float(1e300)])
        XCTAssertEqual(run(fn(.floor, [c("f")], .float)), [.float(1), .null, .float(-3), .float(0), .float(1e300)])
        XCTAssertEqual(run(fn(.ceil, [c("f")], .float)), [.float(2), .null, .float(-2), .float(0), .float(1e300)])
        XCTAssertEqual(run(fn(.floor, [c("a")], .int)), [.int(7), .int(-7), .null, .int(0), .int(9)])
    }

    func testDates() {
        XCTAssertEqual(run(fn(.year, [c("d")], .int)), [.int(2023), .null, .int(1970), .int(1969), .int(2000)])
        XCTAssertEqual(run(fn(.month, [c("d")], .int)), [.int(3), .null, .int(1), .int(12), .int(2)])
        XCTAssertEqual(run(fn(.day, [c("d")], .int)), [.int(6), .null, .int(1), .int(31), .int(29)])
        XCTAssertEqual(try scalar(fn(.date, [lit(.string("2023-03-06"))], .date)), .date(19422))
        XCTAssertEqual(try scalar(fn(.date, [lit(.date(5))], .date)), .date(5))
        fails(fn(.date, [lit(.string("2023-02-30"))], .date),
              .conversion(expression: "date(\"2023-02-30\")", detail: "'2023-02-30' is not a valid date"))
        // A bad string in a null row is not an error.
        let t = Table(names: ["x"], columns: [Column(.string(StringColumn(["2024-02-29", "nope"])), validity: Bitmap([true, false]))])
        XCTAssertEqual(run(fn(.date, [xs], .date), on: t), [.date(19782), .null])
    }

    func testConversions() {
        XCTAssertEqual(run(fn(.string, [c("a")], .string)), [.string("7"), .string("-7"), .null, .string("0"), .string("9")])
        XCTAssertEqual(run(fn(.string, [c("f")], .string)), [.string("1.5"), .null, .string("-2.5"), .string("0.0"), .string("1e+300")])
        XCTAssertEqual(run(fn(.string, [c("p")], .string)), [.string("true"), .string("false"), .null, .string("true"), .string("false")])
        XCTAssertEqual(run(fn(.string, [c("d")], .string)), [.string("2023-03-06"), .null, .string("1970-01-01"), .string("1969-12-31"), .string("2000-02-29")])
        XCTAssertEqual(try scalar(fn(.int, [lit(.float(-2.9))], .int)), .int(-2))
        XCTAssertEqual(try scalar(fn(.int, [lit(.bool(true))], .int)), .int(1))
        XCTAssertEqual(try scalar(fn(.int, [lit(.string("1.5亿"))], .int)), .int(150_000_000))
        XCTAssertEqual(try scalar(fn(.int, [lit(.string("-3.7"))], .int)), .int(-3))
        XCTAssertEqual(try scalar(fn(.float, [lit(.string("13.5万"))], .float)), .float(135000))
        XCTAssertEqual(try scalar(fn(.float, [lit(.int(3))], .float)), .float(3))
        XCTAssertEqual(try scalar(fn(.float, [lit(.bool(false))], .float)), .float(0))
        XCTAssertEqual(try scalar(fn(.int, [lit(.null)], .int)), .null)
        XCTAssertEqual(run(fn(.float, [c("a")], .float)), [.float(7), .float(-7), .null, .float(0), .float(9)])
        fails(fn(.int, [lit(.string("abc"))], .int), .conversion(expression: "int(\"abc\")", detail: "'abc' is not an int"))
        fails(fn(.int, [lit(.float(1e300))], .int), .conversion(expression: "int(1e+300)", detail: "1e+300 is out of the int range"))
        fails(fn(.int, [c("f")], .int), .conversion(expression: "int(f)", detail: "1e+300 is out of the int range"))
        fails(fn(.int, [lit(.string("1e300"))], .int), .conversion(expression: "int(\"1e300\")", detail: "'1e300' is out of the int range"))
        fails(fn(.float, [lit(.string("1,5"))], .float), .conversion(expression: "float(\"1,5\")", detail: "'1,5' is not a float"))
        XCTAssertEqual(run(fn(.int, [fn(.if, [bin(.lt, c("f"), lit(.float(1e9)), .bool), c("f"), lit(.null)], .float)], .int)),
                       [.int(1), .null, .int(-2), .int(0), .null])
    }

    func testNumberText() {
        func parse(_ s: String) -> Value? { Array(s.utf8).withUnsafeBufferPointer { NumberText.parse($0) } }
        XCTAssertEqual(parse("351.5亿"), .int(35_150_000_000))
        XCTAssertEqual(parse("0.14万"), .int(1400))
        XCTAssertEqual(parse("13.5万"), .int(135_000))
        XCTAssertEqual(parse("1.23456万"), .float(12345.6))
        XCTAssertEqual(parse("1.2万亿"), .int(1_200_000_000_000))
        XCTAssertEqual(parse("-2亿"), .int(-200_000_000))
        XCTAssertEqual(parse("42"), .int(42))
        XCTAssertEqual(parse("+42"), .int(42))
        XCTAssertEqual(parse("-0"), .int(0))
        XCTAssertEqual(parse("007"), .int(7))
        XCTAssertEqual(parse("-3.5"), .float(-3.5))
        XCTAssertEqual(parse("3.0"), .float(3))
        XCTAssertEqual(parse("1e9"), .float(1e9))
        XCTAssertEqual(parse("1E-2"), .float(0.01))
        XCTAssertEqual(parse(".5"), .float(0.5))
        XCTAssertEqual(parse("0.1"), .float(0.1))
        XCTAssertEqual(parse("9223372036854775807"), .int(Int.max))
        XCTAssertEqual(parse("-9223372036854775808"), .int(Int.min))
        XCTAssertEqual(parse("9223372036854775808"), .float(9223372036854775808))
        XCTAssertEqual(parse("1e400"), nil)
        for bad in ["", "-", ".", "abc", "1_000", "1e", "12a", "1.2.3", "万", "1万x", "亿万", " 1", "nan", "inf"] {
            XCTAssertNil(parse(bad), bad)
        }
        XCTAssertEqual(NumberText.format(0.1), "0.1")
        XCTAssertEqual(NumberText.format(3), "3.0")
        XCTAssertEqual(NumberText.format(1e20), "1e+20")
        XCTAssertEqual(NumberText.format(35150000000), "35150000000.0")
    }

    func testConstantsFoldToScalars() throws {
        let e = bin(.div, lit(.int(35_150_000_000)), lit(.int(11)), .float)
        XCTAssertEqual(try scalar(e), .float(35_150_000_000 / 11.0))
        XCTAssertEqual(try scalar(lit(.null)), .null)
        XCTAssertEqual(run(bin(.gt, c("a"), bin(.mul, lit(.int(2)), lit(.int(3)), .int), .bool)),
                       [.bool(true), .bool(false), .null, .bool(false), .bool(true)])
        // No rows: nothing is computed, so nothing fails.
        let empty = Table(names: ["x"], columns: [Column(.int([]))])
        XCTAssertEqual(try Evaluator().evaluate(bin(.intdiv, x, lit(.int(0)), .int), on: empty).count, 0)
    }

    func testCancellation() {
        let cancel = Cancellation()
        cancel.cancel()
        XCTAssertThrowsError(try Evaluator(cancel: cancel).evaluate(c("a"), on: table)) { error in
            XCTAssertEqual(error as? CQError, CQError(.cancelled))
        }
    }
}
