// SystemLibrary: a C library of the system, opened with dlopen the first time a command needs it.
//
// cq's optional formats and servers (SQLite files, Excel's ZIP and XML, PostgreSQL's libpq, the
// MariaDB client) are the system's own, well-kept C libraries — but a machine without one must still
// build and run cq, and none of them may slow the start of the shell. So nothing links them: a reader
// or a backend declares the C functions it calls as `@convention(c)` types, and asks `SystemLibrary`
// for them by name when it first runs. A library that is missing is a `missingLibrary` error naming
// the Debian package to install; the session goes on.
//
// This file only finds libraries and symbols; what a library is used for, and the declarations of its
// functions, live with the reader or backend that uses it (one file per library user).

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An opened C library: a handle from dlopen, kept for the life of the process, and its symbols.
public final class SystemLibrary: @unchecked Sendable {
    /// The file that was opened (one of the candidates).
    public let file: String
    private let handle: UnsafeMutableRawPointer

    private init(file: String, handle: UnsafeMutableRawPointer) {
        self.file = file
        self.handle = handle
    }

    /// Libraries opened so far, by the first candidate's name: each is opened once per process.
    private static let opened = Mutex<[String: SystemLibrary]>([:])

    /// Opens the first of `candidates` (file names such as `libsqlite3.so.0`, searched as dlopen does)
    /// that loads. `purpose` and `package` word the error when none does (".import of a SQLite file",
    /// "libsqlite3-0").
    public static func open(_ candidates: [String], purpose: String, package: String) throws -> SystemLibrary {
        let key = candidates.first ?? ""
        if let library = opened.withLock({ $0[key] }) { return library }
        for name in candidates {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                let library = SystemLibrary(file: name, handle: handle)
                opened.withLock { $0[key] = library }
                return library
            }
        }
        throw CQError(.missingLibrary(purpose: purpose, tried: candidates, package: package))
    }

    /// The function `name` as the C type `T` (a `@convention(c)` function type the caller declares
    /// exactly as the library's header does). A symbol the library lacks (an old version) is an error
    /// naming it, not a trap.
    public func function<T>(_ name: String, as type: T.Type) throws -> T {
        guard let symbol = dlsym(handle, name) else {
            throw CQError(.io("\(file) has no function \(name) (the library is older than cq needs)"))
        }
        return unsafeBitCast(symbol, to: type)
    }
}
