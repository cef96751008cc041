// SQLDialect: the SQL dialects `.sql` and `--sql` write — the spellings
// that differ between SQLite, DuckDB and PostgreSQL (type names, the row
// identifier that keeps a table's order, dates, string search, collations),
// and `portable`, the default, which uses only forms all three accept.
//
// A dialect is a value that owns how it writes what could be hostile text:
// identifiers (`quote`), string literals (`stringLiteral`) and string
// concatenation — `"…"`, `'…'` with the quote doubled and `||` in the four
// above; backticks, backslash escapes and CONCAT() in MySQL. The MySQL
// dialect is not offered to users yet (no `.dialect mysql`): it waits for a
// server connection, and until its round trips run against a MySQL server
// it writes the query's structure, columns, literals, comparisons,
// arithmetic, concatenation and the plain aggregates, and refuses every
// other function and string operator with a positioned error.
//
// This file only answers "how does this dialect spell X" (or "it cannot");
// what to spell, and the structure of the query, is SQLEmitter's job.

/// A dialect of SQL the emitter writes.
public enum SQLDialect: String, CaseIterable, Sendable {
    /// Forms that SQLite, DuckDB and PostgreSQL all accept (the default); a construct with no such form is refused.
    case portable
    case sqlite
    case duckdb
    case postgres
    /// For a MySQL connection (8.0 or later, default `sql_mode`, utf8mb4 text); not selectable by name yet.
    case mysql

    /// The dialects a user may choose (`.dialect`, `--dialect`), in the order they are listed.
    public static let selectable: [SQLDialect] = [.portable, .sqlite, .duckdb, .postgres]

    /// The dialect's name in messages.
    public var displayName: String {
        switch self {
        case .portable: return "portable"
        case .sqlite: return "SQLite"
        case .duckdb: return "DuckDB"
        case .postgres: return "PostgreSQL"
        case .mysql: return "MySQL"
        }
    }

    /// The dialect for a name given to `--dialect` or `.dialect` (`postgresql` and `pg` are accepted too).
    public init?(name: String) {
        switch name.lowercased() {
        case "portable", "standard": self = .portable
        case "sqlite", "sqlite3": self = .sqlite
        case "duckdb": self = .duckdb
        case "postgres", "postgresql", "pg": self = .postgres
        default: return nil
        }
    }

    /// The SQL type name for a cq type (in CASTs).
    func typeName(_ type: DataType) -> String {
        type.traits.sqlName(self)
    }

    /// The pseudo-column that numbers a base table's rows in the order the engine stores them
    /// (nil: none, the emitter numbers rows with ROW_NUMBER() OVER ()).
    var rowIdentifier: String? {
        switch self {
        case .sqlite, .duckdb: return "rowid"
        case .postgres: return "ctid"
        case .portable, .mysql: return nil
        }
    }

    /// What text comparisons and text sort keys need to compare by bytes, as cq does
    /// (PostgreSQL otherwise follows the database's locale, MySQL its case-insensitive default).
    var byteCollation: String? {
        switch self {
        case .postgres: return " COLLATE \"C\""
        case .mysql: return " COLLATE utf8mb4_bin"
        case .portable, .sqlite, .duckdb: return nil
        }
    }

    /// What `=` and `<>` on text need to compare by bytes (only MySQL's default collation
    /// calls 'A' and 'a' equal).
    var equalityCollation: String? { self == .mysql ? byteCollation : nil }

    /// One ORDER BY term with cq's direction and null placement (MySQL has no NULLS FIRST|LAST:
    /// a term `x IS NULL` in front puts them there).
    func orderTerm(_ sql: SQLText, descending: Bool, nullsFirst: Bool) -> String {
        let direction = descending ? " DESC" : ""
        guard self == .mysql else { return sql.text + direction + (nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
        return "\(sql.atomic) IS NULL\(nullsFirst ? " DESC" : ""), \(sql.text)\(direction)"
    }

    /// Whether a name must be written in quotes: anything but lower-case ASCII letters, digits
    /// and `_` (PostgreSQL folds unquoted names to lower case), and keywords.
    static func needsQuotes(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return true }
        let plain = name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return !plain || keywords.contains(name)
    }

    /// The character that quotes an identifier.
    var identifierQuote: Unicode.Scalar { self == .mysql ? "`" : "\"" }

    /// `name` as an identifier: bare when it needs no quotes, else quoted with the quote inside
    /// doubled. MySQL quotes every name (its reserved words change from version to version).
    public func quote(_ name: String) -> String {
        guard self == .mysql || Self.needsQuotes(name) else { return name }
        let q = String(identifierQuote)
        return q + Self.doubling(identifierQuote, in: name) + q
    }

    /// `text` as a string literal: in quotes with a quote inside doubled; MySQL also reads a
    /// backslash as an escape, so a backslash is doubled and a NUL written `\0`. (Another dialect
    /// writes a NUL as it is; the emitter refuses SQL that holds one.)
    public func stringLiteral(_ text: String) -> String {
        guard self == .mysql else { return "'" + Self.doubling("'", in: text) + "'" }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            switch c {
            case "'": out.append(contentsOf: "''".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\0": out.append(contentsOf: "\\0".unicodeScalars)
            default: out.append(c)
            }
        }
        return "'" + String(out) + "'"
    }

    /// Text `a` followed by text `b`: `a || b`, or MySQL's CONCAT(a, b) (its `||` is `or`).
    func concat(_ a: SQLText, _ b: SQLText) -> SQLText {
        if self == .mysql { return SQLText("CONCAT(\(a.text), \(b.text))") }
        return SQLText("\(a.operand(SQLText.concat)) || \(b.operand(SQLText.concat, right: true))", SQLText.concat)
    }

    /// `text` with every `quote` doubled, as SQL escapes a quote inside quotes.
    /// (Scalars, not Characters: a quote followed by a combining mark is still a quote.)
    static func doubling(_ quote: Unicode.Scalar, in text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if c == quote { out.append(c) }
            out.append(c)
        }
        return String(out)
    }

    /// Words reserved (or special) in at least one of the three engines, so always quoted.
    static let keywords: Set<String> = [
        "abort", "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "between", "binary", "both", "by", "case", "cast", "check", "collate", "collation", "column", "concurrently",
        "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "describe",
        "distinct", "do", "else", "end", "escape", "except", "exists", "false", "fetch", "filter", "for",
        "foreign", "freeze", "from", "full", "glob", "grant", "group", "having", "ilike", "in", "index",
        "initially", "inner", "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
        "left", "like", "limit", "localtime", "localtimestamp", "match", "natural", "not", "notnull", "null",
        "offset", "on", "only", "or", "order", "outer", "over", "overlaps", "pivot", "placing", "primary",
        "qualify", "references", "regexp", "returning", "right", "rowid", "ctid", "oid", "select",
        "session_user", "similar", "some", "summarize", "symmetric", "table", "tablesample", "then", "to",
        "trailing", "true", "union", "unique", "unpivot", "user", "using", "variadic", "verbose", "when",
        "where", "window", "with",
    ]
}
