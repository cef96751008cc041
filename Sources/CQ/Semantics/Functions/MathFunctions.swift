// MathFunctions: the definitions of the numeric functions — round, abs,
// floor, ceil, sign (an int argument gives an int, with an overflow error
// where the result does not fit; a float a float), sqrt, pow, exp, ln,
// log10 (floats; an argument outside the domain is an error, never a NaN),
// greatest and least (over any orderable type, skipping nulls), and
// random() (volatile: never folded). The kernels are in Engine/Kernels
// (MathKernels, ElementaryKernels).

import Glibc

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

extension Function {
    static let sign = Function(
        "sign", [Overload([.numeric], result: .argument(0), .eager { try $0.sign($1) })],
        nulls: .propagates, mayFail: false,
        sql: SQLSpelling(.custom { w, c in w.cast(w.function("SIGN", [try c.x(0)]), c.type) }),
        help: FunctionHelp("-1, 0 or 1 by the sign of x (of x's type)", example: "figures | select value, s = sign(value) | take 3"))

    static let sqrt = elementary("sqrt", "SQRT", summary: "square root", example: "sqrt(2)", Glibc.sqrt) {
        $0 < 0 ? "the square root of a negative number (\(NumberText.format($0)))" : nil
    }
    static let exp = elementary("exp", "EXP", summary: "e to the power x", example: "exp(1)", Glibc.exp) { _ in nil }
    static let ln = elementary("ln", "LN", summary: "natural logarithm", example: "ln(10)", Glibc.log) { logDomain($0) }
    static let log10 = elementary("log10", "LOG10", summary: "logarithm to base 10",
                                  example: "projects | select name, digits = log10(investment) | take 3", Glibc.log10) { logDomain($0) }

    /// Why x has no logarithm, if it has none.
    private static func logDomain(_ x: Double) -> String? {
        x == 0 ? "the logarithm of zero" : x < 0 ? "the logarithm of a negative number (\(NumberText.format(x)))" : nil
    }

    /// A float function of one number (an int argument is widened first, in SQL too).
    private static func elementary(_ name: String, _ sqlName: String, summary: String, example: String,
                                   _ f: @escaping @Sendable (Double) -> Double,
                                   domain: @escaping @Sendable (Double) -> String?) -> Function {
        Function(
            name, [Overload([.numeric], result: .fixed(.float), .eager { try $0.floatFunction($1, f, domain: domain) })],
            nulls: .propagates, mayFail: true,
            sql: SQLSpelling(.custom { w, c in w.function(sqlName, [w.asFloat(try c.x(0), c.type(0))]) }),
            help: FunctionHelp("\(summary) (an argument outside the domain is an error)", example: example))
    }

    static let pow = Function(
        "pow", aliases: ["power"], [Overload([.numeric, .numeric], result: .fixed(.float), .eager { try $0.power($1) })],
        nulls: .propagates, mayFail: true,
        sql: SQLSpelling(.custom { w, c in w.function("POWER", [w.asFloat(try c.x(0), c.type(0)), try c.x(1)]) }),
        help: FunctionHelp("pow(x, y): x to the power y (an error where that is not a finite real number)", example: "pow(1.05, 10)"))

    static let greatest = extremeOf("greatest", largest: true, example: "greatest(3, 7.5, null)")
    static let least = extremeOf("least", largest: false, example: "least(\"b\", \"a\", \"c\")")

    /// greatest and least: SQLite's many-argument max/min give null when any argument is null, so each
    /// argument is first replaced by the first non-null one from it on, round the list.
    private static func extremeOf(_ name: String, largest: Bool, example: String) -> Function {
        Function(
            name, [Overload([.orderable], repeating: .last, result: .common, .eager { try $0.extremeOf($1, largest: largest) }),
                   Overload([.exactly(.bool)], repeating: .last, result: .fixed(.bool), .eager { try $0.extremeOf($1, largest: largest) })],
            nulls: .custom("skips nulls; null only when every argument is null"), mayFail: false,
            sql: SQLSpelling(.refused("\(name)()"), [
                (.duckdb, .custom { w, c in w.function(name.uppercased(), c.sql) }),
                (.postgres, .custom { w, c in w.function(name.uppercased(), c.sql.map { w.collated($0, c.type) }) }),
                (.sqlite, .custom { w, c in
                    let n = c.sql.count
                    let rotated = (0..<n).map { i in w.function("COALESCE", (0..<n).map { c.sql[(i + $0) % n] }) }
                    return n == 1 ? c.sql[0] : w.function(largest ? "MAX" : "MIN", rotated)
                }),
            ]),
            help: FunctionHelp("\(name)(a, …): the \(largest ? "largest" : "smallest") argument that is not null", example: example))
    }
}

extension Function {
    /// A volatile function: a new number for every row and every run, never folded to a constant.
    static let random = Function(
        "random", [Overload([], result: .fixed(.float), .eager { ev, call in ev.randomNumbers(call) })],
        nulls: .propagates, mayFail: false, volatility: .volatile,
        sql: SQLSpelling(.refused("random()"), [
            (.sqlite, .custom { _, _ in SQLText("(RANDOM() / 18446744073709551616.0 + 0.5)", SQLText.additive) }),
            (.duckdb, .name("RANDOM")), (.postgres, .name("RANDOM")),
        ]),
        help: FunctionHelp("a random float from 0 up to 1, different for every row",
                           example: "projects | select name, r = random() | sort r | take 3"))
}

extension SQLExpressionWriter {
    /// x as a float (engines pick integer or numeric versions of math functions for an int).
    func asFloat(_ x: SQLText, _ type: DataType) -> SQLText {
        type == .float ? x : cast(x, .float)
    }
}

extension Functions {
    static let math: [Function] = [.round, .abs, .floor, .ceil, .sign, .sqrt, .exp, .ln, .log10, .pow, .greatest, .least, .random]
}
