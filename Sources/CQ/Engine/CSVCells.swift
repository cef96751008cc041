// CSVCells: what one CSV cell's bytes are — an int, a float, a bool, a
// type whose TypeTraits parser accepts it (a date, a datetime) or only a
// string — and its value, parsed straight from the bytes.
//
// Hand-written because import speed is measured against DuckDB: no String
// per cell, no allocation. Ints are exact 64-bit with overflow detected;
// decimals with at most 15 significant digits and a power of ten up to 22
// are converted exactly with one multiply or divide (Clinger's fast path),
// anything longer goes to strtod on a stack copy. Cells ending in a
// non-ASCII byte may be numbers with Chinese magnitudes (`13.5万`); those go
// to NumberText.parse. Accepted syntax: ints `[+-]?[0-9]+`; floats
// `[+-]?` digits with an optional `.` and an optional exponent `e[+-]?[0-9]+`
// (at least one digit before the exponent; no spaces, no `inf`/`nan`);
// bools `true`/`false` in any case. Dates and datetimes are DateMath's
// (their TypeTraits cell parsers).

import Glibc

/// Parsers for cells as raw UTF-8 bytes.
enum CSVCells {
    /// The type of a column holding cells of `a` and `b`: int and float mix as float, date and datetime
    /// as datetime (a date cell is its midnight); other mixes are strings.
    static func widened(_ a: DataType, _ b: DataType) -> DataType {
        if a == b { return a }
        if (a == .int || a == .float) && (b == .int || b == .float) { return .float }
        if a.isTemporal && b.isTemporal { return .datetime }
        return .string
    }

    /// The most specific type of a non-empty cell: a number, else the first of
    /// `DataType.inferredFromCells` whose parser accepts it, else a string.
    static func kind(_ b: UnsafeBufferPointer<UInt8>) -> DataType {
        switch integer(b) {
        case .value: return .int
        case .overflow: return .float
        case .invalid: break
        }
        if decimal(b) != nil { return .float }
        if let magnitude = magnitudeNumber(b) {
            if case .int = magnitude { return .int }
            return .float
        }
        return DataType.inferredFromCells.first { $0.traits.cell.accepts(b) } ?? .string
    }

    enum IntegerParse {
        case value(Int)
        case overflow
        case invalid
    }

    /// `[+-]?[0-9]+` as a 64-bit int.
    @inline(__always)
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> IntegerParse {
        var i = 0
        let n = b.count
        var negative = false
        if n > 0 && (b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+")) {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return .invalid }
        var value = 0
        var overflow = false
        while i < n {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return .invalid }
            if !overflow {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(d))
                                          : times10.addingReportingOverflow(Int(d))
                value = next
                overflow = o1 || o2
            }
            i += 1
        }
        return overflow ? .overflow : .value(value)
    }

    /// An int cell: plain digits, or a whole number with a Chinese magnitude (`13.5万`).
    @inline(__always)
    static func intValue(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        if case .value(let v) = integer(b) { return v }
        if case .int(let v)? = magnitudeNumber(b) { return v }
        return nil
    }

    /// A float cell: a decimal, an int, or a number with a Chinese magnitude.
    @inline(__always)
    static func floatValue(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if let d = decimal(b) { return d }
        return magnitudeNumber(b)?.asDouble
    }

    /// Powers of ten that are exact Doubles.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `[+-]?digits[.digits][e[+-]?digits]` (digits on at least one side of the dot) as a Double.
    /// With at most 15 significant digits the mantissa is exact and `scale` counts the digits after the dot.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        var i = 0
        var negative = false
        if n > 0 && (b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+")) {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digits = 0
        var scale = 0
        var seenDot = false
        while i < n {
            let c = b[i]
            let d = c &- UInt8(ascii: "0")
            if d < 10 {
                digits += 1
                if mantissa != 0 || d != 0 {
                    significant += 1
                    if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                }
                if seenDot { scale -= 1 }
            } else if c == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n {
            guard b[i] | 0x20 == UInt8(ascii: "e"), i + 1 < n else { return nil }
            i += 1
            var expNegative = false
            if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n else { return nil }
            while i < n {
                let d = b[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        let power = scale + exponent
        if significant <= 15 && power >= -22 && power <= 22 {
            let m = Double(mantissa)
            let v = power < 0 ? m / exactPowers[-power] : m * exactPowers[power]
            return negative ? -v : v
        }
        return slowDecimal(b)
    }

    /// strtod on a NUL-terminated copy, for decimals beyond the exact fast path (syntax already checked).
    private static func slowDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for (k, byte) in b.enumerated() { base[k] = CChar(bitPattern: byte) }
            base[b.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(base, &end)
            return end == base + b.count ? v : nil
        }
    }

    /// A number with a Chinese magnitude suffix (`1.5亿`, `13.5万`): only cells ending in a non-ASCII byte.
    @inline(__always)
    static func magnitudeNumber(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let last = b.last, last >= 0x80 else { return nil }
        return NumberText.parse(b)
    }

    /// `true` or `false` in any case.
    @inline(__always)
    static func bool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            guard b.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for i in 0..<b.count where b[i] | 0x20 != w[i] { return false }
            return true
        }
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }
}
