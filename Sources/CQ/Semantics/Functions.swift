// Functions: what a function of cq is — one definition (`Function`) that
// holds everything the binder, the evaluator, the SQL emitter, `.help` and
// Tab completion know about it — and the registry listing the definitions.
//
// The definitions live in Semantics/Functions/, a file per family
// (strings, math, dates, conditionals, conversions, aggregates). Each states
// its name and aliases, its overloads (parameters, result type, kernel), its
// null rule, whether it may fail at run time, its volatility, its SQL
// spelling per dialect (or an explicit refusal) and its help text. Overload
// resolution is written here once, so the binder and the evaluator pick the
// same overload. The kernels themselves are the engine's (Engine/Kernels for
// scalars, Engine/Aggregates for accumulators); how a call is written as SQL
// around its spelling is SQLExpressions'.

/// One function of cq. Bound calls (`BoundExpr.Kind.call`, `BoundAggregate.function`) refer to it;
/// two references are equal when they are the same definition.
public final class Function: Sendable, Hashable, CustomStringConvertible {
    /// The name users write (lower case).
    public let name: String
    /// Other names for the same function.
    public let aliases: [String]
    /// The accepted argument shapes, tried in order; each carries its kernel.
    public let overloads: [Overload]
    /// What a null argument does.
    public let nullRule: NullRule
    /// Whether a call can raise a runtime error for some row (overflow, a failed conversion, a domain error).
    /// Stated by every definition: a call that may fail is evaluated only on the rows that use it.
    public let mayFail: Bool
    /// A volatile function (a random number, today's date) is never constant-folded.
    public let volatility: Volatility
    /// How the SQL emitter writes a call, per dialect.
    let sql: SQLSpelling
    /// `.help NAME`: a one-line summary and an example over the built-in tables.
    public let help: FunctionHelp
    /// Checks the binder makes beyond types (an argument that must be a constant in a range), if any.
    let checkArguments: (@Sendable ([BoundExpr]) throws -> Void)?

    init(_ name: String, aliases: [String] = [], _ overloads: [Overload], nulls: NullRule, mayFail: Bool,
         volatility: Volatility = .pure, sql: SQLSpelling, help: FunctionHelp,
         checkArguments: (@Sendable ([BoundExpr]) throws -> Void)? = nil) {
        self.name = name
        self.aliases = aliases
        self.overloads = overloads
        self.nullRule = nulls
        self.mayFail = mayFail
        self.volatility = volatility
        self.sql = sql
        self.help = help
        self.checkArguments = checkArguments
    }

    /// Whether this is an aggregate (one value per group, only in `summarize`).
    public var isAggregate: Bool {
        if case .aggregate? = overloads.first?.kernel { return true }
        return false
    }

    /// Whether this is a window function (row_number, rank, lag, …: only with `over`).
    public var isWindow: Bool {
        if case .window? = overloads.first?.kernel { return true }
        return false
    }

    /// Whether the function evaluates its own arguments, only for the rows that need them (`if`, `coalesce`).
    public var hasLazyArguments: Bool {
        if case .lazy? = overloads.first?.kernel { return true }
        return false
    }

    public var isVolatile: Bool { volatility == .volatile }

    /// The name and every alias.
    public var spellings: [String] { [name] + aliases }

    public var description: String { name }

    public static func == (a: Function, b: Function) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// What a null argument does to a call.
public enum NullRule: Sendable, Equatable {
    /// Null in any argument gives null (the evaluator returns null without running the kernel for a null constant).
    case propagates
    /// The kernel handles nulls itself, as the sentence says.
    case custom(String)

    /// The rule in one sentence, for `.help`.
    public var text: String {
        switch self {
        case .propagates: return "null if any argument is null"
        case .custom(let s): return s
        }
    }
}

/// Whether a function gives the same result for the same arguments.
public enum Volatility: Sendable, Equatable {
    case pure
    /// Different results on each evaluation (`random()`, `today()`): never folded to a constant.
    case volatile
}

/// The help text of a function.
public struct FunctionHelp: Sendable {
    /// One line saying what the function gives.
    public var summary: String
    /// An example that runs over the built-in tables.
    public var example: String

