// Cancellation: a flag the shell sets on Ctrl-C and the engine polls between
// batches of rows, so a long statement stops within milliseconds and throws
// `.cancelled` instead of being killed (bindings and settings survive).

import Synchronization

/// A thread-safe "please stop" flag. `check()` throws once it is set.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Rows an operator processes between two checks.
    public static let batch = 1 << 16

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Throws `CQError(.cancelled)` when cancellation was asked for.
    @inline(__always)
    public func check() throws {
        if flag.load(ordering: .relaxed) { throw CQError(.cancelled) }
    }
}
