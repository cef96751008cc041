// Completer: Tab-completion candidates by context, for the shell.
//
// Given the statement typed so far (up to the word being completed) it
// decides where the cursor stands — a shell command, a file argument, the
// source table, a stage keyword, or inside a stage — and offers the names
// that exist there. Columns come from binding the pipeline before the last
// `|`, so columns made by earlier extend/select/summarize/rename/join are
// offered. It never throws and never prints: a line that does not parse
// simply gets fewer candidates.

/// Completion candidates.
public enum Completer {
    static let expressionKeywords = ["and", "or", "not", "in", "is", "null", "true", "false", "contains",
                                     "startswith", "endswith", "matches", "by", "asc", "desc", "nulls", "first", "last", "on"]

    /// Candidates for `word`, given the text before it; nil means "complete a file name".
    public static func candidates(before: String, word: String, catalog: Catalog) -> [String]? {
        let trimmed = before.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if trimmed.hasPrefix(".") {
            let parts = trimmed.dropFirst().split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            let command = parts.first.map { String($0).lowercased() } ?? ""
            if parts.count <= 1 {
                return filter(Commands.names.map { "." + $0 } + Commands.names, word)
            }
            switch command {
            case "import", "read", "output": return nil
            case "sql", "explain":
                // `.sql --dialect D QUERY`: the dialect after the flag, then the query.
                let words = parts[1].split(separator: " ", omittingEmptySubsequences: true)
                if command == "sql", words.first == "--dialect" {
                    if words.count == 1 { return filter(SQLDialect.allCases.map(\.rawValue), word) }
                    let query = parts[1].drop { $0 == " " }.dropFirst("--dialect".count).drop { $0 == " " }.dropFirst(words[1].count)
                    return candidates(inQuery: String(query), word: word, catalog: catalog)
                }
                return candidates(inQuery: String(parts[1]), word: word, catalog: catalog)
            case "dialect": return filter(SQLDialect.allCases.map(\.rawValue), word)
            case "schema": return filter(catalog.tableNames, word)
            case "mode": return filter(OutputMode.allCases.map(\.rawValue), word)
            case "numbers": return filter(NumberStyle.allCases.map(\.rawValue), word)
            case "timer": return filter(["on", "off"], word)
            case "help": return filter(Help.stages.map(\.name) + Functions.names + Commands.names
                                       + ["stages", "functions", "commands", "types", "operators"], word)
            default: return []
            }
        }
        return candidates(inQuery: String(trimmed), word: word, catalog: catalog)
    }

    static func candidates(inQuery text: String, word: String, catalog: Catalog) -> [String] {
        var body = Substring(text)
        // `let NAME = …`: complete the query after the `=`.
        if body.lowercased().hasPrefix("let "), let eq = body.firstIndex(of: "=") {
            body = body[body.index(after: eq)...]
        }
        guard let bar = lastTopLevelBar(body) else {
            // Source position: tables and scalars.
            return filter(catalog.tableNames + catalog.scalarNames + (body.isEmpty ? ["let"] : []), word)
        }
        let pipeline = String(body[..<bar])
        let stage = body[body.index(after: bar)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if stage.isEmpty {
            return filter(StageKind.keywords, word)
        }
        let stageWord = stage.prefix { $0 != " " && $0 != "\t" }.lowercased()
        let rest = stage.dropFirst(stageWord.count).drop { $0 == " " || $0 == "\t" }
        if stageWord == "union" || (stageWord == "join" && !rest.contains(" on") && !rest.hasPrefix("on")) {
            return filter(catalog.tableNames + ["inner", "left"], word)
        }
        var names = columns(of: pipeline, catalog: catalog)
        if stageWord == "join", let table = rest.split(separator: " ").first(where: { $0 != "inner" && $0 != "left" }),
           case .table(let t)? = catalog.lookup(String(table)) {
            names += t.names
        }
        return filter(names + Functions.names + expressionKeywords + catalog.scalarNames, word)
    }

    /// The columns at the end of a pipeline, or none when it does not bind.
    static func columns(of pipeline: String, catalog: Catalog) -> [String] {
        guard let statements = try? Parser.parseAll(pipeline), case .query(let q)? = statements.last,
              let plan = try? Binder(catalog: catalog, source: pipeline).bind(q) else { return [] }
        return plan.schema.map(\.name)
    }

    /// The index of the last `|` outside strings and brackets.
    static func lastTopLevelBar(_ s: Substring) -> Substring.Index? {
        var depth = 0
        var quote: Character?
        var last: Substring.Index?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == "\\" {
                    i = s.index(after: i)
                    if i == s.endIndex { break }
                } else if c == q {
                    quote = nil
                }
            } else {
                switch c {
                case "\"", "'", "`": quote = c
                case "(", "[": depth += 1
                case ")", "]": depth = max(0, depth - 1)
                case "|": if depth == 0 { last = i }
                default: break
                }
            }
            i = s.index(after: i)
        }
        return last
    }

    static func filter(_ names: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        return names.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    }
}
