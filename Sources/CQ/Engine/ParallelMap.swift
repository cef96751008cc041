// ParallelMap: runs independent pieces of work on every core and returns
// their results in order — used where the work splits into pieces that
// share nothing (the columns of a CSV import).
//
// Hand-written for speed, and kept deterministic: each piece writes only
// its own result slot, results come back in index order, and when pieces
// fail the error of the lowest index is the one thrown — exactly what a
// sequential loop would report, whatever the order the threads finish in.

import Dispatch

/// `body(i)` for every i in 0..<count, run concurrently when `parallel` (small work does not pay for
/// waking threads); the results in index order.
func parallelMap<T>(_ count: Int, parallel: Bool = true, _ body: (Int) throws -> T) throws -> [T] {
    guard count > 1, parallel else { return try (0..<count).map(body) }
    var results = [Result<T, Error>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { slots in
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots[i] = Result { try body(i) }
        }
    }
    return try results.map { result in
        guard let result else { throw CQError(.invalidArgument("a parallel task did not run")) }
        return try result.get()
    }
}
