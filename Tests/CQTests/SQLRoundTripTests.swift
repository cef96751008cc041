// SQLRoundTripTests: every query we can collect — the cq side of the
// differential pairs, the queries of the golden files, the queries of the
// README, docs and Examples — is compiled to SQL (SQLEmitter) in each dialect
// and run in a real engine (SQLEngines) loaded with the same tables. Each
// answer must equal cq's own table cell by cell (numbers to a relative 1e-9),
// in order wherever the SQL has a top-level ORDER BY. A dialect may refuse a
// query, with a positioned "cannot express … in …" error; refusals are
// counted, anything else is a failure. Queries cq itself cannot answer (a
// runtime error) are not compared. An engine that is not installed is
// skipped with a message; .ci/run installs all three. The analyst questions
// (AnalystQuestionsTests) make a fourth group over their own tables.

import Foundation
import XCTest
@testable import CQ

final class SQLRoundTripTests: XCTestCase {
    /// A query with cq's answer.
    struct Query {
        var text: String
        var plan: Plan
        var result: ResultTable
        var types: [DataType]
    }

    /// Queries over one session's tables (the engines get one database per group).
    final class Group {
        let name: String
        let session: Session
        var queries: [Query] = []
        init(name: String) {
            self.name = name
            var settings = Settings()
            settings.render.mode = .csv
            session = Session(console: CapturingConsole(), settings: settings)
        }

        /// Runs the statements of `text`: queries are recorded with cq's answer; `let` and `.import` run.
        func collect(_ text: String) {
            var parser = Parser(text)
            let bytes = Array(text.utf8)
            while let statement = try? parser.next() {
                let range = statement.range
                let slice = String(decoding: bytes[min(max(0, range.start), bytes.count)..<min(max(0, range.end), bytes.count)],
                                   as: UTF8.self)
                switch statement {
                case .query(let q):
                    guard let plan = try? Binder(catalog: session.catalog, source: text).bind(q) else { continue }
                    if case .chart = plan { continue }
                    guard let table = try? Executor().run(plan) else { continue }
                    queries.append(Query(text: slice, plan: plan, result: .cq(table), types: plan.schema.map(\.type)))
                case .letQuery, .letExpression, .letFunction:
                    session.run(slice + "\n")
                case .command(let name, _, _, _) where name.name.lowercased() == "import":
                    session.run(slice + "\n")
                default:
                    continue
                }
            }
        }

        /// The tables the engines need: built-in and imported ones (let-bound tables become WITH clauses).
        var tables: [EngineTable] {
            session.catalog.tableNames.compactMap { name in
                guard case .table(let source)? = session.catalog.lookup(name), source.definition == nil,
                      let t = try? source.provider.rows() else { return nil }
                return EngineTable(name: name, table: t)
            }
        }
    }

