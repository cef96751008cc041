// Parser: statements of cq from text, one at a time (LANGUAGE.md §1–§3),
// by recursive descent over the lexer's tokens, with the grammar rule in a
// comment above each parse function. Expressions are parsed by precedence
// climbing over the one operator table in Precedence.swift.
//
// It builds the AST of AST.swift and nothing more: names are not resolved,
// types are not checked (`x == null` parses; the binder reports it). Errors
// are thrown as syntax-phase CQErrors with the range of the offending token;
// when the input ends where more is needed the error is `.incomplete`, placed
// at the end of the input, which the shell turns into a continuation prompt.
// `recover()` skips to the next statement so a script can go on. Given the
// `SourceOrigin` of its text, the parser marks every range with it, so a
// range kept past its statement (a user function's body) still knows its text.
//
// Hostile input is bounded, never trapped on: expression nesting (brackets,
// prefix chains, calls, subqueries, and the height of operator chains) stops
// at 200, a statement at 1,000 stages (counting the stages of the queries
// inside it, so plans nested in expressions stay shallow), comma lists at
// 10,000 items. Every loop consumes
// at least one token per turn (the `|`, `,`, operator or separator it tests
// for), so no input can make the parser spin.

/// Parses statements from a script's text, on demand.
public struct Parser {
    /// The deepest expression nesting accepted.
    public static let maxDepth = 200
    /// The most stages in one statement (its query and the queries inside its expressions).
    public static let maxStages = 1_000
    /// The most items in one comma-separated list.
    public static let maxListItems = 10_000

    private var lexer: Lexer
    /// The text's origin, given to every range (nil: ranges are plain offsets).
    private let origin: SourceOrigin?
    /// Tokens read but not yet consumed (at most three: the parser looks two tokens ahead past the current one).
    private var lookahead: [Token] = []
    /// The end offset of the last consumed token.
    private var lastEnd = 0
    /// Brackets, prefix operators, calls and bracketed queries currently open in the statement being parsed.
    private var nesting = 0
    /// Stages read so far in the current statement.
    private var stages = 0

    public init(_ text: String, origin: SourceOrigin? = nil) {
        lexer = Lexer(text)
        self.origin = origin
    }

    /// All statements, or the first error.
    public static func parseAll(_ text: String) throws -> [Statement] {
        var parser = Parser(text)
        var statements: [Statement] = []
        while let statement = try parser.next() { statements.append(statement) }
        return statements
    }

    /// The text as one query — a source (a name or `( QUERY )`) and stages — or the first error
    /// (completion reads the columns of `(q) | …` this way, which as a statement alone would be an expression).
    public static func parseQuery(_ text: String) throws -> Query {
        var parser = Parser(text)
        while try parser.peek().kind == .newline { try parser.advance() }
        let query = try parser.parseQuery()
        while try parser.peek().kind == .newline { try parser.advance() }
        guard try parser.peek().kind == .end else { throw try parser.unexpected("'|' or the end of the query") }
        return query
    }

    /// After an error: skip to the start of the next statement (past the next
    /// line break or `;` at bracket depth 0), so a script can go on (`--continue`).
    public mutating func recover() {
        while !lookahead.isEmpty {
            let token = lookahead.removeFirst()
            if endsRecovery(token) { return }
        }
        while true {
            guard let token = try? lexer.next() else { continue }  // the lexer moved past the bad text
            if token.kind == .end || endsRecovery(token) { return }
        }
    }

    private func endsRecovery(_ token: Token) -> Bool {
        token.kind == .newline || token.kind == .end || (token.kind == .symbol(.semicolon) && lexer.depth == 0)
    }

    // MARK: - Tokens

    private mutating func peek(_ offset: Int = 0) throws -> Token {
        while lookahead.count <= offset {
            var token = try lexer.next()
            token.range.origin = origin
            lookahead.append(token)
        }
        return lookahead[offset]
    }

    @discardableResult
    private mutating func advance() throws -> Token {
        let token = try peek()
        lookahead.removeFirst()
        lastEnd = token.range.end
        return token
    }

    /// Consumes the token if it is `symbol`.
    private mutating func consume(_ symbol: Symbol) throws -> Token? {
        try peek().kind == .symbol(symbol) ? try advance() : nil
    }

    /// Consumes the token if it is the unquoted name `word` (a contextual keyword, any case).
    private mutating func consumeWord(_ word: String) throws -> Token? {
        isWord(try peek(), word) ? try advance() : nil
    }

    private func isWord(_ token: Token, _ word: String) -> Bool {
        guard case .name(let name, quoted: false) = token.kind, name.utf8.count == word.utf8.count else { return false }
        return name.lowercased() == word
    }

