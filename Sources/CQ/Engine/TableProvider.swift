// TableProvider: where the rows of a table are. A catalog hands one out
// inside a TableSource; the binder, completion and `.tables` never call it —
// only a backend does, when it runs a plan. Today every table lives in this
// process (`StoredTable`); a server connection will add a provider whose rows
// its own backend fetches (and which the local backend cannot read).

/// The rows of a scanned table, read by a backend at run time.
public protocol TableProvider: Sendable {
    /// The table's rows, for a backend in this process.
    func rows() throws -> Table
}

/// A table held in memory: built-in, imported, let-bound, or made by a test.
public struct StoredTable: TableProvider {
    public let table: Table
    public init(_ table: Table) { self.table = table }
    public func rows() throws -> Table { table }
}