    /// Stage combinations SQL makes hard (a stage after one that ends a SELECT, order that must survive
    /// subqueries and WITH clauses, names that need quotes), over the differential tables.
    static let combinations = [
        "t | summarize n = count() by g | where n > 5 | sort n desc, g",
        "t | take 10 | sort i", "t | sort i | take 10 | sort g", "t | take 5 | take 3", "t | take 5 | where i > 0",
        "t | top 3 by i | top 2 by f", "t | top 5 by i | summarize count() by g", "t | summarize s = sum(i) by g | top 2 by s",
        "t | join u on k | top 5 by w | select id, k, w", "t | join left u on k | take 7", "t | summarize n = count() by k | join u on k | take 5",
        "t | select g, h | distinct | take 3", "t | select g | distinct | sort g", "t | distinct g | take 2", "t | distinct | count",
        "let l1 = t | where i > 0", "let l2 = l1 | extend x = i * 2", "l2 | join u on k | take 5", "l2 | union l2 | take 70",
        "let l3 = t | sort f | take 10", "l3 | take 3", "l3 | summarize n = count() by g",
        "let l4 = t | sort f desc", "l4 | summarize count() by g | take 3", "l4 | distinct h",
        "let sa = tp | summarize n = count() by g", "let sb = tn | summarize n = count() by g", "sa | union sb", "sa | union sb | sort n, g",
        "tp | union tn | take 5", "tp | union tn | sort i | take 4", "tp | union tn | where i > 2",
        "e | take 3", "e | sort x", "e | join left u on x == v", "e | distinct | take 2",
        "t | where false | summarize count(), sum(i)", "t | summarize count() by g | take 0",
        "t | extend x = i * 2 | extend y = x + x | select id, y", "t | rename i2 = i | sort i2 | take 3",
        "t | extend i = i * 2 | sort i | take 5", "t | select id, g = h | sort g | take 5", "t | sort g | select id, g = h | take 5",
        "t | join t on k | take 5", "u | join left u on k", "big | summarize c = count() by grp | top 5 by c",
        "t | summarize a = sum(i) / count() by g", "t | summarize total = sum(f), n = count() by g | extend m = total / n | sort m desc nulls first",
        "t | select id, d2 = d + 30, dd = d - @2023-01-01, y = year(d), mo = month(d), dy = day(d) | take 5",
        "t | where d > @2023-01-01 + 3 | count", "t | where g == \"重庆\" | select id, 名称 = g, `R&D强度` = f * 2",
        "t | select id, `order` = i, `group` = g, Name = h | sort `order`, Name | take 4",
        "t | select id, x = if(b, \"是\", \"否\"), y = coalesce(g, h, \"none\")",
        "t | summarize m = max(d), mn = min(s), b1 = max(b), b0 = min(b) by h", "t | sort b desc, s nulls first | take 7",
        "t | join u on k | summarize n = count() by v | sort n desc, v", "t | where s contains \"%\" or s endswith \"_b\" | select id",
        "t | select id, s, e = s endswith \"\", c = s contains \"\", st = s startswith \"\"",
        "t | select id, a = substr(s, 2), b2 = substr(s, 1, 0), c = trim(s), l = len(s) | sort l desc | take 9",
        "t | select id, q = f // 0.5, m = f % 0.75, x = round(f * 3 / 7, 2), y = round(f, -1), z = round(i, 1)",
        "t | select id, s1 = string(i), s2 = string(b), s3 = string(d), i1 = int(f), i2 = int(b), f1 = float(b), f2 = float(i)",
        "t | summarize median(f), stddev(f), median(i), stddev(i) by h",
        "t | summarize n = count() by i = -i | sort i | take 5", "t | summarize n = count() by g = h, h = g | sort g, h",
        "t | sort g | select id, G = h | take 5", "t | summarize i = count() by g | sort i, g",
        "let r1 = t | where i > 0", "let r1 = r1 | top 3 by f", "r1 | select id, f", "r1 | join r1 on id | count",
        // Joins of every kind, ( QUERY ) sources, intersect/except and per-group stages.
        "t | join right u on k | take 5", "t | join full u on k == k | sort id | take 9", "t | where i > 0 | join full u on k",
        "t | join semi u on k | take 3", "t | join anti u on k | summarize n = count() by g", "t | join cross (u | take 2) | take 7",
        "(t | where i > 0) | join u on k", "t | join (u | top 3 by w) on k and i == w", "t | join left (u | distinct k) on k | take 4",
        "t | join full (t | summarize n = count() by k) on k | sort n", "u | join right (u | where v is null) on k == k",
        "l3 | join full l3 on id | take 4", "e | join full u on x == v", "e | join anti u on x == v",
        "t | select g | intersect (u | select g = v)", "tp | except (tn | select id, g, i) | take 2",
        "t | select h | except (t | where i > 0 | select h) | sort h", "sa | intersect sb", "t | top 2 by i per g",
        "t | take 1 per h | sort id", "t | top 1 by f asc per g, h | summarize count()", "t | top 2 by i per g | top 3 by f",
        "t | summarize n = count() by g, h | top 1 by n per h", "t | distinct g | take 1 per len(g)",
        "t | where f > 0 | take 2 per b | where i > 0", "l4 | top 2 by i per g", "t | top 3 by s, i asc per k % 2 | take 4",
        "t | where i > (t | summarize avg(i)) | select id, i", "t | where k in (u | select k) | select id, k",
        "t | where k not in (u | select k) | count", "t | select id, x = g not in (u | where v is not null | select v)",
        "t | select id, x = k in (t | where false | select k), y = k not in (e | select id)",
        "t | where exists(u | where w > 0) and not exists(e) | select id", "t | extend m = (u | where k == 3 | summarize max(w)) | take 5",
        "t | sort abs(i - (t | summarize avg(i))), id | select id, i | take 6", "r1 | where f > (r1 | summarize min(f)) | select id",
        "t | where i in (u | where w > (u | summarize avg(w)) | select k) | select id", "t | where t.i > 2 | select t.id, g",
        "t | select id, y = (t | sort f desc | take 1 | select f) - f", "t | summarize n = count() by g | where n > (t | count) / 6",
        "let above(x) = x > (t | summarize avg(f))", "t | where above(f) | select id, f",
        "t | where i > 0 | join right u on k | take 5", "t | join full u on k | join full dim on k == key | take 9",
        "t | top 2 by i per g | join left u on k", "t | join u on k | top 1 by w per g", "t | join right u on k | top 1 by id per v",
        "t | select g, h | intersect (t | select g, h) | join left u on g == v", "(t | top 1 by i per g) | union (t | top 1 by i asc per g)",
        "t | join full (u | take 3) on k | distinct k", "t | join semi (t | where i > 3) on g | join anti u on k | sort id",
        "t | extend x = i * 2 | top 1 by x per x % 3, g", "t | join cross (u | where k == 1) | top 2 by w per id | take 6",
    ]

