// FunctionRegistryTests: every registered function is complete — it has
// help text, a kernel that runs for every argument type its overloads
// accept (giving the type the binder promised, never an internal error),
// and a SQL spelling or an explicit refusal in every dialect. Also the
// registry's names are unique and a volatile function is never folded.

import XCTest
@testable import CQ

final class FunctionRegistryTests: XCTestCase {
    /// One row of ordinary values and one row of nulls, a column per type.
    let table = Table(names: ["i", "f", "s", "b", "d", "t"], columns: [
        Column.from([.int(2), .null], type: .int),
        Column.from([.float(2.5), .null], type: .float),
        Column.from([.string("2"), .null], type: .string),
        Column.from([.bool(true), .null], type: .bool),
        Column.from([.date(19422), .null], type: .date),
        Column.from([.datetime(1_678_100_000_250_000), .null], type: .datetime),
    ], rowCount: 2)
    let types: [DataType] = [.int, .float, .string, .bool, .date, .datetime]

    func column(_ t: DataType) -> BoundExpr {
        let i = types.firstIndex(of: t) ?? 0
        return BoundExpr(.column(i), type: t, range: SourceRange(0, 1), text: table.names[i])
    }

    /// Every list of argument types (up to three arguments) that some overload of `f` accepts.
    func argumentTypes(_ f: Function) -> [[DataType]] {
        var lists: [[DataType]] = []
        for overload in f.overloads {
            let lowest = overload.arity.lowerBound
            for n in lowest...Swift.min(overload.arity.upperBound, Swift.max(lowest, 1) + 1, 3) {
                var combos: [[DataType]] = [[]]
                for _ in 0..<n { combos = combos.flatMap { c in types.map { c + [$0] } } }
                lists += combos.filter { overload.accepts($0) }
            }
        }
        return lists
    }

    func testEveryFunctionHasHelpAndANameOfItsOwn() {
        var seen = Set<String>()
        for f in Functions.all {
            XCTAssertFalse(f.help.summary.isEmpty, f.name)
            XCTAssertFalse(f.help.example.isEmpty, f.name)
            XCTAssertFalse(f.nullRule.text.isEmpty, f.name)
            XCTAssertFalse(f.overloads.isEmpty, f.name)
            XCTAssertTrue(f.overloads.allSatisfy { o in
                if case .aggregate = o.kernel { return f.isAggregate }
                return !f.isAggregate
            }, "\(f.name): its overloads mix aggregate and scalar kernels")
            for spelling in f.spellings {
                XCTAssertEqual(spelling, spelling.lowercased(), f.name)
                XCTAssertTrue(seen.insert(spelling).inserted, "\(spelling) is registered twice")
                XCTAssertTrue(Functions.lookup(spelling) === f, spelling)
            }
        }
    }

    func testEveryScalarKernelRunsAndEveryDialectSpellsOrRefuses() throws {
        for f in Functions.all where !f.isAggregate && !f.isWindow {
            let lists = argumentTypes(f)
            XCTAssertFalse(lists.isEmpty, f.name)
            for list in lists {
                let args = list.map(column)
                guard let type = try? f.resolve(args, call: SourceRange(0, 1)) else { continue }
                let call = BoundExpr(.call(f, args), type: type, range: SourceRange(0, 1), text: "\(f.name)(…)")
                let what = "\(f.name)(\(list.map(\.rawValue).joined(separator: ", ")))"
                do {
                    let result = try Evaluator().evaluate(call, on: table)
                    XCTAssertEqual(result.count, 2, what)
                    XCTAssertTrue(result.type == type || result.type == .null, what)
                } catch let error as CQError {
                    XCTAssertEqual(error.phase, .runtime, "\(what): \(error.problem.message)")
                }
                spellsOrRefuses(what) { try $0.write(call) }
            }
        }
    }

    /// Every dialect writes the call, or refuses it with "cannot express … in D SQL" (never another error).
    private func spellsOrRefuses(_ what: String, _ write: (SQLExpressionWriter) throws -> SQLText) {
        for dialect in SQLDialect.allCases {
            let writer = SQLExpressionWriter(dialect: dialect, columns: table.names.map { SQLText($0) })
            do {
                _ = try write(writer)
            } catch let error as CQError {
                guard case .unsupportedSQL = error.problem else {
                    return XCTFail("\(what) in \(dialect): \(error.problem.message)")
                }
            } catch {
                return XCTFail("\(what) in \(dialect): \(error)")
            }
        }
    }

