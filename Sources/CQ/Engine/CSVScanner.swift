// CSVScanner: pass 1 of a CSV import — one tight loop over the bytes that
// finds where every field ends, checks that each row has as many fields as
// the header and that quotes close, and polls cancellation every few MB.
// It makes no values: CSVColumnBuilder reads the fields back column by
// column (pass 2) through `CSVFields.withField`. Hand-written for speed
// (this loop touches every byte of an import): an unquoted field's end is
// found eight bytes at a time (`stop`).
//
// Rules: a row ends at LF, with a CR before it dropped; a field starting
// with `"` is quoted — delimiters and newlines inside count as text, `""` is
// one quote, and text after the closing quote is kept as is; quotes inside
// unquoted fields are plain text. Byte offsets become 1-based line numbers
// only when an error is reported.

/// Pass 1: field boundaries of a delimited text.
struct CSVScanner {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    /// False for typed TSV (no quoting at all).
    let quoting: Bool
    let name: String

    /// The end of one field: where its bytes stop, where the next field starts, and whether the row ended.
    struct FieldEnd {
        var end: Int
        var next: Int
        var endsRow: Bool
    }

    /// Scans the field starting at `start`; nil when a quote opened there never closes before `limit`.
    @inline(__always)
    func field(at start: Int, limit: Int) -> FieldEnd? {
        var i = start
        if quoting && i < limit && bytes[i] == Self.quote {
            i += 1
            while true {
                while i < limit && bytes[i] != Self.quote { i += 1 }
                if i >= limit { return nil }
                i += 1
                if i < limit && bytes[i] == Self.quote {
                    i += 1
                } else {
                    break
                }
            }
        }
        i = stop(from: i, limit: limit)
        let endsRow = i >= limit || bytes[i] == Self.lineFeed
        var end = i
        if endsRow && end > start && bytes[end - 1] == Self.carriageReturn { end -= 1 }
        return FieldEnd(end: end, next: i + 1, endsRow: endsRow)
    }

    /// The first delimiter or line feed at or after `i` (or `limit`): eight bytes a step while
    /// eight remain (a word is tested for either byte at once, SWAR), then byte by byte.
    @inline(__always)
    private func stop(from start: Int, limit: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress, limit <= bytes.count {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let delimiters = ones &* UInt64(delimiter)
            let feeds = ones &* UInt64(Self.lineFeed)
            while i + 8 <= limit {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let d = word ^ delimiters
                let f = word ^ feeds
                // A byte of d or f is zero where the word holds that byte; the lowest flag is exact.
                let found = (((d &- ones) & ~d) | ((f &- ones) & ~f)) & highs
                if found != 0 { return i + found.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < limit {
            let c = bytes[i]
            if c == delimiter || c == Self.lineFeed { break }
            i += 1
        }
        return i
    }

    /// The fields of the row starting at `start` as byte ranges, and where the next row starts
    /// (used for the header; `maxFields` bounds the work on a hostile first line).
    func row(at start: Int, limit: Int, maxFields: Int) throws -> (fields: [Range<Int>], next: Int) {
        var fields: [Range<Int>] = []
        var pos = start
        while true {
            guard let f = field(at: pos, limit: limit) else { throw unclosedQuote(at: pos) }
            fields.append(pos..<f.end)
            if fields.count > maxFields {
                throw error(at: start, "more than \(NumberFormat.grouped(maxFields)) columns")
            }
            pos = f.next
            if f.endsRow { return (fields, pos) }
        }
    }

    /// Pass 1 over the data rows in `start..<limit`: every field's end, row by row.
    func scan(from start: Int, limit: Int, columns: Int, cancel: Cancellation?,
              progress: ((Int, Int) -> Void)?) throws -> CSVFields {
        var rowStarts: [Int] = []
        var ends: [UInt32] = []
        let estimate = (limit - start) / max(16, 8 * columns)
        rowStarts.reserveCapacity(estimate)
        ends.reserveCapacity(estimate * columns)
        let step = 4 << 20
        var nextPoll = start + step
        var pos = start
        while pos < limit {
            let rowStart = pos
            var found = 0
            while true {
                guard let f = field(at: pos, limit: limit) else { throw unclosedQuote(at: pos) }
                found += 1
                if found <= columns {
                    // Field ends are kept relative to their row's start: half the memory of offsets.
                    guard let end = UInt32(exactly: f.end - rowStart) else {
                        throw error(at: rowStart, "a row longer than \(UInt32.max) bytes")
                    }
                    ends.append(end)
                }
                pos = f.next
                if f.endsRow { break }
            }
            if found != columns {
                throw error(at: rowStart, "expected \(columns) field\(columns == 1 ? "" : "s"), found \(found)")
            }
            rowStarts.append(rowStart)
            if pos >= nextPoll {
                try cancel?.check()
                progress?(min(pos, limit), limit)
                nextPoll = pos + step
            }
        }
        guard rowStarts.count <= Int(Int32.max) else { throw error(at: start, "more than \(Int32.max) rows") }
        progress?(limit, limit)
        return CSVFields(scanner: self, rowStarts: rowStarts, ends: ends, columns: columns)
    }

    /// 1-based line of a byte offset.
    func line(of offset: Int) -> Int {
        var line = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == Self.lineFeed { line += 1 }
        return line
    }

    func error(at offset: Int, _ detail: String) -> CQError {
        CQError(.importFailed(file: name, line: line(of: offset), detail: detail))
    }

    private func unclosedQuote(at offset: Int) -> CQError {
        error(at: offset, "unclosed quote")
    }
}

/// Where the fields of the data rows are: `ends` row-major, as offsets from the row's start; a field
/// starts after the previous one's delimiter, the first of a row at `rowStarts[row]`.
struct CSVFields {
    let scanner: CSVScanner
    let rowStarts: [Int]
    let ends: [UInt32]
    let columns: Int

    var rowCount: Int { rowStarts.count }

    /// The byte range of a field as written (quotes included).
    @inline(__always)
    func range(row: Int, column: Int) -> Range<Int> {
        let k = row * columns + column
        let base = rowStarts[row]
        let start = column == 0 ? base : base + Int(ends[k - 1]) + 1
        return start..<(base + Int(ends[k]))
    }

    /// Calls `body` with a field's text (quotes removed, `""` undone) and whether it was quoted.
    @inline(__always)
    func withField<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> R) rethrows -> R {
        try Self.withText(of: range(row: row, column: column), in: scanner.bytes, quoting: scanner.quoting, body)
    }

    /// The text of the field at `range` of `bytes`; only fields with `""` or text after the closing quote are copied.
    @inline(__always)
    static func withText<R>(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, quoting: Bool,
                            _ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> R) rethrows -> R {
        guard quoting, !range.isEmpty, bytes[range.lowerBound] == CSVScanner.quote else {
            return try body(UnsafeBufferPointer(rebasing: bytes[range]), false)
        }
        if range.count >= 2, bytes[range.upperBound - 1] == CSVScanner.quote {
            let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
            if !bytes[inner].contains(CSVScanner.quote) {
                return try body(UnsafeBufferPointer(rebasing: bytes[inner]), true)
            }
        }
        var text: [UInt8] = []
        text.reserveCapacity(range.count)
        var quoted = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = bytes[i]
            if c == CSVScanner.quote {
                if quoted && i + 1 < range.upperBound && bytes[i + 1] == CSVScanner.quote {
                    text.append(c)
                    i += 1
                } else {
                    quoted.toggle()
                }
            } else {
                text.append(c)
            }
            i += 1
        }
        return try text.withUnsafeBufferPointer { try body($0, true) }
    }
}
