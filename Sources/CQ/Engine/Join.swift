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
// the right side's distinct keys; a string key is looked up once per
// dictionary entry of the left column (`ProbeKeys`). A null key never matches. Only the output
// columns the consumer needs are gathered (Selection.swift); gathering is Column's job.

enum HashJoin {
    /// The joined table: every left column, then the right columns listed in `rightColumns`.
    static func run(left: Table, right: Table, kind: JoinKind, leftKey: Int, rightKey: Int,
                    rightColumns: [Output<Int>], needs: ColumnNeeds = nil, cancel: Cancellation) throws -> Table {
        guard left.columns.indices.contains(leftKey), right.columns.indices.contains(rightKey),
              rightColumns.allSatisfy({ right.columns.indices.contains($0.value) }) else {
            throw CQError(.invalidArgument("join refers to a column that does not exist"))
        }
        let (probe, rightKeys) = try joinKeys(left.columns[leftKey], right.columns[rightKey])
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

        let matches = probe.ids(in: index)
        guard matches.count == left.rowCount else {
            throw CQError(.invalidArgument("join key column has \(matches.count) rows, not \(left.rowCount)"))
        }
        var leftIndices: [Int] = []
        var rightIndices: [Int] = []
        leftIndices.reserveCapacity(left.rowCount)
        rightIndices.reserveCapacity(left.rowCount)
        try matches.withUnsafeBufferPointer { ids in
            try rightRows.withUnsafeBufferPointer { rows in
                try cancel.batches(left.rowCount) { range in
                    for row in range {
                        let id = Int(ids[row])
                        if id >= 0 {
                            for k in starts[id]..<starts[id + 1] {
                                leftIndices.append(row)
                                rightIndices.append(rows[k])
                            }
                        } else if kind == .left {
                            leftIndices.append(row)
                            rightIndices.append(-1)
                        }
                    }
                }
            }
        }
        // Only the output columns someone reads are gathered (the others are placeholders).
        let width = left.columns.count
        let leftPart = left.gather(leftIndices, only: needs)
        let rightPart = Table(names: rightColumns.map(\.name), columns: rightColumns.map { right.columns[$0.value] },
                              rowCount: right.rowCount)
            .gather(rightIndices, only: needs.map { n in Set(n.compactMap { $0 >= width ? $0 - width : nil }) })
        return Table(names: left.names + rightPart.names, columns: leftPart.columns + rightPart.columns,
                     rowCount: leftIndices.count)
    }

    /// The two key columns as integers in one space: equal integers exactly when the values are equal.
    static func joinKeys(_ left: Column, _ right: Column) throws -> (ProbeKeys, KeyColumn) {
        switch (left.data, right.data) {
        case (.string(let l), .string(let r)):
            var interner = StringInterner()
            let leftIDs = interner.intern(l.dictionary)
            let rightIDs = interner.intern(r.dictionary)
            return (ProbeKeys(entries: leftIDs.map { Int($0) }, codes: l.codes, validity: left.validity),
                    KeyColumn(values: r.codes.map { Int(rightIDs[Int($0)]) }, validity: right.validity))
        case (.float, .float), (.float, .int), (.int, .float):
            return (ProbeKeys(numericKey(left)), numericKey(right))
        case (.int, .int), (.int32, .int32), (.bool, .bool), (.null, _), (_, .null):
            return (ProbeKeys(KeyColumn(grouping: left)), KeyColumn(grouping: right))
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

/// The left key in the join's integer space: one integer per row, or — for strings — one per
/// dictionary entry plus the rows' codes, so each distinct string is looked up once, not once per row.
struct ProbeKeys {
    /// Per row, or per dictionary entry when `codes` is set.
    var entries: [Int]
    var codes: [Int32]?
    var validity: Bitmap?

    init(entries: [Int], codes: [Int32], validity: Bitmap?) {
        self.entries = entries
        self.codes = codes
        self.validity = validity
    }

    init(_ key: KeyColumn) {
        entries = key.values
        codes = nil
        validity = key.validity
    }

    /// The id in `index` of each row's key; -1 for a null key or one `index` lacks.
    func ids(in index: IntHashMap) -> [Int32] {
        let found = entries.map { index.find($0) }
        var ids = codes.map { $0.map { found[Int($0)] } } ?? found
        if let validity {
            for row in ids.indices where !validity[row] { ids[row] = -1 }
        }
        return ids
    }
}

