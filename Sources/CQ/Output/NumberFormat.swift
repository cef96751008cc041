// NumberFormat: numbers as people read them — floats without binary noise
// (`0.1 + 0.2` shows `0.3`), Chinese magnitudes (`13.5万`, `351.5亿`) and
// thousands separators for row counts.
//
// Hand-written because the standard library offers only the shortest
// round-trip text (`0.30000000000000004`) and no fixed-precision formatting
// without Foundation. `human` starts from that shortest text, which is exact
// decimal digits, and rounds it as a decimal string, so no second binary
// rounding can creep in. Machine formats (csv, json) do not use this file:
// they write the shortest round-trip text (NumberText.format).

/// Number formatting for people: `human` floats, `cn` magnitudes, `grouped` counts.
public enum NumberFormat {
    /// Significant digits `human` keeps: 15 is the most a Double always carries exactly.
    static let significantDigits = 15

    /// A float for display, without noise:
    /// - at most 15 significant digits, rounded half up (`0.30000000000000004` → `0.3`);
    /// - integral values show no fraction (`3.0` → `3`, `-0.0` → `0`);
    /// - positional notation for 1e-6 ≤ |d| < 1e15 (`0.000001`, `123456789012345`);
    /// - outside that range an exponent as cq writes literals (`1e15`, `2.5e-7`);
    /// - `nan`, `inf`, `-inf` for non-finite values.
    public static func human(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        guard var decimal = DecimalDigits(d) else { return "0" }
        decimal.round(toSignificant: significantDigits)
        return (d < 0 ? "-" : "") + decimal.text
    }

    /// A number with a Chinese magnitude when |v| ≥ 10⁴: 万 (10⁴), 亿 (10⁸), 万亿 (10¹²),
    /// at most two decimals after scaling, trailing zeros trimmed
    /// (6000000000 → `60亿`, 135000 → `13.5万`, 12345 → `1.23万`, -2.5e8 → `-2.5亿`).
    /// A value that rounds up to 10000 of a unit moves to the next unit (99999999 → `1亿`).
    /// Smaller and non-finite numbers are shown as `human` shows them.
    public static func cn(_ v: Double) -> String {
        let magnitude = abs(v)
        guard v.isFinite, magnitude >= 1e4 else { return human(v) }
        let units: [(scale: Double, name: String)] = [(1e4, "万"), (1e8, "亿"), (1e12, "万亿")]
        var unit = units.lastIndex { magnitude >= $0.scale } ?? 0
        var scaled = (magnitude / units[unit].scale * 100).rounded() / 100
        if scaled >= 10000, unit + 1 < units.count {
            unit += 1
            scaled = (magnitude / units[unit].scale * 100).rounded() / 100
        }
        return (v < 0 ? "-" : "") + human(scaled) + units[unit].name
    }

    /// An integer with `,` between groups of three digits (`1234567` → `1,234,567`).
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude).utf8)
        var out: [UInt8] = n < 0 ? [UInt8(ascii: "-")] : []
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A non-negative decimal number as digits and the position of the decimal point:
/// value = 0.d₁d₂…dₙ × 10^point. Digits have no leading or trailing zeros; no digits = zero.
private struct DecimalDigits {
    var digits: [UInt8]
    var point: Int

    /// The exact digits of the shortest round-trip text of |d| (finite d only).
    init?(_ d: Double) {
        digits = []
        point = 0
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        var seenDot = false
        for byte in d.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte - UInt8(ascii: "0")
                if inExponent {
                    exponent = exponent * 10 + Int(digit)
                    if exponent > 10_000 { return nil }
                } else {
                    if !seenDot { point += 1 }
                    if digit == 0 && digits.isEmpty {
                        point -= 1
                    } else {
                        digits.append(digit)
                    }
                }
            case UInt8(ascii: "."): seenDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            default: return nil
            }
        }
        point += exponentSign * exponent
        trimTrailingZeros()
    }

    private mutating func trimTrailingZeros() {
        while digits.last == 0 { digits.removeLast() }
    }

    /// Rounds half up to at most `n` significant digits.
    mutating func round(toSignificant n: Int) {
        guard digits.count > n else { return }
        let roundUp = digits[n] >= 5
        digits.removeLast(digits.count - n)
        if roundUp {
            var i = n - 1
            while i >= 0 && digits[i] == 9 {
                digits[i] = 0
                i -= 1
            }
            if i >= 0 {
                digits[i] += 1
            } else {
                digits.insert(1, at: 0)
                point += 1
            }
        }
        trimTrailingZeros()
    }

    /// Positional text for 1e-6 ≤ value < 1e15, otherwise `d[.ddd]eN`.
    var text: String {
        guard !digits.isEmpty else { return "0" }
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = []
        if point > NumberFormat.significantDigits || point < -5 {
            out.append(digits[0] + zero)
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits.dropFirst().map { $0 + zero })
            }
            return String(decoding: out, as: UTF8.self) + "e" + String(point - 1)
        }
        if point <= 0 {
            out = Array("0.".utf8) + [UInt8](repeating: zero, count: -point) + digits.map { $0 + zero }
        } else if point >= digits.count {
            out = digits.map { $0 + zero } + [UInt8](repeating: zero, count: point - digits.count)
        } else {
            out = digits[..<point].map { $0 + zero } + [UInt8(ascii: ".")] + digits[point...].map { $0 + zero }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
