// Tests of the executor and its operators: plans built by hand over small
// tables, results compared cell by cell.

import XCTest
@testable import CQ

final class ExecutorTests: XCTestCase {
    // MARK: helpers

    private func col(_ i: Int, _ type: DataType) -> BoundExpr {
        BoundExpr(.column(i), type: type, range: SourceRange(i, i + 1), text: "c\(i)")
    }

    private func lit(_ v: Value) -> BoundExpr {
        BoundExpr(.literal(v), type: v.type, range: .none, text: "lit")
    }

    private func scan(_ columns: [(String, Column)]) -> Plan {
        .scan(TableSource(name: "t", table: Table(names: columns.map(\.0), columns: columns.map(\.1))))
    }

    private func ints(_ values: [Int?]) -> Column { Column.from(values.map { $0.map(Value.int) ?? .null }, type: .int) }
    private func floats(_ values: [Double?]) -> Column { Column.from(values.map { $0.map(Value.float) ?? .null }, type: .float) }
    private func strings(_ values: [String?]) -> Column {
        Column.from(values.map { $0.map(Value.string) ?? .null }, type: .string)
    }

    private func agg(_ f: Function, _ arg: BoundExpr?, _ type: DataType, name: String? = nil) -> Output<BoundAggregate> {
        let text = "\(f.name)(\(arg?.text ?? ""))"
        return Output(name ?? f.name, BoundAggregate(function: f, arguments: arg.map { [$0] } ?? [], type: type,
                                                      range: SourceRange(40, 50), text: text))
    }

    private func rows(_ t: Table) -> [[Value]] {
        (0..<t.rowCount).map { r in (0..<t.columns.count).map { t.value(row: r, column: $0) } }
    }

    private func run(_ plan: Plan) throws -> [[Value]] { rows(try Executor().run(plan)) }

    private func key(_ e: BoundExpr, desc: Bool = false, nullsFirst: Bool = false) -> BoundSortKey {
        BoundSortKey(expr: e, descending: desc, nullsFirst: nullsFirst)
    }

    // MARK: simple nodes

    func testFilterProjectLimitChart() throws {
        let base = scan([("keep", Column.from([.bool(true), .null, .bool(false), .bool(true)], type: .bool)),
                         ("n", ints([1, 2, 3, 4]))])
        XCTAssertEqual(try run(.filter(base, col(0, .bool))), [[.bool(true), .int(1)], [.bool(true), .int(4)]])
        let projected = try Executor().run(.project(base, [Output("m", col(1, .int)), Output("k", lit(.string("x")))]))
        XCTAssertEqual(projected.names, ["m", "k"])
        XCTAssertEqual(rows(projected).map(\.[0]), [.int(1), .int(2), .int(3), .int(4)])
        XCTAssertEqual(try run(.limit(base, 2)).count, 2)
        XCTAssertEqual(try run(.limit(base, 0)).count, 0)
        XCTAssertEqual(try run(.limit(base, 10)).count, 4)
        let chart = try Executor().run(.chart(base, label: col(1, .int), value: lit(.float(1.5))))
        XCTAssertEqual(chart.names, ["label", "value"])
        XCTAssertEqual(rows(chart).last, [.int(4), .float(1.5)])
    }

    // MARK: aggregate

    func testGroupByNullKeysInOrderOfFirstAppearance() throws {
        let plan = Plan.aggregate(scan([("k", strings(["b", nil, "a", "b", nil])), ("v", ints([1, 2, 3, 4, nil]))]),
                                  keys: [Output("k", col(0, .string))],
                                  aggregates: [agg(.count, nil, .int), agg(.sum, col(1, .int), .int), agg(.count, col(1, .int), .int, name: "cv")])
        XCTAssertEqual(try run(plan), [
            [.string("b"), .int(2), .int(5), .int(2)],
            [.null, .int(2), .int(2), .int(1)],
            [.string("a"), .int(1), .int(3), .int(1)],
        ])
    }

