// DeepStack: runs one statement on a thread of its own with a large stack.
//
// Parsing, binding, planning, SQL writing and execution recurse over the
// statement's tree, and the parser admits trees as deep as its limits allow
// (1,000 stages, expressions nested 200 deep, subqueries inside them). Each
// new kind of plan node makes the recursive functions' frames a little
// larger, and a debug build's frames are several times a release build's, so
// the 8 MiB of the main thread was a limit that moved with the code (a
// statement at the stage limit overflowed it once windows and pivot were
// added). A statement therefore runs on a thread whose stack is reserved at
// `size`: only the pages a deep statement really touches are ever mapped, so
// an ordinary statement costs one thread start (tens of microseconds). When
// no thread can be started, the statement runs on the caller's thread.
// What runs there is the Session's business; this file only moves it.

import Glibc

enum DeepStack {
    /// The stack reserved for a statement: address space, not memory.
    static let size = 512 << 20

    /// `body`'s result, computed on a thread with a `size` stack; the caller waits for it.
    static func run<T>(_ body: () throws -> T) throws -> T {
        var result: Result<T, Error>?
        withoutActuallyEscaping(body) { body in
            let job = Job { result = Result { try body() } }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            let started = pthread_create(&thread, &attributes, { raw in
                guard let raw else { return nil }
                Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().work()
                return nil
            }, context)
            if started == 0 {
                pthread_join(thread, nil)
            } else {
                Unmanaged<Job>.fromOpaque(context).release()
                result = Result { try body() }
            }
        }
        guard let result else { throw CQError(.internalFault(expression: "", detail: "a statement's thread gave no result")) }
        return try result.get()
    }

    /// The work handed to the thread (a class, so one pointer carries it through pthread_create).
    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}
