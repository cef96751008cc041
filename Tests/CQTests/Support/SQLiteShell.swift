// SQLiteShell: runs the `sqlite3` command-line shell once over a setup
// script and a list of queries, and returns each query's output (quote mode,
// headers on) and everything it wrote on standard error. DuckDB's shell
// takes the same dot commands and flags, so it runs through here too.
// Deciding what the outputs mean is left to ResultTable.

import Foundation

enum SQLiteShell {
    /// The `sqlite3` executable on PATH, if there is one (`.ci/run` installs it).
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("sqlite3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `setup`, then each query after a marker line, in one in-memory database.
    /// The script and standard error go through files in `directory`, so no pipe can fill up and block.
    /// Returns the output of each query in order, and standard error.
    static func run(_ exe: URL, setup: [String], queries: [String], directory: URL) throws
        -> (outputs: [String], errors: String) {
        let marker = "@@cq-difftest@@"
        var script = [".mode quote", ".headers on"] + setup
        for q in queries { script += [".print \(marker)", q] }
        let scriptURL = directory.appendingPathComponent("script-\(UUID().uuidString).sql")
        let errorURL = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        try (script.joined(separator: "\n") + "\n").write(to: scriptURL, atomically: true, encoding: .utf8)
        try Data().write(to: errorURL)
        let process = Process()
        process.executableURL = exe
        process.arguments = ["-batch", "-init", "/dev/null", ":memory:"]
        let output = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: scriptURL)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let sections = String(decoding: out, as: UTF8.self).components(separatedBy: marker + "\n")
        return (Array(sections.dropFirst()), try String(contentsOf: errorURL, encoding: .utf8))
    }
}