    func testEmptyInputWithoutAndWithKeys() throws {
        let input = scan([("k", ints([])), ("v", floats([]))])
        let aggs = [agg(.count, nil, .int), agg(.count, col(1, .float), .int), agg(.countDistinct, col(1, .float), .int),
                    agg(.sum, col(1, .float), .float), agg(.avg, col(1, .float), .float), agg(.min, col(1, .float), .float),
                    agg(.max, col(1, .float), .float), agg(.median, col(1, .float), .float), agg(.stddev, col(1, .float), .float)]
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: aggs)),
                       [[.int(0), .int(0), .int(0), .null, .null, .null, .null, .null, .null]])
        let grouped = try Executor().run(.aggregate(input, keys: [Output("k", col(0, .int))], aggregates: aggs))
        XCTAssertEqual(grouped.rowCount, 0)
        XCTAssertEqual(grouped.columns.count, 10)
    }

    func testEveryAggregateWithNullsAndAnAllNullGroup() throws {
        let input = scan([("g", ints([1, 2, 1, 2, 1, 1])), ("v", ints([4, nil, nil, nil, 1, 4]))])
        let v = col(1, .int)
        let aggs = [agg(.count, nil, .int), agg(.count, v, .int), agg(.countDistinct, v, .int), agg(.sum, v, .int),
                    agg(.avg, v, .float), agg(.min, v, .int), agg(.max, v, .int), agg(.median, v, .float),
                    agg(.stddev, v, .float)]
        let result = try run(.aggregate(input, keys: [Output("g", col(0, .int))], aggregates: aggs))
        XCTAssertEqual(result[0], [.int(1), .int(4), .int(3), .int(2), .int(9), .float(3), .int(1), .int(4), .float(4),
                                   .float(3.0.squareRoot())])
        XCTAssertEqual(result[1], [.int(2), .int(2), .int(0), .int(0), .null, .null, .null, .null, .null, .null])
    }

    func testMedianEvenOddAndStddev() throws {
        let input = scan([("g", strings(["o", "e", "o", "e", "o", "e", "e", "one"])),
                          ("v", floats([5, 4, 1, 1, 3, 3, 10, 7]))])
        let v = col(1, .float)
        let result = try run(.aggregate(input, keys: [Output("g", col(0, .string))],
                                        aggregates: [agg(.median, v, .float), agg(.stddev, v, .float)]))
        XCTAssertEqual(result.map(\.[1]), [.float(3), .float(3.5), .float(7)])
        XCTAssertEqual(result[2][2], .null)
        guard case .float(let s) = result[0][2] else { return XCTFail("stddev") }
        XCTAssertEqual(s, 2, accuracy: 1e-12)
        let eight = scan([("v", ints([2, 4, 4, 4, 5, 5, 7, 9]))])
        let sd = try run(.aggregate(eight, keys: [], aggregates: [agg(.stddev, col(0, .int), .float)]))
        guard case .float(let d) = sd[0][0] else { return XCTFail("stddev") }
        XCTAssertEqual(d, (32.0 / 7).squareRoot(), accuracy: 1e-12)
    }

    func testMinMaxOfEveryTypeWithTies() throws {
        let input = scan([("s", strings(["中", "a", "Z", nil, "é", "a"])),
                          ("d", Column.from([.date(5), .date(-3), .null, .date(9), .date(-3), .date(0)], type: .date)),
                          ("b", Column.from([.bool(true), .bool(false), .null, .bool(true), .null, .bool(true)], type: .bool)),
                          ("f", floats([-0.0, 2.5, -7, nil, 1e300, 0]))])
        let aggs = [agg(.min, col(0, .string), .string, name: "a"), agg(.max, col(0, .string), .string, name: "b"),
                    agg(.min, col(1, .date), .date, name: "c"), agg(.max, col(1, .date), .date, name: "d"),
                    agg(.min, col(2, .bool), .bool, name: "e"), agg(.max, col(2, .bool), .bool, name: "f"),
                    agg(.min, col(3, .float), .float, name: "g"), agg(.max, col(3, .float), .float, name: "h")]
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: aggs)),
                       [[.string("Z"), .string("中"), .date(-3), .date(9), .bool(false), .bool(true), .float(-7), .float(1e300)]])
    }

    func testIntSumOverflowIsAnError() {
        let input = scan([("v", ints([Int.max, 1]))])
        XCTAssertThrowsError(try Executor().run(.aggregate(input, keys: [], aggregates: [agg(.sum, col(0, .int), .int)]))) {
            XCTAssertEqual($0 as? CQError, CQError(.integerOverflow(expression: "sum(c0)"), at: SourceRange(40, 50)))
        }
        // avg of the same values does not overflow: the sum falls back to floating point.
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: [agg(.avg, col(0, .int), .float)])),
                       [[.float(Double(Int.max) / 2)]])
    }

    func testSumOfIntsAndFloats() throws {
        let input = scan([("i", ints([1, nil, 3])), ("f", floats([0.1, 0.2, nil]))])
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: [agg(.sum, col(0, .int), .int), agg(.sum, col(1, .float), .float),
                                                                        agg(.avg, col(0, .int), .float)])),
                       [[.int(4), .float(0.30000000000000004), .float(2)]])
    }

    func testTwoKeyGroupBy() throws {
        let input = scan([("a", strings(["x", "y", "x", "x", nil, "y"])), ("b", ints([1, 1, 2, 1, nil, 1])),
                          ("v", ints([1, 2, 3, 4, 5, 6]))])
        XCTAssertEqual(try run(.aggregate(input, keys: [Output("a", col(0, .string)), Output("b", col(1, .int))],
                                          aggregates: [agg(.sum, col(2, .int), .int)])), [
            [.string("x"), .int(1), .int(5)],
            [.string("y"), .int(1), .int(8)],
            [.string("x"), .int(2), .int(3)],
            [.null, .null, .int(5)],
        ])
    }

    func testChineseStringKeysAndNonUniqueDictionary() throws {
        // A dictionary with repeated entries: 科学城 appears under two codes and must form one group.
        let dictionary = StringDictionary(["科学城", "江津区", "科学城", "重庆市"], isUnique: false)
        let column = Column(.string(StringColumn(codes: [0, 1, 2, 3, 2, 0], dictionary: dictionary)))
        let input = scan([("subject", column), ("v", floats([1, 2, 3, 4, 5, 6]))])
        XCTAssertEqual(try run(.aggregate(input, keys: [Output("subject", col(0, .string))],
                                          aggregates: [agg(.count, nil, .int), agg(.sum, col(1, .float), .float)])), [
            [.string("科学城"), .int(4), .float(15)],
            [.string("江津区"), .int(1), .float(2)],
            [.string("重庆市"), .int(1), .float(4)],
        ])
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: [agg(.countDistinct, col(0, .string), .int)])),
                       [[.int(3)]])
    }

    func testCountDistinctPerGroup() throws {
        let input = scan([("g", Column.from([.bool(true), .bool(false), .bool(true), .bool(true), .bool(false)], type: .bool)),
                          ("v", floats([1, 1, -0.0, 0, nil]))])
        XCTAssertEqual(try run(.aggregate(input, keys: [Output("g", col(0, .bool))],
                                          aggregates: [agg(.countDistinct, col(1, .float), .int)])),
                       [[.bool(true), .int(2)], [.bool(false), .int(1)]])
    }

    func testLargeSpreadIntKeysUseTheHashTable() throws {
        let values = (0..<5000).map { ($0 % 7) * 1_000_000_007 - Int.max / 3 }
        let input = scan([("k", ints(values))])
        let result = try run(.aggregate(input, keys: [Output("k", col(0, .int))], aggregates: [agg(.count, nil, .int)]))
        XCTAssertEqual(result.count, 7)
        XCTAssertEqual(result[0], [.int(values[0]), .int(715)])
        XCTAssertEqual(result[6], [.int(values[6]), .int(714)])
    }

    // MARK: sort and top

    func testStableSortWithTiesAndSeveralKeys() throws {
        let input = scan([("a", ints([2, nil, 1, 2, 1, nil, 2])), ("b", strings(["x", "y", nil, "x", "z", "a", "é"])),
                          ("id", ints([0, 1, 2, 3, 4, 5, 6]))])
        let ids = { (plan: Plan) in try self.run(plan).map(\.[2]) }
        XCTAssertEqual(try ids(.sort(input, [key(col(0, .int))])), [2, 4, 0, 3, 6, 1, 5].map(Value.int))
        XCTAssertEqual(try ids(.sort(input, [key(col(0, .int), desc: true)])), [0, 3, 6, 2, 4, 1, 5].map(Value.int))
        XCTAssertEqual(try ids(.sort(input, [key(col(0, .int), nullsFirst: true)])), [1, 5, 2, 4, 0, 3, 6].map(Value.int))
        XCTAssertEqual(try ids(.sort(input, [key(col(0, .int), desc: true, nullsFirst: true), key(col(1, .string), desc: true)])),
                       [1, 5, 6, 0, 3, 4, 2].map(Value.int))
        XCTAssertEqual(try ids(.sort(input, [key(col(1, .string), nullsFirst: true)])), [2, 5, 0, 3, 1, 4, 6].map(Value.int))
    }

    func testSortFloatsAndChineseStrings() throws {
        let input = scan([("f", floats([3.5, -0.0, -2, 0, 1e-300, -1e300])), ("s", strings(["重庆", "北京", "a", "重", "", "重庆市"]))])
        XCTAssertEqual(try run(.sort(input, [key(col(0, .float))])).map(\.[0]),
                       [-1e300, -2, -0.0, 0, 1e-300, 3.5].map(Value.float))
        XCTAssertEqual(try run(.sort(input, [key(col(1, .string))])).map(\.[1]),
                       ["", "a", "北京", "重", "重庆", "重庆市"].map(Value.string))
    }

    func testTopEqualsThePrefixOfAStableSort() throws {
        var generator = SystemRandomNumberGenerator()
        let n = 300
        let a = (0..<n).map { _ -> Int? in Int.random(in: 0..<10, using: &generator) == 0 ? nil : Int.random(in: -5...5, using: &generator) }
        let b = (0..<n).map { _ -> String? in ["x", "y", nil, "中"].randomElement(using: &generator) ?? nil }
        let input = scan([("a", ints(a)), ("b", strings(b)), ("id", ints((0..<n).map { $0 }))])
        for keys in [[key(col(0, .int), desc: true)], [key(col(0, .int), nullsFirst: true), key(col(1, .string), desc: true)],
                     [key(col(1, .string), desc: true, nullsFirst: true)]] {
            let sorted = try run(.sort(input, keys))
            for limit in [0, 1, 7, 50, n, n + 5] {
                XCTAssertEqual(try run(.top(input, limit, keys)), Array(sorted.prefix(limit)))
            }
        }
    }

    func testSortOfAMillionFloats() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<1_000_000).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
        let input = scan([("f", floats(values))])
        let sorted = try Executor().run(.sort(input, [key(col(0, .float))]))
        guard case .float(let out) = sorted.columns[0].data else { return XCTFail("float") }
        XCTAssertEqual(out, values.sorted())
    }

    // MARK: join

    /// A join on one key pair keeping every left column and the listed right ones.
    func join(_ left: Plan, _ right: Plan, _ kind: JoinKind, _ leftKey: Int, _ rightKey: Int,
              _ rightColumns: [Output<Int>]) -> Plan {
        let columns = left.schema.indices.map { Output(left.schema[$0].name, JoinColumn.left($0)) }
            + rightColumns.map { Output($0.name, JoinColumn.right($0.value)) }
        return .join(left, right, BoundJoin(kind: kind, keys: [JoinKeyPair(left: leftKey, right: rightKey)], columns: columns))
    }

    func testInnerAndLeftJoinWithNullAndDuplicateKeys() throws {
        let left = scan([("k", ints([1, nil, 2, 3, 1])), ("l", strings(["a", "b", "c", "d", "e"]))])
        let right = scan([("k", ints([1, 2, nil, 1, 4])), ("r", strings(["p", "q", "n", "s", "t"]))])
        let columns = [Output("r", 1)]
        XCTAssertEqual(try run(join(left, right, .inner, 0, 0, columns)), [
            [.int(1), .string("a"), .string("p")], [.int(1), .string("a"), .string("s")],
            [.int(2), .string("c"), .string("q")],
            [.int(1), .string("e"), .string("p")], [.int(1), .string("e"), .string("s")],
        ])
        XCTAssertEqual(try run(join(left, right, .left, 0, 0, columns)), [
            [.int(1), .string("a"), .string("p")], [.int(1), .string("a"), .string("s")],
            [.null, .string("b"), .null],
            [.int(2), .string("c"), .string("q")],
            [.int(3), .string("d"), .null],
            [.int(1), .string("e"), .string("p")], [.int(1), .string("e"), .string("s")],
        ])
    }

    func testJoinMixedIntFloatAndStringsOfDifferentDictionaries() throws {
        let left = scan([("k", ints([1, 2, 3])), ("s", strings(["科学城", "b", "x"]))])
        let right = scan([("k", floats([2.0, 1.5, 1.0, -0.0])), ("s", strings(["b", "b", "科学城", "z"])), ("v", ints([10, 20, 30, 40]))])
        XCTAssertEqual(try run(join(left, right, .inner, 0, 0, [Output("v", 2)])),
                       [[.int(1), .string("科学城"), .int(30)], [.int(2), .string("b"), .int(10)]])
        XCTAssertEqual(try run(join(left, right, .left, 1, 1, [Output("v", 2)])), [
            [.int(1), .string("科学城"), .int(30)],
            [.int(2), .string("b"), .int(10)], [.int(2), .string("b"), .int(20)],
            [.int(3), .string("x"), .null],
        ])
    }

    // MARK: distinct and union

    func testDistinctWithNulls() throws {
        let input = scan([("a", ints([1, nil, 1, nil, 2, 1])), ("b", strings(["x", nil, "x", nil, "x", "y"]))])
        XCTAssertEqual(try run(.distinct(input)), [
            [.int(1), .string("x")], [.null, .null], [.int(2), .string("x")], [.int(1), .string("y")],
        ])
    }

    func testUnionMergesStringDictionaries() throws {
        let a = scan([("s", strings(["重庆", nil])), ("n", ints([1, 2]))])
        let b = scan([("s", strings(["成都", "重庆"])), ("n", ints([nil, 4]))])
        let union = Plan.union(a, b)
        XCTAssertEqual(try run(union), [
            [.string("重庆"), .int(1)], [.null, .int(2)], [.string("成都"), .null], [.string("重庆"), .int(4)],
        ])
        XCTAssertEqual(try run(.aggregate(union, keys: [Output("s", col(0, .string))], aggregates: [agg(.count, nil, .int)])),
                       [[.string("重庆"), .int(2)], [.null, .int(1)], [.string("成都"), .int(1)]])
        XCTAssertEqual(try run(.distinct(.project(union, [Output("s", col(0, .string))]))),
                       [[.string("重庆")], [.null], [.string("成都")]])
    }

    func testJoinOnDatesSpreadIntsAndAnEmptyRight() throws {
        let dates = { (days: [Int32?]) in Column.from(days.map { $0.map(Value.date) ?? .null }, type: .date) }
        let left = scan([("d", dates([19000, nil, 19001])), ("big", ints([Int.min, 5, Int.max]))])
        let right = scan([("d", dates([19001, 19000, 19000])), ("big", ints([Int.max, Int.min, 7]))])
        XCTAssertEqual(try run(join(left, right, .inner, 0, 0, [Output("rb", 1)])).map(\.[2]),
                       [.int(Int.min), .int(7), .int(Int.max)])
        XCTAssertEqual(try run(join(left, right, .left, 1, 1, [Output("rd", 0)])).map(\.[2]),
                       [.date(19000), .null, .date(19001)])
        let empty = scan([("d", dates([])), ("x", ints([]))])
        XCTAssertEqual(try run(join(left, empty, .inner, 0, 0, [Output("x", 1)])), [])
        XCTAssertEqual(try run(join(left, empty, .left, 0, 0, [Output("x", 1)])).map(\.[2]),
                       [.null, .null, .null])
    }

    func testUnionWidensIntToFloatAndTypesNullColumns() throws {
        let a = scan([("n", ints([1, nil])), ("z", Column(.null(count: 2)))])
        let b = scan([("n", floats([2.5])), ("z", strings(["s"]))])
        let union = try Executor().run(.union(a, b))
        XCTAssertEqual(union.schema, [Field("n", .float), Field("z", .string)])
        XCTAssertEqual(rows(union), [[.float(1), .null], [.null, .null], [.float(2.5), .string("s")]])
    }

    func testAggregatesOfTheNullLiteral() throws {
        let input = scan([("v", ints([1, 2]))])
        let null = lit(.null)
        XCTAssertEqual(try run(.aggregate(input, keys: [], aggregates: [
            agg(.count, null, .int), agg(.countDistinct, null, .int), agg(.sum, null, .int), agg(.avg, null, .float),
            agg(.min, null, .null), agg(.median, null, .float),
        ])), [[.int(0), .int(0), .null, .null, .null, .null]])
    }

    func testStddevIsNumericallyStable() throws {
        let input = scan([("v", floats([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]))])
        let result = try run(.aggregate(input, keys: [], aggregates: [agg(.stddev, col(0, .float), .float),
                                                                      agg(.avg, col(0, .float), .float)]))
        XCTAssertEqual(result, [[.float(30.0.squareRoot()), .float(1e9 + 10)]])
    }

    func testCancellationStopsTheRun() {
        let cancel = Cancellation()
        cancel.cancel()
        XCTAssertThrowsError(try Executor(cancel: cancel).run(scan([("a", ints([1]))]))) {
            XCTAssertEqual($0 as? CQError, CQError(.cancelled))
        }
    }
}
