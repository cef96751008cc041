// Conversions: string(x), int(x) and float(x).
//
// string: the type's text (TypeTraits: ints in decimal, floats by
// NumberText.format, bools as "true"/"false", dates as YYYY-MM-DD, …). int: floats truncate toward zero (NaN,
// infinities and values outside the int range are conversion errors); text
// is read by NumberText.parse (万/亿 allowed) and then truncated; bools are
// 0/1. float: ints widen; text is read by NumberText.parse; bools are 0/1.
// Text that is not a number is a conversion error, raised only for a non-null
// row (text is parsed once per dictionary entry). Null rule: null in → null out.

extension Evaluator {
    /// string(x).
    func toText(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        if x.type == .string { return x.column(count: call.count) }
        return Column(.string(try textColumn(x, count: call.count, validity: call.validity)), validity: call.validity)
    }

    /// int(x): floats truncate toward zero; text is read as a number (万/亿 allowed) and truncated; bools are 0/1.
    func toInt(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        let (count, validity, expr) = (call.count, call.validity, call.expr)
        switch x.type {
        case .int:
            return x.column(count: count)
        case .float:
            guard let a = x.doubles else { throw call.unsupported }
            let ctx = Checked(count: count, validity: validity, expr: expr)
            let values = try ctx.run(a, { d in truncated(d).map { ($0, false) } ?? (0, true) },
                                     fault: { .conversion(expression: expr.text, detail: "\(NumberText.format($0)) is out of the int range") })
            return Column(.int(values), validity: validity)
        case .bool:
            guard let a = x.bools else { throw call.unsupported }
            return Column(.int(mapVec(a, count: count) { $0 ? 1 : 0 }), validity: validity)
        case .string:
            let values = try parseEach(try call.strings(0), validity: validity, expr, zero: 0, { bytes -> Int? in
                switch NumberText.parse(bytes) {
                case .int(let i)?: return i
                case .float(let d)?: return truncated(d)
                default: return nil
                }
            }, failure: { text in
                let isNumber = text.utf8.withContiguousStorageIfAvailable { NumberText.parse($0) != nil } ?? false
                return isNumber ? "'\(text)' is out of the int range" : "'\(text)' is not an int"
            })
            return Column(.int(values), validity: validity)
        default:
            throw call.unsupported
        }
    }

    /// float(x): ints widen; text is read as a number (万/亿 allowed); bools are 0/1.
    func toFloat(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        let (count, validity) = (call.count, call.validity)
        switch x.type {
        case .float:
            return x.column(count: count)
        case .int:
            guard let a = x.doubles else { throw call.unsupported }
            return Column(.float(mapVec(a, count: count) { $0 }), validity: validity)
        case .bool:
            guard let a = x.bools else { throw call.unsupported }
            return Column(.float(mapVec(a, count: count) { $0 ? 1 : 0 }), validity: validity)
        case .string:
            let values = try parseEach(try call.strings(0), validity: validity, call.expr, zero: 0, { NumberText.parse($0)?.asDouble },
                                       failure: { "'\($0)' is not a float" })
            return Column(.float(values), validity: validity)
        default:
            throw call.unsupported
        }
    }

    /// string(x) for an operand of any type but string (its TypeTraits text), one entry per row.
    private func textColumn(_ x: Operand, count: Int, validity: Bitmap?) throws -> StringColumn {
        let column = x.column(count: count)
        let text: (Int) -> String = { column.value(at: $0).text ?? "" }
        var dictionary = StringDictionary()
        dictionary.isUnique = false
        for row in 0..<count {
            if row % Cancellation.batch == 0 { try cancel?.check() }
            if validity?[row] != false { dictionary.bytes.append(contentsOf: text(row).utf8) }
            dictionary.offsets.append(dictionary.bytes.count)
        }
        return StringColumn(codes: (0..<count).map { Int32(truncatingIfNeeded: $0) }, dictionary: dictionary)
    }
}

/// A float truncated toward zero as an Int, or nil for NaN, infinities and values out of range.
func truncated(_ d: Double) -> Int? {
    Int(exactly: d.rounded(.towardZero))
}
