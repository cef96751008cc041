// BinaryRobustnessTests: the `cq` executable itself under hostile
// conditions — results with NUL bytes, standard output on a full device,
// standard input that never ends, `--safe` (including ~/.cqrc, which only the
// interactive shell reads, so that case runs under a pseudo-terminal made by
// script(1)). The library's own faults are in RobustnessTests.

import Foundation
import XCTest

final class BinaryRobustnessTests: XCTestCase {
    /// The cq built beside this test bundle.
    static let cq: URL = {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("cq")
    }()

    struct Run {
        var status: Int32
        var out: Data
        var err: String
    }

    /// Runs `executable` (cq) with `arguments`; standard input and output are the given files (or pipes).
    private func run(_ arguments: [String], executable: URL = cq, input: FileHandle? = nil, output: FileHandle? = nil,
                     environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = output ?? outPipe
        process.standardError = errPipe
        try process.run()
        let out = output == nil ? outPipe.fileHandleForReading.readDataToEndOfFile() : Data()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: out, err: String(decoding: err, as: UTF8.self))
    }

    func testCommandLinesThatCannotRunAreUsageErrors() throws {
        for (arguments, message) in [
            (["-c", "1", "report.cq"], "Error: -c runs its statements instead of scripts; give either -c or files, not both"),
            (["--update", "README.md"], "Error: --update works only with --check"),
            (["--check"], "Error: --check needs at least one .cq or .md file"),
            (["--dialect", "oracle", "-c", "1"], "Error: unknown dialect 'oracle'; use one of portable, sqlite, duckdb, postgres"),
        ] {
            let r = try run(arguments)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.err.split(separator: "\n").first.map(String.init), message)
            XCTAssertEqual(r.out, Data())
        }
    }

    func testADashReadsStandardInputAsAScript() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cq-dash-\(getpid()).cq")
        try Data("projects | where id == 1 | select id\nprojects | cnt\n".utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let r = try run(["-"], input: try FileHandle(forReadingFrom: script))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out, Data("id\n1\n".utf8))
        XCTAssertTrue(r.err.hasPrefix("error: unknown stage 'cnt'\n --> <stdin>:2:12\n"), r.err)
    }

    func testANulByteInAResultIsWritten() throws {
        let r = try run(["-c", #""a\u{0}b""#])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, Data("a\u{0}b\n".utf8))
    }

    func testAFullStandardOutputIsAnError() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try run(["-c", "projects | count"], output: full)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "error: cannot write to standard output: No space left on device\n")
    }

    func testEndlessStandardInputIsRefusedAtTheScriptLimit() throws {
        let zero = try XCTUnwrap(FileHandle(forReadingAtPath: "/dev/zero"))
        let r = try run([], input: zero)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "error: standard input is larger than 64 MB\n")
    }

    func testSafeRefusesEveryFileCommand() throws {
        for command in [".import data.csv", ".read script.cq", ".output out.txt"] {
            let r = try run(["--safe", "-c", command])
            XCTAssertEqual(r.status, 1)
            let name = command.split(separator: " ")[0]
            XCTAssertEqual(r.err.split(separator: "\n").first.map(String.init), "error: \(name) is not allowed in safe mode (--safe)")
        }
    }

    /// The shell reads ~/.cqrc at start-up, except with --safe.
    func testSafeDoesNotReadTheStartupFile() throws {
        let home = NSTemporaryDirectory() + "cq-safe-home-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "let fromrc = 41 + 1\n".write(toFile: home + "/.cqrc", atomically: true, encoding: .utf8)
        func shell(_ flags: String) throws -> String {
            let input = Pipe()
            input.fileHandleForWriting.write(Data("fromrc\n.quit\n".utf8))
            input.fileHandleForWriting.closeFile()
            let r = try run(["-qec", "\(Self.cq.path) \(flags)", "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
                            input: input.fileHandleForReading, environment: ["HOME": home, "TERM": "dumb"])
            return String(decoding: r.out, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
        }
        XCTAssertTrue(try shell("").contains("\n42\n"))
        let safe = try shell("--safe")
        XCTAssertFalse(safe.contains("\n42\n"))
        XCTAssertTrue(safe.contains("error: unknown table 'fromrc'"))
    }
}
