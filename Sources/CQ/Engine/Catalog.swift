// Catalog: what the names of a session refer to — answered with schemas,
// never with rows. A catalog is a protocol with one implementation per
// place tables come from: the built-in tables (BuiltinCatalog), the user's
// imported and `let`-bound tables and scalars (UserCatalog), and later one
// per server connection. `SessionCatalog` is the list a session asks, in
// order. A user function (`let f(a) = …`) is kept as its body, which the
// binder binds at each call.
//
// A table's answer is a `TableSource` (Plan.swift): its name, its columns,
// its row count when known, where its rows are (a `TableProvider`) and, for
// a `let`-bound table, the plan that made it (the SQL emitter writes it as a
// WITH clause). The binder puts it in a scan; Tab completion and `.tables`
// read its schema; only a backend, at run time, asks the provider for rows.
// Built-in names cannot be taken by `let` or `.import` (the session
// refuses), so the facts an analyst relies on stay what they are.

/// What a name refers to.
public enum Binding: Sendable {
    /// A table: its schema and where its rows are.
    case table(TableSource)
    case scalar(Value)
    /// A user function, `let f(a) = …` (bound anew at each call).
    case function(UserFunction)
}

/// A place names come from: built-in tables, the user's bindings, later a server's tables.
public protocol Catalog: AnyObject {
    /// The table names, in the order `.tables` lists them.
    var tableNames: [String] { get }
    /// The scalar names, in order of creation.
    var scalarNames: [String] { get }
    /// The user function names, in order of creation.
    var functionNames: [String] { get }
    /// Every name, for "did you mean".
    var allNames: [String] { get }
    /// What `name` refers to, or nil.
    func lookup(_ name: String) -> Binding?
}

/// The catalogs of a session, asked in order: the user's bindings, then the built-in tables.
public final class SessionCatalog: Catalog {
    public let builtins: BuiltinCatalog
    public let user = UserCatalog()

    public init(builtins: BuiltinCatalog) {
        self.builtins = builtins
    }

    /// A catalog whose built-in tables are produced by `load` the first time they are named.
    public convenience init(builtins: [(name: String, load: @Sendable () -> Table)] = []) {
        self.init(builtins: BuiltinCatalog(builtins.map { table in
            BuiltinEntry(name: table.name, describe: {
                let rows = table.load()
                return (rows.schema, rows.rowCount)
            }, load: table.load)
        }))
    }

    private var catalogs: [any Catalog] { [user, builtins] }

    /// Built-in tables first, then the user's in order of creation.
    public var tableNames: [String] { builtins.tableNames + user.tableNames }
    public var scalarNames: [String] { user.scalarNames }
    public var functionNames: [String] { user.functionNames }
    public var allNames: [String] { builtins.allNames + user.allNames }

    public func lookup(_ name: String) -> Binding? {
        for catalog in catalogs {
            if let binding = catalog.lookup(name) { return binding }
        }
        return nil
    }

    public func isBuiltin(_ name: String) -> Bool { builtins.contains(name) }

    /// Binds (or rebinds) a user name (a table held in memory: `bind(_:table:definition:)`).
    public func bind(_ name: String, _ binding: Binding) { user.bind(name, binding) }

    /// Binds (or rebinds) a user name to a table held in memory; `definition` is the plan of a let-bound table.
    public func bind(_ name: String, table: Table, definition: Plan? = nil) {
        user.bind(name, table: table, definition: definition)
    }
}