    func testEveryAggregateAccumulatesAndEveryDialectSpellsOrRefuses() throws {
        let groups = Groups.single(rowCount: table.rowCount)
        for f in Functions.all where f.isAggregate {
            let lists = argumentTypes(f)
            XCTAssertFalse(lists.isEmpty, f.name)
            for list in lists {
                let args = list.map(column)
                guard let type = try? f.resolve(args, call: SourceRange(0, 1)) else { continue }
                let agg = BoundAggregate(function: f, arguments: args, type: type, range: SourceRange(0, 1), text: "\(f.name)(…)")
                let what = "\(f.name)(\(list.map(\.rawValue).joined(separator: ", ")))"
                do {
                    let result = try Aggregates.compute(agg, over: table, groups: groups, evaluator: Evaluator(), cancel: Cancellation())
                    XCTAssertEqual(result.count, 1, what)
                    XCTAssertTrue(result.type == type || result.type == .null, what)
                } catch let error as CQError {
                    XCTAssertEqual(error.phase, .runtime, "\(what): \(error.problem.message)")
                }
                spellsOrRefuses(what) { try $0.aggregate(agg) }
            }
        }
    }

    /// An accumulator split over two parts and merged gives what one pass gives; where rows can be taken out
    /// again, all rows less the first part is the second part.
    func testAccumulatorsMergePartsAndRetract() throws {
        let ints: [Value] = [.int(5), .null, .int(-3), .int(8), .int(5), .int(1)]
        let columns: [DataType: Column] = [
            .int: Column.from(ints, type: .int),
            .bool: Column.from(ints.map { $0.asDouble.map { .bool($0 > 0) } ?? .null }, type: .bool),
            .string: Column.from(ints.map { $0 == .null ? .null : .string("值\($0)") }, type: .string),
        ]
        let ids: [Int32] = [0, 1, 1, 0, -1, 1]
        let cancel = Cancellation()
        for f in Functions.all where f.isAggregate {
            guard let overload = f.overloads.last else { continue }
            // Arguments after the first are constants where the function requires it (quantile's p).
            var args: [BoundExpr] = [], inputs: [Column] = []
            for (i, param) in overload.params.enumerated() {
                var type = DataType.int
                if case .exactly(let t) = param { type = t }
                if i > 0, f.checkArguments != nil {
                    let v: Value = type == .string ? .string("、") : .float(0.5)
                    args.append(BoundExpr(.literal(v), type: v.type, range: SourceRange(0, 1), text: "c"))
                    inputs.append(Column.constant(v, count: ids.count))
                } else {
                    args.append(BoundExpr(.column(i), type: type, range: SourceRange(0, 1), text: "v\(i)"))
                    inputs.append(columns[type] ?? Column(.null(count: ids.count)))
                }
            }
            let type = try f.resolve(args, call: SourceRange(0, 1))
            let agg = BoundAggregate(function: f, arguments: args, type: type, range: SourceRange(0, 1), text: f.name)
            func state(_ range: Range<Int>) throws -> any Accumulator {
                var a = try f.accumulator(for: agg)
                try a.update(inputs, GroupedRows(ids: ids, count: 2, range: range), cancel: cancel)
                return a
            }
            func values(_ a: any Accumulator) throws -> [Value] {
                let c = try a.finalize(groups: 2, cancel: cancel)
                return (0..<2).map { c.value(at: $0) }
            }
            var first = try state(0..<4)
            try first.merge(try state(4..<6), cancel: cancel)
            XCTAssertEqual(try values(first), try values(try state(0..<6)), f.name)
            guard var all = try state(0..<6) as? any RetractingAccumulator else { continue }
            try all.retract(inputs, GroupedRows(ids: ids, count: 2, range: 0..<4), cancel: cancel)
            XCTAssertEqual(try values(all), try values(try state(4..<6)), "\(f.name) retracted")
        }
    }

    func testAnInternalFaultHasItsOwnPhase() {
        let error = CQError(.internalFault(expression: "x + 1", detail: "a string result where int was expected"))
        XCTAssertEqual(error.phase, .internal)
        XCTAssertEqual(error.problem.message, "internal error in 'x + 1': a string result where int was expected")
        XCTAssertTrue(error.json(in: nil).contains("\"phase\":\"internal\""))
    }
}
