// MathFunctions: the definitions of the numeric functions — round, abs,
// floor, ceil. An int argument gives an int (with an overflow error where the
// result does not fit), a float a float. The kernels are in
// Engine/Kernels/MathKernels.swift.

extension Function {
    static let round = Function(
        "round", [Overload([.numeric, .exactly(.int)], optional: 1, result: .argument(0), .eager { try $0.mathFunction($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in try w.round(try c.x(0), c.arguments, c.range) }),
        help: FunctionHelp("round(x[, digits]): rounded half away from zero (negative digits round to tens, hundreds…)",
                           example: "projects | select name, yi = round(investment / 1亿, 1)"))

    static let abs = Function(
        "abs", [Overload([.numeric], result: .argument(0), .eager { try $0.mathFunction($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.name("ABS")),
        help: FunctionHelp("absolute value", example: "figures | where value < 0 | select metric, a = abs(value)"))

    static let floor = Function(
        "floor", [Overload([.numeric], result: .argument(0), .eager { try $0.mathFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.custom { w, c in c.type(0) == .float ? w.function("FLOOR", [try c.x(0)]) : try c.x(0) }),
        help: FunctionHelp("largest whole number not above x", example: "figures | select value, f = floor(value)"))

    static let ceil = Function(
        "ceil", [Overload([.numeric], result: .argument(0), .eager { try $0.mathFunction($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.custom { w, c in c.type(0) == .float ? w.function("CEIL", [try c.x(0)]) : try c.x(0) }),
        help: FunctionHelp("smallest whole number not below x", example: "figures | select value, c = ceil(value)"))
}

extension Functions {
    static let math: [Function] = [.round, .abs, .floor, .ceil]
}
