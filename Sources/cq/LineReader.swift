// LineReader: line editing through GNU readline — prompts, history recall,
// Tab completion by context (the candidates come from the library's
// Completer; with no candidates readline completes file names), Ctrl-C and
// window resizes.
//
// readline is driven through its callback interface: this file waits with
// poll(2) on standard input and on a self-pipe that the signal handlers
// (Signals) write to, and feeds readline one character at a time. So a
// Ctrl-C while typing is handled here, outside the signal handler, by
// clearing readline's line state and returning `.interrupted`; nothing
// unsafe runs inside a handler. The history file is History's.

import CQ
import CReadline
#if canImport(Glibc)
import Glibc
#endif

/// What one read gives back.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the end of standard input.
    case end
}

/// Reads lines with readline.
final class LineReader {
    let history: History
    /// The completion context: the catalog and the statement typed so far on earlier lines.
    nonisolated(unsafe) static var catalog: Catalog?
    nonisolated(unsafe) static var pending = ""
    /// The query a line starting with `|` would continue (see Shell), for completing such a line.
    nonisolated(unsafe) static var continued: String?
    nonisolated(unsafe) static var matches: [String] = []
    /// Set by the callback readline calls with a finished line.
    nonisolated(unsafe) static var finished: LineInput?

    /// The characters that end a word for completion: in a query also `(`, `,` and the operators (not
    /// the backtick, so `` `R&D `` is one word and completes to a name in backticks);
    /// after `.import`, `.read` and `.output` only blanks and quotes, so a path stays one word.
    static let queryBreaks = strdup(" \t\n\"'@$><=;|&{}()[],+-*/%!?")
    static let pathBreaks = strdup(" \t\n\"'")

    init(history: History, catalog: Catalog) {
        self.history = history
        LineReader.catalog = catalog
        LineReader.useUTF8()
        rl_readline_name = UnsafePointer(strdup("cq"))
        rl_instream = stdin
        rl_outstream = stdout
        // Signals are cq's (see Signals); readline only reads keys.
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_attempted_completion_function = { text, start, end in
            LineReader.complete(text: text, start: Int(start), end: Int(end))
        }
        rl_completion_word_break_hook = {
            LineReader.completesPath() ? LineReader.pathBreaks : LineReader.queryBreaks
        }
    }

    /// readline edits by character only in a multibyte locale; cq's text is UTF-8, so when the
    /// environment names none (LANG unset, or C/POSIX, as in many containers) C.UTF-8 is used,
    /// and a Chinese character is then one step of the cursor and two columns on the screen.
    static func useUTF8() {
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if current == "C" || current == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// One line, Ctrl-C, or the end of input. `pending` is the unfinished statement of earlier lines;
    /// `continued` the query that a line starting with `|` continues.
    func read(prompt: String, pending: String, continued: String?) -> LineInput {
        LineReader.pending = pending
        LineReader.continued = continued
        LineReader.finished = nil
        fflush(stdout)
        // A resize while a statement ran is caught up with here.
        Signals.drain()
        rl_reset_screen_size()
        rl_callback_handler_install(prompt) { raw in
            if let raw {
                LineReader.finished = .line(String(cString: raw))
                free(raw)
            } else {
                LineReader.finished = .end
            }
            rl_callback_handler_remove()
        }
        Signals.reading = true
        defer { Signals.reading = false }
        while LineReader.finished == nil {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: Signals.pipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .end
            }
            if fds[1].revents != 0 {
                let caught = Signals.drain()
                if caught.interrupt {
                    abandonLine()
                    return .interrupted
                }
                if caught.suspend { suspend() }
                if caught.resize { rl_resize_terminal() }
            }
            if fds[0].revents != 0 { rl_callback_read_char() }
        }
        return LineReader.finished ?? .end
    }

    /// Ctrl-C while typing: shows `^C` after the text, drops the line and readline's state (an
    /// incremental search, a numeric argument …) and leaves the terminal as it was.
    private func abandonLine() {
        rl_point = rl_end
        rl_redisplay()
        fputs("^C\n", stdout)
        fflush(stdout)
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_callback_handler_remove()
    }

    /// Ctrl-Z while typing: the terminal gets its normal settings back while cq is stopped, and
    /// readline's settings and the line being typed when it is continued.
    private func suspend() {
        rl_deprep_terminal()
        Signals.stop()
        rl_prep_terminal(1)
        rl_resize_terminal()
        rl_forced_update_display()
    }

    /// Whether the word at the cursor is a file argument (`.import`, `.read`, `.output`).
    static func completesPath() -> Bool {
        guard pending.isEmpty, let buffer = rl_line_buffer else { return false }
        let line = String(cString: buffer).drop { $0 == " " || $0 == "\t" }.lowercased()
        return [".import ", ".read ", ".output "].contains { line.hasPrefix($0) }
    }

    /// readline's completion hook: candidates for the word before the cursor.
    static func complete(text: UnsafePointer<CChar>?, start: Int, end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let catalog, let lineBuffer = rl_line_buffer else { return nil }
        let line = String(cString: lineBuffer)
        let before = String(decoding: Array(line.utf8).prefix(max(0, start)), as: UTF8.self)
        let word = text.map { String(cString: $0) } ?? ""
        var context = pending.isEmpty ? before : pending + "\n" + before
        if pending.isEmpty, let continued, before.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("|") {
            context = continued + "\n" + before
        }
        guard let candidates = Completer.candidates(before: context, word: word, catalog: catalog) else {
            // A file argument: readline's own file-name completion.
            rl_attempted_completion_over = 0
            return nil
        }
        rl_attempted_completion_over = 1
        matches = candidates
        return rl_completion_matches(text) { _, state in
            let i = Int(state)
            guard i < LineReader.matches.count else { return nil }
            return strdup(LineReader.matches[i])
        }
    }
}

/// The shell's history: kept in ~/.cq_history, one statement per entry, multi-line statements whole
/// (newlines are stored as `\n`, backslashes as `\\`).
final class History {
    let path: String?
    static let limit = 2000

    init(path: String?) {
        self.path = path
        using_history()
        guard let path, let text = try? TextFile.read(path) else { return }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).suffix(History.limit) {
            add_history(History.decode(String(line)))
        }
    }

    static func standard() -> History {
        guard let home = getenv("HOME") else { return History(path: nil) }
        return History(path: String(cString: home) + "/.cq_history")
    }

    /// The last statement added (the same statement run again is kept once).
    private var last: String?

    /// Adds a statement to the history and appends it to the file at once, so a crash loses nothing.
    func add(_ statement: String) {
        guard statement != last else { return }
        last = statement
        add_history(statement)
        guard let path, let file = fopen(path, "a") else { return }
        fputs(History.encode(statement) + "\n", file)
        fclose(file)
    }

    /// Trims the file to the last `limit` entries.
    func save() {
        guard let path, let text = try? TextFile.read(path) else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count > History.limit, let file = fopen(path, "w") else { return }
        for line in lines.suffix(History.limit) { fputs(line + "\n", file) }
        fclose(file)
    }

    static func encode(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func decode(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
