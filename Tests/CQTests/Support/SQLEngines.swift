// SQLEngines: the three real engines the SQL round-trip tests run emitted SQL
// in — the sqlite3 shell, the DuckDB command-line shell (which speaks the
// sqlite3 shell's dot commands, so SQLiteShell drives it too) and a private
// PostgreSQL server that the test starts with initdb/pg_ctl in a temporary
// folder and stops afterwards (as the `postgres` user when the test runs as
// root, since PostgreSQL refuses to run as root).
//
// Every engine is loaded with the same tables, written from cq's own
// columns as CSV (null as `\N`) under explicit column types, in cq's row
// order. Each engine answers a batch of queries with one text per query;
// reading those texts and comparing them with cq is ResultTable's job.

import Foundation
@testable import CQ

/// A cq table as the engines load it: typed columns and CSV rows in cq's order.
struct EngineTable {
    var name: String
    var table: Table

    /// SQL column type per cq type; SQLite has no bool, date or datetime type (0/1, 'YYYY-MM-DD' and
    /// 'YYYY-MM-DD HH:MM:SS[.ffffff]' text).
    static func sqlType(_ type: DataType, for engine: EngineKind) -> String {
        switch (type, engine) {
        case (.int, .sqlite): return "INTEGER"
        case (.float, .sqlite): return "REAL"
        case (.bool, .sqlite): return "INTEGER"
        case (.string, _), (.null, _), (.date, .sqlite), (.datetime, .sqlite): return "TEXT"
        case (.int, _): return "BIGINT"
        case (.float, .duckdb): return "DOUBLE"
        case (.float, _): return "DOUBLE PRECISION"
        case (.bool, _): return "BOOLEAN"
        case (.date, _): return "DATE"
        case (.datetime, _): return "TIMESTAMP"
        }
    }

    /// The rows as CSV with a header: null is `\N`, text always quoted, bools 1/0.
    var csv: String {
        var out = table.names.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
        for row in 0..<table.rowCount {
            out += table.columns.indices.map { column -> String in
                switch table.value(row: row, column: column) {
                case .null: return "\\N"
                case .int(let i): return String(i)
                case .float(let d): return d.description
                case .string(let s): return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                case .bool(let b): return b ? "1" : "0"
                case .date(let d): return DateMath.format(d)
                case .datetime(let t): return DateMath.format(micros: t)
                }
            }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Lines that create the table in `engine` and load it from `path` (the `csv` text).
    func setup(for engine: EngineKind, path: String) -> [String] {
        let name = SQLDialect.portable.quote(self.name)
        let columns = table.schema.map { (SQLDialect.portable.quote($0.name), Self.sqlType($0.type, for: engine)) }
        let create = "CREATE TABLE \(name)(\(columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")));"
        switch engine {
        case .sqlite:
            return DataTable.sqliteSetup(name: name, columns: columns, path: path)
        case .duckdb:
            return [create, "COPY \(name) FROM '\(path)' (HEADER, NULLSTR '\\N');"]
        case .postgres:
            return [create, "\\copy \(name) FROM '\(path)' WITH (FORMAT csv, HEADER true, NULL '\\N')"]
        }
    }
}

/// The engines, and the dialects whose SQL each one runs.
enum EngineKind: String, CaseIterable {
    case sqlite, duckdb, postgres

    var dialects: [SQLDialect] {
        switch self {
        case .sqlite: return [.sqlite, .portable]
        case .duckdb: return [.duckdb, .portable]
        case .postgres: return [.postgres, .portable]
        }
    }

