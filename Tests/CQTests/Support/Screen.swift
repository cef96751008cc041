// Screen: what a terminal would show after a stream of output bytes — just
// enough of xterm for what readline and cq write (printable text measured by
// DisplayWidth, CR, LF, backspace, tab, deferred autowrap at the right margin,
// cursor movement, erase in line and display, insert and delete characters;
// other escape sequences are skipped). Shell tests read this screen instead
// of raw bytes, so they do not depend on how readline chooses to redraw.

@testable import CQ

/// The text a terminal of a given width shows for some output.
struct Screen {
    let columns: Int
    let rows: Int
    /// Every line ever written (the screen plus its scrollback); a wide character's right half is "".
    private(set) var cells: [[String]] = []
    private var row = 0
    private var column = 0
    /// After a character is written in the last column the cursor waits there; the next character wraps.
    private var wrapPending = false

    init(columns: Int, rows: Int, output: [UInt8]) {
        self.columns = columns
        self.rows = rows
        feed(output)
    }

    /// The lines, trailing blanks removed, without trailing empty lines.
    var lines: [String] {
        var out = cells.map { line in
            var text = line.joined()
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    var text: String { lines.joined(separator: "\n") }

    /// The lines currently on the screen (the last `rows` lines written).
    var visibleTop: Int { max(0, cells.count - rows) }

    private mutating func feed(_ bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x1B:
                i = escape(bytes, at: i)
                continue
            case UInt8(ascii: "\r"):
                column = 0
                wrapPending = false
            case UInt8(ascii: "\n"):
                row += 1
                wrapPending = false
            case 0x08:
                column = max(0, min(column, columns - 1) - 1)
                wrapPending = false
            case UInt8(ascii: "\t"):
                column = min(columns - 1, (column / 8 + 1) * 8)
            case 0..<0x20, 0x7F:
                break
            default:
                let (scalar, length) = Self.decode(bytes, at: i)
                put(scalar)
                i += length
                continue
            }
            i += 1
        }
    }

    private mutating func ensureRow() {
        while cells.count <= row { cells.append(Array(repeating: " ", count: columns)) }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let width = DisplayWidth.of(scalar)
        if width == 0 {
            // A combining mark joins the character before it.
            ensureRow()
            let at = max(0, min(column, columns) - 1)
            cells[row][at].unicodeScalars.append(scalar)
            return
        }
        if wrapPending || column + width > columns {
            row += 1
            column = 0
            wrapPending = false
        }
        ensureRow()
        cells[row][column] = String(Character(scalar))
        if width == 2, column + 1 < columns { cells[row][column + 1] = "" }
        column += width
        if column >= columns {
            column = columns - 1
            wrapPending = true
        }
    }

    /// Handles the escape sequence at `i`; returns the index after it.
    private mutating func escape(_ bytes: [UInt8], at start: Int) -> Int {
        var i = start + 1
        guard i < bytes.count else { return i }
        switch bytes[i] {
        case UInt8(ascii: "["):
            i += 1
            var parameters = ""
            while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) {
                parameters.unicodeScalars.append(Unicode.Scalar(bytes[i]))
                i += 1
            }
            guard i < bytes.count else { return i }
            control(Character(Unicode.Scalar(bytes[i])), parameters)
            return i + 1
        case UInt8(ascii: "]"):
            // An operating system command runs to BEL or ESC \.
            while i < bytes.count, bytes[i] != 0x07, bytes[i] != 0x1B { i += 1 }
            return bytes.count > i && bytes[i] == 0x1B ? i + 2 : i + 1
        case UInt8(ascii: "("), UInt8(ascii: ")"):
            return i + 2
        default:
            return i + 1
        }
    }

    private mutating func control(_ final: Character, _ parameters: String) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let n = max(1, (numbers.first ?? nil) ?? 1)
        let mode = (numbers.first ?? nil) ?? 0
        ensureRow()
        wrapPending = final == "m" ? wrapPending : false
        column = min(column, columns - 1)
        switch final {
        case "A": row = max(visibleTop, row - n)
        case "B": row += n
        case "C": column = min(columns - 1, column + n)
        case "D": column = max(0, column - n)
        case "G": column = min(columns - 1, n - 1)
        case "H":
            row = visibleTop + max(0, n - 1)
            column = numbers.count > 1 ? min(columns - 1, max(0, (numbers[1] ?? 1) - 1)) : 0
        case "K":
            let range = mode == 1 ? 0..<(column + 1) : mode == 2 ? 0..<columns : column..<columns
            for c in range { cells[row][c] = " " }
        case "J":
            if mode == 2 || mode == 3 {
                for r in visibleTop..<cells.count { cells[r] = Array(repeating: " ", count: columns) }
            } else {
                for c in column..<columns { cells[row][c] = " " }
                if row + 1 < cells.count { cells.removeSubrange((row + 1)...) }
            }
        case "P":
            cells[row].removeSubrange(column..<min(columns, column + n))
            cells[row] += Array(repeating: " ", count: columns - cells[row].count)
        case "@":
            let k = min(n, columns - column)
            cells[row].insert(contentsOf: Array(repeating: " ", count: k), at: column)
            cells[row].removeLast(k)
        default:
            break
        }
        ensureRow()
    }

    /// The scalar at `i` of UTF-8 bytes and its length (a bad byte reads as U+FFFD).
    private static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[i]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard i + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var iterator = bytes[i..<(i + length)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
        return ("\u{FFFD}", 1)
    }
}
