// Shell: the interactive read-eval-print loop — welcome line, ~/.cqrc,
// prompts and continuation prompts, history, Ctrl-C and Ctrl-D.
//
// A statement is read line by line until the parser says it is complete
// (Session.isComplete), then run whole and saved to history whole. Ctrl-C
// while typing abandons the statement; Ctrl-C while a statement runs
// cancels it through the session's Cancellation (the engine checks between
// batches). Neither touches bindings, settings or history.

import CQ
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell.
struct Shell {
    let session: Session
    let terminal: Terminal
    let runInit: Bool

    static let prompt = "cq> "
    static let continuation = "..> "

    /// Runs until .quit or Ctrl-D. Returns true (errors in a shell do not change the exit status).
    mutating func loop() -> Bool {
        session.console.out(welcome())
        if runInit { runStartupFile() }
        let history = History.standard()
        let reader = LineReader(history: history, catalog: session.catalog)
        Interrupts.install(cancel: session.cancel)

        var buffer = ""
        while !session.quitRequested {
            Interrupts.state = .reading
            let line = reader.read(prompt: buffer.isEmpty ? Self.prompt : Self.continuation, pending: buffer)
            Interrupts.state = .idle
            if Interrupts.takeAbandon() { buffer = "" }
            guard let line else {
                // Ctrl-D: leave (an unfinished statement is dropped).
                session.console.out("\n")
                break
            }
            buffer = buffer.isEmpty ? line : buffer + "\n" + line
            if buffer.allSatisfy({ $0 == " " || $0 == "\t" }) {
                buffer = ""
                continue
            }
            guard Session.isComplete(buffer) else { continue }
            history.add(buffer)
            Interrupts.state = .running
            session.run(buffer)
            Interrupts.state = .idle
            buffer = ""
        }
        history.save()
        return true
    }

    func welcome() -> String {
        let tables = session.catalog.tableNames.joined(separator: ", ")
        return "\(CQVersion.string) — tables: \(tables). Type .help for help, .quit to leave.\n"
    }

    /// Runs ~/.cqrc when it exists (its errors are shown, the shell starts anyway).
    func runStartupFile() {
        guard let home = getenv("HOME") else { return }
        let path = String(cString: home) + "/.cqrc"
        guard access(path, R_OK) == 0, let text = try? TextFile.read(path) else { return }
        session.run(text, fileName: path)
    }
}

/// What Ctrl-C does depends on what the shell is doing; the signal handler reads this.
enum Interrupts {
    enum State { case idle, reading, running }
    static var state: State = .idle
    static var cancel: Cancellation?
    /// Set when Ctrl-C abandoned the statement being typed.
    static var abandon = false

    static func install(cancel: Cancellation) {
        Interrupts.cancel = cancel
        signal(SIGINT) { _ in
            switch Interrupts.state {
            case .reading:
                Interrupts.abandon = true
                LineReader.abandonLine(prompt: Shell.prompt)
            case .running:
                Interrupts.cancel?.cancel()
            case .idle:
                break
            }
        }
    }

    static func takeAbandon() -> Bool {
        defer { abandon = false }
        return abandon
    }
}
