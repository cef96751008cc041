// main: cq's command line — flags, modes of running (shell, scripts, -c,
// standard input, --check, --sql) and exit codes. Everything it runs goes
// through the library's Session; this file only decides what to run
// (reading the flags is Arguments.swift's).
//
// Exit codes: 0 success, 1 a statement failed (or --check found a
// difference), 2 a usage error.

import CQ
#if canImport(Glibc)
import Glibc
#endif

/// Runs what the command line asks for; returns the exit status.
func run(_ arguments: Arguments) throws -> Int32 {
    if arguments.showHelp {
        print(Arguments.help)
        return 0
    }
    if arguments.showVersion {
        print(CQVersion.string)
        return 0
    }
    if arguments.check {
        return Checker.run(arguments.files, update: arguments.update, console: StandardConsole())
    }
    let terminal = Terminal()
    var settings = Settings()
    settings.safe = arguments.safe
    settings.errorsAsJSON = arguments.errorsAsJSON
    settings.continueOnError = arguments.continueOnError
    settings.render.mode = terminal.stdoutIsTerminal ? .box : .csv
    settings.render.width = terminal.stdoutIsTerminal ? terminal.width() : nil
    if !terminal.stdoutIsTerminal { settings.render.maxRows = 0 }
    if let mode = arguments.mode {
        guard let m = OutputMode(rawValue: mode.lowercased()) else {
            throw UsageError.invalid(
                "unknown mode '\(mode)'; use one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        settings.render.mode = m
    }
    if let dialect = arguments.dialect {
        guard let d = SQLDialect(name: dialect) else {
            throw UsageError.invalid(
                "unknown dialect '\(dialect)'; use one of \(SQLDialect.selectable.map(\.rawValue).joined(separator: ", "))")
        }
        settings.sqlDialect = d
    }
    settings.printSQL = arguments.sql
    let console = StandardConsole()
    let session = Session(console: console, settings: settings)
    session.terminalWidth = terminal.stdoutIsTerminal ? { terminal.width() } : nil
    if terminal.stderrIsTerminal {
        session.importProgress = ImportProgress.report
    }

    var ok = true
    if let command = arguments.command {
        ok = session.run(command)
    } else if !arguments.files.isEmpty {
        for file in arguments.files where !session.quitRequested {
            let text: String
            do {
                text = file == "-" ? try TextFile.read(descriptor: 0, named: "standard input") : try TextFile.read(file)
            } catch let error as CQError {
                console.err(error.render(in: nil))
                ok = false
                if arguments.continueOnError { continue } else { break }
            }
            if !session.run(text, fileName: file == "-" ? "<stdin>" : file) {
                ok = false
                if !arguments.continueOnError { break }
            }
        }
    } else if !terminal.stdinIsTerminal {
        do {
            ok = session.run(try TextFile.read(descriptor: 0, named: "standard input"))
        } catch let error as CQError {
            console.err(error.render(in: nil))
            ok = false
        }
    } else {
        _ = Shell(session: session, runInit: !arguments.noInit && !arguments.safe).loop()
        return 0
    }
    return ok ? 0 : 1
}

/// The version printed by --version.
enum CQVersion {
    static let string = "cq 0.1.0"
}

// Usage errors exit 2.
do {
    exit(StandardConsole.finish(try run(Arguments(Array(CommandLine.arguments.dropFirst())))))
} catch let error as UsageError {
    FileHandleStderr.write(error.message + "\n")
    exit(2)
} catch {
    FileHandleStderr.write("Error: \(error)\n")
    exit(2)
}
