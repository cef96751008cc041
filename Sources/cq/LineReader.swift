// LineReader: line editing through GNU readline — prompts, history recall,
// and Tab completion by context (the candidates come from the library's
// Completer; with no candidates readline completes file names).

import CQ
import CReadline
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines with readline.
final class LineReader {
    let history: History
    /// The completion context: the catalog and the statement typed so far on earlier lines.
    nonisolated(unsafe) static var catalog: Catalog?
    nonisolated(unsafe) static var pending = ""
    nonisolated(unsafe) static var matches: [String] = []

    init(history: History, catalog: Catalog) {
        self.history = history
        LineReader.catalog = catalog
        rl_readline_name = UnsafePointer(strdup("cq"))
        rl_attempted_completion_function = { text, start, end in
            LineReader.complete(text: text, start: Int(start), end: Int(end))
        }
    }

    /// One line, or nil at end of input (Ctrl-D).
    func read(prompt: String, pending: String) -> String? {
        LineReader.pending = pending
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Clears the line being typed and shows a fresh prompt (called from the SIGINT handler).
    static func abandonLine(prompt: String) {
        fputs("^C\n", stdout)
        fflush(stdout)
        rl_set_prompt(prompt)
        rl_replace_line("", 0)
        rl_on_new_line()
        rl_redisplay()
    }

    /// readline's completion hook: candidates for the word before the cursor.
    static func complete(text: UnsafePointer<CChar>?, start: Int, end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let catalog, let lineBuffer = rl_line_buffer else { return nil }
        let line = String(cString: lineBuffer)
        let before = String(decoding: Array(line.utf8).prefix(max(0, start)), as: UTF8.self)
        let word = text.map { String(cString: $0) } ?? ""
        let context = pending.isEmpty ? before : pending + "\n" + before
        guard let candidates = Completer.candidates(before: context, word: word, catalog: catalog) else {
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
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            add_history(History.decode(String(line)))
        }
    }

    static func standard() -> History {
        guard let home = getenv("HOME") else { return History(path: nil) }
        return History(path: String(cString: home) + "/.cq_history")
    }

    /// Adds a statement to the history and appends it to the file at once, so a crash loses nothing.
    func add(_ statement: String) {
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