    private mutating func expect(_ symbol: Symbol, _ expected: String) throws -> Token {
        guard let token = try consume(symbol) else { throw try unexpected(expected) }
        return token
    }

    /// The error for the current token when `expected` was wanted: `.incomplete` at the end of input.
    /// Operators of SQL and KQL that cq spells otherwise, with what to write instead.
    static let foreignOperators = [
        "between": "cq has no 'between': write x >= a and x <= b",
        "like": "for patterns write contains, startswith, endswith or matches (a regular expression)",
        "ilike": "for patterns write contains, startswith, endswith or matches (a regular expression)",
        "has": "for text write contains",
    ]

    private mutating func unexpected(_ expected: String) throws -> CQError {
        let token = try peek()
        switch token.kind {
        case .end: return CQError(.incomplete(expected: expected), at: token.range)
        case .newline: return CQError(.unexpectedToken(found: "end of line", expected: expected), at: token.range)
        default:
            var written = lexer.text(token.range)
            if written.count > 30 { written = String(written.prefix(30)) + "…" }
            // `where x = 1` as SQL writes it: say how cq compares.
            let compare = token.kind == .symbol(.assign) ? " ('==' compares; '=' names a column)"
                : Self.foreignOperators[written.lowercased()].map { " (\($0))" } ?? ""
            return CQError(.unexpectedToken(found: "'\(written)'", expected: expected + compare), at: token.range)
        }
    }

    /// The range from `start` to the end of the last consumed token.
    private func span(from start: SourceRange) -> SourceRange {
        SourceRange(start.start, lastEnd, origin: origin)
    }

    private func endsStatement(_ token: Token) -> Bool {
        token.kind == .newline || token.kind == .end || token.kind == .symbol(.semicolon)
    }

    // MARK: - Statements

    /// script → statement { (NEWLINE | ';') statement }     (blank statements are skipped)
    /// statement → command | 'let' NAME '=' body | 'let' NAME parameters '=' expr | body
    ///
    /// The next statement, or nil at the end of input.
    public mutating func next() throws -> Statement? {
        nesting = 0
        stages = 0
        while try peek().kind == .newline || peek().kind == .symbol(.semicolon) { try advance() }
        let first = try peek()
        let statement: Statement
        let expectedAfter: String
        switch first.kind {
        case .end:
            return nil
        case .symbol(.dot):
            statement = try parseCommand()
            expectedAfter = "the end of the command"
        case .keyword(.let):
            try advance()
            let name = try parseName("a name after 'let'")
            if try peek().kind == .symbol(.leftParen) {
                let parameters = try parseParameters(of: name)
                _ = try expect(.assign, "'=' after the parameters of \(name.name)()")
                let body = try parseExpr("the function's expression after '='")
                statement = .letFunction(name, parameters: parameters, body: body, range: span(from: first.range))
                expectedAfter = Body.expression(body).expectedAfter
            } else {
                _ = try expect(.assign, "'=' or '(' after '\(name.name)'")
                let body = try parseBody()
                let range = span(from: first.range)
                switch body {
                case .query(let query): statement = .letQuery(name, query, range: range)
                case .expression(let expr): statement = .letExpression(name, expr, range: range)
                }
                expectedAfter = body.expectedAfter
            }
        default:
            let body = try parseBody()
            switch body {
            case .query(let query): statement = .query(query)
            case .expression(let expr): statement = .expression(expr)
            }
            expectedAfter = body.expectedAfter
        }
        let end = try peek()
        guard endsStatement(end) else { throw try unexpected(expectedAfter) }
        if end.kind != .end { try advance() }
        return statement
    }

    /// command → '.' NAME { any character but line break }
    private mutating func parseCommand() throws -> Statement {
        // Only the `.` has been read ahead, so the lexer stands right after it.
        let dot = try advance()
        let raw = lexer.readCommand()
        guard let name = raw.name else {
            let first = raw.args.first.map(String.init)
            throw CQError(.unexpectedToken(found: first.map { "'\($0)'" } ?? "end of line", expected: "a command name after '.'"),
                          at: SourceRange(raw.argsStart, raw.argsStart + (first?.utf8.count ?? 0)))
        }
        lastEnd = raw.end
        return .command(name, args: raw.args, argsStart: raw.argsStart, range: SourceRange(dot.range.start, raw.end))
    }

