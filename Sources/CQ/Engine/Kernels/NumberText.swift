// NumberText: numbers ↔ text, shared by the conversion kernels (int(),
// float(), string()), the CSV reader and the renderers.
//
// `parse` reads plain CSV-style numbers (optional sign, digits, optional
// fraction, optional exponent) with an optional Chinese magnitude suffix
// (万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²). It works in decimal, digit by digit, so
// `351.5亿` is exactly the int 35150000000; floats are read by the standard
// library from the equivalent scientific text, which rounds correctly. Plain
// numbers are ints only when written without a point or exponent; a magnitude
// gives an int whenever the value is whole. `format` is the one float
// spelling of cq.

/// Shared number/text conversions (CSV reader, renderers, conversion functions).
public enum NumberText {
    /// Parses "42", "-3.5", "1e9" (plain CSV-style numbers: optional sign, optional exponent) and
    /// Chinese magnitudes "13.5万", "351.5亿", "1.2万亿" exactly (ints when whole). Nil if not a number.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        // Significant digits (leading zeros dropped) and the power of ten they are scaled by.
        var digits: [UInt8] = []
        var scale = 0
        var sawDigit = false
        var sawPoint = false
        while i < n {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                sawDigit = true
                if !(digits.isEmpty && b == 48) { digits.append(b) }
                if sawPoint { scale -= 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        var sawExponent = false
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            sawExponent = true
            i += 1
            var exponentNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                // Beyond ±99999 every double is 0 or infinite anyway.
                exponent = min(exponent * 10 + Int(bytes[i] - 48), 99_999)
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        let magnitude = magnitudeSuffix(bytes, from: i)
        guard let magnitude, i + magnitude.bytes == n else { return nil }
        scale += magnitude.power
        // Trailing zeros of the digits move into the scale.
        while let last = digits.last, last == 48 {
            digits.removeLast()
            scale += 1
        }
        let wantsInt = magnitude.power > 0 || (!sawPoint && !sawExponent)
        if wantsInt, let exact = integer(digits, scale: scale, negative: negative) { return .int(exact) }
        var text = negative ? "-" : ""
        text += digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
        text += "e\(scale)"
        guard let d = Double(text), d.isFinite else { return nil }
        return .float(d)
    }

    /// Shortest text for a float that round-trips ("0.1", "3.0", "1e+20"), shared by string(x) and CSV output.
    public static func format(_ d: Double) -> String {
        d.description
    }

    /// The magnitude suffix at `i` (none, 万, 亿 or 万亿): its power of ten and its length in bytes;
    /// nil when something else follows.
    private static func magnitudeSuffix(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> (power: Int, bytes: Int)? {
        let wan: [UInt8] = [0xE4, 0xB8, 0x87]   // 万
        let yi: [UInt8] = [0xE4, 0xBA, 0xBF]    // 亿
        func has(_ s: [UInt8], at j: Int) -> Bool {
            j + s.count <= bytes.count && (0..<s.count).allSatisfy { bytes[j + $0] == s[$0] }
        }
        if i == bytes.count { return (0, 0) }
        if has(wan, at: i) && has(yi, at: i + 3) { return (12, 6) }
        if has(wan, at: i) { return (4, 3) }
        if has(yi, at: i) { return (8, 3) }
        return nil
    }

    /// digits × 10^scale as an Int, if it is whole and fits.
    private static func integer(_ digits: [UInt8], scale: Int, negative: Bool) -> Int? {
        if digits.isEmpty { return 0 }
        guard scale >= 0, digits.count + scale <= 19 else { return nil }
        var value = 0
        for d in digits + [UInt8](repeating: 48, count: scale) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(d - 48))
                                      : times10.addingReportingOverflow(Int(d - 48))
            if o1 || o2 { return nil }
            value = next
        }
        return value
    }
}
