// InList: `x in [v, …]` and `x not in [v, …]` against a constant list.
//
// Null rule (SQL): a null x gives null; an x found in the list gives true
// (false for `not in`); an x not found gives false (true for `not in`) —
// unless the list holds a null, and then null. The binder has given the list
// x's type, or a mix of int and float (then both sides compare as Double).
// Strings are looked up once per dictionary entry, by their UTF-8 bytes
// (Unicode scalars, as `==` compares them, never canonical equivalence).

extension Evaluator {
    func inList(_ x: Operand, _ list: [Value], negated: Bool, count: Int, _ expr: BoundExpr) throws -> Column {
        if x.isNullScalar { return Column.nulls(.bool, count: count) }
        let listHasNull = list.contains(.null)
        let items = list.filter { !$0.isNull }
        let found: [Bool]
        if x.type.isTemporal, let a = x.micros {
            found = member(a, items.compactMap(\.micros), count)
        } else if let a = x.ints, items.allSatisfy({ $0.type == .int }) {
            found = member(a, items.compactMap { if case .int(let i) = $0 { return i } else { return nil } }, count)
        } else if let a = x.doubles, x.type != .string {
            found = member(a, items.compactMap(\.asDouble), count)
        } else if let a = x.dates {
            found = member(a, items.compactMap { if case .date(let d) = $0 { return d } else { return nil } }, count)
        } else if let a = x.bools {
            found = member(a, items.compactMap { if case .bool(let b) = $0 { return b } else { return nil } }, count)
        } else if let s = x.strings(count: count) {
            // By UTF-8 bytes, as `==` compares (Swift's String equality would call "e\u{301}" and "\u{E9}" equal).
            let wanted = Set(items.compactMap { if case .string(let t) = $0 { return Array(t.utf8) } else { return nil } })
            found = try mapStrings(s, validity: x.validity, perEntry: true, fallback: false) { _, bytes in
                wanted.contains(Array(bytes))
            }
        } else {
            throw internalError("'in' cannot take a \(x.type.rawValue)", expr)
        }
        let values = found.map { $0 != negated }
        // Not found with a null in the list: unknown.
        let known = listHasNull ? Bitmap(found) : nil
        return Column(.bool(values), validity: Bitmap.both(x.validity, known))
    }

    /// Whether each value is one of `items` (a linear scan for short lists, a set for long ones).
    private func member<T: Hashable>(_ a: Vec<T>, _ items: [T], _ count: Int) -> [Bool] {
        if items.count <= 8 { return mapVec(a, count: count) { items.contains($0) } }
        let set = Set(items)
        return mapVec(a, count: count) { set.contains($0) }
    }
}
