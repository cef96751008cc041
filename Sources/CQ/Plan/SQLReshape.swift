// SQLReshape: pivot, unpivot and sample as SQL, in the SELECT-building
// scheme of SQLEmitter.
//
// A pivot is written as the aggregate it means: GROUP BY the keys, and for
// each listed value each aggregate call once more with its rows narrowed to
// those holding the value — its first argument (and any other that is not
// a constant) becomes CASE WHEN COLUMN = v THEN x ELSE NULL END, `count()`
// becomes COUNT(CASE WHEN COLUMN = v THEN TRUE END) — so an empty cell is
// the aggregate over no rows, as in cq. A listed null matches with IS NULL.
// The values were fixed when the query was bound, so the SQL lists them.
// An unpivot is the input CROSS JOIN a numbered list of its columns, with a
// CASE picking each row's name and value, null values dropped, in row order
// then column order. A sample is refused in every dialect: an engine's
// SAMPLE or TABLESAMPLE draws other rows than cq's generator, and SQLite
// has none.

extension SQLBuilder {
    /// `pivot` as GROUP BY with one narrowed aggregate per value and call.
    func pivot(_ input: Plan, _ pivot: BoundPivot, order: Bool, qualify: Bool) throws -> Select {
        try compile(Self.pivotAsAggregate(input, pivot), order: order, qualify: qualify)
    }

    /// The aggregate (and projection) a pivot means: what its SQL is written from.
    static func pivotAsAggregate(_ input: Plan, _ pivot: BoundPivot) -> Plan {
        let keyCount = pivot.keys.count, callCount = pivot.aggregates.count
        var calls: [Output<BoundAggregate>] = []
        var cells: [Output<BoundExpr>] = []
        for (v, value) in pivot.values.enumerated() {
            let match = matching(pivot.column, value.value)
            for (j, call) in pivot.aggregates.enumerated() {
                calls.append(Output(callCount == 1 ? value.name : "__cq_c\(v)_\(j)", narrowed(call, to: match)))
            }
            cells.append(Output(value.name, pivot.cell.transform { e in
                guard case .column(let i) = e.kind, i >= keyCount else { return e }
                var moved = e
                moved.kind = .column(keyCount + v * callCount + (i - keyCount))
                return moved
            }))
        }
        let aggregated = Plan.aggregate(input, keys: pivot.keys, aggregates: calls)
        if case .column(let i) = pivot.cell.kind, i == keyCount, callCount == 1 { return aggregated }
        let keys = pivot.keys.enumerated().map { i, key in
            Output(key.name, BoundExpr(.column(i), type: key.value.type, range: key.value.range, text: key.name))
        }
        return .project(aggregated, keys + cells)
    }

    /// `column == value` (`column is null` for null).
    private static func matching(_ column: BoundExpr, _ value: Value) -> BoundExpr {
        if value.isNull { return BoundExpr(.isNull(column, negated: false), type: .bool, range: column.range, text: "\(column.text) is null") }
        let literal = BoundExpr(.literal(value), type: column.type, range: column.range, text: value.text ?? "null")
        return BoundExpr(.binary(.eq, column, literal), type: .bool, range: column.range, text: "\(column.text) == \(literal.text)")
    }

    /// An aggregate call over only the rows where `match` holds: its first argument and every argument
    /// that is not a constant give null elsewhere (`count()` counts the rows where `match` is true).
    private static func narrowed(_ call: BoundAggregate, to match: BoundExpr) -> BoundAggregate {
        func only(_ x: BoundExpr) -> BoundExpr {
            let null = BoundExpr(.literal(.null), type: x.type, range: x.range, text: "null")
            return BoundExpr(.call(.if, [match, x, null]), type: x.type, range: x.range, text: "if(\(match.text), \(x.text), null)")
        }
        var narrowed = call
        if call.countsRows {
            narrowed.arguments = [only(BoundExpr(.literal(.bool(true)), type: .bool, range: call.range, text: "true"))]
        } else {
            narrowed.arguments = call.arguments.enumerated().map { i, x in i == 0 || !x.isConstant ? only(x) : x }
        }
        return narrowed
    }

    /// `unpivot`: the input CROSS JOIN the numbers of its columns, a CASE for the name and one for the value.
    func unpivot(_ input: Plan, _ unpivot: BoundUnpivot, order: Bool, qualify: Bool) throws -> Select {
        var s = close(try compile(input, order: order, qualify: qualify), keepOrder: order, qualify: qualify)
        let alias = nextAlias("_u"), numberName = hiddenName("col")
        let numbers = unpivot.columns.indices.map { "SELECT \($0 + 1) AS \(numberName)" }.joined(separator: " UNION ALL ")
        s.from += "\nCROSS JOIN (\(numbers)) AS \(alias)"
        let number = "\(alias).\(numberName)"
        let w = writer(s)
        var names = "CASE \(number)", values = "CASE \(number)"
        for (i, column) in unpivot.columns.enumerated() {
            names += " WHEN \(i + 1) THEN \(w.literal(.string(column.name), type: .string).text)"
            values += " WHEN \(i + 1) THEN \(try w.write(column.value).text)"
        }
        names += " END"
        values += " END"
        s.wheres.append(SQLText("\(values) IS NOT NULL", SQLText.comparison))
        let kept = try unpivot.kept.map { output -> SQLText in
            guard s.columns.indices.contains(output.value) else {
                throw CQError(.internalFault(expression: output.name, detail: "unpivot keeps a column that does not exist"))
            }
            return s.columns[output.value]
        }
        s.columns = kept + [SQLText(names), SQLText(values)]
        s.names = unpivot.kept.map(\.name) + [unpivot.nameColumn, unpivot.valueColumn]
        s.simple = kept.map { _ in true } + [false, false]
        s.qualifiers.insert(alias)
        s.starColumns = nil
        s.order = order ? (s.order ?? []) + [OrderTerm(sql: SQLText(number), ordinal: true)] : nil
        return s
    }

    /// `sample`: refused, at the stage (no engine draws cq's rows).
    func sample(_ sample: BoundSample) -> CQError {
        CQError(.unsupportedSQL(stage: "sample (an engine's SAMPLE would draw other rows than cq)", dialect: dialect.displayName),
                at: sample.range)
    }
}
