// FunctionRegistryTests: every registered function is complete — it has
// help text, a kernel that runs for every argument type its overloads
// accept (giving the type the binder promised, never an internal error),
// and a SQL spelling or an explicit refusal in every dialect. Also the
// registry's names are unique and a volatile function is never folded.

import XCTest
@testable import CQ

final class FunctionRegistryTests: XCTestCase {
    /// One row of ordinary values and one row of nulls, a column per type.
    let table = Table(names: ["i", "f", "s", "b", "d"], columns: [
        Column.from([.int(2), .null], type: .int),
        Column.from([.float(2.5), .null], type: .float),
        Column.from([.string("2"), .null], type: .string),
        Column.from([.bool(true), .null], type: .bool),
        Column.from([.date(19422), .null], type: .date),
    ], rowCount: 2)
    let types: [DataType] = [.int, .float, .string, .bool, .date]

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
                for dialect in SQLDialect.allCases {
                    let writer = SQLExpressionWriter(dialect: dialect, columns: table.names.map { SQLText($0) })
                    do {
                        _ = try writer.write(call)
                    } catch let error as CQError {
                        guard case .unsupportedSQL = error.problem else {
                            return XCTFail("\(what) in \(dialect): \(error.problem.message)")
                        }
                    }
                }
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
                for dialect in SQLDialect.allCases {
                    let writer = SQLExpressionWriter(dialect: dialect, columns: table.names.map { SQLText($0) })
                    do {
                        _ = try writer.aggregate(agg)
                    } catch let error as CQError {
                        guard case .unsupportedSQL = error.problem else {
                            return XCTFail("\(what) in \(dialect): \(error.problem.message)")
                        }
                    }
                }
            }
        }
    }

    /// An accumulator split over two parts and merged gives what one pass gives.
    func testAccumulatorsMergeParts() throws {
        let values = Column.from([.int(5), .null, .int(-3), .int(8), .int(5), .int(1)], type: .int)
        let ids: [Int32] = [0, 1, 1, 0, -1, 1]
        let v = BoundExpr(.column(0), type: .int, range: SourceRange(0, 1), text: "v")
        let cancel = Cancellation()
        for f in Functions.all where f.isAggregate {
            let args = f.overload(for: [.int]) == nil ? [] : [v]
            let type = try f.resolve(args, call: SourceRange(0, 1))
            let agg = BoundAggregate(function: f, arguments: args, type: type, range: SourceRange(0, 1), text: f.name)
            let columns = args.isEmpty ? [] : [values]
            var whole = try f.accumulator(for: agg)
            try whole.update(columns, GroupedRows(ids: ids, count: 2, range: 0..<6), cancel: cancel)
            var first = try f.accumulator(for: agg)
            try first.update(columns, GroupedRows(ids: ids, count: 2, range: 0..<4), cancel: cancel)
            var second = try f.accumulator(for: agg)
            try second.update(columns, GroupedRows(ids: ids, count: 2, range: 4..<6), cancel: cancel)
            try first.merge(second, cancel: cancel)
            let a = try whole.finalize(groups: 2, cancel: cancel), b = try first.finalize(groups: 2, cancel: cancel)
            XCTAssertEqual((0..<2).map { a.value(at: $0) }, (0..<2).map { b.value(at: $0) }, f.name)
            // Where rows can be taken out again, all rows less the first part is the second part.
            guard var retracting = try f.accumulator(for: agg) as? any RetractingAccumulator else { continue }
            try retracting.update(columns, GroupedRows(ids: ids, count: 2, range: 0..<6), cancel: cancel)
            try retracting.retract(columns, GroupedRows(ids: ids, count: 2, range: 0..<4), cancel: cancel)
            var rest = try f.accumulator(for: agg)
            try rest.update(columns, GroupedRows(ids: ids, count: 2, range: 4..<6), cancel: cancel)
            let c = try retracting.finalize(groups: 2, cancel: cancel), d = try rest.finalize(groups: 2, cancel: cancel)
            XCTAssertEqual((0..<2).map { c.value(at: $0) }, (0..<2).map { d.value(at: $0) }, "\(f.name) retracted")
        }
    }

    func testAnInternalFaultHasItsOwnPhase() {
        let error = CQError(.internalFault(expression: "x + 1", detail: "a string result where int was expected"))
        XCTAssertEqual(error.phase, .internal)
        XCTAssertEqual(error.problem.message, "internal error in 'x + 1': a string result where int was expected")
        XCTAssertTrue(error.json(in: nil).contains("\"phase\":\"internal\""))
    }
}
