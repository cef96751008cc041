// Help: the text of `.help [topic]`, built from the same registries the
// parser, binder and shell use (stages, functions, commands), so help
// cannot drift from behaviour. Every example in it runs over the built-in
// tables.

/// `.help` texts.
public enum Help {
    /// A stage: its synopsis, meaning and an example.
    struct StageHelp {
        var name: String
        var synopsis: String
        var summary: String
        var example: String
    }

    static let stages: [StageHelp] = [
        StageHelp(name: "where", synopsis: "where EXPR", summary: "keep rows where EXPR is true (false and null drop the row)",
                  example: "projects | where investment >= 100亿"),
        StageHelp(name: "select", synopsis: "select col | name = EXPR, …", summary: "keep or compute columns",
                  example: "projects | select name, yi = investment / 1亿"),
        StageHelp(name: "extend", synopsis: "extend name = EXPR, …", summary: "add (or replace) computed columns, keep the rest",
                  example: "projects | extend yi = investment / 1亿"),
        StageHelp(name: "summarize", synopsis: "summarize [name =] AGG(…), … [by KEY, …]",
                  summary: "one row per group (one row without by); unnamed aggregates are named like sum_investment",
                  example: "projects | summarize n = count(), total = sum(investment) by category"),
        StageHelp(name: "sort", synopsis: "sort [by] EXPR [asc|desc] [nulls first|last], …", summary: "stable sort; default asc, nulls last",
                  example: "projects | sort investment desc"),
        StageHelp(name: "take", synopsis: "take N [per KEY, …] (also limit N)",
                  summary: "the first N rows; with per, the first N of each group (groups in order of their first row)",
                  example: "projects | take 2 per category"),
        StageHelp(name: "limit", synopsis: "limit N", summary: "the same as take N",
                  example: "projects | limit 5"),
        StageHelp(name: "top", synopsis: "top N by EXPR [asc|desc], … [per KEY, …]",
                  summary: "the N first rows by EXPR (default desc, nulls last); with per, of each group, group after group",
                  example: "projects | top 2 by investment per category | select category, name, investment"),
        StageHelp(name: "distinct", synopsis: "distinct [col, …]", summary: "distinct rows, or distinct values of the listed columns",
                  example: "projects | distinct category"),
        StageHelp(name: "count", synopsis: "count", summary: "one row, one column count",
                  example: "figures | where kind == \"target\" | count"),
        StageHelp(name: "join", synopsis: "join [inner|left|right|full|semi|anti] SOURCE on A == B and … | on col, …  ·  join cross SOURCE",
                  summary: "SOURCE is a table or ( QUERY ); a null key never matches; on col keeps col once; clashing right names get _SOURCE; semi/anti keep only the left's columns",
                  example: "figures | join semi projects on subject == name | count"),
        StageHelp(name: "rename", synopsis: "rename new = old, …", summary: "rename columns",
                  example: "projects | rename 名称 = name | select 名称"),
        StageHelp(name: "drop", synopsis: "drop col, …", summary: "remove columns",
                  example: "projects | drop name_en, source, line, published"),
        StageHelp(name: "union", synopsis: "union SOURCE", summary: "append the rows of a table or ( QUERY ) with the same column names and types",
                  example: "let a = projects | take 1\nprojects | take 2 | union a"),
        StageHelp(name: "intersect", synopsis: "intersect SOURCE",
                  summary: "the distinct rows also in SOURCE (same column names and types; nulls equal), in order of first occurrence",
                  example: "projects | select location | intersect (enterprises | select location)"),
        StageHelp(name: "except", synopsis: "except SOURCE",
                  summary: "the distinct rows not in SOURCE (same column names and types; nulls equal), in order of first occurrence",
                  example: "projects | select category | except (projects | where investment > 50亿 | select category)"),
        StageHelp(name: "chart", synopsis: "chart bar LABEL, VALUE", summary: "draw a horizontal bar chart instead of a table",
                  example: "projects | top 5 by investment | chart bar name, investment"),
        StageHelp(name: "pivot", synopsis: "pivot COLUMN [in [v, …]] using AGG [by KEY, …]",
                  summary: "the keys, then one column per value of COLUMN (listed, else its distinct values sorted), each cell AGG over its rows; at most 1,000 columns",
                  example: "figures | pivot kind using count() by unit | take 3"),
        StageHelp(name: "unpivot", synopsis: "unpivot COL, … into NAME, VALUE",
                  summary: "the long form: each row once per listed column that is not null, the other columns first, then the column's name and its value",
                  example: "projects | select id, investment, land_mu | unpivot investment, land_mu into what, amount | take 4"),
        StageHelp(name: "sample", synopsis: "sample N [seed S]  ·  sample P% [seed S]",
                  summary: "N rows drawn at random, or each row with probability P%; in input order; the same seed gives the same rows",
                  example: "projects | sample 3 seed 42 | select id, name"),
    ]

