// Commands: the shell commands of LANGUAGE.md §6 (`.mode`, `.import`, …),
// which work in the interactive shell and in scripts alike.
//
// One registry, `Commands.all`: each entry is a command's name, argument
// synopsis, summary, whether it touches files, and its handler, so adding a
// command is adding one entry (dispatch, `.help`, completion of the name and
// "did you mean" read the same list). Each handler parses its own raw
// argument text; usage mistakes are `commandUsage` errors pointing at the
// arguments (`CommandCall.usage`). What a handler does beyond a few lines is
// a method of Session below.

/// A shell command: its name, its argument synopsis, a one-line summary and what it does.
public struct CommandInfo: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    /// True for commands that read or write files (refused in `--safe` mode).
    public var touchesFiles: Bool
    /// Other names that run it (`.exit` for `.quit`).
    public var aliases: [String] = []
    /// Runs the command in a session.
    let run: @Sendable (Session, CommandCall) throws -> Void
}

/// One use of a command: its raw argument text, where that stands, and the entry it runs.
struct CommandCall {
    let info: CommandInfo
    /// The command's name as written (errors about the command point at it).
    let name: Identifier
    let args: String
    let argsRange: SourceRange
    /// The arguments split at spaces and tabs.
    var words: [String] { args.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// The usage error, at the arguments (or at the name when there are none).
    func usage() -> CQError {
        CQError(.commandUsage(command: info.name, usage: info.usage), at: args.isEmpty ? name.range : argsRange)
    }

    /// The only word of the arguments, or the usage error.
    func oneWord() throws -> String {
        let words = self.words
        guard words.count == 1 else { throw usage() }
        return words[0]
    }
}

/// The registry of shell commands.
public enum Commands {
    /// Every command, in the order `.help` lists them.
    public static let all: [CommandInfo] = [
        CommandInfo(name: "help", usage: "[topic]", summary: "help on commands, stages, functions, types (.help where, .help sum)", touchesFiles: false) { session, call in
            session.emit(Help.text(topic: call.args, catalog: session.catalog))
        },
        CommandInfo(name: "tables", usage: "", summary: "tables with row and column counts", touchesFiles: false) { session, call in
            guard call.args.isEmpty else { throw call.usage() }
            session.emit(Renderer.render(session.tablesOverview(), session.renderOptions))
        },
        CommandInfo(name: "schema", usage: "[TABLE]", summary: "columns and types of a table (or of every table)", touchesFiles: false) { session, call in
            session.emit(Renderer.render(try session.schemaTable(call.words.first, range: call.argsRange), session.renderOptions))
        },
        CommandInfo(name: "mode", usage: "box|table|csv|tsv|json|jsonl|markdown|line", summary: "output format", touchesFiles: false) { session, call in
            guard let mode = OutputMode(rawValue: try call.oneWord().lowercased()) else { throw call.usage() }
            session.settings.render.mode = mode
        },
        CommandInfo(name: "numbers", usage: "plain|cn", summary: "cn shows large numbers with 万/亿 (60亿, 13.5万)", touchesFiles: false) { session, call in
            guard let style = NumberStyle(rawValue: try call.oneWord().lowercased()) else { throw call.usage() }
            session.settings.render.numbers = style
        },
        CommandInfo(name: "maxrows", usage: "N", summary: "show at most N rows (first and last), 0 = all", touchesFiles: false) { session, call in
            guard let n = Int(try call.oneWord()), n >= 0 else { throw call.usage() }
            session.settings.render.maxRows = n
        },
        CommandInfo(name: "width", usage: "N|auto", summary: "table width in columns (0 or auto = the terminal's) [extension]", touchesFiles: false) { session, call in
            try session.setWidth(call.oneWord(), call)
        },
        CommandInfo(name: "timer", usage: "on|off", summary: "print 'Run Time: real S.SSS' after each statement", touchesFiles: false) { session, call in
            let word = try call.oneWord().lowercased()
            guard word == "on" || word == "off" else { throw call.usage() }
            session.settings.timer = word == "on"
        },
        CommandInfo(name: "import", usage: "FILE [as NAME]", summary: "load a CSV/TSV file (header row, types inferred, empty field = null)", touchesFiles: true) { session, call in
            try session.importFile(call.args, range: call.argsRange, usage: call.usage)
        },
        CommandInfo(name: "read", usage: "FILE", summary: "run a script", touchesFiles: true) { session, call in
            guard !call.args.isEmpty else { throw call.usage() }
            try session.readScript(Session.unquote(call.args), range: call.argsRange)
        },
        CommandInfo(name: "output", usage: "[FILE]", summary: "send results to FILE, or back to the screen", touchesFiles: true) { session, call in
            session.outputFile = nil
            if !call.args.isEmpty { session.outputFile = try OutputFile(path: Session.unquote(call.args), range: call.argsRange) }
        },
        CommandInfo(name: "sql", usage: "[--dialect portable|sqlite|duckdb|postgres] QUERY", summary: "print the equivalent SQL (in the .dialect unless given)", touchesFiles: false) { session, call in
            try session.printSQL(call)
        },
        CommandInfo(name: "dialect", usage: "portable|sqlite|duckdb|postgres", summary: "the SQL dialect .sql writes (portable: accepted by all three) [extension]", touchesFiles: false) { session, call in
            guard let dialect = SQLDialect(name: try call.oneWord()) else { throw call.usage() }
            session.settings.sqlDialect = dialect
        },
        CommandInfo(name: "explain", usage: "QUERY", summary: "print the typed plan of a query [extension]", touchesFiles: false) { session, call in
            guard !call.args.isEmpty else { throw call.usage() }
            session.emit(PlanPrinter.print(try session.plan(for: call.args, offset: call.argsRange.start)))
        },
        CommandInfo(name: "quit", usage: "", summary: "leave (also .exit and Ctrl-D)", touchesFiles: false, aliases: ["exit"]) { session, call in
            guard call.args.isEmpty else { throw call.usage() }
            session.quitRequested = true
        },
    ]

