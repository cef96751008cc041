// Completer: Tab-completion candidates by context, for the shell.
//
// Given the statement typed so far (up to the word being completed) it
// decides where the cursor stands — a shell command, a file argument, the
// source table, a stage keyword, or a place inside a stage — and offers only
// the names that can come there: columns that exist at that point of the
// pipeline (bound from the text before the last `|`, so columns made by
// earlier extend/select/summarize/rename/join are offered), functions, the
// `let`-bound names, and the keywords the stage's grammar accepts next
// (`by` after a summarize aggregate, `asc`/`desc`/`nulls` after a sort key,
// `on` after a join table …). It never throws and never prints: a line that
// does not lex or bind simply gets fewer candidates. Which characters end a
// word is the shell's business (LineReader).

/// Completion candidates.
public enum Completer {
    /// Words that may follow an operand inside an expression.
    static let infixWords = ["and", "or", "in", "is", "contains", "startswith", "endswith", "matches"]
    /// Words that may start an operand.
    static let operandWords = ["not", "null", "true", "false", "exists"]
    /// The functions allowed outside `summarize` (no aggregates).
    static let scalarFunctions = Functions.all.filter { !$0.isAggregate }.flatMap(\.spellings)
    /// The help topics that are not names.
    static let helpTopics = ["stages", "functions", "commands", "types", "operators"]

    /// Candidates for `word`, given the text before it; nil means "complete a file name".
    public static func candidates(before: String, word: String, catalog: any Catalog) -> [String]? {
        let trimmed = before.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if trimmed.isEmpty, word.hasPrefix(".") {
            return filter(Commands.names.map { "." + $0 }, word)
        }
        if trimmed.hasPrefix(".") {
            let parts = trimmed.dropFirst().split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            let command = parts.first.map { String($0).lowercased() } ?? ""
            if parts.count <= 1 {
                return filter(Commands.names, word)
            }
            switch command {
            case "import", "read", "output": return nil
            case "sql", "explain":
                // `.sql --dialect D QUERY`: the dialect after the flag, then the query.
                let words = parts[1].split(separator: " ", omittingEmptySubsequences: true)
                if command == "sql", words.first == "--dialect" {
                    if words.count == 1 { return filter(SQLDialect.selectable.map(\.rawValue), word) }
                    let query = parts[1].drop { $0 == " " }.dropFirst("--dialect".count).drop { $0 == " " }.dropFirst(words[1].count)
                    return candidates(inQuery: query, word: word, catalog: catalog)
                }
                return candidates(inQuery: parts[1], word: word, catalog: catalog)
            case "dialect": return filter(SQLDialect.selectable.map(\.rawValue), word)
            case "schema": return filter(catalog.tableNames, word)
            case "mode": return filter(OutputMode.allCases.map(\.rawValue), word)
            case "numbers": return filter(NumberStyle.allCases.map(\.rawValue), word)
            case "timer": return filter(["on", "off"], word)
            case "width": return filter(["auto"], word)
            case "help": return filter(Help.stages.map(\.name) + Functions.names + Commands.names + helpTopics, word)
            default: return []
            }
        }
        return candidates(inQuery: trimmed, word: word, catalog: catalog)
    }

