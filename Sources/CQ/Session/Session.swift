// Session: the façade of the library. It runs text (a script, a line typed
// in the shell, a `-c` statement) statement by statement — parse, bind, run
// the plan on the backend placement chooses (Backend.swift), render — and
// keeps what the user built up: bindings, imported tables, settings. An
// error in one statement never costs those.
//
// The session writes through a `Console` it is given; it never touches the
// terminal itself. Shell commands (`.mode`, `.import` …) are in
// Commands.swift; help texts in Help.swift.

#if canImport(Glibc)
import Glibc
#endif

/// Where a session writes: results to `out`, errors to `err`, `.timer` lines to `timing`.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// A `.timer` line; by default it goes to `err` (a real process may also mirror it, see StandardConsole).
    func timing(_ text: String)
}

extension Console {
    public func timing(_ text: String) { err(text) }
}

/// A console that keeps everything in memory (tests, `--check`).
public final class CapturingConsole: Console {
    public private(set) var output = ""
    public private(set) var errors = ""
    /// Output and errors interleaved in the order written.
    public private(set) var transcript = ""
    public init() {}
    public func out(_ text: String) {
        output += text
        transcript += text
    }
    public func err(_ text: String) {
        errors += text
        transcript += text
    }
}

/// The user's settings; shell commands change them.
public struct Settings: Sendable {
    public var render = RenderOptions()
    public var timer = false
    /// Print errors as JSON objects (`--errors json`).
    public var errorsAsJSON = false
    /// Go on after an error (`--continue`).
    public var continueOnError = false
    /// Refuse commands that read or write files (`--safe`).
    public var safe = false
    /// Tables take the terminal's width as it is when each result is drawn (a resized window is
    /// followed); `.width N` turns this off and fixes `render.width`.
    public var followsTerminalWidth = true
    /// The dialect `.sql` writes (`.dialect`, `--dialect`).
    public var sqlDialect = SQLDialect.portable
    /// Print the SQL of each query instead of running it (`--sql`); let, commands and scalars still run.
    public var printSQL = false
    public init() {}
}

/// A cq session: catalog, settings, and the loop that runs statements.
public final class Session {
    public let catalog: SessionCatalog
    public var settings: Settings
    public let console: Console
    public let cancel = Cancellation()
    /// The last error reported (tests check its range against markers in their input).
    public private(set) var lastError: CQError?
    /// Set by `.quit`; the shell and script runner stop reading.
    public internal(set) var quitRequested = false
    /// Where results go after `.output FILE` (nil: the console).
    var outputFile: OutputFile?
    /// Reports import progress (bytes read, total bytes); the shell sets it when standard error is a terminal.
    public var importProgress: ((Int, Int) -> Void)?
    /// The terminal's width in columns now, or nil when results do not go to a terminal; asked before
    /// each result while `followsTerminalWidth` (the library never asks the terminal itself).
    public var terminalWidth: (() -> Int?)?
    /// Runs the plans over tables in this process.
    var localBackend = LocalBackend()
    /// The most rows the session takes from a backend at a time: all of them, since every output mode
    /// lays out the whole table (tests cut results into small chunks).
    var resultChunkRows = Int.max
    /// Nesting of `.read` (a script that reads itself stops at the limit).
    var readDepth = 0
    static let maxReadDepth = 16

    public init(console: Console, settings: Settings = Settings(), catalog: SessionCatalog = BuiltinTables.catalog()) {
        self.console = console
        self.settings = settings
        self.catalog = catalog
    }

    /// Runs every statement of `text`. Returns false if any statement failed.
    /// Without `continueOnError`, stops at the first error.
    @discardableResult
    public func run(_ text: String, fileName: String? = nil) -> Bool {
        let source = SourceText(text, fileName: fileName)
        var parser = Parser(text, origin: SourceOrigin(source))
        var ok = true
        while !quitRequested {
            do {
                guard let statement = try parser.next() else { break }
                let started = Clock.now()
                defer { if settings.timer { report(time: Clock.now() - started) } }
                // On a thread of its own: a statement at the parser's limits recurses deeper than the main stack.
                try DeepStack.run { try self.execute(statement, source: source) }
                try checkOutput(statement.range)
            } catch let error as CQError {
                ok = false
                report(error, source: source)
                guard settings.continueOnError else { break }
                if error.phase == .syntax { parser.recover() }
            } catch {
                ok = false
                console.err("error: \(error)\n")
                guard settings.continueOnError else { break }
            }
        }
        return ok
    }

    /// True when `text` is a complete statement sequence (the shell asks before running a line).
    public static func isComplete(_ text: String) -> Bool {
        do {
            _ = try Parser.parseAll(text)
            return true
        } catch let error as CQError {
            return !error.isIncomplete
        } catch {
            return true
        }
    }

    /// True when `text` is one query or one `let NAME = QUERY`: a statement that a following line
    /// starting with `|` may continue (the shell then runs the two as one statement, as a script would).
    public static func isContinuable(_ text: String) -> Bool {
        guard let statements = try? Parser.parseAll(text), statements.count == 1 else { return false }
        switch statements[0] {
        case .query, .letQuery: return true
        default: return false
        }
    }