    /// parameters → '(' [ NAME { ',' NAME } ] ')'
    private mutating func parseParameters(of function: Identifier) throws -> [Identifier] {
        _ = try advance()
        var parameters: [Identifier] = []
        if try peek().kind != .symbol(.rightParen) {
            parameters = try commaSeparated("a parameter name", after: "(") { try $0.parseName($1) }
        }
        _ = try expect(.rightParen, "',' or ')' after the parameters of \(function.name)()")
        return parameters
    }

    /// A query or an expression, as the body of a statement or of a `let`.
    private enum Body {
        case query(Query)
        case expression(Expr)

        /// What may follow it, for the message when something else does.
        var expectedAfter: String {
            switch self {
            case .query: return "'|' or the end of the statement"
            case .expression: return "an operator or the end of the statement"
            }
        }
    }

    /// body → query | expr     (a query starts with a NAME followed by '|' or the end of the statement,
    ///                          or with '( query )' followed by '|'; a bare '( query )' is an expression)
    private mutating func parseBody() throws -> Body {
        if case .name = try peek().kind {
            let following = try peek(1)
            if following.kind == .symbol(.pipe) || endsStatement(following) {
                return .query(try parseQuery())
            }
        }
        if try opensQuery() {
            // Read the bracketed query as a source; if no '|' follows, read it again as an expression.
            let start = self
            let query = try parseQuery()
            if !query.stages.isEmpty { return .query(query) }
            self = start
        }
        return .expression(try parseExpr("a query or an expression"))
    }

    /// Whether the next tokens are `(` (any number) then a NAME then `|` or `)`: a bracketed query.
    private mutating func opensQuery() throws -> Bool {
        var offset = 0
        while try peek(offset).kind == .symbol(.leftParen) {
            guard offset < Self.maxDepth else { return false }
            offset += 1
        }
        guard offset > 0, case .name = try peek(offset).kind else { return false }
        let after = try peek(offset + 1).kind
        return after == .symbol(.pipe) || after == .symbol(.rightParen)
    }

    // MARK: - Queries

    /// query → source { '|' stage }; `expected` names the source in an error.
    private mutating func parseQuery(expected: String = "a table name") throws -> Query {
        let source = try parseSource(expected)
        var parsed: [Stage] = []
        while let bar = try consume(.pipe) {
            guard stages < Self.maxStages else {
                throw CQError(.tooLong(what: "query", limit: Self.maxStages), at: bar.range)
            }
            stages += 1
            parsed.append(try parseStage())
        }
        return Query(source: source, stages: parsed, range: span(from: source.range))
    }

    /// source → NAME | '(' query ')'
    private mutating func parseSource(_ expected: String) throws -> Source {
        guard let open = try consume(.leftParen) else { return .table(try parseName(expected)) }
        try enter(at: open.range)
        defer { nesting -= 1 }
        let query = try parseQuery()
        let close = try expect(.rightParen, "'|' or ')' after the query")
        return .query(query, range: open.range.union(close.range))
    }

