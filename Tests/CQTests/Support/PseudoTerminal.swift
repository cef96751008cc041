// PseudoTerminal: runs the built `cq` under a pseudo-terminal, as a person
// in a terminal would meet it — keys are written to the terminal's master
// side (so Ctrl-C reaches cq as SIGINT through the line discipline, and a
// resize as SIGWINCH), and what cq writes is read back and drawn on a Screen.
//
// The child is started with posix_spawn in a new session (POSIX_SPAWN_SETSID)
// whose first opened file is the terminal, which so becomes its controlling
// terminal; nothing runs between fork and exec in this (threaded) test
// process. Waiting is always for text on the screen, with a generous
// deadline, never a bare sleep.

import Foundation
import XCTest
@testable import CQ
#if canImport(Glibc)
import Glibc
#endif

/// `cq` running under a pseudo-terminal.
final class PseudoTerminal {
    enum Key: String {
        case enter = "\r", tab = "\t", ctrlC = "\u{03}", ctrlD = "\u{04}", ctrlU = "\u{15}"
        case up = "\u{1B}[A", down = "\u{1B}[B", right = "\u{1B}[C", left = "\u{1B}[D", backspace = "\u{7F}"
    }

    /// The built executable beside the test bundle (`swift test` builds it), else in `.build/debug`.
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cq").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return DocsTests.root.appendingPathComponent(".build/debug/cq").path
    }

    /// Seconds any wait may take before the test fails (debug builds on a busy machine are slow).
    static let deadline: Double = 60

    let master: Int32
    let pid: pid_t
    private(set) var columns: Int
    private(set) var rows: Int
    private(set) var output: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `cq ARGUMENTS` with `HOME` set to `home` (so the user's history and ~/.cqrc are never touched).
    init(_ arguments: [String] = [], home: String, columns: Int = 100, rows: Int = 30,
         file: StaticString = #filePath, line: UInt = #line) throws {
        self.columns = columns
        self.rows = rows
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0, let slave = Self.unlockedSlave(master) else { throw POSIXError(.ENOTTY) }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGWINCH)
        sigaddset(&defaults, SIGPIPE)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let executable = Self.executable
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ["HOME=\(home)", "TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT)
        }
        pid = child
    }

    /// unlockpt(3) and ptsname_r(3) of glibc, which Swift's Glibc module does not import.
    private static func unlockedSlave(_ master: Int32) -> String? {
        typealias Unlock = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        guard let libc = dlopen(nil, RTLD_NOW), let unlock = dlsym(libc, "unlockpt"),
              let name = dlsym(libc, "ptsname_r") else { return nil }
        guard unsafeBitCast(unlock, to: Unlock.self)(master) == 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        guard unsafeBitCast(name, to: Name.self)(master, &buffer, buffer.count) == 0 else { return nil }
        return String(cString: buffer)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// The screen as the terminal would show it now.
    var screen: Screen { Screen(columns: columns, rows: rows, output: output) }

    func type(_ text: String) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            written += n
        }
        bytes.removeAll()
    }

    func press(_ keys: Key...) {
        for key in keys { type(key.rawValue) }
    }

    /// Changes the window size, as a terminal does when its window is resized (cq gets SIGWINCH).
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        self.columns = columns
        self.rows = rows
    }

    /// Reads output until `condition` holds for the screen; fails the test after the deadline.
    @discardableResult
    func wait(for what: String, file: StaticString = #filePath, line: UInt = #line,
              _ condition: (Screen) -> Bool) -> Bool {
        let start = Date()
        while true {
            if condition(screen) { return true }
            let left = Self.deadline - Date().timeIntervalSince(start)
            guard left > 0, readSome(timeout: left) else {
                XCTFail("waited for \(what); the screen shows:\n\(screen.text)", file: file, line: line)
                return false
            }
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func wait(forText text: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        wait(for: "'\(text)'", file: file, line: line) { $0.text.contains(text) }
    }

    /// Waits until the last line is the prompt `prompt` with nothing typed after it, and `count` prompts were shown.
    @discardableResult
    func waitForPrompt(_ prompt: String = "cq>", count: Int? = nil, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        wait(for: "the prompt '\(prompt)'", file: file, line: line) { screen in
            let lines = screen.lines
            guard lines.last == prompt else { return false }
            guard let count else { return true }
            return lines.filter { $0.hasPrefix(prompt) }.count >= count
        }
    }

    /// The exit status once cq has left (after .quit or Ctrl-D); fails after the deadline.
    func waitForExit(file: StaticString = #filePath, line: UInt = #line) -> Int32? {
        let start = Date()
        while Date().timeIntervalSince(start) < Self.deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status >> 8) & 0xFF
                _ = readSome(timeout: 0.05)
                return exitStatus
            }
            _ = readSome(timeout: 0.05)
        }
        XCTFail("cq did not exit; the screen shows:\n\(screen.text)", file: file, line: line)
        return nil
    }

    /// Reads what comes within `timeout` seconds (at most one); false only when the terminal closed.
    private func readSome(timeout: Double) -> Bool {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, Int32(min(timeout, 1) * 1000))
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard n > 0 else { return false }
        output += chunk[0..<n]
        return true
    }
}
