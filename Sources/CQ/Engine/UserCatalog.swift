// UserCatalog: the names a user made in a session — imported tables,
// `let`-bound tables (held materialised, with the plan that made them) and
// scalars — in order of creation. Whether a name may be bound (not a
// built-in one) is the session's decision; this file only keeps them.

/// The user's tables and scalars.
public final class UserCatalog: Catalog {
    private var bindings: [String: Binding] = [:]
    /// Names in order of creation (a rebound name keeps its place).
    private var order: [String] = []
    /// Numbers the definitions, so two bindings of one name are told apart.
    private var definitionCount = 0

    public init() {}

    public var tableNames: [String] { order.filter { if case .table = bindings[$0] { return true } else { return false } } }
    public var scalarNames: [String] { order.filter { if case .scalar = bindings[$0] { return true } else { return false } } }
    public var functionNames: [String] { order.filter { if case .function = bindings[$0] { return true } else { return false } } }
    public var allNames: [String] { order }

    public func lookup(_ name: String) -> Binding? { bindings[name] }

    /// Binds (or rebinds) a name.
    public func bind(_ name: String, _ binding: Binding) {
        if bindings[name] == nil { order.append(name) }
        bindings[name] = binding
    }

    /// Binds (or rebinds) a name to a table held in memory; `definition` is the plan of a let-bound table.
    public func bind(_ name: String, table: Table, definition: Plan? = nil) {
        let made = definition.map { plan -> TableDefinition in
            definitionCount += 1
            return TableDefinition(id: definitionCount, plan: plan)
        }
        bind(name, .table(TableSource(name: name, table: table, definition: made)))
    }
}