    /// stage → 'where' expr
    ///       | 'select' item { ',' item }
    ///       | 'extend' NAME '=' expr { ',' NAME '=' expr }
    ///       | 'summarize' [ item { ',' item } ] [ 'by' item { ',' item } ]
    ///       | 'sort' [ 'by' ] key { ',' key }
    ///       | ( 'take' | 'limit' ) expr [ per ]
    ///       | 'top' expr 'by' key { ',' key } [ per ]
    ///       | 'distinct' [ NAME { ',' NAME } ]
    ///       | 'count'
    ///       | join
    ///       | 'rename' NAME '=' NAME { ',' NAME '=' NAME }
    ///       | 'drop' NAME { ',' NAME }
    ///       | ( 'union' | 'intersect' | 'except' ) source
    ///       | 'chart' NAME expr ',' expr
    ///       | pivot | unpivot | sample
    private mutating func parseStage() throws -> Stage {
        let word = try peek()
        guard case .name(let written, quoted: false) = word.kind else { throw try unexpected("a stage after '|'") }
        let keyword = written.utf8.count <= 9 ? written.lowercased() : written
        try advance()
        let kind: StageKind
        switch keyword {
        case "where":
            kind = .where(try parseExpr("a condition after 'where'"))
        case "select":
            kind = .select(try commaSeparated("a column or 'name = expression'", after: "select") { try $0.parseItem($1) })
        case "extend":
            kind = .extend(try commaSeparated("'name = expression'", after: "extend") { try $0.parseDefinition($1) })
        case "summarize":
            kind = try parseSummarize()
        case "sort":
            let after = try consumeWord("by") == nil ? "sort" : "by"
            kind = .sort(try commaSeparated("an expression", after: after) { try $0.parseSortKey($1) })
        case "take", "limit":
            let count = try parseExpr("a row count after '\(keyword)'")
            kind = .take(count, per: try parsePer())
        case "top":
            let count = try parseExpr("a row count after 'top'")
            guard try consumeWord("by") != nil else { throw try unexpected("'by' after the row count of 'top'") }
            let keys = try commaSeparated("an expression", after: "by") { try $0.parseSortKey($1) }
            kind = .top(count, by: keys, per: try parsePer())
        case "distinct":
            let next = try peek()
            let bare = endsStatement(next) || next.kind == .symbol(.pipe)
            kind = .distinct(bare ? [] : try commaSeparated("a column name", after: "distinct") { try $0.parseName($1) })
        case "count":
            kind = .count
        case "join":
            kind = try parseJoin()
        case "rename":
            kind = .rename(try commaSeparated("'new = old'", after: "rename") { try $0.parseRenaming($1) })
        case "drop":
            kind = .drop(try commaSeparated("a column name", after: "drop") { try $0.parseName($1) })
        case "union":
            kind = .union(try parseSource("a table name or '( query )' after 'union'"))
        case "intersect":
            kind = .intersect(try parseSource("a table name or '( query )' after 'intersect'"))
        case "except":
            kind = .except(try parseSource("a table name or '( query )' after 'except'"))
        case "chart":
            let chartKind = try parseName("a chart kind such as 'bar' after 'chart'")
            let label = try parseExpr("a label after '\(chartKind.name)'")
            _ = try expect(.comma, "',' between the label and the value of the chart")
            kind = .chart(kind: chartKind, label: label, value: try parseExpr("a value after ','"))
        case "pivot":
            kind = try parsePivot()
        case "unpivot":
            kind = try parseUnpivot()
        case "sample":
            kind = try parseSample()
        default:
            let suggestion = StageKind.foreignWords[written.lowercased()] ?? Suggest.closest(to: written, among: StageKind.keywords)
            if suggestion == nil, let function = Functions.lookup(written.lowercased()) {
                throw CQError(.functionAsStage(function.name, aggregate: function.isAggregate), at: word.range)
            }
            throw CQError(.unknownStage(written, suggestion: suggestion), at: word.range)
        }
        return Stage(kind, keyword: word.range, range: span(from: word.range))
    }

    /// summarize → 'summarize' [ item { ',' item } ] [ 'by' item { ',' item } ]
    private mutating func parseSummarize() throws -> StageKind {
        var aggregates: [NamedExpr] = []
        let startsWithBy = try isWord(peek(), "by") && peek(1).kind != .symbol(.assign)
        if !startsWithBy {
            aggregates = try commaSeparated("an aggregate such as count()", after: "summarize") { try $0.parseItem($1) }
        }
        var keys: [NamedExpr] = []
        if try consumeWord("by") != nil {
            keys = try commaSeparated("a column name", after: "by") { try $0.parseItem($1) }
        }
        return .summarize(aggregates: aggregates, by: keys)
    }

    /// pivot → 'pivot' expr [ 'in' '[' expr { ',' expr } ']' ] 'using' expr [ 'by' item { ',' item } ]
    ///
    /// The column is an expression without comparisons (so `in` after it starts the list of values).
    private mutating func parsePivot() throws -> StageKind {
        let column = try parseLevel(.coalesce, "a column after 'pivot'").expr
        var values: [Expr]?
        if try peek().kind == .keyword(.in) {
            try advance()
            let open = try expect(.leftBracket, "'[' and the values after 'in'")
            try enter(at: open.range)
            defer { nesting -= 1 }
            values = try commaSeparated("a value", after: "[") { try $0.parseExpr($1) }
            _ = try expect(.rightBracket, "',' or ']' in the list of values")
        }
        guard try consumeWord("using") != nil else {
            throw try unexpected(values == nil ? "'in [values]' or 'using' and an aggregate after the column"
                                               : "'using' and an aggregate after the values")
        }
        let aggregate = try parseExpr("an aggregate such as count() after 'using'")
        var keys: [NamedExpr] = []
        if try consumeWord("by") != nil {
            keys = try commaSeparated("a column name", after: "by") { try $0.parseItem($1) }
        }
        return .pivot(column: column, values: values, using: aggregate, by: keys)
    }

    /// unpivot → 'unpivot' NAME { ',' NAME } 'into' NAME ',' NAME
    private mutating func parseUnpivot() throws -> StageKind {
        let columns = try commaSeparated("a column name", after: "unpivot") { try $0.parseName($1) }
        guard try consumeWord("into") != nil else { throw try unexpected("',' or 'into' after the columns") }
        let name = try parseName("the name of the column of names after 'into'")
        _ = try expect(.comma, "',' and the name of the column of values")
        return .unpivot(columns, name: name, value: try parseName("the name of the column of values after ','"))
    }