    /// Random pipelines of two to five stages over `t` (fixed seed), for the combinations nobody thought of;
    /// those that do not bind (a column gone after a summarize) are left out by `collect`.
    static func randomPipelines(count: Int) -> [String] {
        pipelines(count: count, over: "t", seed: 11, stages: stages)
    }

    /// Random pipelines over `projects`, the built-in table with the most kinds of column.
    static func randomBuiltinPipelines(count: Int) -> [String] {
        let stages = [
            "where investment > 10亿", "where investment is null", "where name contains \"科学\"", "where start_year >= 2021",
            "sort investment desc", "sort start_year nulls first, name", "top 5 by investment", "top 3 by land_mu asc", "take 5",
            "summarize n = count(), s = sum(investment) by category", "summarize n = count() by location", "where n > 1",
            "sort n desc", "distinct category", "distinct location, status", "join left enterprises on location",
            "select name, investment, start_year, location", "extend y = year(published), yi = round(investment / 1亿, 1)",
            "summarize m = median(investment), a = avg(land_mu) by status", "count",
            "join full enterprises on location", "join anti (enterprises | where founded_year > 2010) on location",
            "top 2 by investment per category", "take 1 per status",
        ]
        return pipelines(count: count, over: "projects", seed: 5, stages: stages)
    }

