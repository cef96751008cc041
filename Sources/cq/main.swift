// main: cq's command line — flags, modes of running (shell, scripts, -c,
// standard input, --check, --sql) and exit codes. Everything it runs goes
// through the library's Session; this file only decides what to run.
//
// Exit codes: 0 success, 1 a statement failed (or --check found a
// difference), 2 a usage error.

import ArgumentParser
import CQ
#if canImport(Glibc)
import Glibc
#endif

struct CQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cq",
        abstract: "cq — a typed, pipe-style query language and shell over the Western (Chongqing) Science City tables.",
        discussion: """
        With no script, starts the interactive shell over the built-in tables (projects, enterprises, figures).
        Examples:
          cq                                     start the shell
          cq -c 'projects | top 5 by investment' run one statement
          cq report.cq                           run a script
          cq --check docs/tutorial.md            run a document's examples and compare
          cq --sql --dialect duckdb report.cq    print each query of a script as DuckDB SQL
        """,
        version: CQVersion.string
    )

    @Argument(help: "Scripts to run (.cq), or files to check with --check.")
    var files: [String] = []

    @Option(name: .customShort("c"), parsing: .unconditional, help: "Run this statement (or statements separated by ';') and exit.")
    var command: String?

    @Flag(help: "Refuse every command that reads or writes files (.import, .read, .output); ~/.cqrc is not read.")
    var safe = false

    @Option(help: "How errors are printed: text or json (one JSON object per error on standard error).")
    var errors: ErrorFormat = .text

    @Flag(name: .customLong("no-init"), help: "Do not run ~/.cqrc at start-up.")
    var noInit = false

    @Flag(name: .customLong("continue"), help: "Go on after an error (the exit status is still 1).")
    var continueOnError = false

    @Flag(help: "Run each .cq file and compare with the .out beside it, or run the cq blocks of a Markdown file and compare with the text blocks after them.")
    var check = false

    @Flag(help: "With --check: rewrite the expected output instead of comparing.")
    var update = false

    @Option(help: "Output mode: box, table, csv, tsv, json, jsonl, markdown or line.")
    var mode: String?

    @Flag(help: "Print the SQL of each query (of the scripts or -c) instead of running it; let statements and commands still run.")
    var sql = false

    @Option(help: "The SQL dialect for --sql and .sql: portable (accepted by all three, the default), sqlite, duckdb or postgres.")
    var dialect: String?

    func run() throws {
        if check {
            throw ExitCode(Checker.run(files, update: update, console: StandardConsole()))
        }
        let terminal = Terminal()
        var settings = Settings()
        settings.safe = safe
        settings.errorsAsJSON = errors == .json
        settings.continueOnError = continueOnError
        settings.render.mode = terminal.stdoutIsTerminal ? .box : .csv
        settings.render.width = terminal.stdoutIsTerminal ? terminal.width() : nil
        if !terminal.stdoutIsTerminal { settings.render.maxRows = 0 }
        if let mode {
            guard let m = OutputMode(rawValue: mode.lowercased()) else {
                throw ValidationError("unknown mode '\(mode)'; use one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.render.mode = m
        }
        if let dialect {
            guard let d = SQLDialect(name: dialect) else {
                throw ValidationError("unknown dialect '\(dialect)'; use one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.sqlDialect = d
        }
        settings.printSQL = sql
        let console = StandardConsole()
        let session = Session(console: console, settings: settings)
        session.terminalWidth = { terminal.width() }
        if terminal.stderrIsTerminal {
            session.importProgress = ImportProgress.report
        }

        var ok = true
        if let command {
            ok = session.run(command)
        } else if !files.isEmpty {
            for file in files where !session.quitRequested {
                let text: String
                do {
                    text = try TextFile.read(file)
                } catch let error as CQError {
                    console.err(error.render(in: nil))
                    ok = false
                    if continueOnError { continue } else { break }
                }
                if !session.run(text, fileName: file) {
                    ok = false
                    if !continueOnError { break }
                }
            }
        } else if !terminal.stdinIsTerminal {
            ok = session.run(readAllStandardInput())
        } else {
            var shell = Shell(session: session, terminal: terminal, runInit: !noInit && !safe)
            ok = shell.loop()
            throw ExitCode(0)
        }
        throw ExitCode(ok ? 0 : 1)
    }
}

enum ErrorFormat: String, ExpressibleByArgument {
    case text, json
}

/// The version printed by --version.
enum CQVersion {
    static let string = "cq 0.1.0"
}

/// Reads standard input to the end.
func readAllStandardInput() -> String {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

// Usage errors exit 2 (ArgumentParser's default is 64).
do {
    var command = try CQCommand.parseAsRoot()
    try command.run()
} catch let status as ExitCode {
    exit(status.rawValue)
} catch {
    let code = CQCommand.exitCode(for: error)
    if code == .success {
        print(CQCommand.fullMessage(for: error))
        exit(0)
    }
    FileHandleStderr.write(CQCommand.fullMessage(for: error) + "\n")
    exit(2)
}
