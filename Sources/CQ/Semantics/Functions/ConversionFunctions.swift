// ConversionFunctions: the definitions of string(x), int(x) and float(x).
// Text may use 万/亿; an impossible conversion is a runtime error. The
// kernels are in Engine/Kernels/Conversions.swift.

extension Function {
    static let string = Function(
        "string", [Overload([.any], result: .fixed(.string), .eager { try $0.toText($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.custom { w, c in
            let x = try c.x(0)
            switch c.type(0) {
            case .string, .null: return x
            case .int: return w.cast(x, .string)
            case .bool: return SQLText("CASE WHEN \(x.text) THEN 'true' WHEN NOT \(x.atomic) THEN 'false' END")
            case .date: return w.dialect == .sqlite ? x : w.cast(x, .string)
            case .datetime: return try w.datetimeText(x, c.range)
            case .float: throw w.refuse("string() of a float (cq writes the shortest text that reads back)", c.range)
            }
        }),
        help: FunctionHelp("the value as text", example: "projects | select s = string(start_year)"))

    static let int = Function(
        "int", numberOverloads(.int), nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in try w.numberConversion(c, to: .int) }),
        help: FunctionHelp("the value as int (floats truncate toward zero; text may use 万/亿; impossible conversions are errors)",
                           example: "int(\"1.5亿\")"))

    static let float = Function(
        "float", numberOverloads(.float), nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in try w.numberConversion(c, to: .float) }),
        help: FunctionHelp("the value as float (text may use 万/亿; impossible conversions are errors)",
                           example: "float(\"13.5万\")"))

    /// int(x) and float(x) take text, a number or a bool.
    private static func numberOverloads(_ target: DataType) -> [Overload] {
        let kernel: Kernel = target == .int ? .eager { try $0.toInt($1) } : .eager { try $0.toFloat($1) }
        return [.exactly(.string), .numeric, .exactly(.bool)].map { Overload([$0], result: .fixed(target), kernel) }
    }
}

extension SQLExpressionWriter {
    /// int(x) or float(x) as SQL: bools as 1/0, ints widened, floats truncated; text is refused (cq reads 万 and 亿).
    func numberConversion(_ c: SQLCall, to target: DataType) throws -> SQLText {
        let x = try c.x(0)
        switch c.type(0) {
        case target, .null: return x
        case .bool:
            let (one, zero) = target == .int ? ("1", "0") : ("1.0", "0.0")
            return SQLText("CASE WHEN \(x.text) THEN \(one) WHEN NOT \(x.atomic) THEN \(zero) END")
        case .int: return cast(x, .float)
        case .float: return dialect == .sqlite ? cast(x, .int) : cast(function("TRUNC", [x]), .int)
        case .string, .date, .datetime:
            throw refuse("\(target.rawValue)() of text (cq reads 万 and 亿)", c.range)
        }
    }
}

extension Functions {
    static let conversions: [Function] = [.string, .int, .float]
}