    /// `count` pipelines of two to five of `stages` over `table`, with at most one join (joins on a
    /// shared location multiply rows).
    static func pipelines(count: Int, over table: String, seed: UInt64, stages: [String]) -> [String] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            "\(table) | " + (0..<(2 + Int(rng.next() % 4))).map { _ in rng.pick(stages) }.joined(separator: " | ")
        }.filter { $0.components(separatedBy: "join ").count <= 2 }
    }

    /// The stages random pipelines over `t` are made of.
    static let stages = [
        "where i > 0", "where g is not null", "where f < 2 or b", "where s contains \"a\"", "where n > 1", "where x > 0",
        "sort i", "sort g desc, f", "sort f nulls first", "sort n desc", "sort x", "take 7", "take 3", "take 0",
        "top 4 by f", "top 3 by i asc", "top 5 by g", "top 2 by n", "distinct g", "distinct g, h", "distinct",
        "summarize n = count(), si = sum(i) by g", "summarize n = count() by h, b", "summarize n = count(), x = avg(f)", "count",
        "select id, g, i, f, k", "select id, g, x = i * 2, k", "extend x = f + i", "rename gg = g", "drop s, d",
        "join u on k", "join left u on k", "select id, g, i | union tp", "extend g = h", "select g, n = i",
        "summarize n = count() by k | join u on k", "where v is not null", "sort v, w desc", "top 3 by w",
        "extend y = if(b, i, j)", "where d > @2023-01-01", "select id, d, k", "distinct k", "take 12",
        "sort k desc nulls first", "summarize m = max(s), c = count_distinct(h) by k", "extend one = 1",
        "distinct one, g", "summarize n = count() by one",
        "join left dim on k == key", "join dim on k == key", "summarize n = count() by g | union sa",
        "where k in [1, 3, null]", "where s startswith \"a\"", "sort len(s) desc", "extend z = round(f, 1)",
        "extend q = i // 2 + i % 3", "where not b", "select id, s, b", "summarize n = count() by label",
        "join right u on k", "join full u on k", "join semi u on k", "join anti u on k", "top 2 by i per g",
        "take 1 per h", "top 1 by f asc, id per k", "select g | intersect (t | select g)", "distinct g | except (tp | select g)",
    ]

    /// The same over the built-in tables.
    static let builtinCombinations = [
        "projects | where investment is not null | summarize total = sum(investment), n = count() by category | where n >= 2 | top 3 by total",
        "figures | where unit == \"元\" | summarize s = sum(value) by subject | sort s desc | take 5",
        "enterprises | join left projects on location | summarize n = count(id_projects) by location",
        "figures | distinct subject, unit | take 10", "projects | select name, yi = round(investment / 1亿, 1) | top 5 by yi",
        "figures | summarize median(value), stddev(value), avg(value) by kind",
        "figures | where published >= @2023-01-01 and subject contains \"科学城\" | top 5 by value | select subject, metric, value",
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The differential tables and pairs, the golden files, and the docs and Examples.
    static func groups(directory: URL) throws -> [Group] {
        let differential = Group(name: "differential")
        for table in DifferentialData.tables() {
            let file = directory.appendingPathComponent("\(table.name).csv")
            try table.cqCSV.write(to: file, atomically: true, encoding: .utf8)
            differential.session.run(".import \(file.path) as \(table.name)\n")
        }
        for binding in DifferentialTests.bindings { differential.collect(binding.cq) }
        for pair in DifferentialTests.pairs { differential.collect(pair.cq) }
        for pair in WindowDifferentialTests.pairs { differential.collect(pair.cq) }
        for query in combinations + randomPipelines(count: 1500) { differential.collect(query) }
        for query in FunctionCases.queries { differential.collect(query) }

        let golden = Group(name: "golden")
        let goldenFiles = try FileManager.default.contentsOfDirectory(atPath: GoldenTests.directory.path)
            .filter { $0.hasSuffix(".cqt") }.sorted()
        // Golden files import Tests/Golden/data/… relative to the package root, where `swift test` runs.
        for file in goldenFiles {
            let text = try String(contentsOf: GoldenTests.directory.appendingPathComponent(file), encoding: .utf8)
            for c in try GoldenTests.parse(text) where !c.input.contains("⟦") { golden.collect(c.input) }
        }

        let docs = Group(name: "docs")
        let markdown = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 })
        for path in markdown {
            let lines = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for block in Checker.blocks(lines) where block.language == "cq" { docs.collect(block.lines.joined(separator: "\n") + "\n") }
        }
        let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Examples").path)
            .filter { $0.hasSuffix(".cq") }.sorted()
        for file in examples {
            docs.collect(try String(contentsOf: root.appendingPathComponent("Examples").appendingPathComponent(file), encoding: .utf8))
        }
        for query in builtinCombinations + randomBuiltinPipelines(count: 300) { docs.collect(query) }

        let analyst = Group(name: "analyst")
        for name in AnalystQuestionsTests.tables {
            analyst.collect(".import \(AnalystQuestionsTests.data.appendingPathComponent(name + ".csv").path) as \(name)\n")
        }
        for line in AnalystQuestionsTests.definitions + AnalystQuestionsTests.pairs.map(\.cq) { analyst.collect(line + "\n") }
        return [differential, golden, docs, analyst]
    }

    /// How one engine runs a batch of SQL over a group's tables: one output text per query, and its errors.
    typealias Runner = (_ group: Group, _ setupName: String, _ tables: [EngineTable], _ sql: [String]) throws -> (outputs: [String], errors: String)

    /// Compiles every query in the engine's dialects, runs them and compares; returns (compared, refused) per dialect.
    func roundTrip(_ engine: EngineKind, directory: URL, run: Runner) throws {
        var summary: [String] = []
        for group in try Self.groups(directory: directory) {
            let tables = group.tables
            for dialect in engine.dialects {
                var sql: [(query: Query, sql: String)] = []
                var refused = 0
                for query in group.queries {
                    do {
                        sql.append((query, try SQLEmitter(dialect: dialect).emit(query.plan)))
                    } catch let error as CQError {
                        guard case .unsupportedSQL(_, let name) = error.problem, name == dialect.displayName, error.range != nil else {
                            XCTFail("[\(dialect.rawValue)] \(query.text): unexpected error \(error.problem.message)")
                            continue
                        }
                        refused += 1
                    }
                }
                let (outputs, errors) = try run(group, "\(group.name)_\(dialect.rawValue)", tables, sql.map { $0.sql + ";" })
                XCTAssertEqual(outputs.count, sql.count, "\(engine) output sections for \(group.name)")
                var compared = 0
                for ((query, text), output) in zip(sql, outputs) {
                    let theirs = engine == .postgres ? ResultTable.postgresCSV(output, types: query.types) : ResultTable.sqliteQuote(output)
                    let silent = output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    // sqlite3 prints nothing at all for no rows; every other empty answer is an error.
                    if silent && !(engine == .sqlite && query.result.rows.isEmpty) {
                        XCTFail("[\(engine)/\(dialect.rawValue)] \(query.text)\n\(text)\nno answer; the engine said:\n\(errors.prefix(3000))")
                        continue
                    }
                    let ordered = text.split(separator: "\n").contains { $0.hasPrefix("ORDER BY") }
                    if let difference = query.result.difference(from: theirs, ordered: ordered, engine: engine.rawValue) {
                        XCTFail("[\(engine)/\(dialect.rawValue)] \(query.text)\n\(text)\n\(difference)")
                    }
                    compared += 1
                }
                summary.append("\(group.name) \(dialect.rawValue): \(compared) compared, \(refused) refused")
                XCTAssertGreaterThan(compared, group.queries.count / 2, "\(engine)/\(dialect.rawValue) compared too few of \(group.name)")
            }
        }
        print("SQL round trips in \(engine): " + summary.joined(separator: "; "))
    }

    func temporaryDirectory() throws -> URL {
        let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("cq-sqltest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes each table's CSV beside the scripts and returns the setup lines for `engine`.
    func load(_ tables: [EngineTable], _ engine: EngineKind, directory: URL, prefix: String) throws -> [String] {
        try tables.flatMap { table -> [String] in
            let file = directory.appendingPathComponent("\(prefix)-\(table.name.unicodeScalars.map { String($0.value) }.joined(separator: "_")).csv")
            try table.csv.write(to: file, atomically: true, encoding: .utf8)
            return table.setup(for: engine, path: file.path)
        }
    }

    func testSQLite() throws {
        guard let sqlite = SQLiteShell.executable else { throw XCTSkip("sqlite3 is not installed (.ci/run installs it)") }
        try shellRoundTrip(.sqlite, shell: sqlite)
    }

    func testDuckDB() throws {
        guard let duckdb = EngineKind.duckdbShell else {
            throw XCTSkip("duckdb is not installed (pip install duckdb-cli, or set CQ_DUCKDB; .ci/run installs it)")
        }
        try shellRoundTrip(.duckdb, shell: duckdb)
    }

    /// Round trips through an engine's command-line shell (sqlite3 and DuckDB's take the same script).
    private func shellRoundTrip(_ engine: EngineKind, shell: URL) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try roundTrip(engine, directory: dir) { _, name, tables, sql in
            try SQLiteShell.run(shell, setup: try self.load(tables, engine, directory: dir, prefix: name), queries: sql, directory: dir)
        }
    }

    func testPostgreSQL() throws {
        guard let bin = PostgresServer.binaries else {
            throw XCTSkip("PostgreSQL is not installed (apt-get install postgresql, or set CQ_PG_BIN; .ci/run installs it)")
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try PostgresServer(bin: bin)
        defer { server.stop() }
        try roundTrip(.postgres, directory: dir) { _, name, tables, sql in
            try server.run(database: name, setup: try self.load(tables, .postgres, directory: dir, prefix: name), queries: sql, directory: dir)
        }
    }
}
