// CSVColumnBuilder: pass 2 of a CSV import — builds one typed column from
// the field boundaries of pass 1 (CSVFields), either of a given type (typed
// TSV) or of the type inferred over the whole column. Each type's cell
// parser is its TypeTraits entry; this file switches only on the storage
// the parser fills.
//
// Inference is optimistic: the column is built as the kind of its first
// non-empty cell; when a later cell does not fit, the kind is widened
// (int → float, anything else → string) and the column is built again from
// the start. A column is rebuilt at most twice, and each build is one tight
// loop that parses straight into the typed array and the validity words.
// An empty field is null in every type; a quoted empty field (`""`) is an
// empty string, so it makes the column a string column. Strings are
// dictionary-encoded (StringDictionaryBuilder); every new dictionary entry
// is checked to be UTF-8 without NUL bytes — the only way bytes reach a
// string — so the error names the line of the bad byte.

/// Pass 2: typed columns from field boundaries.
struct CSVColumnBuilder {
    let fields: CSVFields

    enum Outcome {
        case built(Column)
        /// The cell in this row does not have the kind asked for.
        case mismatch(row: Int)
    }

    /// The column with the type inferred from all its cells.
    func infer(_ column: Int) throws -> Column {
        guard var kind = firstKind(column) else { return Column.nulls(.string, count: fields.rowCount) }
        while true {
            switch try build(column, as: kind) {
            case .built(let result):
                return result
            case .mismatch(let row):
                let widened = CSVCells.widened(kind, cellKind(row: row, column: column) ?? kind)
                kind = widened == kind ? .string : widened
            }
        }
    }

    /// The column built as `type`, or the first row whose cell is not of that type.
    func build(_ column: Int, as type: DataType) throws -> Outcome {
        switch type.traits.cell {
        case .int64(let parse): return fixed(column, type, 0, parse) { .int($0) }
        case .int32(let parse): return fixed(column, type, 0, parse) { .int32($0) }
        case .float64(let parse): return fixed(column, type, 0.0, parse) { .float($0) }
        case .bool(let parse): return fixed(column, type, false, parse) { .bool($0) }
        case .string: return .built(try strings(column))
        }
    }

    /// The type of a cell; nil for an empty (null) cell.
    func cellKind(row: Int, column: Int) -> DataType? {
        fields.withField(row: row, column: column) { text, quoted in
            if text.isEmpty { return quoted ? .string : nil }
            return CSVCells.kind(text)
        }
    }

    private func firstKind(_ column: Int) -> DataType? {
        for row in 0..<fields.rowCount {
            if let kind = cellKind(row: row, column: column) { return kind }
        }
        return nil
    }

    /// A column of a fixed-width type: `parse` each non-empty cell into the array, set its validity bit.
    @inline(__always)
    private func fixed<T>(_ column: Int, _ type: DataType, _ zero: T, _ parse: (UnsafeBufferPointer<UInt8>) -> T?,
                          _ wrap: ([T]) -> ColumnData) -> Outcome {
        let n = fields.rowCount
        var values = [T](repeating: zero, count: n)
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        var failed: Int?
        values.withUnsafeMutableBufferPointer { v in
            words.withUnsafeMutableBufferPointer { w in
                for row in 0..<n {
                    let range = fields.range(row: row, column: column)
                    if range.isEmpty { continue }
                    let parsed = CSVFields.withText(of: range, in: fields.scanner.bytes, quoting: fields.scanner.quoting) {
                        text, _ in text.isEmpty ? nil : parse(text)
                    }
                    guard let value = parsed else {
                        failed = row
                        return
                    }
                    v[row] = value
                    w[row >> 6] |= 1 << UInt64(row & 63)
                }
            }
        }
        if let row = failed { return .mismatch(row: row) }
        return .built(Column(wrap(values), type: type, validity: Bitmap(words: words, count: n)))
    }

    /// A dictionary-encoded string column; throws on invalid UTF-8 or a NUL byte.
    private func strings(_ column: Int) throws -> Column {
        let n = fields.rowCount
        var codes = [Int32](repeating: 0, count: n)
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        var dictionary = StringDictionaryBuilder()
        let scanner = fields.scanner
        try codes.withUnsafeMutableBufferPointer { c in
            try words.withUnsafeMutableBufferPointer { w in
                for row in 0..<n {
                    let range = fields.range(row: row, column: column)
                    if range.isEmpty { continue }
                    try CSVFields.withText(of: range, in: scanner.bytes, quoting: scanner.quoting) { text, quoted in
                        let (code, isNew) = dictionary.code(text)
                        if isNew, let bad = UTF8Validation.firstProblem(text) {
                            let offset = range.lowerBound + bad.index + (quoted ? 1 : 0)
                            throw scanner.error(at: offset, bad.problem == .nul ? "NUL byte" : "invalid UTF-8")
                        }
                        c[row] = code
                    }
                    w[row >> 6] |= 1 << UInt64(row & 63)
                }
            }
        }
        return Column(.string(StringColumn(codes: codes, dictionary: dictionary.dictionary())),
                      validity: Bitmap(words: words, count: n))
    }
}