    static func candidates(inQuery text: Substring, word: String, catalog: any Catalog) -> [String] {
        let marks = TopLevelMarks(text)
        if marks.insideString {
            guard let quote = marks.stringStart, text[quote] != "`" else { return [] }
            return units(beforeQuote: text[..<quote], word)
        }
        // Only the statement after the last `;` matters.
        var body = marks.lastSemicolon.map { text[text.index(after: $0)...] } ?? text
        body = body.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        // Inside `( QUERY )` where a source stands: complete that query on its own.
        if let inner = queryInBrackets(body) {
            return candidates(inQuery: inner, word: word, catalog: catalog)
        }
        // `let NAME = …`: complete the query or expression after the `=`.
        let afterLet = body.lowercased().hasPrefix("let ")
        if afterLet {
            guard let eq = body.firstIndex(of: "=") else { return [] }
            body = body[body.index(after: eq)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        }
        guard let bar = TopLevelMarks(body).lastBar else {
            if body.isEmpty {
                // Source position: tables and scalars (and `let` at the start of a statement).
                return filter(catalog.tableNames + catalog.scalarNames + (afterLet ? [] : ["let"]), word)
            }
            // A scalar expression statement (`351.5亿 / n`) or the words after a source name.
            guard let tokens = tokens(of: body), !(tokens.count == 1 && isName(tokens[0])) else { return [] }
            return expression(after: tokens, names: catalog.scalarNames, functions: scalarFunctions + catalog.functionNames, word)
        }
        let pipeline = String(body[..<bar])
        let stage = body[body.index(after: bar)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if stage.isEmpty {
            return filter(StageKind.keywords, word)
        }
        let stageWord = stage.prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "(" }.lowercased()
        guard let rest = tokens(of: stage.dropFirst(stageWord.count)) else { return [] }
        let columns = written(self.columns(of: pipeline, catalog: catalog))
        let names = columns + catalog.scalarNames
        switch stageWord {
        case "where", "select", "extend":
            if let inside = openWindow(rest) { return window(after: inside, names: names, word) }
            return expression(after: rest, names: names, functions: scalarFunctions + catalog.functionNames, word)
        case "summarize":
            if let by = rest.lastIndex(where: { isWord($0, "by") }) {
                return expression(after: Array(rest[(by + 1)...]), names: names, functions: scalarFunctions + catalog.functionNames, word)
            }
            return expression(after: rest, names: names, functions: Functions.names, word, extra: ["by"])
                + filter(rest.isEmpty ? ["by"] : [], word)
        case "sort":
            let keys = rest.first.map { isWord($0, "by") } == true ? Array(rest.dropFirst()) : rest
            return sortKeys(after: keys, names: names, word) + filter(rest.isEmpty ? ["by"] : [], word)
        case "top":
            if let per = rest.firstIndex(where: { isWord($0, "per") }) {
                return expression(after: Array(rest[(per + 1)...]), names: names, functions: scalarFunctions, word)
            }
            guard let by = rest.firstIndex(where: { isWord($0, "by") }) else {
                return rest.isEmpty ? filter(catalog.scalarNames, word) : filter(["by"], word)
            }
            return sortKeys(after: Array(rest[(by + 1)...]), names: names, word, extra: ["per"])
        case "take", "limit":
            if let per = rest.firstIndex(where: { isWord($0, "per") }) {
                return expression(after: Array(rest[(per + 1)...]), names: names, functions: scalarFunctions, word)
            }
            return expression(after: rest, names: catalog.scalarNames, functions: [], word, extra: ["per"])
        case "distinct", "drop":
            return rest.last.map(isName) == true ? [] : filter(columns, word)
        case "rename":
            return rest.last?.kind == .symbol(.assign) ? filter(columns, word) : []
        case "join":
            return join(after: rest, columns: columns, catalog: catalog, word)
        case "union", "intersect", "except":
            return rest.isEmpty ? filter(catalog.tableNames, word) : []
        case "pivot":
            if let by = rest.lastIndex(where: { isWord($0, "by") }) {
                return expression(after: Array(rest[(by + 1)...]), names: names, functions: scalarFunctions, word)
            }
            if let using = rest.firstIndex(where: { isWord($0, "using") }) {
                return expression(after: Array(rest[(using + 1)...]), names: names, functions: Functions.names, word, extra: ["by"])
            }
            if rest.contains(where: { isKeyword($0, .in) }) {
                return rest.last?.kind == .symbol(.rightBracket) ? filter(["using"], word) : []
            }
            return expression(after: rest, names: names, functions: scalarFunctions, word, extra: ["in", "using"])
        case "unpivot":
            if rest.contains(where: { isWord($0, "into") }) { return [] }
            return rest.last.map(isName) == true ? filter(["into"], word) : filter(columns, word)
        case "sample":
            return endsOperand(rest) ? filter(["seed"], word) : filter(catalog.scalarNames, word)
        case "chart":
            if rest.isEmpty { return filter(["bar"], word) }
            return expression(after: Array(rest.dropFirst()), names: names, functions: scalarFunctions + catalog.functionNames, word)
        default:
            return []
        }
    }

    /// The functions whose first argument is a date unit (`date_trunc("month", d)`).
    static let unitFunctions: Set<String> = ["date_trunc", "date_diff"]

    /// Inside a string: the date units when the string opens the unit argument of date_trunc or
    /// date_diff (`text` is what stands before its quote), else nothing.
    static func units(beforeQuote text: Substring, _ word: String) -> [String] {
        var before = text
        while let last = before.last, last == " " || last == "\t" || last == "\n" { before.removeLast() }
        guard before.last == "(" else { return [] }
        before.removeLast()
        let name = String(before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        guard unitFunctions.contains(name.lowercased()) else { return [] }
        return filter(DateMath.Unit.allCases.map(\.rawValue), word)
    }

    /// The stage words after which a `(` opens a query (a source), not an expression.
    static let sourceWords: Set<String> = ["join", "union", "intersect", "except"]

    /// The text after the innermost open `(` when that bracket stands where a source does: at the start
    /// of the statement (or of `let NAME =`), after another `(`, or after `join [KIND]`, `union`,
    /// `intersect` or `except`; nil otherwise (an expression's bracket).
    static func queryInBrackets(_ body: Substring) -> Substring? {
        guard let open = TopLevelMarks(body).openParen else { return nil }
        var before = body[..<open]
        while let last = before.last, last == " " || last == "\t" || last == "\n" { before.removeLast() }
        // The last two words: `join`, `union` … or `join KIND` (not `left(` the function).
        let words = before.split { !$0.isLetter }.suffix(2).map { $0.lowercased() }
        let last = before.last.map { $0.isLetter } == true ? words.last : nil
        let atSource = before.isEmpty || before.last == "("
            || (before.last == "=" && before.lowercased().hasPrefix("let ") && !before.contains("|"))
            || last.map { sourceWords.contains($0) || (words.first == "join" && JoinKind(rawValue: $0) != nil) } == true
        guard atSource else { return nil }
        return body[body.index(after: open)...]
    }

    /// Inside an expression: after an operand the infix words (and `extra`), otherwise the operands.
    static func expression(after tokens: [Token], names: [String], functions: [String], _ word: String,
                           extra: [String] = []) -> [String] {
        if let last = tokens.last {
            if isKeyword(last, .is) { return filter(["not", "null"], word) }
            if isKeyword(last, .not), tokens.count >= 2, isKeyword(tokens[tokens.count - 2], .is) {
                return filter(["null"], word)
            }
            if isKeyword(last, .in) { return [] }
            if endsOperand(tokens) { return filter(infixWords + extra, word) }
        }
        return filter(names + functions + operandWords, word)
    }

    /// The tokens inside the innermost bracket still open when it is a window's `over (`, else nil.
    static func openWindow(_ tokens: [Token]) -> [Token]? {
        var opens: [(start: Int, isWindow: Bool)] = []
        for (i, token) in tokens.enumerated() {
            if token.kind == .symbol(.leftParen) {
                opens.append((i + 1, i > 0 && isWord(tokens[i - 1], "over")))
            } else if token.kind == .symbol(.rightParen) {
                _ = opens.popLast()
            }
        }
        guard let open = opens.last, open.isWindow else { return nil }
        return Array(tokens[open.start...])
    }

    /// Inside `over ( … )`: `by` keys, then `sort` keys, then `rows`.
    static func window(after tokens: [Token], names: [String], _ word: String) -> [String] {
        guard let part = tokens.lastIndex(where: { isWord($0, "by") || isWord($0, "sort") || isWord($0, "rows") }) else {
            return filter(["by", "sort", "rows"], word)
        }
        let after = Array(tokens[(part + 1)...])
        if isWord(tokens[part], "rows") { return [] }
        if isWord(tokens[part], "sort") { return sortKeys(after: after, names: names, word, extra: ["rows"]) }
        return expression(after: after, names: names, functions: scalarFunctions, word, extra: ["sort", "rows"])
    }

    /// Sort keys (`sort`, `top … by`): after a key its direction and `nulls first|last`.
    /// `extra`: the words that may follow a whole key (`per` after `top`'s keys).
    static func sortKeys(after tokens: [Token], names: [String], _ word: String, extra: [String] = []) -> [String] {
        guard let last = tokens.last else { return expression(after: [], names: names, functions: scalarFunctions, word) }
        if isWord(last, "nulls") { return filter(["first", "last"], word) }
        if isWord(last, "asc") || isWord(last, "desc") { return filter(["nulls"] + extra, word) }
        if isWord(last, "first") || isWord(last, "last") { return filter(extra, word) }
        return expression(after: tokens, names: names, functions: scalarFunctions, word, extra: ["asc", "desc", "nulls"] + extra)
    }

    /// `join [KIND] TABLE on LEFT [== RIGHT] {, | and …}` (`cross` takes no `on`).
    static func join(after tokens: [Token], columns: [String], catalog: any Catalog, _ word: String) -> [String] {
        var rest = tokens[...]
        let kinds = JoinKind.allCases.map(\.rawValue)
        let cross = rest.first.map { isWord($0, "cross") } ?? false
        if let first = rest.first, kinds.contains(where: { isWord(first, $0) }) { rest = rest.dropFirst() }
        guard let table = rest.first else {
            return filter(catalog.tableNames + (tokens.isEmpty ? kinds : []), word)
        }
        rest = rest.dropFirst()
        if table.kind == .symbol(.leftParen) {
            // A bracketed query (closed, or the cursor would be inside it): skip to its `)`.
            var depth = 1
            while depth > 0, let token = rest.first {
                if token.kind == .symbol(.leftParen) { depth += 1 }
                if token.kind == .symbol(.rightParen) { depth -= 1 }
                rest = rest.dropFirst()
            }
        }
        guard !cross else { return [] }
        guard let on = rest.first else { return filter(["on"], word) }
        guard isWord(on, "on") else { return [] }
        rest = rest.dropFirst()
        guard let last = rest.last else { return filter(columns, word) }
        if last.kind == .symbol(.comma) || isKeyword(last, .and) { return filter(columns, word) }
        if isName(last) { return filter(["and"], word) }
        guard last.kind == .symbol(.equal), case .name(let name, _) = table.kind,
              case .table(let right)? = catalog.lookup(name) else { return [] }
        return filter(written(right.schema.map(\.name)), word)
    }

    /// The columns at the end of a pipeline. When a stage does not bind (a misspelt column in
    /// `sort y`), the columns before it; none when the source does not bind.
    static func columns(of pipeline: String, catalog: any Catalog) -> [String] {
        let query = (try? Parser.parseQuery(pipeline)) ?? {
            guard let statements = try? Parser.parseAll(pipeline), case .query(let q)? = statements.last else { return nil }
            return q
        }()
        guard let q = query else { return [] }
        let binder = Binder(catalog: catalog, source: pipeline)
        guard var plan = try? binder.source(q.source) else { return [] }
        for stage in q.stages {
            guard let next = try? binder.bind(stage, over: plan) else { break }
            plan = next
        }
        return plan.schema.map(\.name)
    }

    /// The tokens of `text` (line breaks left out), or nil when it does not lex.
    static func tokens(of text: Substring) -> [Token]? {
        var lexer = Lexer(String(text))
        var tokens: [Token] = []
        // Every turn consumes input until `end`, and a statement typed in a shell is short.
        while tokens.count < 10_000 {
            guard let token = try? lexer.next() else { return nil }
            if token.kind == .end { return tokens }
            if token.kind != .newline { tokens.append(token) }
        }
        return nil
    }

    /// True when the tokens end with a complete operand: a name, a literal, `)` or `]`.
    static func endsOperand(_ tokens: [Token]) -> Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .integer, .float, .string, .date, .datetime, .name: return true
        case .keyword(let k): return k == .null || k == .true || k == .false
        case .symbol(let s): return s == .rightParen || s == .rightBracket
        case .newline, .end: return false
        }
    }

