// TextKernels: the string functions that cut, pad, search and join text —
// split_part, position, left, right, lpad, rpad, repeat and concat.
//
// Characters are Unicode scalars, so Chinese text measures, pads and slices
// by character. Each kernel walks UTF-8 bytes through StringWalk (once per
// dictionary entry when the other arguments are constants, else per row).
// A result that would be longer than `maxCharacters` and padding with an
// empty fill are errors, raised only for a row that is not null. Null
// rules: null in any argument gives null, except concat, which reads null
// as "". The definitions are in Semantics/Functions/StringFunctions.swift.

/// The most characters lpad, rpad and repeat make (a larger result is an error, not an exhausted memory).
let maxCharacters = 1 << 24

extension Evaluator {
    /// Whether every argument after the first is a constant (then a string kernel may work per dictionary entry).
    func constantRest(_ call: Call) -> Bool { call.operands.dropFirst().allSatisfy(\.isScalar) }

    /// The strings of argument i, or an internal error.
    func strings(_ call: Call, _ i: Int) throws -> StringColumn {
        guard let s = try call.operand(i).strings(count: call.count) else { throw call.unsupported }
        return s
    }

    /// The ints of argument i, or an internal error.
    func ints(_ call: Call, _ i: Int) throws -> Vec<Int> {
        guard let v = try call.operand(i).ints else { throw call.unsupported }
        return v
    }

    /// A string result per row, written by `f(row, s, other, &out)` where `other` is argument `i`'s string.
    private func withSecond(_ call: Call, _ i: Int,
                            _ f: (Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, inout [UInt8]) throws -> Void)
        throws -> Column {
        let s = try strings(call, 0), t = try strings(call, i)
        let result = try t.dictionary.withEntries { entry in
            try transformStrings(s, validity: call.validity, perEntry: constantRest(call)) { row, b, out in
                try f(row, b, entry(t.codes[row]), &out)
            }
        }
        return Column(.string(result), validity: call.validity)
    }

    /// split_part(s, sep, i): the i-th field of s between separators (1-based; negative counts from the end;
    /// "" when there is no such field). An empty separator splits into characters, as DuckDB does.
    func splitPart(_ call: Call) throws -> Column {
        let index = try ints(call, 2)
        return try withSecond(call, 1) { row, s, sep, out in
            out.append(contentsOf: field(s, sep, index.at(row)))
        }
    }

    /// position(s, sub): the character position of the first sub in s (1-based), 0 when absent.
    func position(_ call: Call) throws -> Column {
        let s = try strings(call, 0), sub = try strings(call, 1)
        let values = try sub.dictionary.withEntries { entry in
            try mapStrings(s, validity: call.validity, perEntry: constantRest(call), fallback: 0) { row, b in
                guard let at = ByteSearch.find(entry(sub.codes[row]), in: b, from: 0) else { return 0 }
                return scalarCount(UnsafeBufferPointer(rebasing: b[..<at])) + 1
            }
        }
        return Column(.int(values), validity: call.validity)
    }

    /// left(s, n) and right(s, n): the first (last) n characters; a negative n leaves out the last (first) -n.
    func edge(_ call: Call, fromEnd: Bool) throws -> Column {
        let s = try strings(call, 0), n = try ints(call, 1)
        let result = try transformStrings(s, validity: call.validity, perEntry: constantRest(call)) { row, b, out in
            let count = scalarCount(b)
            let k = n.at(row)
            let kept = k >= 0 ? Swift.min(k, count) : count - Swift.min(count, Int(clamping: k.magnitude))
            let cut = fromEnd ? byteOffset(b, character: count - kept) : byteOffset(b, character: kept)
            out.append(contentsOf: fromEnd ? b[cut...] : b[..<cut])
        }
        return Column(.string(result), validity: call.validity)
    }