    public init(_ summary: String, example: String) {
        self.summary = summary
        self.example = example
    }
}

/// What a parameter accepts.
public enum ParamType: Equatable, Sendable {
    case exactly(DataType)
    /// int or float
    case numeric
    /// int, float, string or date (orderable and comparable)
    case orderable
    /// any type
    case any

    public func accepts(_ t: DataType) -> Bool {
        if t == .null { return true }
        switch self {
        case .exactly(let d): return d == t || (d == .float && t == .int)
        case .numeric: return t == .int || t == .float
        case .orderable: return t.isOrderable
        case .any: return true
        }
    }

    public var description: String {
        switch self {
        case .exactly(let d): return d.rawValue
        case .numeric: return "number"
        case .orderable: return DataType.allCases.filter(\.isOrderable).map(\.rawValue).joined(separator: "|")
        case .any: return "any"
        }
    }
}

/// How the result type follows from the argument types.
public enum ResultType: Equatable, Sendable {
    case fixed(DataType)
    /// The type of argument i (int stays int, float stays float).
    case argument(Int)
    /// The common type of the value arguments: those whose parameter is not one exact type
    /// (`if(cond, a, b)` and `case(…)` take the common type of their branches, `coalesce` of all).
    case common
}

/// Which parameters of an overload repeat.
public enum Repetition: Equatable, Sendable {
    case none
    /// The last parameter repeats (`coalesce(a, b, …)`).
    case last
    /// The first two parameters repeat as a pair before the rest (`case(c1, v1, c2, v2, …, else)`).
    case leadingPairs
}

/// One accepted shape of a call, with the kernel that computes it.
public struct Overload: Sendable {
    public var params: [ParamType]
    /// How many trailing params may be left out.
    public var optional: Int
    public var repetition: Repetition
    public var result: ResultType
    let kernel: Kernel

    init(_ params: [ParamType], optional: Int = 0, repeating repetition: Repetition = .none, result: ResultType,
         _ kernel: Kernel) {
        self.params = params
        self.optional = optional
        self.repetition = repetition
        self.result = result
        self.kernel = kernel
    }

    /// The fewest and most arguments it takes.
    var arity: ClosedRange<Int> { (params.count - optional)...(repetition == .none ? params.count : Int.max) }

    /// Whether it takes `n` arguments (`case` takes an odd number).
    func takes(count n: Int) -> Bool {
        arity.contains(n) && (repetition != .leadingPairs || (n - params.count) % 2 == 0)
    }

    /// The parameter argument i of n is checked against, if there is one.
    func param(_ i: Int, of n: Int) -> ParamType? {
        switch repetition {
        case .none: return i < params.count ? params[i] : nil
        case .last: return i < params.count ? params[i] : params.last
        case .leadingPairs:
            let tail = params.count - 2
            guard tail >= 0, i < n else { return nil }
            return i >= n - tail ? params[2 + i - (n - tail)] : params[i % 2]
        }
    }

    /// Whether arguments of these types fit.
    func accepts(_ types: [DataType]) -> Bool {
        takes(count: types.count) && types.enumerated().allSatisfy { i, t in param(i, of: types.count)?.accepts(t) ?? false }
    }

    /// The value arguments (see `ResultType.common`) among `n`.
    func valuePositions(_ n: Int) -> [Int] {
        (0..<n).filter { i in
            if case .exactly? = param(i, of: n) { return false }
            return true
        }
    }

