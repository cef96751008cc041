// Checker: `cq --check FILE…` — examples and docs as tests.
//
// A `.cq` script runs in a fresh session and its output (results and
// errors, in order) is compared with the `.out` file beside it. A Markdown
// file has every ```cq block run in order in one session (so `let` carries
// over) and compared with the ```text block that follows it. A difference
// is reported as a unified diff with the file and line of the block;
// `--update` rewrites the expected text instead. Every check runs with the
// same fixed settings (box mode, no terminal width, 40 rows, plain numbers)
// so that expected output does not depend on the machine.

/// Runs documents and scripts and compares their output with what they expect.
public enum Checker {
    /// One block (or script) whose output differs from what was expected.
    public struct Difference: Equatable {
        public var file: String
        public var line: Int
        public var diff: String
    }

    /// The settings every check runs with.
    public static func settings() -> Settings {
        var s = Settings()
        s.render = RenderOptions()
        s.render.mode = .box
        s.render.width = nil
        s.render.maxRows = 40
        s.render.numbers = .plain
        return s
    }

    /// Checks files and prints the differences to `console`; returns the exit status (0 same, 1 differences or errors).
    public static func run(_ files: [String], update: Bool, console: Console) -> Int32 {
        var failed = false
        var blocks = 0
        var done = 0
        for file in files {
            do {
                let (count, differences) = try check(file, update: update)
                blocks += count
                done += 1
                for d in differences {
                    failed = true
                    console.out("--- \(d.file):\(d.line) (expected)\n+++ \(d.file):\(d.line) (actual)\n\(d.diff)")
                }
            } catch let error as CQError {
                failed = true
                console.err(error.render(in: nil))
            } catch {
                failed = true
                console.err("error: \(error)\n")
            }
        }
        console.err(update ? "updated \(done) of \(files.count) file(s)\n"
                           : "checked \(blocks) example(s) in \(files.count) file(s): \(failed ? "differences found" : "all match")\n")
        return failed ? 1 : 0
    }

    /// Checks one file. Returns the number of examples and the differences.
    public static func check(_ path: String, update: Bool) throws -> (Int, [Difference]) {
        let text = try TextFile.read(path)
        if path.hasSuffix(".md") { return try checkMarkdown(path, text, update: update) }
        return try checkScript(path, text, update: update)
    }

    /// Output of a text run in a session, results and errors interleaved.
    static func output(of text: String, session: Session, console: CapturingConsole, fileName: String?) -> String {
        let before = console.transcript.utf8.count
        session.run(text, fileName: fileName)
        return String(decoding: Array(console.transcript.utf8).dropFirst(before), as: UTF8.self)
    }

    static func checkScript(_ path: String, _ text: String, update: Bool) throws -> (Int, [Difference]) {
        let outPath = (path.hasSuffix(".cq") ? String(path.dropLast(3)) : path) + ".out"
        let console = CapturingConsole()
        let session = Session(console: console, settings: settings())
        let baseName = path.split(separator: "/").last.map(String.init) ?? path
        let actual = output(of: text, session: session, console: console, fileName: baseName)
        if update {
            try write(actual, to: outPath)
            return (1, [])
        }
        let expected = (try? TextFile.read(outPath)) ?? ""
        if expected == actual { return (1, []) }
        return (1, [Difference(file: path, line: 1, diff: unifiedDiff(expected, actual))])
    }

    /// A fenced block of a Markdown file: its language, its first content line (1-based), its lines.
    struct Block {
        var language: String
        var fenceLine: Int
        var lines: [String]
        /// Index range of the content lines in the file.
        var contentRange: Range<Int>
    }

    static func blocks(_ lines: [String]) -> [Block] {
        var result: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("```") else {
                i += 1
                continue
            }
            let language = String(line.dropFirst(3)).split(separator: " ").first.map(String.init) ?? ""
            var j = i + 1
            while j < lines.count && !lines[j].hasPrefix("```") { j += 1 }
            result.append(Block(language: language, fenceLine: i + 1, lines: Array(lines[(i + 1)..<j]), contentRange: (i + 1)..<j))
            i = j + 1
        }
        return result
    }

    static func checkMarkdown(_ path: String, _ text: String, update: Bool) throws -> (Int, [Difference]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let found = blocks(lines)
        let console = CapturingConsole()
        let session = Session(console: console, settings: settings())
        var differences: [Difference] = []
        var replacements: [(Range<Int>, [String])] = []
        var count = 0
        for (index, block) in found.enumerated() where block.language == "cq" {
            count += 1
            let actual = output(of: block.lines.joined(separator: "\n") + "\n", session: session, console: console, fileName: nil)
            let next = index + 1 < found.count ? found[index + 1] : nil
            guard let expectedBlock = next, expectedBlock.language == "text" else {
                if !actual.isEmpty {
                    differences.append(Difference(file: path, line: block.fenceLine,
                                                  diff: "a ```cq block must be followed by a ```text block with its output:\n" + actual))
                }
                continue
            }
            let expected = expectedBlock.lines.isEmpty ? "" : expectedBlock.lines.joined(separator: "\n") + "\n"
            if expected != actual {
                if update {
                    var newLines = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if newLines.last == "" { newLines.removeLast() }
                    replacements.append((expectedBlock.contentRange, newLines))
                } else {
                    differences.append(Difference(file: path, line: block.fenceLine, diff: unifiedDiff(expected, actual)))
                }
            }
        }
        if update && !replacements.isEmpty {
            for (range, newLines) in replacements.reversed() { lines.replaceSubrange(range, with: newLines) }
            try write(lines.joined(separator: "\n"), to: path)
        }
        return (count, differences)
    }

    static func write(_ text: String, to path: String) throws {
        let file = try OutputFile(path: path)
        file.write(text)
    }

    /// A line diff of expected and actual in unified style (`-` expected, `+` actual, ` ` both).
    public static func unifiedDiff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence table (outputs are small: a few hundred lines at most).
        let n = a.count, m = b.count
        guard n * m <= 4_000_000 else {
            return a.map { "-" + $0 }.joined(separator: "\n") + "\n" + b.map { "+" + $0 }.joined(separator: "\n") + "\n"
        }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out = ""
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out += " \(a[i])\n"
                i += 1
                j += 1
            } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
                out += "+\(b[j])\n"
                j += 1
            } else {
                out += "-\(a[i])\n"
                i += 1
            }
        }
        return out
    }
}