    /// lpad(s, n[, fill]) and rpad: s cut or padded to n characters with fill (a space by default) repeated
    /// on the left (right). A negative n gives ""; padding with an empty fill is an error.
    func pad(_ call: Call, left: Bool) throws -> Column {
        let n = try ints(call, 1)
        try checkLength(call, n)
        let fills = call.operands.count > 2 ? try strings(call, 2) : StringColumn([" "])
        let s = try strings(call, 0)
        // An empty fill is an error only where padding is needed.
        try fills.dictionary.withEntries { fill in
            try checkStrings(s, call) { row, b in
                let code = call.operands.count > 2 ? fills.codes[row] : 0
                return fill(code).isEmpty && scalarCount(b) < n.at(row) ? "the fill is empty" : nil
            }
        }
        let padded: (Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void = { row, b, fill, out in
            let width = Swift.max(0, n.at(row))
            let count = scalarCount(b)
            if count >= width || fill.isEmpty {
                out.append(contentsOf: b[..<byteOffset(b, character: width)])
                return
            }
            if !left { out.append(contentsOf: b) }
            repeatCharacters(fill, width - count, into: &out)
            if left { out.append(contentsOf: b) }
        }
        if call.operands.count > 2 { return try withSecond(call, 2, padded) }
        let space: [UInt8] = [0x20]
        let result = try space.withUnsafeBufferPointer { fill in
            try transformStrings(s, validity: call.validity, perEntry: constantRest(call)) { row, b, out in
                padded(row, b, fill, &out)
            }
        }
        return Column(.string(result), validity: call.validity)
    }

    /// repeat(s, n): s written n times ("" for n ≤ 0).
    func repeated(_ call: Call) throws -> Column {
        let n = try ints(call, 1)
        let s = try strings(call, 0)
        try checkStrings(s, call) { row, b in
            let k = Swift.max(0, n.at(row))
            let (total, overflow) = scalarCount(b).multipliedReportingOverflow(by: k)
            return overflow || total > maxCharacters ? "the result would be longer than \(maxCharacters) characters" : nil
        }
        let result = try transformStrings(s, validity: call.validity, perEntry: constantRest(call)) { row, b, out in
            for _ in 0..<Swift.max(0, n.at(row)) { out.append(contentsOf: b) }
        }
        return Column(.string(result), validity: call.validity)
    }

    /// concat(a, …): the arguments as text, one after another; a null argument counts as "". Never null.
    func concat(_ call: Call) throws -> Column {
        let parts = try call.operands.map { x -> Operand in
            if x.type == .string || x.isNullScalar { return x }
            return .of(try conversion(Call(function: .string, operands: [x], count: call.count, expr: call.expr)))
        }
        var dictionary = StringDictionary()
        dictionary.isUnique = false
        let columns = parts.compactMap { $0.isNullScalar ? nil : (strings: $0.strings(count: call.count), validity: $0.validity) }
        for row in 0..<call.count {
            if row % Cancellation.batch == 0 { try cancel?.check() }
            for part in columns where part.validity?[row] != false {
                guard let s = part.strings else { continue }
                s.dictionary.withBytes(Int(s.codes[row])) { dictionary.bytes.append(contentsOf: $0) }
            }
            dictionary.offsets.append(dictionary.bytes.count)
        }
        return Column(.string(StringColumn(codes: (0..<call.count).map { Int32(truncatingIfNeeded: $0) }, dictionary: dictionary)))
    }

    /// An error for the first row (not null) whose length argument `n` would make too long a result.
    private func checkLength(_ call: Call, _ n: Vec<Int>) throws {
        if let row = firstFault(count: call.count, validity: call.validity, { n.at($0) > maxCharacters }) {
            throw CQError(.outOfDomain(expression: call.expr.text,
                                       detail: "\(n.at(row)) characters is more than the limit of \(maxCharacters)"),
                          at: call.expr.range)
        }
    }

    /// An error for the first row (not null) for which `problem(row, bytes)` names a problem.
    func checkStrings(_ s: StringColumn, _ call: Call, _ problem: (Int, UnsafeBufferPointer<UInt8>) -> String?) throws {
        let problems = try mapStrings(s, validity: call.validity, perEntry: constantRest(call), fallback: nil, problem)
        if let row = firstFault(count: problems.count, validity: call.validity, { problems[$0] != nil }), let detail = problems[row] {
            throw CQError(.outOfDomain(expression: call.expr.text, detail: detail), at: call.expr.range)
        }
    }
}

/// The i-th field of s between separators (see splitPart).
func field(_ s: UnsafeBufferPointer<UInt8>, _ sep: UnsafeBufferPointer<UInt8>, _ i: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
    var fields: [Range<Int>] = []
    if sep.isEmpty {
        let starts = (0..<s.count).filter { s[$0] & 0xC0 != 0x80 }
        fields = zip(starts, starts.dropFirst() + [s.count]).map { $0..<$1 }
    } else {
        var start = 0
        while let at = ByteSearch.find(sep, in: s, from: start) {
            fields.append(start..<at)
            start = at + sep.count
        }
        fields.append(start..<s.count)
    }
    let k = i > 0 ? i - 1 : fields.count + Swift.max(i, -fields.count - 1)
    guard i != 0, fields.indices.contains(k) else { return s[0..<0] }
    return s[fields[k]]
}

/// `count` characters of `fill`, repeated from its start as often as needed.
func repeatCharacters(_ fill: UnsafeBufferPointer<UInt8>, _ count: Int, into out: inout [UInt8]) {
    guard count > 0, !fill.isEmpty else { return }
    let perFill = scalarCount(fill)
    for _ in 0..<(count / perFill) { out.append(contentsOf: fill) }
    out.append(contentsOf: fill[..<byteOffset(fill, character: count % perFill)])
}
