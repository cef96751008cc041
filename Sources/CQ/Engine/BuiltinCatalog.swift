// BuiltinCatalog: the catalog of the built-in tables. It answers with each
// table's schema and row count as the table describes itself without being
// read (a built-in table reads them off its header line and its line count),
// and hands out a `LazyTable` provider that parses the rows the first time a
// backend asks and keeps them — so binding, completion and `.tables` parse
// no rows, and start-up parses nothing. Which tables are built in, and
// their data, is BuiltinTables' business.

import Synchronization

/// A built-in table before it is read.
public struct BuiltinEntry: Sendable {
    public var name: String
    /// Its columns and number of rows, found without parsing its rows.
    public var describe: @Sendable () -> (schema: Schema, rowCount: Int)
    /// Its rows.
    public var load: @Sendable () -> Table

    public init(name: String, describe: @escaping @Sendable () -> (schema: Schema, rowCount: Int),
                load: @escaping @Sendable () -> Table) {
        self.name = name
        self.describe = describe
        self.load = load
    }
}

/// The built-in tables: described on first mention, read on first use.
public final class BuiltinCatalog: Catalog {
    private let entries: [BuiltinEntry]
    private var described: [String: TableSource] = [:]

    public init(_ entries: [BuiltinEntry]) {
        self.entries = entries
    }

    public var tableNames: [String] { entries.map(\.name) }
    public var scalarNames: [String] { [] }
    public var functionNames: [String] { [] }
    public var allNames: [String] { tableNames }

    public func contains(_ name: String) -> Bool { entries.contains { $0.name == name } }

    public func lookup(_ name: String) -> Binding? {
        if let source = described[name] { return .table(source) }
        guard let entry = entries.first(where: { $0.name == name }) else { return nil }
        let (schema, rowCount) = entry.describe()
        let source = TableSource(name: name, schema: schema, rowCount: rowCount, provider: LazyTable(entry.load))
        described[name] = source
        return .table(source)
    }
}

/// Rows made the first time they are asked for, then kept.
final class LazyTable: TableProvider {
    private let load: @Sendable () -> Table
    private let table = Mutex<Table?>(nil)

    init(_ load: @escaping @Sendable () -> Table) {
        self.load = load
    }

    func rows() -> Table {
        table.withLock { table in
            if let table { return table }
            let loaded = load()
            table = loaded
            return loaded
        }
    }
}
