// Terminal: what cq needs to know about its standard streams (are they
// terminals, how wide is the screen) and the console that writes results
// to standard output and errors to standard error.

import CQ
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the standard streams.
struct Terminal {
    let stdinIsTerminal = isatty(0) == 1
    let stdoutIsTerminal = isatty(1) == 1
    let stderrIsTerminal = isatty(2) == 1

    /// The terminal's width in columns (COLUMNS, then the tty), or nil when not a terminal.
    func width() -> Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let env = getenv("COLUMNS"), let n = Int(String(cString: env)), n > 0 { return n }
        return stdoutIsTerminal ? 80 : nil
    }
}

/// Writes to standard error, unbuffered.
enum FileHandleStderr {
    static func write(_ text: String) {
        fputs(text, stderr)
    }
}

/// The console of a real process: results to standard output, errors to standard error.
/// Standard output is flushed before anything goes to standard error, so the two interleave in order.
///
/// A `.timer` line goes to standard error and, when standard output is a file or pipe that is not
/// also standard error, to standard output as well, after the result it times (as sqlite3 writes it):
/// a benchmark harness that reads the output sees it, and a terminal never shows it twice.
final class StandardConsole: Console {
    private let mirrorTiming: Bool = {
        guard isatty(1) == 0 else { return false }
        var out = stat(), err = stat()
        guard fstat(1, &out) == 0, fstat(2, &err) == 0 else { return true }
        return !(out.st_dev == err.st_dev && out.st_ino == err.st_ino)
    }()

    func out(_ text: String) { Self.write(text, to: stdout) }
    func err(_ text: String) {
        fflush(stdout)
        ImportProgress.clear()
        Self.write(text, to: stderr)
    }

    /// Writes all of `text`: a NUL byte in a result is written, not taken as its end (as fputs would).
    static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, stream) }
    }

    /// The exit status once standard output is flushed: a result that could not be written
    /// (a full disk, /dev/full) makes it 1, with the reason on standard error.
    static func finish(_ status: Int32) -> Int32 {
        let flushed = fflush(stdout) == 0
        guard !flushed || ferror(stdout) != 0 else { return status }
        let reason = flushed ? "" : ": " + String(cString: strerror(errno))
        fputs("error: cannot write to standard output\(reason)\n", stderr)
        return 1
    }
    func timing(_ text: String) {
        err(text)
        if mirrorTiming { out(text) }
    }
}

/// Progress of a large `.import` on standard error (only when it is a terminal).
enum ImportProgress {
    /// Files smaller than this import without a progress line.
    static let threshold = 50 << 20

    /// Whether a progress line is on the screen (an error, or the end of the import, clears it).
    nonisolated(unsafe) static var showing = false

    static func report(done: Int, total: Int) {
        guard total >= threshold else { return }
        let percent = total > 0 ? done * 100 / total : 100
        fputs("\rimporting… \(percent)% (\(done >> 20) of \(total >> 20) MB)", stderr)
        showing = true
        if done >= total { clear() }
    }

    /// Removes the progress line, so what is written next starts at the left margin.
    static func clear() {
        guard showing else { return }
        fputs("\r\u{1B}[K", stderr)
        showing = false
    }
}
