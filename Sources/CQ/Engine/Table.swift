// Table: named, typed columns of equal length — what every operator consumes
// and produces, what the catalog holds and what the renderers draw.

/// A column's name and type.
public struct Field: Equatable, Sendable {
    public var name: String
    public var type: DataType
    public init(_ name: String, _ type: DataType) {
        self.name = name
        self.type = type
    }
}

/// The ordered fields of a table.
public typealias Schema = [Field]

/// A table: columns of equal length, with their names.
public struct Table: Sendable {
    public var names: [String]
    public var columns: [Column]
    /// Kept separately so that a table with no columns still has a row count.
    public var rowCount: Int

    public init(names: [String], columns: [Column], rowCount: Int? = nil) {
        self.names = names
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
    }

    public var schema: Schema { zip(names, columns).map { Field($0, $1.type) } }

    /// The index of the column with this name, if any.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Table {
        Table(names: names, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }

    /// The value at a row and column (slow path).
    public func value(row: Int, column: Int) -> Value { columns[column].value(at: row) }
}