    /// Every name a command answers to (for completion and "did you mean").
    public static var names: [String] { all.map(\.name) + all.flatMap(\.aliases) }

    /// The command a name (or an alias) runs.
    static func info(_ name: String) -> CommandInfo? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}

extension Session {
    func runCommand(_ name: Identifier, args: String, argsRange: SourceRange, source: SourceText) throws {
        let command = name.name.lowercased()
        guard let info = Commands.info(command) else {
            let suggestion = Suggest.closest(to: command, among: Commands.names).map { "." + $0 }
            throw CQError(.unknownCommand(name.name, suggestion: suggestion), at: name.range)
        }
        if info.touchesFiles && settings.safe {
            throw CQError(.refusedInSafeMode(info.name), at: name.range)
        }
        try info.run(self, CommandCall(info: info, name: name, args: args, argsRange: argsRange))
    }

    /// `.width N|auto`: a fixed width, or the terminal's as it changes.
    func setWidth(_ word: String, _ call: CommandCall) throws {
        if word == "auto" || word == "0" {
            settings.followsTerminalWidth = true
            settings.render.width = terminalWidth?()
        } else {
            guard let n = Int(word), (10...10_000).contains(n) else { throw call.usage() }
            settings.followsTerminalWidth = false
            settings.render.width = n
        }
    }

    /// `.sql [--dialect D] QUERY`: the query's SQL in the session's dialect or the one given.
    func printSQL(_ call: CommandCall) throws {
        let words = call.words
        var query = Substring(call.args)
        var dialect = settings.sqlDialect
        if words.first == "--dialect" {
            guard words.count >= 3, let d = SQLDialect(name: words[1]) else { throw call.usage() }
            dialect = d
            query = query.dropFirst("--dialect".count).drop(while: { $0 == " " || $0 == "\t" })
            query = query.dropFirst(words[1].count).drop(while: { $0 == " " || $0 == "\t" })
        }
        guard !query.isEmpty else { throw call.usage() }
        let offset = call.argsRange.start + (call.args.utf8.count - query.utf8.count)
        emit(try sql(for: String(query), offset: offset, dialect: dialect) + "\n")
    }

    /// Binds a query written as a command's argument. Ranges are shifted so errors point into the line.
    func plan(for text: String, offset: Int) throws -> Plan {
        // One space in front, so the text is never the start of a script (`#!`); ranges into it
        // are shifted by `offset - 1` (padding it to `offset` made a long script of `.explain`
        // lines quadratic). The plan's own ranges stay relative to the spaced text.
        let spaced = " " + text
        return try Self.shiftingErrors(by: offset - 1) {
            var parser = Parser(spaced)
            guard let statement = try parser.next() else {
                throw CQError(.incomplete(expected: "a query"), at: SourceRange(1, 1))
            }
            if let extra = try parser.next() {
                throw CQError(.unexpectedToken(found: "a second statement", expected: "one query"), at: extra.range)
            }
            guard case .query(let q) = statement else {
                throw CQError(.invalidArgument("expected a query such as 'projects | take 5'"), at: statement.range)
            }
            var binder = Binder(catalog: catalog, source: spaced)
            binder.cancel = cancel
            return try binder.bind(q)
        }
    }