    /// sample → 'sample' expr [ '%' ] [ 'seed' expr ]
    ///
    /// A `%` right after the operand that ends the size (nothing of the expression follows it) makes it a percentage.
    private mutating func parseSample() throws -> StageKind {
        let operand = try parseOperand(.unary, "a row count or a percentage after 'sample'")
        var percent = false
        if try peek().kind == .symbol(.percent) {
            let after = try peek(1)
            if endsStatement(after) || after.kind == .symbol(.pipe) || after.kind == .symbol(.rightParen) || isWord(after, "seed") {
                try advance()
                percent = true
            }
        }
        let size = percent ? operand.expr : try parseInfixes(after: operand, .or).expr
        let seed = try consumeWord("seed") == nil ? nil : try parseExpr("a seed (a whole number) after 'seed'")
        return .sample(size, percent: percent, seed: seed)
    }

    /// join → 'join' [ KIND ] source 'on' joinkey { ( ',' | 'and' ) joinkey }
    ///      | 'join' 'cross' source
    /// KIND → 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti'
    private mutating func parseJoin() throws -> StageKind {
        var kind = JoinKind.inner
        var after = "join"
        // A kind word is the join kind when a source (a name other than `on`, or `(`) follows it.
        if case .name(let word, quoted: false) = try peek().kind, word.utf8.count <= 5,
           let written = JoinKind(rawValue: word.lowercased()) {
            let next = try peek(1)
            var startsSource = next.kind == .symbol(.leftParen)
            if case .name = next.kind, !isWord(next, "on") { startsSource = true }
            if startsSource {
                try advance()
                kind = written
                after = written.rawValue
            }
        }
        let source = try parseSource("a table name or '( query )' after '\(after)'")
        if kind == .cross {
            if let on = try consumeWord("on") {
                throw CQError(.unexpectedToken(found: "'on'", expected: "'|' or the end of the statement (a cross join pairs every row with every row and takes no 'on')"),
                              at: on.range)
            }
            return .join(kind, source: source, on: [])
        }
        guard try consumeWord("on") != nil else {
            throw try unexpected(isQuery(source) ? "'on' after the query" : "'on' after the table name")
        }
        var keys = [try parseJoinKey("a column name after 'on'")]
        while true {
            let separator = try peek()
            guard separator.kind == .symbol(.comma) || separator.kind == .keyword(.and) else { break }
            try advance()
            guard keys.count < Self.maxListItems else {
                throw CQError(.tooLong(what: "list", limit: Self.maxListItems), at: separator.range)
            }
            keys.append(try parseJoinKey("a column name after '\(lexer.text(separator.range))'"))
        }
        return .join(kind, source: source, on: keys)
    }

    private func isQuery(_ source: Source) -> Bool {
        if case .query = source { return true }
        return false
    }

    /// joinkey → NAME [ '==' NAME ]
    private mutating func parseJoinKey(_ expected: String) throws -> JoinKey {
        let left = try parseName(expected)
        guard try consume(.equal) != nil else { return JoinKey(left: left, right: nil) }
        return JoinKey(left: left, right: try parseName("a column name after '=='"))
    }

    /// per → 'per' expr { ',' expr }     (optional: none gives no keys)
    private mutating func parsePer() throws -> [Expr] {
        guard try consumeWord("per") != nil else { return [] }
        return try commaSeparated("a key", after: "per") { try $0.parseExpr($1) }
    }

    /// item → NAME '=' expr | expr
    private mutating func parseItem(_ expected: String) throws -> NamedExpr {
        if case .name = try peek().kind, try peek(1).kind == .symbol(.assign) {
            return try parseDefinition(expected)
        }
        return NamedExpr(name: nil, expr: try parseExpr(expected))
    }

    /// definition → NAME '=' expr
    private mutating func parseDefinition(_ expected: String) throws -> NamedExpr {
        let name = try parseName(expected)
        _ = try expect(.assign, "'=' after '\(name.name)'")
        return NamedExpr(name: name, expr: try parseExpr("an expression after '='"))
    }

    /// renaming → NAME '=' NAME
    private mutating func parseRenaming(_ expected: String) throws -> Renaming {
        let new = try parseName(expected)
        _ = try expect(.assign, "'=' after '\(new.name)'")
        return Renaming(new: new, old: try parseName("the old column name after '='"))
    }

