// Catalog: the tables, scalars and functions a session can name — built-in
// tables (loaded lazily, on first use, so start-up does no work it does not
// need), imported tables and `let` bindings (a user function is kept as its
// body, which the binder binds at each call). A `let`-bound table keeps, beside
// its rows, the plan that made it, so that SQL can recompute it where the
// data lives.
//
// The binder asks the catalog for names; the shell asks it for `.tables`
// and for completion. Built-in tables cannot be replaced by `let` or
// `.import` under the same name (the session refuses), so the facts an
// analyst relies on stay what they are.

/// What a name refers to.
public enum Binding: Sendable {
    case table(Table)
    case scalar(Value)
    /// A user function, `let f(a) = …` (bound anew at each call).
    case function(UserFunction)
}

/// Names known to a session.
public final class Catalog {
    private var builtinLoaders: [(name: String, load: () -> Table)]
    private var builtinCache: [String: Table] = [:]
    /// User tables (imported or let-bound) and scalars, by name, with their order of creation.
    private var user: [String: Binding] = [:]
    private var userOrder: [String] = []
    /// The plans of let-bound tables, by name (imported tables and scalars have none).
    private var definitions: [String: TableDefinition] = [:]
    private var definitionCount = 0

    /// A catalog whose built-in tables are produced on first use by `load`.
    public init(builtins: [(name: String, load: () -> Table)] = []) {
        builtinLoaders = builtins
    }

    public var builtinNames: [String] { builtinLoaders.map(\.name) }

    public func isBuiltin(_ name: String) -> Bool { builtinLoaders.contains { $0.name == name } }

    /// The binding for a name, loading a built-in table if needed.
    public func lookup(_ name: String) -> Binding? {
        if let b = user[name] { return b }
        if let t = builtinCache[name] { return .table(t) }
        guard let loader = builtinLoaders.first(where: { $0.name == name }) else { return nil }
        let t = loader.load()
        builtinCache[name] = t
        return .table(t)
    }

    /// Binds (or rebinds) a user name; `definition` is the plan of a let-bound table.
    public func bind(_ name: String, _ binding: Binding, definition: Plan? = nil) {
        if user[name] == nil { userOrder.append(name) }
        user[name] = binding
        definitions[name] = definition.map { plan in
            definitionCount += 1
            return TableDefinition(id: definitionCount, plan: plan)
        }
    }

    /// The plan that made a let-bound table, if the name is one.
    public func definition(of name: String) -> TableDefinition? { definitions[name] }

    /// All table names: built-in first, then user tables in order of creation.
    public var tableNames: [String] {
        builtinNames + userOrder.filter { if case .table = user[$0] { return true } else { return false } }
    }

    /// All scalar names, in order of creation.
    public var scalarNames: [String] {
        userOrder.filter { if case .scalar = user[$0] { return true } else { return false } }
    }

    /// All user function names, in order of creation.
    public var functionNames: [String] {
        userOrder.filter { if case .function = user[$0] { return true } else { return false } }
    }

    /// Every name, for suggestions.
    public var allNames: [String] { builtinNames + userOrder }
}