    func report(_ error: CQError, source: SourceText) {
        lastError = error
        if settings.errorsAsJSON {
            console.err(error.json(in: source) + "\n")
        } else {
            console.err(error.render(in: source))
        }
    }

    func report(time seconds: Double) {
        let ms = Int((seconds * 1000).rounded())
        let frac = String(ms % 1000)
        console.timing("Run Time: real \(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)\n")
    }

    /// Writes a result (to the `.output` file when one is set).
    func emit(_ text: String) {
        if let file = outputFile { file.write(text) } else { console.out(text) }
    }

    /// A result the `.output` file refused (a full disk, a device that takes nothing) is an
    /// error of the statement that produced it; results then go to the console again.
    func checkOutput(_ range: SourceRange) throws {
        guard let file = outputFile, let reason = file.failure else { return }
        outputFile = nil
        throw CQError(.io("cannot write to '\(file.path)': \(reason); results go to the screen again"), at: range)
    }

    /// The render options for the current destination (a file has no terminal width).
    var renderOptions: RenderOptions {
        var options = settings.render
        if settings.followsTerminalWidth, let terminalWidth { options.width = terminalWidth() }
        if outputFile != nil { options.width = nil }
        return options
    }

    func execute(_ statement: Statement, source: SourceText) throws {
        cancel.reset()
        var binder = Binder(catalog: catalog, source: source.text)
        binder.cancel = cancel
        switch statement {
        case .query(let q):
            if q.stages.isEmpty, case .scalar(let v)? = catalog.lookup(q.source.name) {
                emit(Renderer.renderScalar(v, renderOptions))
                return
            }
            let plan = try binder.bind(q)
            if settings.printSQL {
                emit(try SQLEmitter(dialect: settings.sqlDialect).emit(plan, at: q.range) + ";\n")
                return
            }
            let table = try rows(of: plan)
            if case .chart = plan {
                emit(BarChart.render(table, renderOptions))
            } else {
                emit(Renderer.render(table, renderOptions))
            }
        case .expression(let e):
            let bound = try Subqueries.run(in: binder.bindScalar(e), using: Executor(cancel: cancel).run)
            let value = try Evaluator(cancel: cancel).evaluateScalar(bound)
            emit(Renderer.renderScalar(value, renderOptions))
        case .letQuery(let name, let q, _):
            try checkBindable(name)
            if q.stages.isEmpty, case .scalar(let v)? = catalog.lookup(q.source.name) {
                catalog.bind(name.name, .scalar(v))
                return
            }
            let plan = try binder.bind(q)
            if case .chart = plan {
                throw CQError(.invalidArgument("a chart cannot be bound with let"), at: q.range)
            }
            catalog.bind(name.name, table: try rows(of: plan), definition: plan)
        case .letExpression(let name, let e, _):
            try checkBindable(name)
            let bound = try Subqueries.run(in: binder.bindScalar(e), using: Executor(cancel: cancel).run)
            catalog.bind(name.name, .scalar(try Evaluator(cancel: cancel).evaluateScalar(bound)))
        case .letFunction(let name, let parameters, let body, _):
            try checkBindable(name)
            catalog.bind(name.name, .function(try binder.define(name, parameters: parameters, body: body)))
        case .command(let name, let args, let argsStart, let range):
            try runCommand(name, args: args, argsRange: SourceRange(argsStart, range.end), source: source)
        }
    }

    /// The rows of a bound plan, from the backend placement chooses for it.
    func rows(of plan: Plan) throws -> Table {
        try Placement.backend(for: plan, local: localBackend).run(plan, cancel: cancel)
            .collect(nil, atMost: resultChunkRows).materialized(nil)
    }

    /// Built-in tables keep their names: `let projects = …` would silently change the facts.
    func checkBindable(_ name: Identifier) throws {
        if catalog.isBuiltin(name.name) {
            throw CQError(.invalidArgument("'\(name.name)' is a built-in table and cannot be rebound; choose another name"),
                          at: name.range)
        }
    }
}

/// Wall-clock seconds, for `.timer`.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A file that `.output FILE` sends results to. Every result is written whole (NUL bytes
/// included) and flushed at once, so a failed write is known before the next statement runs.
final class OutputFile {
    let path: String
    private let handle: UnsafeMutablePointer<FILE>
    /// The system's reason for the first write that failed; nothing more is written after it.
    private(set) var failure: String?

    /// Opens `path` for writing; an error points at `range` (the file argument).
    init(path: String, range: SourceRange? = nil) throws {
        guard let h = fopen(path, "w") else {
            throw CQError(.io("cannot open '\(path)' for writing: \(String(cString: strerror(errno)))"), at: range)
        }
        self.path = path
        handle = h
    }

    func write(_ text: String) {
        guard failure == nil else { return }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
        if !written || fflush(handle) != 0 { failure = String(cString: strerror(errno)) }
    }

    deinit { fclose(handle) }
}