    /// `.sql QUERY`: the query's SQL in a dialect, ended by `;`.
    func sql(for text: String, offset: Int, dialect: SQLDialect) throws -> String {
        let plan = try plan(for: text, offset: offset)
        return try Self.shiftingErrors(by: offset - 1) {
            try SQLEmitter(dialect: dialect).emit(plan, at: SourceRange(1, 1 + text.utf8.count)) + ";"
        }
    }

    /// Runs `body`, moving the range of a `CQError` it throws by `delta` bytes.
    private static func shiftingErrors<T>(by delta: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as CQError {
            error.range = error.range.map { SourceRange($0.start + delta, $0.end + delta) }
            throw error
        }
    }

    /// `.tables`: name, rows, columns, kind.
    func tablesOverview() -> Table {
        var names: [Value] = [], rows: [Value] = [], columns: [Value] = [], kinds: [Value] = []
        for name in catalog.tableNames {
            guard case .table(let t)? = catalog.lookup(name) else { continue }
            names.append(.string(name))
            rows.append(t.rowCount.map(Value.int) ?? .null)
            columns.append(.int(t.schema.count))
            kinds.append(.string(catalog.isBuiltin(name) ? "built-in" : "user"))
        }
        return Table(names: ["table", "rows", "columns", "kind"],
                     columns: [Column.from(names, type: .string), Column.from(rows, type: .int),
                               Column.from(columns, type: .int), Column.from(kinds, type: .string)])
    }

    /// `.schema [TABLE]`: table, column, type.
    func schemaTable(_ name: String?, range: SourceRange) throws -> Table {
        let names: [String]
        if let name {
            guard case .table? = catalog.lookup(name) else {
                throw CQError(.unknownTable(name, suggestion: Suggest.closest(to: name, among: catalog.tableNames)), at: range)
            }
            names = [name]
        } else {
            names = catalog.tableNames
        }
        var tables: [Value] = [], columns: [Value] = [], types: [Value] = []
        for n in names {
            guard case .table(let t)? = catalog.lookup(n) else { continue }
            for field in t.schema {
                tables.append(.string(n))
                columns.append(.string(field.name))
                types.append(.string(field.type.rawValue))
            }
        }
        return Table(names: ["table", "column", "type"],
                     columns: [Column.from(tables, type: .string), Column.from(columns, type: .string),
                               Column.from(types, type: .string)])
    }

    /// `.import FILE [as NAME]`: the table replaces a user table of the same name only when the import succeeds.
    func importFile(_ args: String, range: SourceRange, usage: () -> CQError) throws {
        guard !args.isEmpty else { throw usage() }
        var path = args
        var name: String?
        // `FILE as NAME`: the last word is the name when the word before it is `as`.
        var words = args.split(separator: " ", omittingEmptySubsequences: true)
        if words.count >= 3, words[words.count - 2].lowercased() == "as", let last = words.popLast() {
            name = String(last)
            words.removeLast()
            path = words.joined(separator: " ")
        }
        path = Self.unquote(path)
        let tableName = name ?? Self.tableName(forFile: path)
        guard Self.isIdentifier(tableName) else {
            throw CQError(.invalidArgument("'\(tableName)' is not a valid table name; use .import FILE as NAME"), at: range)
        }
        if catalog.isBuiltin(tableName) {
            throw CQError(.invalidArgument("'\(tableName)' is a built-in table; import under another name (.import FILE as NAME)"), at: range)
        }
        do {
            let table = try CSVReader.read(path: path, cancel: cancel, progress: importProgress)
            catalog.bind(tableName, table: table)
        } catch var error as CQError {
            if error.range == nil { error.range = range }
            throw error
        }
    }

    /// Runs a script file inside this session.
    func readScript(_ path: String, range: SourceRange) throws {
        guard readDepth < Self.maxReadDepth else {
            throw CQError(.tooLong(what: ".read nesting", limit: Self.maxReadDepth), at: range)
        }
        let text: String
        do {
            text = try TextFile.read(path)
        } catch var error as CQError {
            error.range = range
            throw error
        }
        readDepth += 1
        defer { readDepth -= 1 }
        if !run(text, fileName: path) {
            throw CQError(.io("\(path): the script stopped at the error above"), at: range)
        }
    }

    /// The default table name for a file: its base name without extension, made a valid name.
    static func tableName(forFile path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.split(separator: ".", maxSplits: 1).first.map(String.init) ?? base
        var name = String(stem.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") ? Character($0) : "_" })
        if name.isEmpty { name = "imported" }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "t_" + name }
        return name
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `"a b.csv"` → `a b.csv`.
    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" {
            return String(s.dropFirst().dropLast())
        }
        return s
    }
}
