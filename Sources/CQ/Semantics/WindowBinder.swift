// WindowBinder: binds the window calls `f(…) over (by …, sort …, rows A..B)`
// of one extend, select or where stage (LANGUAGE.md §8 Windows).
//
// It lends the stage's ExpressionBinder a `windowCall` that binds each call's
// arguments, partition keys and sort keys over the stage's input, applies
// the default frame (`..0` with sort, the whole partition without), checks
// the call (a window function or an aggregate; ntile's and lag's constants;
// a frame that does not start after it ends) and stands a column for it:
// the window node under the stage (`Plan.window`) appends one column per
// distinct call (by its text) to the input, and the stage reads it like any
// column. So a window sees every row that reaches its stage, before a
// `where` drops any. Inside a window call's arguments and keys no window or
// bare aggregate is allowed; everywhere else (summarize, keys, sort, top,
// per) the ExpressionBinder has no `windowCall` and refuses `over`. The
// computing is Engine/Window.swift's, the SQL Plan/SQLWindows.swift's.

/// Collects the window calls of one stage and builds the window node under it.
final class WindowBinder {
    let binder: Binder
    /// The stage's expressions over its input, without windows (for arguments and keys).
    private let plain: ExpressionBinder
    /// The window calls found so far, each named by its text.
    private(set) var windows: [Output<BoundWindow>] = []

    init(binder: Binder, exprs: ExpressionBinder) {
        self.binder = binder
        self.plain = exprs
    }

    /// The stage's ExpressionBinder, with window calls allowed.
    var expressions: ExpressionBinder {
        var exprs = plain
        exprs.windowCall = { e, call, spec in try self.bind(e, call: call, spec: spec) }
        return exprs
    }

    /// The stage's input: the plan itself, or the window node over it when the stage has window calls.
    func input(_ plan: Plan) -> Plan {
        windows.isEmpty ? plan : .window(plan, windows)
    }

    /// `where` over windows: the filter over the window node, then the input's columns again.
    func filter(_ plan: Plan, _ predicate: BoundExpr) -> Plan {
        guard !windows.isEmpty else { return .filter(plan, predicate) }
        let columns = plan.schema.enumerated().map { i, f in Output(f.name, binder.column(i, f, predicate.range)) }
        return .project(.filter(input(plan), predicate), columns)
    }

    /// One window call: the column of the window node that holds it.
    func bind(_ e: Expr, call: Expr, spec: WindowSpec) throws -> BoundExpr {
        guard case .call(let name, let nameRange, let args) = call.kind else {
            throw CQError(.internalFault(expression: binder.text(e.range), detail: "over without a call"), at: e.range)
        }
        guard let function = Functions.lookup(name) else {
            if case .function? = binder.catalog.lookup(name) { throw CQError(.overOnScalar(name), at: nameRange) }
            throw CQError(.unknownFunction(name, suggestion: Functions.suggestion(for: name)), at: nameRange)
        }
        guard function.isWindow || function.isAggregate else { throw CQError(.overOnScalar(function.name), at: nameRange) }
        let arguments = try args.map { try plain.bind($0) }
        let type = try function.resolve(arguments, call: call.range)
        try checkConstants(function, arguments)
        let partition = try spec.partition.map { try plain.bind($0) }
        let order = try spec.order.map { try binder.sortKey($0, plain, defaultDescending: false) }
        let text = binder.text(e.range)
        let index: Int
        if let existing = windows.firstIndex(where: { $0.name == text }) {
            index = existing
        } else {
            let window = BoundWindow(function: function, arguments: arguments, partition: partition, order: order,
                                     frame: try frame(spec, sorted: !order.isEmpty), type: type, range: e.range, text: text)
            windows.append(Output(text, window))
            index = windows.count - 1
        }
        return BoundExpr(.column(plain.schema.count + index), type: type, range: e.range, text: text)
    }

    /// `rows A..B` as written, else the default: running with a sort, the whole partition without.
    private func frame(_ spec: WindowSpec, sorted: Bool) throws -> RowFrame {
        guard let written = spec.frame else { return sorted ? .running : .partition }
        if let start = written.start, let end = written.end, start > end {
            throw CQError(.invalidArgument("the frame starts after it ends (rows \(start)..\(end)); write the earlier row first"),
                          at: written.range)
        }
        return RowFrame(start: written.start, end: written.end)
    }

    /// ntile's bucket count is a constant of 1 or more; lag's and lead's offset a constant.
    private func checkConstants(_ function: Function, _ arguments: [BoundExpr]) throws {
        let position: Int
        switch function.windowKind {
        case .ntile?: position = 0
        case .lag?, .lead?: position = 1
        default: return
        }
        guard arguments.indices.contains(position) else { return }
        let argument = arguments[position]
        guard argument.isConstant else { throw CQError(.notConstant(argument.text), at: argument.range) }
        let value = try Evaluator().evaluateScalar(argument)
        guard case .int(let n) = value else {
            throw CQError(.invalidArgument("\(function.name)() needs a whole number here, got \(argument.text)"), at: argument.range)
        }
        if function.windowKind == .ntile && n < 1 {
            throw CQError(.invalidArgument("ntile() needs 1 or more buckets, got \(n)"), at: argument.range)
        }
    }
}
