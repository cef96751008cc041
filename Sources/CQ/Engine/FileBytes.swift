// FileBytes: a file's bytes in memory for the duration of one call — mapped
// with mmap for regular files (no copy, the kernel pages it in as the CSV
// scanner walks it), read in chunks for anything else (pipes, FIFOs,
// /dev/stdin), up to `maxStreamBytes` so that an endless stream such as
// /dev/zero is refused instead of filling memory.
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
        let size = Int(info.st_size)
        if kind == S_IFREG, size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
           mapped != MAP_FAILED {
            defer { munmap(mapped, size) }
            _ = madvise(mapped, size, MADV_SEQUENTIAL)
            return try body(UnsafeRawBufferPointer(start: mapped, count: size))
        }
        let contents = try readAll(fd, path: path, sizeHint: size, limit: streamLimit)
        return try contents.withUnsafeBytes(body)
    }

    /// Reads until end of file, for files that cannot be mapped; more than `limit` bytes is an error.
    private static func readAll(_ fd: Int32, path: String, sizeHint: Int, limit: Int) throws -> [UInt8] {
        var contents: [UInt8] = []
        contents.reserveCapacity(min(max(sizeHint, 0), limit) + 1)
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunk) }
            if n == 0 { return contents }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            guard n <= limit - contents.count else {
                throw CQError(.io("'\(path)' gives more than \(limit >> 20) MB; only a regular file may be larger"))
            }
            contents.append(contentsOf: buffer[0..<n])
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CQError {
        CQError(.io("cannot open '\(path)': \(String(cString: strerror(code)))"))
    }
}
