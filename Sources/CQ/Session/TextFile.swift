// TextFile: reads a script file (or standard input) whole as UTF-8 text for
// `.read` and for the script runner, with errors that say which file and why,
// and at most 64 MB, so an endless stream (/dev/zero) is refused.

#if canImport(Glibc)
import Glibc
#endif

/// Whole-file text reading.
public enum TextFile {
    /// Scripts larger than this are refused rather than read into memory.
    static let maxBytes = 64 << 20

    /// The file's text (invalid UTF-8 is replaced by U+FFFD, which the lexer then reports with its place).
    public static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CQError(.io("cannot open '\(path)': \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CQError(.io("cannot read '\(path)': \(String(cString: strerror(errno)))")) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw CQError(.io("cannot read '\(path)': it is a directory")) }
        return try read(descriptor: fd, named: "'\(path)'")
    }

    /// The text read from an open descriptor to its end (standard input is `read(descriptor: 0,
    /// named: "standard input")`), with the same limit, so an endless stream is refused.
    public static func read(descriptor fd: Int32, named name: String) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CQError(.io("cannot read \(name): \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes { throw CQError(.io("\(name) is larger than \(maxBytes >> 20) MB")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