    /// key → expr [ 'asc' | 'desc' ] [ 'nulls' ( 'first' | 'last' ) ]
    private mutating func parseSortKey(_ expected: String) throws -> SortKey {
        let expr = try parseExpr(expected)
        var descending: Bool?
        if try consumeWord("asc") != nil {
            descending = false
        } else if try consumeWord("desc") != nil {
            descending = true
        }
        var nullsFirst: Bool?
        if try consumeWord("nulls") != nil {
            if try consumeWord("first") != nil {
                nullsFirst = true
            } else if try consumeWord("last") != nil {
                nullsFirst = false
            } else {
                throw try unexpected("'first' or 'last' after 'nulls'")
            }
        }
        return SortKey(expr: expr, descending: descending, nullsFirst: nullsFirst)
    }

    /// NAME (plain or in backticks; stage words are names here)
    private mutating func parseName(_ expected: String) throws -> Identifier {
        let token = try peek()
        guard case .name(let name, _) = token.kind else { throw try unexpected(expected) }
        try advance()
        return Identifier(name, token.range)
    }

    /// list → item { ',' item }     (at most `maxListItems` items)
    ///
    /// `what` says what an item is and `after` the word before the first one, for messages.
    private mutating func commaSeparated<T>(_ what: String, after: String,
                                            _ item: (inout Parser, String) throws -> T) throws -> [T] {
        var items = [try item(&self, "\(what) after '\(after)'")]
        while let comma = try consume(.comma) {
            guard items.count < Self.maxListItems else {
                throw CQError(.tooLong(what: "list", limit: Self.maxListItems), at: comma.range)
            }
            items.append(try item(&self, "\(what) after ','"))
        }
        return items
    }

    // MARK: - Expressions

    /// An expression being built, with the height of its tree (a leaf is 1).
    private struct Parsed {
        var expr: Expr
        var height: Int
    }

    /// A node over `children`, refused when the tree grows above `maxDepth` (reported at `place`).
    private func node(_ kind: Expr.Kind, _ range: SourceRange, _ children: [Parsed], at place: SourceRange) throws -> Parsed {
        let height = (children.map(\.height).max() ?? 0) + 1
        guard height <= Self.maxDepth else { throw CQError(.tooDeep(limit: Self.maxDepth), at: place) }
        return Parsed(expr: Expr(kind, range), height: height)
    }

    /// Opens one level of nesting (bracket, prefix operator, call), refused above `maxDepth`.
    private mutating func enter(at place: SourceRange) throws {
        nesting += 1
        guard nesting <= Self.maxDepth else { throw CQError(.tooDeep(limit: Self.maxDepth), at: place) }
    }

    /// expr → operand { INFIX operand }     (precedence climbing; `expected` names what must start it)
    private mutating func parseExpr(_ expected: String) throws -> Expr {
        try parseLevel(.or, expected).expr
    }

    /// The longest expression whose operators all bind at least as tightly as `minimum`.
    private mutating func parseLevel(_ minimum: Precedence, _ expected: String) throws -> Parsed {
        try parseInfixes(after: parseOperand(minimum, expected), minimum)
    }

    /// `left` followed by the infix operators that bind at least as tightly as `minimum`, and their operands.
    private mutating func parseInfixes(after operand: Parsed, _ minimum: Precedence) throws -> Parsed {
        var left = operand
        var afterComparison = false
        while let rule = OperatorTable.infix(try peek().kind), rule.precedence >= minimum {
            if afterComparison && rule.precedence == .comparison {
                throw try unexpected("'and' or 'or' between two comparisons")
            }
            let operatorToken = try advance()
            left = try parseInfix(rule.op, rule.precedence, operatorToken, left)
            afterComparison = rule.precedence == .comparison
        }
        return left
    }

