// Shell: the interactive read-eval-print loop — welcome line, ~/.cqrc,
// prompts and continuation prompts, history, Ctrl-C and Ctrl-D.
//
// A statement is read line by line until the parser says it is complete
// (Session.isComplete), then run whole and saved to history whole. Ctrl-C
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
    let terminal: Terminal
    let runInit: Bool

    static let prompt = "cq> "
    static let continuation = "..> "

    /// Runs until .quit or Ctrl-D. Returns true (errors in a shell do not change the exit status).
    mutating func loop() -> Bool {
        session.console.out(welcome())
        Signals.install(cancel: session.cancel)
        if runInit { runStartupFile() }
        let history = History.standard()
        let reader = LineReader(history: history, catalog: session.catalog)

        var buffer = ""
        while !session.quitRequested {
            let line: String
            switch reader.read(prompt: buffer.isEmpty ? Self.prompt : Self.continuation, pending: buffer) {
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
            buffer = buffer.isEmpty ? line : buffer + "\n" + line
            if buffer.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
                buffer = ""
                continue
            }
            guard Session.isComplete(buffer) else { continue }
            history.add(buffer)
            Signals.running = true
            session.run(buffer)
            Signals.running = false
            buffer = ""
        }
        history.save()
        return true
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
        session.run(text, fileName: path)
    }
}

/// The shell's signal handlers. They only set flags and write one byte to a pipe (both safe in a
/// handler); LineReader wakes up on the pipe and does the work.
/// - SIGINT (Ctrl-C) asks the running statement to stop (the engine checks between batches) and,
///   while a line is being typed, abandons it.
/// - SIGWINCH (a window resize) tells readline the new width; results measure the terminal anew
///   for every statement.
enum Signals {
    nonisolated(unsafe) static var pipe: (read: Int32, write: Int32) = (-1, -1)
    nonisolated(unsafe) static var cancel: Cancellation?
    /// True while the shell runs a statement: the terminal has echoed `^C`, and a line break ends it.
    nonisolated(unsafe) static var running = false
    static let interruptByte = UInt8(ascii: "I")
    static let resizeByte = UInt8(ascii: "W")

    static func install(cancel: Cancellation) {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        pipe = (fds[0], fds[1])
        Signals.cancel = cancel
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let saved = errno
            if signal == SIGINT {
                Signals.cancel?.cancel()
                if Signals.running {
                    var newline = UInt8(ascii: "\n")
                    _ = write(1, &newline, 1)
                }
            }
            var byte = signal == SIGINT ? Signals.interruptByte : Signals.resizeByte
            _ = write(Signals.pipe.write, &byte, 1)
            errno = saved
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        sigaction(SIGWINCH, &action, nil)
    }

    /// Empties the pipe; says whether a Ctrl-C and whether a resize arrived since the last call.
    @discardableResult
    static func drain() -> (interrupt: Bool, resize: Bool) {
        var caught = (interrupt: false, resize: false)
        var bytes = [UInt8](repeating: 0, count: 64)
        while pipe.read >= 0 {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(pipe.read, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            for byte in bytes.prefix(n) {
                if byte == interruptByte { caught.interrupt = true } else { caught.resize = true }
            }
        }
        return caught
    }
}