    public var description: String {
        var parts = params.enumerated().map { i, p -> String in
            i >= params.count - optional ? "[\(p.description)]" : p.description
        }
        switch repetition {
        case .none: break
        case .last: parts.append("…")
        case .leadingPairs: parts.insert("…", at: Swift.min(2, parts.count))
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// How a function computes.
enum Kernel: Sendable {
    /// A scalar function whose arguments are evaluated first (over the rows in question); the kernel gets them as a `Call`.
    case eager(@Sendable (Evaluator, Call) throws -> Column)
    /// A scalar function that evaluates its own arguments, each only for the rows that need it
    /// (`Evaluator.operand(_:_:onlyRows:)`).
    case lazy(@Sendable (Evaluator, [BoundExpr], Table, BoundExpr) throws -> Operand)
    /// An aggregate: a fresh accumulator for one call (its arguments' types, result type and text).
    case aggregate(@Sendable (BoundAggregate) throws -> any Accumulator)
    /// A window function: computed by Engine/Window.swift over a partition in its order.
    case window(WindowKind)
}

extension Function {
    /// The overload for arguments of these types (the first that accepts them), if any.
    /// The binder and the evaluator both choose through this.
    func overload(for types: [DataType]) -> Overload? {
        overloads.first { $0.accepts(types) }
    }

    /// The result type of a call with these bound arguments, or an error naming what was given.
    func resolve(_ args: [BoundExpr], call: SourceRange) throws -> DataType {
        guard overloads.contains(where: { $0.takes(count: args.count) }) else {
            throw CQError(.wrongArgumentCount(function: name, expected: countDescription, got: args.count), at: call)
        }
        if let overload = overload(for: args.map(\.type)) {
            try checkArguments?(args)
            switch overload.result {
            case .fixed(let t): return t
            case .argument(let i): return args.indices.contains(i) && args[i].type != .null ? args[i].type : .int
            case .common:
                var type = DataType.null
                for a in overload.valuePositions(args.count).map({ args[$0] }) {
                    guard let c = DataType.common(type, a.type) else {
                        throw CQError(.typeMismatch("\(name)() needs arguments of one type, but '\(a.text)' is \(a.type.rawValue)"), at: a.range)
                    }
                    type = c
                }
                return type
            }
        }
        // Point at the first argument no overload accepts in its position.
        let bad = args.enumerated().first { i, a in
            !overloads.contains { $0.param(i, of: args.count)?.accepts(a.type) ?? false }
        }?.element
        throw CQError(.wrongArgumentType(function: name, signatures: overloads.map(\.description).joined(separator: " or "),
                                         got: args.map(\.type.rawValue).joined(separator: ", ")),
                      at: bad?.range ?? call)
    }

    /// "1 argument", "2 or 3 arguments", "1 or more arguments", "an odd number of arguments, 3 or more".
    var countDescription: String {
        let counts = overloads.map(\.arity)
        let lo = counts.map(\.lowerBound).min() ?? 0
        let hi = counts.map(\.upperBound).max() ?? 0
        func args(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
        if overloads.contains(where: { $0.repetition == .leadingPairs }) {
            return "an \(lo % 2 == 1 ? "odd" : "even") number of arguments, \(lo) or more"
        }
        if hi == Int.max { return "\(lo) or more arguments" }
        if lo == hi { return args(lo) }
        if hi == lo + 1 { return "\(lo) or \(args(hi))" }
        return "\(lo) to \(args(hi))"
    }
}

/// The value of argument i, which must be a constant (a positioned error otherwise); nil when there is no argument i.
func constantArgument(_ args: [BoundExpr], _ i: Int) throws -> Value? {
    guard args.indices.contains(i) else { return nil }
    let arg = args[i]
    guard arg.isConstant else { throw CQError(.notConstant(arg.text), at: arg.range) }
    return try Evaluator().evaluateScalar(arg)
}

/// The registry: every function, by family.
public enum Functions {
    /// Every definition, aggregates first (the order of `.help functions`).
    public static let all: [Function] = aggregates + windows + strings + math + dates + conditionals + conversions

    /// Every name and alias → its definition.
    private static let byName: [String: Function] = {
        var map: [String: Function] = [:]
        for f in all {
            for spelling in f.spellings where map[spelling] == nil { map[spelling] = f }
        }
        return map
    }()

    /// The definition for a name or alias (case-insensitive), if any.
    public static func lookup(_ name: String) -> Function? {
        byName[name.lowercased()]
    }

    /// Every name and alias (for "did you mean" and completion).
    public static var names: [String] { all.flatMap(\.spellings) }

    /// Names SQL, KQL and PRQL give functions cq spells otherwise, where the nearest spelling
    /// would mislead (`dcount` is not `count`).
    static let foreignNames = ["dcount": "count_distinct", "percentile": "quantile", "percentile_cont": "quantile",
                               "quantile_cont": "quantile",
                               "nvl": "coalesce", "ifnull": "coalesce", "iff": "if", "iif": "if", "strlen": "len",
                               "length": "len", "regexp_extract": "extract", "regexp_replace": "regex_replace"]

    /// The "did you mean" for an unknown function: cq's name for another language's, else the nearest name.
    public static func suggestion(for name: String) -> String? {
        foreignNames[name.lowercased()] ?? Suggest.closest(to: name, among: names)
    }
}