    static let types = """
    Types: int (64-bit), float (64-bit), string, bool, date (@2023-03-06), datetime (@2023-03-06T05:30:00.5, to the
      microsecond, no time zone); every column may hold null.
      int + int is int (overflow is an error); / always gives float; // is integer division (truncates toward zero);
      % has the sign of the dividend; int and float compare and mix freely.
      date - date is int (days); date ± int is a date; datetime - datetime is float (seconds);
      a date compares with a datetime as its midnight; string + string joins text.
    Nulls follow SQL: comparisons with null are null; and/or are three-valued; aggregates skip nulls;
      count() counts rows; sum of no values is null. Write 'x is null', not 'x == null'.
    Literals: 42, 1_000, 3.14, 1e9, 13.5万, 351.5亿, 1万亿, "text", 'text', @2023-03-06, @2023-03-06 05:30, true, false, null, [1, 2] after in.

    """

    static let operators = """
    Operators, loosest first:
      or · and · not · == != < <= > >= in [..] not in [..] contains startswith endswith matches is null is not null · ?? · + - · * / // % · unary -
    'contains', 'startswith', 'endswith' match text literally; 'matches' takes a regular expression.

    """

    /// `.help over`: the window syntax, its defaults and its functions (from the registry).
    static var windows: String {
        let functions = Functions.windows.map { ($0.name + ($0.overloads.first?.description ?? "()"), $0.help.summary) }
        return """
        f(…) over ( [by KEY, …] [sort EXPR [asc|desc] [nulls first|last], …] [rows A..B] )
          in extend, select and where: a value for each row from the rows of its partition (by),
          in its order (sort; ties keep input order); rows are never reordered.
          rows A..B: the frame of an aggregate, first or last, from A to B rows away (-6..0, ..0, 0.., ..);
          the default is ..0 with sort, the whole partition without. Every aggregate works over a window.
          example: projects | extend r = row_number() over (by category sort investment desc)

        """ + listing(functions)
    }

    public static func text(topic rawTopic: String, catalog: Catalog) -> String {
        let topic = rawTopic.split(separator: " ").first.map { String($0).lowercased() } ?? ""
        switch topic {
        case "":
            return overview(catalog)
        case "stages":
            return listing(stages.map { ($0.synopsis, $0.summary) })
        case "functions":
            return listing(Functions.all.map { ($0.name + ($0.overloads.first?.description ?? "()"), $0.help.summary) })
        case "commands":
            return listing(Commands.all.map { (".\($0.name) \($0.usage)", $0.summary) })
        case "types", "nulls", "null":
            return types
        case "operators", "expressions":
            return operators
        case "over", "windows", "window":
            return windows
        default:
            break
        }
        // `.NAME` asks for a command only; a bare word may name a stage, a function and a command at once
        // (`count` is a stage and a function, `mode` a function and a command).
        let command = topic.hasPrefix(".")
        let bare = command ? String(topic.dropFirst()) : topic
        var entries: [String] = []
        if !command, let s = stages.first(where: { $0.name == bare }) {
            entries.append("\(s.synopsis)\n  \(s.summary)\n  example: \(s.example)\n")
        }
        if !command, let f = Functions.lookup(bare) {
            let sigs = f.overloads.map { "\(f.name)\($0.description)" }.joined(separator: "  or  ")
            let aliases = f.aliases.isEmpty ? "" : "  also written: \(f.aliases.joined(separator: ", "))\n"
            entries.append("\(sigs)\n  \(f.help.summary)\n\(aliases)  nulls: \(f.nullRule.text)\n  example: \(f.help.example)\n")
        }
        if case .function(let f)? = catalog.lookup(rawTopic.split(separator: " ").first.map(String.init) ?? "") {
            entries.append("\(f.synopsis)\n  a function defined with let\n")
        }
        if let c = Commands.info(bare) {
            entries.append(".\(c.name) \(c.usage)\n  \(c.summary)\n")
        }
        if !entries.isEmpty { return entries.joined(separator: "\n") }
        let all = stages.map(\.name) + Functions.names + Commands.names + ["stages", "functions", "commands", "types", "operators", "over"]
        let hint = Suggest.closest(to: bare, among: all).map { " (did you mean '\($0)'?)" } ?? ""
        return "no help on '\(rawTopic)'\(hint); try .help stages, .help functions, .help commands, .help types\n"
    }

    static func overview(_ catalog: Catalog) -> String {
        """
        cq — a typed, pipe-style query language.  A query is a table followed by stages:
          projects | where investment >= 100亿 | top 5 by investment | select name, investment

        Tables: \(catalog.tableNames.joined(separator: ", "))   (.tables, .schema TABLE)
        Stages: \(stages.map(\.name).joined(separator: " "))
        Help:   .help stages · .help functions · .help commands · .help types · .help operators · .help NAME

        """
    }

    /// One line per entry, the summaries lined up one column after the widest synopsis.
    static func listing(_ entries: [(synopsis: String, summary: String)]) -> String {
        let width = entries.map { DisplayWidth.of($0.synopsis) }.max() ?? 0
        return entries.map { "  \(CellText.pad($0.synopsis, to: width, rightAligned: false)) \($0.summary)\n" }.joined()
    }
}