    /// The right-hand side of an infix operator whose token has just been consumed.
    private mutating func parseInfix(_ op: InfixOperator, _ precedence: Precedence,
                                     _ operatorToken: Token, _ left: Parsed) throws -> Parsed {
        switch op {
        case .binary(let binary):
            let right = try parseLevel(precedence.tighter, "an expression after '\(lexer.text(operatorToken.range))'")
            return try node(.binary(binary, left.expr, right.expr), left.expr.range.union(right.expr.range),
                            [left, right], at: operatorToken.range)
        case .isNull:
            // isNull → operand 'is' [ 'not' ] 'null'
            let negated = try peek().kind == .keyword(.not)
            if negated { try advance() }
            guard try peek().kind == .keyword(.null) else {
                throw try unexpected(negated ? "'null' after 'is not'" : "'null' or 'not null' after 'is'")
            }
            let null = try advance()
            return try node(.isNull(left.expr, negated: negated), left.expr.range.union(null.range),
                            [left], at: operatorToken.range)
        case .inList(let negated):
            // inList → operand [ 'not' ] 'in' ( '[' [ expr { ',' expr } ] ']' | subquery )
            if negated {
                guard try peek().kind == .keyword(.in) else { throw try unexpected("'in' after 'not'") }
                try advance()
            }
            if try peek().kind == .symbol(.leftParen) {
                let (query, range) = try parseSubquery(expected: "a query after 'in (' (a list of values goes in brackets: in [a, b])")
                return try node(.inQuery(left.expr, query, negated: negated), left.expr.range.union(range),
                                [left], at: operatorToken.range)
            }
            let open = try expect(.leftBracket, "'[' or '(' and a query after 'in'")
            try enter(at: open.range)
            defer { nesting -= 1 }
            var items: [Parsed] = []
            if try peek().kind != .symbol(.rightBracket) {
                items = try commaSeparated("a list item", after: "[") { try $0.parseLevel(.or, $1) }
            }
            let close = try expect(.rightBracket, "',' or ']' in the list")
            return try node(.inList(left.expr, items.map(\.expr), negated: negated), left.expr.range.union(close.range),
                            [left] + items, at: operatorToken.range)
        }
    }

    /// operand → PREFIX operand | primary     (a prefix operator only where its precedence is allowed)
    private mutating func parseOperand(_ minimum: Precedence, _ expected: String) throws -> Parsed {
        let token = try peek()
        guard let rule = OperatorTable.prefix(token.kind), rule.precedence >= minimum else {
            return try parsePrimary(expected)
        }
        try advance()
        try enter(at: token.range)
        defer { nesting -= 1 }
        let operand = try parseLevel(rule.precedence, "an expression after '\(lexer.text(token.range))'")
        return try node(.unary(rule.op, operand.expr), token.range.union(operand.expr.range), [operand], at: token.range)
    }

    /// primary → INTEGER | FLOAT | STRING | DATE | DATETIME | 'true' | 'false' | 'null'
    ///         | NAME [ '.' NAME ] | call | 'exists' subquery | subquery | '(' expr ')'
    ///
    /// A '(' starts a subquery when a name and '|' follow it (`(projects | count)`); else it opens a
    /// parenthesised expression, so `(x)` is the name x. After `in` and `exists`, '(' always holds a query.
    private mutating func parsePrimary(_ expected: String) throws -> Parsed {
        let token = try peek()
        let literal: Literal
        switch token.kind {
        case .integer(let value): literal = .int(value)
        case .float(let value): literal = .float(value)
        case .string(let value): literal = .string(value)
        case .date(let value): literal = .date(value)
        case .datetime(let value): literal = .datetime(value)
        case .keyword(.true): literal = .bool(true)
        case .keyword(.false): literal = .bool(false)
        case .keyword(.null): literal = .null
        case .name(let name, _):
            if try peek(1).kind == .symbol(.leftParen) {
                guard isWord(token, "exists") else { return try parseCall(name) }
                try advance()
                let (query, range) = try parseSubquery()
                return Parsed(expr: Expr(.exists(query), token.range.union(range)), height: 1)
            }
            try advance()
            // `table.column` is written without spaces (`x .tables` is a name and a stray command).
            guard try peek().kind == .symbol(.dot), try peek().range.start == token.range.end else {
                return Parsed(expr: Expr(.name(name), token.range), height: 1)
            }
            try advance()
            let column = try parseName("a column name after '\(lexer.text(token.range)).'")
            return Parsed(expr: Expr(.qualifiedName(table: Identifier(name, token.range), column: column),
                                     token.range.union(column.range)), height: 1)
        case .symbol(.leftParen):
            if case .name = try peek(1).kind, try peek(2).kind == .symbol(.pipe) {
                let (query, range) = try parseSubquery()
                return Parsed(expr: Expr(.subquery(query), range), height: 1)
            }
            try advance()
            try enter(at: token.range)
            defer { nesting -= 1 }
            let inner = try parseLevel(.or, "an expression after '('")
            let close = try expect(.rightParen, "')'")
            return Parsed(expr: Expr(inner.expr.kind, token.range.union(close.range)), height: inner.height)
        case .symbol(.leftBracket):
            throw try unexpected("\(expected) (a list '[…]' may only follow 'in')")
        default:
            throw try unexpected(expected)
        }
        try advance()
        return Parsed(expr: Expr(.literal(literal), token.range), height: 1)
    }

