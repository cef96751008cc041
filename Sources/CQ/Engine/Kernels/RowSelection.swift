// RowSelection: moving rows between a column and a subset of its rows —
// `spread` puts the results computed for selected rows back at their places,
// `blend` takes each row from one of two columns.
//
// These serve the conditional forms of the Evaluator (`if`, `coalesce`, `??`,
// `and`, `or`), which evaluate an operand only for the rows that need it.
// Gathering rows is Column.gather's (Engine/Column.swift).

extension Column {
    /// This column's rows placed at `positions` (ascending, < count) of a column of `count` rows;
    /// the other rows are null.
    func spread(to positions: [Int], count: Int) -> Column {
        var mask = Bitmap(count: count, value: false)
        for (j, p) in positions.enumerated() where !isNull(j) { mask[p] = true }
        func place<T>(_ a: [T], _ zero: T) -> [T] {
            var out = [T](repeating: zero, count: count)
            for (j, p) in positions.enumerated() { out[p] = a[j] }
            return out
        }
        switch data {
        case .int(let a): return Column(.int(place(a, 0)), type: type, validity: mask)
        case .float(let a): return Column(.float(place(a, 0)), type: type, validity: mask)
        case .bool(let a): return Column(.bool(place(a, false)), type: type, validity: mask)
        case .int32(let a): return Column(.int32(place(a, 0)), type: type, validity: mask)
        case .string(let s):
            return Column(.string(StringColumn(codes: place(s.codes, 0), dictionary: s.dictionary)), type: type, validity: mask)
        case .null: return Column(.null(count: count))
        }
    }
}

/// Row i from `a` where `pick[i]` is set, else from `b` (both of one type and `pick.count` rows);
/// nil when the types differ or the two string dictionaries together are too large to code.
func blend(_ pick: Bitmap, _ a: Column, _ b: Column) -> Column? {
    let count = pick.count
    var validity: Bitmap?
    if a.validity != nil || b.validity != nil {
        let va = a.validity ?? Bitmap(count: count, value: true)
        let vb = b.validity ?? Bitmap(count: count, value: true)
        let words = (0..<pick.words.count).map { w in
            (pick.words[w] & va.words[w]) | (~pick.words[w] & vb.words[w])
        }
        validity = Bitmap(words: words, count: count)
    }
    func choose<T>(_ x: [T], _ y: [T]) -> [T] {
        fillChecked(count) { i in (pick[i] ? x[i] : y[i], false) }.values
    }
    switch (a.data, b.data) {
    case (.int(let x), .int(let y)): return Column(.int(choose(x, y)), type: a.type, validity: validity)
    case (.float(let x), .float(let y)): return Column(.float(choose(x, y)), type: a.type, validity: validity)
    case (.bool(let x), .bool(let y)): return Column(.bool(choose(x, y)), type: a.type, validity: validity)
    case (.int32(let x), .int32(let y)): return Column(.int32(choose(x, y)), type: a.type, validity: validity)
    case (.string(let x), .string(let y)):
        // One dictionary holding both: b's codes move past a's entries.
        guard let shift = Int32(exactly: x.dictionary.count),
              Int32(exactly: x.dictionary.count + y.dictionary.count) != nil else { return nil }
        var dictionary = x.dictionary
        dictionary.isUnique = false
        let base = dictionary.bytes.count
        dictionary.bytes.append(contentsOf: y.dictionary.bytes)
        dictionary.offsets.append(contentsOf: y.dictionary.offsets.dropFirst().map { $0 + base })
        let codes = choose(x.codes, y.codes.map { $0 &+ shift })
        return Column(.string(StringColumn(codes: codes, dictionary: dictionary)), validity: validity)
    case (.null, .null): return Column(.null(count: count))
    default: return nil
    }
}
