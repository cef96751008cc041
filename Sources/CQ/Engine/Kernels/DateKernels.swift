// DateKernels: year, month, day and date(…).
//
// Dates are days since 1970-01-01 (DateMath in Semantics/Types.swift does
// the calendar). date(string) accepts exactly YYYY-MM-DD and is computed once
// per dictionary entry; a string that is not a valid date is a conversion
// error — raised only if a non-null row uses it. date(date) is the date
// itself. Date arithmetic is Arithmetic's. Null rule: null in → null out.

extension Operand {
    /// A date or datetime operand as microseconds since the epoch (a date is its midnight); nil for other types.
    var micros: Vec<Int>? {
        if let d = dates {
            switch d {
            case .array(let a): return .array(a.map { DateMath.micros(days: $0) })
            case .constant(let c): return .constant(DateMath.micros(days: c))
            }
        }
        return type == .datetime ? ints : nil
    }
}

extension Evaluator {
    func dateFunction(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        let validity = call.validity
        if let d = x.dates {
            switch call.function {
            case .year: return Column(.int(mapVec(d, count: call.count) { DateMath.civil($0).year }), validity: validity)
            case .month: return Column(.int(mapVec(d, count: call.count) { DateMath.civil($0).month }), validity: validity)
            case .day: return Column(.int(mapVec(d, count: call.count) { DateMath.civil($0).day }), validity: validity)
            case .date: return x.column(count: call.count)
            default: throw call.unsupported
            }
        }
        guard call.function == .date, let s = x.strings(count: call.count) else { throw call.unsupported }
        let days = try parseEach(s, validity: validity, call.expr, zero: 0, { bytes in DateMath.parse(bytes) },
                                 failure: { "'\($0)' is not a valid date" })
        return Column(.int32(days), type: .date, validity: validity)
    }

    /// `parse` applied to every string of `s` (once per dictionary entry); the first non-null row
    /// whose string does not parse is a conversion error with `failure(text)` as its detail.
    func parseEach<T>(_ s: StringColumn, validity: Bitmap?, _ expr: BoundExpr,
                      zero: T, _ parse: (UnsafeBufferPointer<UInt8>) -> T?, failure: (String) -> String) throws -> [T] {
        let parsed = try mapStrings(s, validity: validity, perEntry: true, fallback: nil) { _, bytes in parse(bytes) }
        if let row = firstFault(count: parsed.count, validity: validity, { parsed[$0] == nil }) {
            throw CQError(.conversion(expression: expr.text, detail: failure(s.text(at: row))), at: expr.range)
        }
        // Only null rows failed, if any: their values do not matter.
        return parsed.map { $0 ?? zero }
    }
}
