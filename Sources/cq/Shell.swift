// Shell: the interactive read-eval-print loop — welcome line, ~/.cqrc,
// prompts and continuation prompts, history, Ctrl-C and Ctrl-D.
//
// A statement is read line by line until the parser says it is complete
// (Session.isComplete), then run whole and saved to history whole. As in a
// script, a line starting with `|` continues the query before it: that query
// runs again with the new stage (so a query from the docs, written one stage
// a line, can be typed line by line and shows each step). Ctrl-C
// while typing abandons the statement (LineReader); Ctrl-C while a statement
// runs cancels it through the session's Cancellation (the engine checks
// between batches). Neither touches bindings, settings or history.

import CQ
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell.
struct Shell {
    let session: Session
    let runInit: Bool

    static let prompt = "cq> "
    static let continuation = "..> "

    /// Runs until .quit or Ctrl-D. Returns true (errors in a shell do not change the exit status).
    func loop() -> Bool {
        session.console.out(welcome())
        Signals.install(cancel: session.cancel)
        if runInit { running { runStartupFile() } }
        let history = History.standard()
        let reader = LineReader(history: history, catalog: session.catalog)

        var buffer = ""
        // The last statement run, when a line starting with `|` may continue it.
        var continuable: String?
        while !session.quitRequested {
            let line: String
            switch reader.read(prompt: buffer.isEmpty ? Self.prompt : Self.continuation, pending: buffer,
                               continued: continuable) {
            case .line(let text):
                line = text
            case .interrupted:
                buffer = ""
                continue
            case .end:
                // Ctrl-D: leave (an unfinished statement is dropped).
                session.console.out("\n")
                history.save()
                return true
            }
            if buffer.isEmpty, let previous = continuable, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("|") {
                buffer = previous
            }
            buffer = buffer.isEmpty ? line : buffer + "\n" + line
            if buffer.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
                buffer = ""
                continue
            }
            guard Session.isComplete(buffer) else { continue }
            history.add(buffer)
            running { session.run(buffer) }
            continuable = Session.isContinuable(buffer) ? buffer : nil
            buffer = ""
        }
        history.save()
        return true
    }

    /// Runs statements with Ctrl-C meaning "cancel" (see Signals).
    private func running(_ body: () -> Void) {
        Signals.running = true
        body()
        Signals.running = false
    }

    /// Two lines that fit 80 columns: what there is to query, and how to start.
    func welcome() -> String {
        let tables = session.catalog.tableNames.joined(separator: ", ")
        return "\(CQVersion.string) — tables: \(tables) (.schema NAME shows the columns)\n"
            + "Try: projects | take 5    .help for help    .quit or Ctrl-D to leave\n"
    }

    /// Runs ~/.cqrc when it exists (its errors are shown, the shell starts anyway).
    func runStartupFile() {
        guard let home = getenv("HOME") else { return }
        let path = String(cString: home) + "/.cqrc"
        guard access(path, R_OK) == 0, let text = try? TextFile.read(path) else { return }
        _ = session.run(text, fileName: path)
    }
}
