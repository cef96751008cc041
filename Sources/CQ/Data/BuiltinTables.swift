// BuiltinTables: the three tables cq starts with — projects, enterprises,
// figures — curated by hand from the five articles (see docs/data.md), kept
// as typed TSV text in BuiltinData.swift (generated from data/ by
// scripts/gen-builtin) and parsed on first use, so start-up pays nothing for
// tables a session never touches.

/// The built-in tables and a catalog that holds them.
public enum BuiltinTables {
    public static let names = ["projects", "enterprises", "figures"]

    /// The TSV text of a built-in table.
    static func text(_ name: String) -> String {
        switch name {
        case "projects": return BuiltinData.projects
        case "enterprises": return BuiltinData.enterprises
        default: return BuiltinData.figures
        }
    }

    /// A built-in table, parsed from its TSV text. The data tests prove every table parses;
    /// should one not, the table is empty rather than the shell unusable.
    public static func load(_ name: String) -> Table {
        (try? CSVReader.readTyped(text(name), name: name)) ?? Table(names: [], columns: [], rowCount: 0)
    }

    /// A fresh catalog holding the built-in tables (loaded lazily).
    public static func catalog() -> SessionCatalog {
        SessionCatalog(builtins: names.map { name in (name: name, load: { load(name) }) })
    }
}
