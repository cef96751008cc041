// Backend: where a bound plan runs. The session hands every plan to the
// backend a placement step chooses and reads the result back as a stream of
// chunks; it never calls the executor itself. Today there is one backend,
// LocalBackend, the executor in this process over tables held in memory. A
// server connection will be a second one (it compiles the plan with the
// SQL emitter in its dialect, sends values as bind parameters and streams
// the rows back as chunks) and `Placement` will send it the plans whose
// tables it holds; the binder does not change for it.

/// Runs bound plans and streams their rows back.
protocol Backend {
    /// The rows of `plan`, in order, as chunks of the sizes the consumer pulls; `cancel` stops it
    /// between chunks and inside long loops.
    func run(_ plan: Plan, cancel: Cancellation) throws -> ChunkStream
}

/// The executor in this process.
struct LocalBackend: Backend {
    /// The most rows a `take` pulls at a time (`Cancellation.batch`; tests make it small).
    var chunkRows = Cancellation.batch

    func run(_ plan: Plan, cancel: Cancellation) throws -> ChunkStream {
        try Executor(cancel: cancel, chunkRows: chunkRows).chunks(plan)
    }
}

/// Which backend runs a plan.
enum Placement {
    /// The backend for `plan`: the one where its tables are. Every table a catalog can name today is
    /// in this process, so it is the local backend.
    static func backend(for plan: Plan, local: LocalBackend) -> any Backend { local }
}