    /// subquery → '(' query ')'
    private mutating func parseSubquery(expected: String = "a table name") throws -> (Query, SourceRange) {
        let open = try advance()
        try enter(at: open.range)
        defer { nesting -= 1 }
        let query = try parseQuery(expected: expected)
        let close = try expect(.rightParen, "'|' or ')' after the query")
        return (query, open.range.union(close.range))
    }

    /// call → NAME '(' [ expr { ',' expr } ] ')' [ 'over' window ]
    private mutating func parseCall(_ name: String) throws -> Parsed {
        let nameToken = try advance()
        let open = try advance()
        try enter(at: open.range)
        defer { nesting -= 1 }
        var args: [Parsed] = []
        if try peek().kind != .symbol(.rightParen) {
            args = try commaSeparated("an argument", after: "(") { try $0.parseLevel(.or, $1) }
        }
        let close = try expect(.rightParen, "',' or ')' after the arguments of \(name)()" + Self.distinctHint(name, args))
        let call = try node(.call(name, nameRange: nameToken.range, args: args.map(\.expr)),
                            nameToken.range.union(close.range), args, at: open.range)
        guard let over = try consumeWord("over") else { return call }
        let (spec, parts) = try parseWindow(over)
        return try node(.window(call: call.expr, spec), call.expr.range.union(spec.range), [call] + parts, at: over.range)
    }

    /// SQL's `count(distinct x)` reads as `count(distinct` and then `x`: the error names cq's spelling.
    private static func distinctHint(_ name: String, _ args: [Parsed]) -> String {
        guard name.lowercased() == "count", args.count == 1, case .name(let word) = args[0].expr.kind,
              word.lowercased() == "distinct" else { return "" }
        return " (count_distinct(x) counts the distinct values)"
    }

    /// window → '(' [ 'by' expr { ',' expr } ] [ 'sort' key { ',' key } ] [ 'rows' frame ] ')'
    ///
    /// Returns the spec and its expressions (for the height of the tree).
    private mutating func parseWindow(_ over: Token) throws -> (WindowSpec, [Parsed]) {
        let open = try expect(.leftParen, "'(' after 'over'")
        try enter(at: open.range)
        defer { nesting -= 1 }
        var partition: [Parsed] = []
        var order: [SortKey] = []
        var frame: WindowFrame?
        if try consumeWord("by") != nil {
            partition = try commaSeparated("an expression", after: "by") { try $0.parseLevel(.or, $1) }
        }
        if try consumeWord("sort") != nil {
            order = try commaSeparated("an expression", after: "sort") { try $0.parseSortKey($1) }
        }
        if let rows = try consumeWord("rows") {
            frame = try parseFrame(after: rows)
        }
        let close = try expect(.rightParen, "'by', 'sort', 'rows' or ')' in the window")
        let spec = WindowSpec(partition: partition.map(\.expr), order: order, frame: frame, range: over.range.union(close.range))
        return (spec, partition + order.map { Parsed(expr: $0.expr, height: 1) })
    }

    /// frame → [ bound ] '..' [ bound ]     bound → [ '-' | '+' ] INTEGER
    private mutating func parseFrame(after rows: Token) throws -> WindowFrame {
        let start = try parseFrameBound("a row offset or '..' after 'rows'")
        let first = try expect(.dot, "'..' in the frame (as in 'rows -6..0')")
        let second = try expect(.dot, "'..' in the frame (as in 'rows -6..0')")
        guard second.range.start == first.range.end else {
            throw CQError(.unexpectedToken(found: "'. .'", expected: "'..' without a space"), at: first.range.union(second.range))
        }
        let end = try parseFrameBound(nil)
        return WindowFrame(start: start?.value, end: end?.value,
                           range: (start?.range ?? first.range).union(end?.range ?? second.range))
    }

    /// A frame bound: a whole number with an optional sign, or nil when none is written (an open end).
    /// `expected`, when given, is the message for a token that is neither a bound nor `..`.
    private mutating func parseFrameBound(_ expected: String?) throws -> (value: Int, range: SourceRange)? {
        let first = try peek()
        var negative = false
        if first.kind == .symbol(.minus) || first.kind == .symbol(.plus) {
            negative = first.kind == .symbol(.minus)
            try advance()
        } else if first.kind == .symbol(.dot) || first.kind == .symbol(.rightParen) {
            return nil
        }
        let token = try peek()
        switch token.kind {
        case .integer(let value):
            try advance()
            return (negative ? -value : value, first.range.union(token.range))
        case .float:
            throw CQError(.invalidArgument("a frame bound is a whole number of rows, not '\(lexer.text(token.range))'"),
                          at: first.range.union(token.range))
        default:
            throw try unexpected(expected ?? "a row offset or ')' after '..'")
        }
    }
}
