// RenderOptions: how results are shown — the output mode, the number style,
// the row limit and the terminal width. The shell owns the settings
// (`.mode`, `.numbers`, `.maxrows`) and the terminal; this file only names
// them so the renderers and the shell agree.

/// The output format chosen with `.mode`.
public enum OutputMode: String, CaseIterable, Sendable {
    case box, table, csv, tsv, json, jsonl, markdown, line

    /// True for the formats people read (row elision, cut cells, `cn` numbers);
    /// false for csv, tsv, json and jsonl, which always carry every row and plain numbers.
    public var isForPeople: Bool {
        switch self {
        case .box, .table, .markdown, .line: return true
        case .csv, .tsv, .json, .jsonl: return false
        }
    }
}

/// How numbers are shown in the formats people read (`.numbers`).
public enum NumberStyle: String, CaseIterable, Sendable {
    /// `35150000000`.
    case plain
    /// `351.5亿`: numbers with |v| ≥ 10⁴ use 万, 亿 or 万亿 (see NumberFormat.cn).
    case cn
}

/// Everything a renderer needs to know besides the table.
public struct RenderOptions: Sendable {
    public var mode: OutputMode = .box
    public var numbers: NumberStyle = .plain
    /// 0 = all rows. Applies to box, table, markdown and line; csv/tsv/json/jsonl always write every row.
    public var maxRows: Int = 40
    /// Terminal width in columns; nil = unlimited (output is not a terminal). Whatever the terminal
    /// or COLUMNS reports is kept within `widths`, so no layout computes with 0, a negative or an
    /// absurd width (a bar chart as wide as COLUMNS=99999999999 would not fit in memory).
    public var width: Int? = nil {
        didSet { width = width.map(Self.clamped) }
    }
    /// The widths a renderer lays out for.
    public static let widths = 1...10_000

    static func clamped(_ width: Int) -> Int { min(max(width, widths.lowerBound), widths.upperBound) }

    public init(mode: OutputMode = .box, numbers: NumberStyle = .plain, maxRows: Int = 40, width: Int? = nil) {
        self.mode = mode
        self.numbers = numbers
        self.maxRows = maxRows
        self.width = width.map(Self.clamped)
    }
}