    /// An executable named `name` on PATH (or at the path in the environment variable `override`).
    static func executable(_ name: String, override: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment[override], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        return (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The DuckDB shell: `duckdb` on PATH or `CQ_DUCKDB` (.ci/run installs PyPI's duckdb-cli).
    static var duckdbShell: URL? { executable("duckdb", override: "CQ_DUCKDB") }
}

/// Runs a process to its end; standard input, output and error are files, so no pipe can block.
/// (posix_spawn and waitpid rather than Foundation's Process, whose wait never returns when the
/// child leaves a daemon behind, as `pg_ctl start` does.)
func runProcess(_ executable: URL, _ arguments: [String], input: URL?, directory: URL) throws -> (status: Int32, out: String, err: String) {
    let outURL = directory.appendingPathComponent("out-\(UUID().uuidString).txt")
    let errURL = directory.appendingPathComponent("err-\(UUID().uuidString).txt")
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
    guard spawned == 0 else {
        throw NSError(domain: "cq.process", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot run \(executable.path)"])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exit, (try? String(contentsOf: outURL, encoding: .utf8)) ?? "", (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// A PostgreSQL server of its own, in a temporary folder, reachable only through a socket there.
final class PostgresServer {
    let bin: URL
    let folder: URL
    /// Run as `postgres` through runuser when we are root.
    let asUser: [String]

    /// The server binaries: `CQ_PG_BIN`, Debian's /usr/lib/postgresql/N/bin (newest), or initdb on PATH.
    static var binaries: URL? {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CQ_PG_BIN"] { return URL(fileURLWithPath: path) }
        let debian = URL(fileURLWithPath: "/usr/lib/postgresql")
        if let versions = try? fm.contentsOfDirectory(atPath: debian.path) {
            for v in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
                let bin = debian.appendingPathComponent(v).appendingPathComponent("bin")
                if fm.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
            }
        }
        return EngineKind.executable("initdb", override: "CQ_PG_INITDB")?.deletingLastPathComponent()
    }

    /// Creates a cluster in a new temporary folder and starts it (UTF-8; a non-C locale if there is one,
    /// so that the emitted SQL must spell out byte order itself).
    init(bin: URL) throws {
        self.bin = bin
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("cq-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder.path)
            asUser = ["/usr/sbin/runuser", "-u", "postgres", "--"]
        } else {
            asUser = []
        }
        let data = folder.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
        try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("log").path, "-w",
                           "-o", "-k \(folder.path) -c listen_addresses= -c fsync=off", "start"])
    }

    @discardableResult
    func run(_ tool: String, _ arguments: [String], input: URL? = nil) throws -> String {
        let command = asUser + [bin.appendingPathComponent(tool).path] + arguments
        let (status, out, err) = try runProcess(URL(fileURLWithPath: command[0]), Array(command.dropFirst()), input: input,
                                                directory: URL(fileURLWithPath: NSTemporaryDirectory()))
        guard status == 0 || tool == "psql" else {
            throw NSError(domain: "cq.postgres", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "\(tool) failed: \(err)"])
        }
        return out + (tool == "psql" && !err.isEmpty ? "\n@@stderr@@\n" + err : "")
    }

    /// Runs `setup`, then each query (as `COPY (query) TO STDOUT` CSV, null `\N`) in a new database `name`.
    /// Returns each query's CSV text (empty when it failed) and what psql wrote on standard error.
    func run(database name: String, setup: [String], queries: [String], directory: URL) throws -> (outputs: [String], errors: String) {
        try run("psql", ["-X", "-q", "-h", folder.path, "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE \(name)"])
        let marker = "@@cq-sqltest@@"
        var script = setup
        for q in queries {
            var body = q.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.hasSuffix(";") { body.removeLast() }
            script += ["\\echo \(marker)", "COPY (\n\(body)\n) TO STDOUT WITH (FORMAT csv, HEADER true, NULL '\\N');"]
        }
        let scriptURL = directory.appendingPathComponent("\(name).psql")
        try (script.joined(separator: "\n") + "\n").write(to: scriptURL, atomically: true, encoding: .utf8)
        let text = try run("psql", ["-X", "-q", "-h", folder.path, "-U", "postgres", "-d", name, "-f", scriptURL.path])
        let parts = text.components(separatedBy: "\n@@stderr@@\n")
        let sections = parts[0].components(separatedBy: marker + "\n")
        return (Array(sections.dropFirst()), parts.count > 1 ? parts[1] : "")
    }

    func stop() {
        _ = try? run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }
}
