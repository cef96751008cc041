// Join: the hash join of two tables on one key column per side, inner or left.
//
// Both key columns are reduced to integers in one shared space (`joinKeys`):
// ints, dates and bools as they are, int/float mixes as float bit patterns
// (so they compare numerically), strings by content through one interner
// over both dictionaries (two dictionaries never share codes). The right
// side's distinct keys are numbered (GroupBy) and put in a hash table, its
// rows laid out contiguously per key in right order; each left key is then
// looked up, never inserted. The table is always built on the right side:
// that is what keeps the output order (left rows in order, each followed by
// its matches in right order) without a sort afterwards, and it holds only
// the right side's distinct keys. A null key never matches. Gathering the output columns is Column's job.

enum HashJoin {
    /// The joined table: every left column, then the right columns listed in `rightColumns`.
    static func run(left: Table, right: Table, kind: JoinKind, leftKey: Int, rightKey: Int,
                    rightColumns: [Output<Int>], cancel: Cancellation) throws -> Table {
        guard left.columns.indices.contains(leftKey), right.columns.indices.contains(rightKey),
              rightColumns.allSatisfy({ right.columns.indices.contains($0.value) }) else {
            throw CQError(.invalidArgument("join refers to a column that does not exist"))
        }
        let (leftKeys, rightKeys) = try joinKeys(left.columns[leftKey], right.columns[rightKey])
        let rightGroups = try Groups(rightKeys, nulls: .skip, cancel: cancel)
        var index = IntHashMap(expected: rightGroups.count)
        for (id, row) in rightGroups.firstRows.enumerated() {
            _ = index.slot(for: rightKeys.values[row], proposed: Int32(truncatingIfNeeded: id))
        }

        // Right rows by key id, contiguous and in right order.
        var starts = [Int](repeating: 0, count: rightGroups.count + 1)
        for id in rightGroups.ids where id >= 0 { starts[Int(id) + 1] += 1 }
        for id in 0..<rightGroups.count { starts[id + 1] += starts[id] }
        var next = starts
        var rightRows = [Int](repeating: 0, count: starts[rightGroups.count])
        for (row, id) in rightGroups.ids.enumerated() where id >= 0 {
            rightRows[next[Int(id)]] = row
            next[Int(id)] += 1
        }

        var leftIndices: [Int] = []
        var rightIndices: [Int] = []
        leftIndices.reserveCapacity(left.rowCount)
        rightIndices.reserveCapacity(left.rowCount)
        try cancel.batches(left.rowCount) { range in
            for row in range {
                let id = leftKeys.isNull(row) ? -1 : Int(index.find(leftKeys.values[row]))
                if id >= 0 {
                    for match in rightRows[starts[id]..<starts[id + 1]] {
                        leftIndices.append(row)
                        rightIndices.append(match)
                    }
                } else if kind == .left {
                    leftIndices.append(row)
                    rightIndices.append(-1)
                }
            }
        }
        let columns = left.columns.map { $0.gather(leftIndices) }
            + rightColumns.map { right.columns[$0.value].gather(rightIndices) }
        return Table(names: left.names + rightColumns.map(\.name), columns: columns, rowCount: leftIndices.count)
    }

    /// The two key columns as integers in one space: equal integers exactly when the values are equal.
    static func joinKeys(_ left: Column, _ right: Column) throws -> (KeyColumn, KeyColumn) {
        switch (left.data, right.data) {
        case (.string(let l), .string(let r)):
            var interner = StringInterner()
            let leftIDs = interner.intern(l.dictionary)
            let rightIDs = interner.intern(r.dictionary)
            return (KeyColumn(values: l.codes.map { Int(leftIDs[Int($0)]) }, validity: left.validity),
                    KeyColumn(values: r.codes.map { Int(rightIDs[Int($0)]) }, validity: right.validity))
        case (.float, .float), (.float, .int), (.int, .float):
            return (numericKey(left), numericKey(right))
        case (.int, .int), (.date, .date), (.bool, .bool), (.null, _), (_, .null):
            return (KeyColumn(grouping: left), KeyColumn(grouping: right))
        default:
            throw CQError(.typeMismatch("cannot join \(left.type.rawValue) with \(right.type.rawValue)"))
        }
    }

    /// An int or float column keyed by its value as a float.
    private static func numericKey(_ column: Column) -> KeyColumn {
        switch column.data {
        case .int(let a): return KeyColumn(values: a.map { KeyColumn.floatKey(Double($0)) }, validity: column.validity)
        default: return KeyColumn(grouping: column)
        }
    }
}
