// CSVReader: `.import` — a CSV or TSV file with a header row becomes a
// Table with one typed column per header field; also the typed TSV format
// of the built-in tables (`name:type` header cells).
//
// Reading is two passes over the bytes (no String per cell): CSVScanner
// finds every field's end, CSVColumnBuilder builds each column with the type
// inferred over the whole column (int, float, date, bool, else string; an
// empty field is null), the columns side by side on all cores
// (ParallelMap). FileBytes reads the file into memory.
//
// The format accepted: tab-delimited when the file name ends in `.tsv` or
// `.tab`, or when the header line has tabs and no commas; comma-delimited
// otherwise. RFC 4180 quoting. A UTF-8 byte-order mark is skipped; LF and
// CRLF both end rows; a last line without a newline counts; blank lines at
// the end are ignored. Numbers written with 万/亿/万亿 (`1.5亿`) count as
// numbers (int when whole).
//
// Repairs made to the header, so any file can be queried: names are trimmed
// of surrounding spaces; an empty name becomes `column1`, `column2`, … after
// its position; a repeated name gets `_2`, `_3`, … . Errors (importFailed
// with the file name and 1-based line): a row with another number of fields
// than the header, a quote that never closes (the line where its field
// starts), invalid UTF-8 or a NUL byte (the line of the byte), an empty file,
// more than 100,000 columns.

/// CSV and TSV import.
public enum CSVReader {
    /// The most columns a file may have.
    public static let maxColumns = 100_000

    /// Reads a CSV or TSV file with a header row. Types inferred over the whole file.
    /// `progress` is called with (bytes read, bytes in total) every few MB.
    public static func read(path: String, cancel: Cancellation? = nil,
                            progress: ((Int, Int) -> Void)? = nil) throws -> Table {
        try FileBytes.withContents(of: path) { bytes in
            try parse(bytes, name: path, typed: false, cancel: cancel, progress: progress)
        }
    }

    /// The same over bytes in memory (`name` appears in errors and chooses tab for `.tsv`/`.tab`).
    public static func read(bytes: UnsafeRawBufferPointer, name: String, cancel: Cancellation? = nil) throws -> Table {
        try parse(bytes, name: name, typed: false, cancel: cancel, progress: nil)
    }

    /// A TSV whose header cells are `name:type` (int, float, string, bool, date) — the built-in
    /// tables' format; empty field = null; no quoting.
    public static func readTyped(_ text: String, name: String) throws -> Table {
        var text = text
        return try text.withUTF8 { utf8 in
            try parse(UnsafeRawBufferPointer(utf8), name: name, typed: true, cancel: nil, progress: nil)
        }
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, name: String, typed: Bool, cancel: Cancellation?,
                              progress: ((Int, Int) -> Void)?) throws -> Table {
        let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var limit = bytes.count
        while limit > start, bytes[limit - 1] == CSVScanner.lineFeed || bytes[limit - 1] == CSVScanner.carriageReturn {
            limit -= 1
        }
        guard limit > start else {
            throw CQError(.importFailed(file: name, line: nil, detail: "empty file (no header row)"))
        }
        let scanner = CSVScanner(bytes: bytes, delimiter: typed ? UInt8(ascii: "\t") : delimiter(bytes, start, limit, name),
                                 quoting: !typed, name: name)
        let (headerFields, bodyStart) = try scanner.row(at: start, limit: limit, maxFields: maxColumns)
        var header = try headerFields.map { try headerText($0, scanner) }
        var kinds: [DataType]?
        if typed {
            let specs = try header.map { try typedField($0, scanner) }
            header = specs.map(\.name)
            kinds = specs.map(\.kind)
        }
        let names = repaired(header)
        let fields = try scanner.scan(from: bodyStart, limit: limit, columns: names.count,
                                      cancel: cancel, progress: progress)
        let builder = CSVColumnBuilder(fields: fields)
        // Columns are built independently, on every core when the file is large (ParallelMap.swift:
        // results and errors as in column order).
        let columns = try parallelMap(names.count, parallel: fields.rowCount >= 20_000) { column -> Column in
            try cancel?.check()
            guard let kind = kinds?[column] else { return try builder.infer(column) }
            switch try builder.build(column, as: kind) {
            case .built(let result):
                return result
            case .mismatch(let row):
                let range = fields.range(row: row, column: column)
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                throw scanner.error(at: range.lowerBound, "invalid \(kind.rawValue) '\(text)' in column '\(names[column])'")
            }
        }
        return Table(names: names, columns: columns, rowCount: fields.rowCount)
    }

    /// Tab when the name ends in `.tsv`/`.tab` or the header line has tabs and no commas; else comma.
    private static func delimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int, _ name: String) -> UInt8 {
        let tab = UInt8(ascii: "\t")
        let lowered = name.lowercased()
        if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") { return tab }
        let header = bytes[start..<limit].prefix { $0 != CSVScanner.lineFeed }
        return header.contains(tab) && !header.contains(UInt8(ascii: ",")) ? tab : UInt8(ascii: ",")
    }

    /// A header cell's text, unquoted, checked to be UTF-8, trimmed of spaces and tabs.
    private static func headerText(_ range: Range<Int>, _ scanner: CSVScanner) throws -> String {
        try CSVFields.withText(of: range, in: scanner.bytes, quoting: scanner.quoting) { text, _ in
            if let bad = UTF8Validation.firstProblem(text) {
                throw scanner.error(at: range.lowerBound + bad.index, bad.problem == .nul ? "NUL byte" : "invalid UTF-8")
            }
            let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            let trimmed = text.drop(while: blank).reversed().drop(while: blank).reversed()
            return String(decoding: trimmed, as: UTF8.self)
        }
    }

    /// `name:type` of a typed TSV header.
    private static func typedField(_ cell: String, _ scanner: CSVScanner) throws -> (name: String, kind: DataType) {
        guard let colon = cell.lastIndex(of: ":") else {
            throw scanner.error(at: 0, "header field '\(cell)' has no type (write name:type)")
        }
        let typeName = String(cell[cell.index(after: colon)...])
        guard let kind = DataType(rawValue: typeName), kind != .null else {
            throw scanner.error(at: 0, "unknown type '\(typeName)' in header field '\(cell)'")
        }
        return (String(cell[..<colon]), kind)
    }

    /// Header names made usable: empty → `columnN` (N = position), repeated → `name_2`, `name_3`, ….
    static func repaired(_ names: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(names.count)
        for (i, original) in names.enumerated() {
            var name = original.isEmpty ? "column\(i + 1)" : original
            if used.contains(name) {
                var k = 2
                while used.contains("\(name)_\(k)") { k += 1 }
                name = "\(name)_\(k)"
            }
            used.insert(name)
            out.append(name)
        }
        return out
    }
}
