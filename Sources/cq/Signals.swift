// Signals: the shell's signal handlers. A handler only does what is safe in
// a handler — set a flag, write(2) one byte to a pipe, reset and raise a
// signal — and LineReader, which waits on that pipe beside the keyboard,
// does the rest outside the handler.
//
// - SIGINT (Ctrl-C) asks the running statement to stop (the engine checks
//   between batches) and, while a line is being typed, abandons it. A second
//   Ctrl-C while the same statement still runs ends cq with status 130: a
//   step that never checks (a regular expression backtracking through an
//   exponential number of paths) would otherwise hold the shell for ever.
// - SIGWINCH (a window resize) tells readline the new width; results
//   measure the terminal anew for every statement.
// - SIGTSTP (Ctrl-Z) stops cq; while a line is being typed the terminal is
//   first given back its normal settings, and taken again on `fg`.

import CQ
#if canImport(Glibc)
import Glibc
#endif

/// What arrived through the pipe since it was last emptied.
struct CaughtSignals {
    var interrupt = false
    var resize = false
    var suspend = false
}

enum Signals {
    nonisolated(unsafe) static var pipe: (read: Int32, write: Int32) = (-1, -1)
    nonisolated(unsafe) static var cancel: Cancellation?
    /// True while the shell runs a statement: the terminal has echoed `^C`, and a line break ends it.
    nonisolated(unsafe) static var running = false
    /// True while readline has the terminal (LineReader handles Ctrl-Z then).
    nonisolated(unsafe) static var reading = false
    nonisolated(unsafe) static var action = sigaction()
    static let interruptByte = UInt8(ascii: "I")
    static let resizeByte = UInt8(ascii: "W")
    static let suspendByte = UInt8(ascii: "Z")

    static func install(cancel: Cancellation) {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        pipe = (fds[0], fds[1])
        Signals.cancel = cancel
        action.__sigaction_handler.sa_handler = { signal in
            let saved = errno
            defer { errno = saved }
            switch signal {
            case SIGINT:
                if Signals.running, Signals.cancel?.isCancelled == true { Signals.quitUnanswered() }
                Signals.cancel?.cancel()
                if Signals.running {
                    var newline = UInt8(ascii: "\n")
                    _ = write(1, &newline, 1)
                }
                Signals.send(Signals.interruptByte)
            case SIGTSTP:
                if Signals.reading { Signals.send(Signals.suspendByte) } else { Signals.stop() }
            default:
                Signals.send(Signals.resizeByte)
            }
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        for signal in [SIGINT, SIGWINCH, SIGTSTP] { sigaction(signal, &action, nil) }
    }

    /// Ends cq after a second Ctrl-C the running statement did not answer. Safe in a handler: write and _exit.
    static func quitUnanswered() -> Never {
        let message: StaticString = "\ncq: the statement did not stop at Ctrl-C; a second Ctrl-C ended cq\n"
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        _exit(130)
    }

    private static func send(_ byte: UInt8) {
        var byte = byte
        _ = write(pipe.write, &byte, 1)
    }

    /// Stops the process as Ctrl-Z does by default, and returns once it is continued (`fg`).
    /// Safe in a handler: only sigaction, sigprocmask and raise.
    static func stop() {
        var standard = sigaction()
        standard.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGTSTP, &standard, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &action, nil)
    }

    /// Empties the pipe; says which signals arrived since the last call.
    @discardableResult
    static func drain() -> CaughtSignals {
        var caught = CaughtSignals()
        var bytes = [UInt8](repeating: 0, count: 64)
        while pipe.read >= 0 {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(pipe.read, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            for byte in bytes.prefix(n) {
                switch byte {
                case interruptByte: caught.interrupt = true
                case suspendByte: caught.suspend = true
                default: caught.resize = true
                }
            }
        }
        return caught
    }
}
