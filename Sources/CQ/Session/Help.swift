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
        StageHelp(name: "take", synopsis: "take N (also limit N)", summary: "the first N rows",
                  example: "projects | take 5"),
        StageHelp(name: "limit", synopsis: "limit N", summary: "the same as take N",
                  example: "projects | limit 5"),
        StageHelp(name: "top", synopsis: "top N by EXPR [asc|desc], …", summary: "the N first rows by EXPR; default desc, nulls last",
                  example: "projects | top 5 by investment"),
        StageHelp(name: "distinct", synopsis: "distinct [col, …]", summary: "distinct rows, or distinct values of the listed columns",
                  example: "projects | distinct category"),
        StageHelp(name: "count", synopsis: "count", summary: "one row, one column count",
                  example: "figures | where kind == \"target\" | count"),
        StageHelp(name: "join", synopsis: "join [inner|left] TABLE on A == B  |  on col",
                  summary: "A is a column of the left side, B of TABLE; a null key never matches; clashing right names get _TABLE",
                  example: "figures | join left projects on subject == name"),
        StageHelp(name: "rename", synopsis: "rename new = old, …", summary: "rename columns",
                  example: "projects | rename 名称 = name | select 名称"),
        StageHelp(name: "drop", synopsis: "drop col, …", summary: "remove columns",
                  example: "projects | drop name_en, source, line, published"),
        StageHelp(name: "union", synopsis: "union TABLE", summary: "append the rows of a table with the same column names and types",
                  example: "let a = projects | take 1\nprojects | take 2 | union a"),
        StageHelp(name: "chart", synopsis: "chart bar LABEL, VALUE", summary: "draw a horizontal bar chart instead of a table",
                  example: "projects | top 5 by investment | chart bar name, investment"),
    ]

    static let types = """
    Types: int (64-bit), float (64-bit), string, bool, date (@2023-03-06); every column may hold null.
      int + int is int (overflow is an error); / always gives float; // is integer division (truncates toward zero);
      % has the sign of the dividend; int and float compare and mix freely.
      date - date is int (days); date ± int is a date; string + string joins text.
    Nulls follow SQL: comparisons with null are null; and/or are three-valued; aggregates skip nulls;
      count() counts rows; sum of no values is null. Write 'x is null', not 'x == null'.
    Literals: 42, 1_000, 3.14, 1e9, 13.5万, 351.5亿, 1万亿, "text", 'text', @2023-03-06, true, false, null, [1, 2] after in.

    """

    static let operators = """
    Operators, loosest first:
      or · and · not · == != < <= > >= in [..] not in [..] contains startswith endswith matches is null is not null · ?? · + - · * / // % · unary -
    'contains', 'startswith', 'endswith' match text literally; 'matches' takes a regular expression.

    """

    public static func text(topic rawTopic: String, catalog: Catalog) -> String {
        let topic = rawTopic.split(separator: " ").first.map { String($0).lowercased() } ?? ""
        switch topic {
        case "":
            return overview(catalog)
        case "stages":
            return listing(stages.map { ($0.synopsis, $0.summary) })
        case "functions":
            return listing(Functions.all.map { ($0.name + ($0.signatures.first?.description ?? "()"), $0.summary) })
        case "commands":
            return listing(Commands.all.map { (".\($0.name) \($0.usage)", $0.summary) })
        case "types", "nulls", "null":
            return types
        case "operators", "expressions":
            return operators
        default:
            break
        }
        let bare = topic.hasPrefix(".") ? String(topic.dropFirst()) : topic
        // A word may name a stage, a function and a command at once (`count` is a stage and a function).
        var entries: [String] = []
        if let s = stages.first(where: { $0.name == bare }) {
            entries.append("\(s.synopsis)\n  \(s.summary)\n  example: \(s.example)\n")
        }
        if let f = Functions.lookup(bare) {
            let sigs = f.signatures.map { "\(f.name)\($0.description)" }.joined(separator: "  or  ")
            entries.append("\(sigs)\n  \(f.summary)\n  nulls: \(f.nullRule)\n  example: \(f.example)\n")
        }
        if case .function(let f)? = catalog.lookup(rawTopic.split(separator: " ").first.map(String.init) ?? "") {
            entries.append("\(f.synopsis)\n  a function defined with let\n")
        }
        if let c = Commands.info(bare) {
            entries.append(".\(c.name) \(c.usage)\n  \(c.summary)\n")
        }
        if !entries.isEmpty { return entries.joined(separator: "\n") }
        let all = stages.map(\.name) + Functions.names + Commands.names + ["stages", "functions", "commands", "types", "operators"]
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
