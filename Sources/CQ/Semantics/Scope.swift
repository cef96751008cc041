// Scope: the columns a name can refer to at one point of a query, chained
// to the scopes of the queries around it — the binder's view of nesting.
//
// A query's stages are bound over the columns of the stage before; a
// subquery in an expression (`where x > (t | summarize avg(x))`) is bound
// in a scope whose parent is the scope of the expression around it, and a
// user function's body in a scope of its parameters. Names are looked up
// here innermost first; a qualified name `table.column` goes to the nearest
// scope whose columns come from that table. Finding a name in a parent is
// not a binding: cq's subqueries are uncorrelated (LANGUAGE.md §8), so the
// expression binder turns such a find into a positioned error. Scalars bound
// with `let`, functions and tables are the catalog's business, not a scope's.

/// The columns visible at one point of a query, and the scope of the query around it.
final class Scope {
    let schema: Schema
    /// The table the columns come from (a scan's name, kept by stages that pass its columns on);
    /// nil after a summarize or a join, and in a function's body.
    let tableName: String?
    /// The scope of the expression this query is nested in; nil at the top.
    let parent: Scope?

    init(schema: Schema, tableName: String?, parent: Scope?) {
        self.schema = schema
        self.tableName = tableName
        self.parent = parent
    }

    /// Where a name was found: a column of this scope, or a column of a scope around it (and its table's name).
    enum Resolution {
        case column(Int)
        case outer(tableName: String?)
    }

    /// The column `name` names here, or in a scope around this one; nil when no scope has it.
    func resolve(_ name: String) -> Resolution? {
        if let i = schema.firstIndex(where: { $0.name == name }) { return .column(i) }
        var scope = parent
        while let s = scope {
            if s.schema.contains(where: { $0.name == name }) { return .outer(tableName: s.tableName) }
            scope = s.parent
        }
        return nil
    }

    /// The nearest scope, this one or one around it, whose columns come from `table`, and whether it is this one.
    func scope(of table: String) -> (scope: Scope, isOwn: Bool)? {
        var scope: Scope? = self
        while let s = scope {
            if s.tableName == table { return (s, s === self) }
            scope = s.parent
        }
        return nil
    }

    /// The table names of this scope and the ones around it, innermost first (for "did you mean").
    var tableNames: [String] {
        var names: [String] = []
        var scope: Scope? = self
        while let s = scope {
            if let name = s.tableName { names.append(name) }
            scope = s.parent
        }
        return names
    }
}
