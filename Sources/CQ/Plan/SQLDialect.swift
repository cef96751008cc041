// SQLDialect: the SQL dialects `.sql` and `--sql` write — the spellings
// that differ between SQLite, DuckDB and PostgreSQL (type names, the row
// identifier that keeps a table's order, dates, string search, collations),
// and `portable`, the default, which uses only forms all three accept.
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

    /// The dialect's name in messages.
    public var displayName: String {
        switch self {
        case .portable: return "portable"
        case .sqlite: return "SQLite"
        case .duckdb: return "DuckDB"
        case .postgres: return "PostgreSQL"
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
        case .portable: return nil
        }
    }

    /// What text comparisons and text sort keys need to compare by bytes, as cq does
    /// (PostgreSQL otherwise follows the database's locale).
    var byteCollation: String? { self == .postgres ? " COLLATE \"C\"" : nil }

    /// Whether a name must be written in double quotes: anything but lower-case ASCII letters,
    /// digits and `_` (PostgreSQL folds unquoted names to lower case), and keywords.
    static func needsQuotes(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return true }
        let plain = name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return !plain || keywords.contains(name)
    }

    /// `name`, in double quotes when it needs them (a quote inside is doubled).
    static func quote(_ name: String) -> String {
        needsQuotes(name) ? "\"" + doubling("\"", in: name) + "\"" : name
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
        "abort", "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "at", "authorization",
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
