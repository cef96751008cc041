// BuiltinTables: the three tables cq starts with — projects, enterprises,
// figures — curated by hand from the five articles (see docs/data.md), kept
// as typed TSV text in BuiltinData.swift (generated from data/ by
// scripts/gen-builtin) and parsed on first use, so start-up pays nothing for
// tables a session never touches; naming a table reads only its header line.

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

    /// The columns and row count of a built-in table, from its header line and its number of lines
    /// (its rows are not parsed; the data tests prove this agrees with `load`).
    public static func describe(_ name: String) -> (schema: Schema, rowCount: Int) {
        let data = text(name).utf8
        let body = data.prefix { $0 != UInt8(ascii: "\n") }
        let header = (try? CSVReader.readTyped(String(decoding: body, as: UTF8.self), name: name))?.schema ?? []
        // One row per line after the header; trailing line breaks end no row.
        let lines = data.reversed().drop { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        return (header, lines.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
    }

    /// A fresh catalog holding the built-in tables (described when named, parsed when read).
    public static func catalog() -> SessionCatalog {
        SessionCatalog(builtins: BuiltinCatalog(names.map { name in
            BuiltinEntry(name: name, describe: { describe(name) }, load: { load(name) })
        }))
    }
}
