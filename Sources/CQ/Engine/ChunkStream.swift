// ChunkStream: the rows of a plan node, pulled one chunk at a time. A chunk
// is a Selection (a table and the rows of it that are kept) tagged with its
// index in the stream, so order and "the first error wins" stay decided by
// the index when chunks are one day worked on by several threads.
//
// A consumer says, at each pull, how many rows it takes at most: a
// streaming consumer (a `take`) pulls chunks of one batch and stops pulling
// when it has what it needs; a consumer that needs every row before it can
// answer (sort, summarize, join …, and the session, whose output modes all
// lay out the whole table) pulls its input as one chunk, since cutting a
// stored table into windows only to glue them back would copy every column
// once more. Every stream yields at least one chunk (an empty one for no
// rows), so a consumer always learns the columns.
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
    /// The next chunk of at most the given number of rows.
    private let pull: (Int) throws -> Chunk?

    init(_ pull: @escaping (Int) throws -> Chunk?) {
        self.pull = pull
    }

    /// The next chunk, of at most `rows` rows (or of the rows a filter kept of them), or nil after the last.
    func next(atMost rows: Int) throws -> Chunk? { try pull(max(1, rows)) }

    /// `table` in windows of as many rows as each pull asks for (the whole table in one chunk when it
    /// fits: no copy), only the `needs` columns filled.
    static func windows(of table: Table, needs: ColumnNeeds, cancel: Cancellation) -> ChunkStream {
        var start = 0
        var index = 0
        return ChunkStream { step in
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
        ChunkStream { rows in
            guard var chunk = try self.next(atMost: rows) else { return nil }
            chunk.rows = try transform(chunk.rows)
            return chunk
        }
    }

    /// Every remaining row as one selection, pulled in chunks of at most `rows` rows: a single chunk as
    /// it is, several appended in order (their selected rows, only the `needs` columns filled).
    func collect(_ needs: ColumnNeeds, atMost rows: Int = Int.max) throws -> Selection {
        guard let first = try next(atMost: rows) else {
            throw CQError(.invalidArgument("internal error: a plan node yielded no rows"))
        }
        guard let second = try next(atMost: rows) else { return first.rows }
        var rest = [second.rows.materialized(needs)]
        while let chunk = try next(atMost: rows) { rest.append(chunk.rows.materialized(needs)) }
        return Selection(try Table(concatenating: first.rows.materialized(needs), rest))
    }
}

extension Table {
    /// The rows of `first`, then of each of `rest` (tables of the same columns), under `first`'s names.
    init(concatenating first: Table, _ rest: [Table]) throws {
        let columns = try first.columns.indices.map { i in
            try Column(concatenating: first.columns[i], rest.map { $0.columns[i] })
        }
        self.init(names: first.names, columns: columns, rowCount: rest.reduce(first.rowCount) { $0 + $1.rowCount })
    }
}

extension Column {
    /// The rows of `first`, then of each of `rest`, in one pass. Parts cut from one string column
    /// keep its dictionary (appending them as different dictionaries would repeat it once per part);
    /// parts of different storage (string columns with their own dictionaries) are appended in turn.
    init(concatenating first: Column, _ rest: [Column]) throws {
        let parts = [first] + rest
        let validity = Self.validity(parts)
        switch first.data {
        case .int:
            if let a = Self.joined(parts, { if case .int(let a) = $0 { return a } else { return nil } }) {
                self.init(.int(a), type: first.type, validity: validity)
                return
            }
        case .float:
            if let a = Self.joined(parts, { if case .float(let a) = $0 { return a } else { return nil } }) {
                self.init(.float(a), type: first.type, validity: validity)
                return
            }
        case .bool:
            if let a = Self.joined(parts, { if case .bool(let a) = $0 { return a } else { return nil } }) {
                self.init(.bool(a), type: first.type, validity: validity)
                return
            }
        case .int32:
            if let a = Self.joined(parts, { if case .int32(let a) = $0 { return a } else { return nil } }) {
                self.init(.int32(a), type: first.type, validity: validity)
                return
            }
        case .string(let s):
            let shared = Self.joined(parts) { data -> [Int32]? in
                guard case .string(let t) = data, t.dictionary.offsets == s.dictionary.offsets,
                      t.dictionary.bytes == s.dictionary.bytes else { return nil }
                return t.codes
            }
            if let codes = shared {
                self.init(.string(StringColumn(codes: codes, dictionary: s.dictionary)), type: first.type, validity: validity)
                return
            }
        case .null:
            if parts.allSatisfy({ if case .null = $0.data { return true } else { return false } }) {
                self.init(.null(count: parts.reduce(0) { $0 + $1.count }))
                return
            }
        }
        self = try rest.reduce(first, SetOperations.append)
    }

    /// The arrays `values` finds in every part, joined (nil when a part has none).
    private static func joined<T>(_ parts: [Column], _ values: (ColumnData) -> [T]?) -> [T]? {
        var out: [T] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            guard let v = values(part.data) else { return nil }
            out += v
        }
        return out
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
