// SQLSpelling: how a function's definition says it is written in SQL — a
// default form plus per-dialect overrides, each a plain `NAME(args…)`, a
// writer of its own, or an explicit refusal ("cannot express X in D SQL",
// at the call). The definitions (Semantics/Functions/) hold one each;
// SQLExpressions writes the arguments and applies it.

/// How one function is written in SQL: a default form and the dialects that differ from it.
struct SQLSpelling: Sendable {
    var standard: SQLForm
    var overrides: [(dialect: SQLDialect, form: SQLForm)]

    init(_ standard: SQLForm, _ overrides: [(dialect: SQLDialect, form: SQLForm)] = []) {
        self.standard = standard
        self.overrides = overrides
    }

    /// The form for one dialect, or nil for MySQL when nothing is spelt for it: the standard forms
    /// were written and checked for the other dialects (MySQL's LENGTH counts bytes, say), so MySQL
    /// refuses them until a connection can check its own spellings.
    func form(in dialect: SQLDialect) -> SQLForm? {
        if let override = overrides.first(where: { $0.dialect == dialect }) { return override.form }
        return dialect == .mysql ? nil : standard
    }
}

/// One way of writing a call.
enum SQLForm: Sendable {
    /// `NAME(arg, …)`.
    case name(String)
    /// Written by this function from the call's arguments.
    case custom(@Sendable (SQLExpressionWriter, SQLCall) throws -> SQLText)
    /// The dialect has no equivalent: a positioned "cannot express WHAT in D SQL".
    case refused(String)
}

/// A call as the SQL writer of a function sees it: the bound arguments and their SQL.
struct SQLCall {
    var arguments: [BoundExpr]
    var sql: [SQLText]
    /// The call's result type.
    var type: DataType
    var range: SourceRange

    /// Argument i's SQL, or an internal error when the binder passed fewer.
    func x(_ i: Int) throws -> SQLText {
        guard sql.indices.contains(i) else { throw missing(i) }
        return sql[i]
    }

    /// Bound argument i, or an internal error when the binder passed fewer.
    func argument(_ i: Int) throws -> BoundExpr {
        guard arguments.indices.contains(i) else { throw missing(i) }
        return arguments[i]
    }

    private func missing(_ i: Int) -> CQError {
        CQError(.internalFault(expression: "", detail: "missing argument \(i + 1)"), at: range)
    }

    /// Argument i's type (null when absent).
    func type(_ i: Int) -> DataType { arguments.indices.contains(i) ? arguments[i].type : .null }
}

extension SQLExpressionWriter {
    /// A call written by its function's spelling for this dialect.
    func spell(_ f: Function, _ call: SQLCall) throws -> SQLText {
        switch f.sql.form(in: dialect) ?? .refused("\(f.name)()") {
        case .name(let name): return function(name, call.sql)
        case .custom(let write): return try write(self, call)
        case .refused(let what): throw refuse(what, call.range)
        }
    }
}
