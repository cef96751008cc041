// BuiltinCatalog: the catalog of the built-in tables. A table is parsed the
// first time its name is asked about (its schema is in its data, so start-up
// parses nothing a session never names) and kept; the answer is its schema
// and row count, with its rows behind a `StoredTable` provider. Which tables
// are built in, and their data, is BuiltinTables' business.

/// The built-in tables, loaded on first use.
public final class BuiltinCatalog: Catalog {
    private let loaders: [(name: String, load: () -> Table)]
    private var loaded: [String: TableSource] = [:]

    /// A catalog whose tables are produced on first use by `load`.
    public init(_ loaders: [(name: String, load: () -> Table)]) {
        self.loaders = loaders
    }

    public var tableNames: [String] { loaders.map(\.name) }
    public var scalarNames: [String] { [] }
    public var allNames: [String] { tableNames }

    public func contains(_ name: String) -> Bool { loaders.contains { $0.name == name } }

    public func lookup(_ name: String) -> Binding? {
        if let source = loaded[name] { return .table(source) }
        guard let loader = loaders.first(where: { $0.name == name }) else { return nil }
        let source = TableSource(name: name, table: loader.load())
        loaded[name] = source
        return .table(source)
    }
}
