// ChunkStream: the rows of a plan node, pulled one chunk at a time. A chunk
// is a Selection (a table and the rows of it that are kept) tagged with its
// index in the stream, so order and "the first error wins" stay decided by
// the index when chunks are one day worked on by several threads.
//
// A consumer says how many rows it takes at a time: a streaming consumer (a
// `take`, the session) pulls chunks of at most `Cancellation.batch` rows and
// stops pulling when it has what it needs; a sink that needs every row
// before it can answer (sort, summarize, join …) pulls its input as one
// chunk, since cutting a stored table into windows only to glue them back
// would copy every column once more. Every stream yields at least one chunk
// (an empty one for no rows), so a consumer always learns the columns.
// What each node does to a chunk is the Executor's business; gluing chunks
// back together is `collect`'s.

/// Rows of a plan node: a selection of at most the consumer's chunk size, and its place in the stream.
struct Chunk {
    /// 0, 1, 2 … in the order the rows come in the node's output.
    var index: Int
    var rows: Selection
}

/// A node's output, pulled one chunk at a time (nil: no more chunks).
struct ChunkStream {
    private let pull: () throws -> Chunk?

    init(_ pull: @escaping () throws -> Chunk?) {
        self.pull = pull
    }

    /// The next chunk, or nil after the last.
    func next() throws -> Chunk? { try pull() }

    /// `table` in windows of at most `size` rows (one chunk when it fits: no copy), only the `needs` columns filled.
    static func windows(of table: Table, size: Int, needs: ColumnNeeds, cancel: Cancellation) -> ChunkStream {
        let step = max(1, size)
        var start = 0
        var index = 0
        return ChunkStream {
            // An empty table is one empty chunk.
            guard start < table.rowCount || index == 0 else { return nil }
            try cancel.check()
            let end = table.rowCount - start <= step ? table.rowCount : start + step
            let rows = start == 0 && end == table.rowCount ? table : table.gather(Array(start..<end), only: needs)
            defer {
                start = end
                index += 1
            }
            return Chunk(index: index, rows: Selection(rows))
        }
    }

    /// Each chunk transformed, keeping its index.
    func map(_ transform: @escaping (Selection) throws -> Selection) -> ChunkStream {
        ChunkStream {
            guard var chunk = try self.next() else { return nil }
            chunk.rows = try transform(chunk.rows)
            return chunk
        }
    }

    /// Every remaining row as one selection: a single chunk as it is, several appended in order (their
    /// selected rows, only the `needs` columns filled).
    func collect(_ needs: ColumnNeeds) throws -> Selection {
        guard let first = try next() else { throw CQError(.invalidArgument("internal error: a plan node yielded no rows")) }
        guard let second = try next() else { return first.rows }
        var parts = [first.rows.materialized(needs), second.rows.materialized(needs)]
        while let chunk = try next() { parts.append(chunk.rows.materialized(needs)) }
        return Selection(try Table(concatenating: parts))
    }
}

extension Table {
    /// The rows of `parts` in turn (tables of the same columns), under the first one's names.
    init(concatenating parts: [Table]) throws {
        guard let first = parts.first else { throw CQError(.invalidArgument("internal error: no table to concatenate")) }
        let columns = try first.columns.indices.map { i in try Column(concatenating: parts.map { $0.columns[i] }) }
        self.init(names: first.names, columns: columns, rowCount: parts.reduce(0) { $0 + $1.rowCount })
    }
}

extension Column {
    /// The rows of `parts` in turn. Parts cut from one string column keep its dictionary (appending
    /// them as different dictionaries would repeat it once per part).
    init(concatenating parts: [Column]) throws {
        if case .string(let s)? = parts.first?.data,
           let codes = Self.codes(parts, sharing: s.dictionary) {
            self.init(.string(StringColumn(codes: codes, dictionary: s.dictionary)), validity: Self.validity(parts))
            return
        }
        var result = parts.first ?? Column(.null(count: 0))
        for part in parts.dropFirst() { result = try SetOperations.append(result, part) }
        self = result
    }

    /// The codes of string columns that all share `dictionary`, in turn (nil when one does not).
    private static func codes(_ parts: [Column], sharing dictionary: StringDictionary) -> [Int32]? {
        var codes: [Int32] = []
        codes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            guard case .string(let s) = part.data, s.dictionary.offsets == dictionary.offsets,
                  s.dictionary.bytes == dictionary.bytes else { return nil }
            codes += s.codes
        }
        return codes
    }

    /// The validity of the parts in turn (nil when no part has a null).
    private static func validity(_ parts: [Column]) -> Bitmap? {
        guard parts.contains(where: { $0.validity != nil }) else { return nil }
        var bits = Bitmap(count: parts.reduce(0) { $0 + $1.count }, value: true)
        var offset = 0
        for part in parts {
            if let v = part.validity {
                for row in 0..<part.count where !v[row] { bits[offset + row] = false }
            }
            offset += part.count
        }
        return bits
    }
}
