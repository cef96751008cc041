// FileBytes: a file's bytes in memory for the duration of one call, read
// straight into one array (sized from the file's length when it has one).
// Not mapped with mmap: a mapped file that another program shortens while
// the CSV scanner walks it kills the process (SIGBUS). A regular file may be
// any size; anything else (a pipe, a FIFO, /dev/stdin, a device) is read up
// to `maxStreamBytes`, so that an endless stream such as /dev/zero is
// refused instead of filling memory.
// Failures become `.io("cannot open 'PATH': REASON")` with the system's
// reason (strerror). Parsing the bytes is the caller's job (CSVReader).

import Glibc

/// Whole-file access without Foundation.
enum FileBytes {
    /// The most bytes read from something that is not a regular file (a regular file may be any size).
    static let maxStreamBytes = 512 << 20

    /// Calls `body` with the contents of the file at `path`; the bytes are valid only during the call.
    static func withContents<R>(of path: String, streamLimit: Int = maxStreamBytes,
                                _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, errno) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw failure(path, EISDIR) }
        let limit = kind == S_IFREG ? Int.max : streamLimit
        let contents = try readAll(fd, path: path, sizeHint: Int(info.st_size), limit: limit)
        return try contents.withUnsafeBytes(body)
    }

    /// Reads until end of file into one array; more than `limit` bytes is an error. The array
    /// starts one byte larger than `sizeHint` (so a file of that size ends with one more read),
    /// at least 64 KB, and doubles when the file turns out longer.
    private static func readAll(_ fd: Int32, path: String, sizeHint: Int, limit: Int) throws -> [UInt8] {
        let cap = limit == .max ? limit : limit + 1
        var contents = [UInt8](repeating: 0, count: min(max(sizeHint + 1, 1 << 16), cap))
        var filled = 0
        while true {
            if filled == contents.count {
                contents.append(contentsOf: repeatElement(0, count: min(contents.count, cap - contents.count)))
            }
            let n = contents.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if n == 0 {
                contents.removeLast(contents.count - filled)
                return contents
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            filled += n
            guard filled <= limit else {
                throw CQError(.io("'\(path)' gives more than \(limit >> 20) MB; only a regular file may be larger"))
            }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CQError {
        CQError(.io("cannot open '\(path)': \(String(cString: strerror(code)))"))
    }
}
