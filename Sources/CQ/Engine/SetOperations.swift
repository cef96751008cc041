// SetOperations: distinct rows, the union (append) of two tables, and
// intersect/except.
//
// Distinct numbers the rows by all their columns together (GroupBy) and
// keeps the first row of each number, so the output is in order of first
// occurrence and nulls equal each other. Intersect and except number the
// rows of both tables together the same way and keep the first row of each
// number the first table has, when the second has it too (or does not). Union appends columns pairwise;
// string columns of the two sides have different dictionaries, so the
// dictionaries are concatenated and the second side's codes offset (the
// result is marked non-unique; group-by deduplicates when it needs to).
// Type checking of the union is the binder's job; only a `null`-typed
// column is given the other side's type here.

enum SetOperations {
    /// The distinct rows of a table, first occurrence kept, in order of first occurrence.
    static func distinct(_ table: Table, cancel: Cancellation) throws -> Table {
        guard !table.columns.isEmpty else { return table.gather(table.rowCount > 0 ? [0] : []) }
        let groups = try Groups(keys: table.columns.map(KeyColumn.init(grouping:)), cancel: cancel)
        if groups.count == table.rowCount { return table }
        return table.gather(groups.firstRows)
    }

    /// The distinct rows of `first` that `second` holds (intersect) or lacks (except), in order of first
    /// occurrence in `first`; nulls equal each other, as in SQL's INTERSECT and EXCEPT.
    static func apply(_ op: SetOperator, _ first: Table, _ second: Table, cancel: Cancellation) throws -> Table {
        let both = try union(first, second)
        guard !both.columns.isEmpty else {
            let keep = first.rowCount > 0 && (second.rowCount > 0) == (op == .intersect)
            return first.gather(keep ? [0] : [])
        }
        let groups = try Groups(keys: both.columns.map(KeyColumn.init(grouping:)), cancel: cancel)
        var inSecond = [Bool](repeating: false, count: groups.count)
        for row in first.rowCount..<both.rowCount where groups.ids.indices.contains(row) && groups.ids[row] >= 0 {
            inSecond[Int(groups.ids[row])] = true
        }
        let wanted = op == .intersect
        let keep = groups.firstRows.filter { row in
            row < first.rowCount && inSecond[Int(groups.ids[row])] == wanted
        }
        return first.gather(keep)
    }

    /// The rows of `first` followed by the rows of `second`, under `first`'s names.
    static func union(_ first: Table, _ second: Table) throws -> Table {
        guard first.columns.count == second.columns.count else {
            throw CQError(.unionMismatch("union of tables with \(first.columns.count) and \(second.columns.count) columns"))
        }
        let columns = try zip(first.columns, second.columns).map(append)
        return Table(names: first.names, columns: columns, rowCount: first.rowCount + second.rowCount)
    }

    /// The rows of `a` followed by the rows of `b`.
    static func append(_ a: Column, _ b: Column) throws -> Column {
        let type = DataType.common(a.type, b.type) ?? a.type
        let a = a.widened(to: type)
        let b = b.widened(to: type)
        var validity: Bitmap?
        if a.validity != nil || b.validity != nil {
            var bits = Bitmap(count: a.count + b.count, value: true)
            for row in 0..<a.count where a.isNull(row) { bits[row] = false }
            for row in 0..<b.count where b.isNull(row) { bits[a.count + row] = false }
            validity = bits
        }
        switch (a.data, b.data) {
        case (.int(let x), .int(let y)): return Column(.int(x + y), type: a.type, validity: validity)
        case (.float(let x), .float(let y)): return Column(.float(x + y), type: a.type, validity: validity)
        case (.bool(let x), .bool(let y)): return Column(.bool(x + y), type: a.type, validity: validity)
        case (.int32(let x), .int32(let y)): return Column(.int32(x + y), type: a.type, validity: validity)
        case (.string(let x), .string(let y)):
            guard let shift = Int32(exactly: x.dictionary.count),
                  x.dictionary.count + y.dictionary.count <= Int(Int32.max) else {
                throw CQError(.invalidArgument("union has too many distinct strings"))
            }
            var dictionary = x.dictionary
            dictionary.isUnique = false
            let base = dictionary.bytes.count
            dictionary.bytes += y.dictionary.bytes
            dictionary.offsets += y.dictionary.offsets.dropFirst().map { $0 + base }
            return Column(.string(StringColumn(codes: x.codes + y.codes.map { $0 &+ shift }, dictionary: dictionary)),
                          validity: validity)
        case (.null(let m), .null(let n)): return Column(.null(count: m + n))
        default:
            throw CQError(.unionMismatch("cannot append \(b.type.rawValue) to \(a.type.rawValue)"))
        }
    }
}

extension Column {
    /// The column as `type`: an int column widened to float, an untyped null column given the type; otherwise as is.
    func widened(to type: DataType) -> Column {
        switch data {
        case .int(let a) where type == .float: return Column(.float(a.map { Double($0) }), validity: validity)
        case .null(let n) where type != .null: return Column.nulls(type, count: n)
        default: return self
        }
    }
}