    static func isName(_ token: Token) -> Bool {
        if case .name = token.kind { return true }
        return false
    }

    static func isWord(_ token: Token, _ word: String) -> Bool {
        if case .name(let name, quoted: false) = token.kind { return name.lowercased() == word }
        return false
    }

    static func isKeyword(_ token: Token, _ keyword: Keyword) -> Bool {
        token.kind == .keyword(keyword)
    }

    /// The candidates that start with `word`, each once. A name in backticks also matches the word
    /// typed without its opening backtick (`R` offers `` `R&D强度` ``).
    static func filter(_ names: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        return names.filter { ($0.hasPrefix(word) || $0.hasPrefix("`" + word)) && seen.insert($0).inserted }
    }

    /// Names as they are written in a query: in backticks when they are not plain names (`` `R&D强度` ``,
    /// `` `and` ``), so a completed name always parses.
    static func written(_ names: [String]) -> [String] {
        names.map { name in
            let plain = Session.isIdentifier(name) && Keyword(rawValue: name.lowercased()) == nil
            return plain || name.contains("`") || name.contains("\n") ? name : "`" + name + "`"
        }
    }
}

/// Where the last top-level `|` and `;` (outside strings, backticks and brackets) are, and whether the text ends inside a string.
struct TopLevelMarks {
    var lastBar: Substring.Index?
    var lastSemicolon: Substring.Index?
    var insideString = false
    /// Where the last string (or backticked name) opened; the open one when `insideString`.
    var stringStart: Substring.Index?
    /// The innermost `(` not closed yet (outside strings and comments), if any.
    var openParen: Substring.Index?

    init(_ s: Substring) {
        var depth = 0
        var parens: [Substring.Index] = []
        var quote: Character?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == "\\", q != "`" {
                    i = s.index(after: i)
                    if i == s.endIndex { break }
                } else if c == q {
                    quote = nil
                }
            } else {
                switch c {
                case "\"", "'", "`":
                    quote = c
                    stringStart = i
                case "(", "[":
                    depth += 1
                    if c == "(" { parens.append(i) }
                case ")", "]":
                    depth = max(0, depth - 1)
                    if c == ")" { _ = parens.popLast() }
                case "|": if depth == 0 { lastBar = i }
                case ";": if depth == 0 { lastSemicolon = i; lastBar = nil }
                case "-":
                    // `--` comments run to the end of the line.
                    let next = s.index(after: i)
                    if next < s.endIndex, s[next] == "-" {
                        i = s[next...].firstIndex(of: "\n") ?? s.endIndex
                        continue
                    }
                default: break
                }
            }
            i = s.index(after: i)
        }
        insideString = quote != nil
        openParen = parens.last
    }
}
