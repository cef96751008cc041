// DateTimeMath: the calendar (proleptic Gregorian, no time zones) for
// dates — days since 1970-01-01 in an Int32 — and datetimes —
// microseconds since 1970-01-01 00:00:00 in an Int: building, splitting,
// reading ISO 8601 text (literals and `.import`; an offset or `Z` is
// converted to UTC) and writing it, and the calendar questions date
// functions ask (ISO weekday and week, quarter, day of year, truncation to
// a unit, adding months with the day clamped to the month's end, counting
// unit boundaries between two instants, strftime).
//
// Pure functions over integers: no Foundation, no locale, no allocation in
// the parsers (import calls them once per cell). What a value means to the
// user (its type, its column) is the callers' business; every function here
// is checked against DuckDB over every day from 1900 to 2100 (tests).

/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian),
/// after Howard Hinnant's `days_from_civil` / `civil_from_days`.
public enum DateMath {
    /// The days of the calendar cq reads and writes, 0001-01-01 through 9999-12-31, as days since 1970-01-01.
    static let calendarDays = -719_162...2_932_896

    /// Days since 1970-01-01 for a valid calendar date, or nil (Feb 30, month 13, year outside 1...9999).
    public static func days(year: Int, month: Int, day: Int) -> Int32? {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146097 + doe - 719468)
    }

    /// Year, month and day of a day number.
    public static func civil(_ days: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public static func format(_ days: Int32) -> String {
        let (y, m, d) = civil(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits) into a valid date, or nil.
    @inline(__always)
    public static func parse<C: Collection>(_ bytes: C) -> Int32? where C.Element == UInt8 {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        var i = 0
        for b in bytes {
            let digit = Int(b &- 48)
            switch i {
            case 4, 7: guard b == UInt8(ascii: "-") else { return nil }
            case 0..<4: year = year * 10 + digit
            case 5..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
            guard i == 4 || i == 7 || digit < 10 else { return nil }
            i += 1
        }
        return days(year: year, month: month, day: day)
    }

    public static func parse(_ text: String) -> Int32? { parse(Array(text.utf8)) }

    // MARK: - Datetimes

    public static let microsPerSecond = 1_000_000
    public static let microsPerDay = 86_400 * 1_000_000

    /// The datetime at midnight starting a day. A date beyond ±106 million days (reachable only by
    /// date arithmetic, far outside the calendar's years) is clamped to the extreme Int, which keeps
    /// its order against every datetime.
    public static func micros(days: Int32) -> Int {
        let (micros, overflow) = Int(days).multipliedReportingOverflow(by: microsPerDay)
        return overflow ? (days < 0 ? Int.min : Int.max) : micros
    }

    /// The day of a datetime and the microseconds since that day's midnight (0 ..< microsPerDay).
    public static func split(_ micros: Int) -> (days: Int32, time: Int) {
        let (q, r) = micros.quotientAndRemainder(dividingBy: microsPerDay)
        // |q| ≤ Int.max / microsPerDay ≈ 1.07e8 for any Int, so it always fits in an Int32.
        return r < 0 ? (Int32(truncatingIfNeeded: q - 1), r + microsPerDay) : (Int32(truncatingIfNeeded: q), r)
    }

    /// Hour, minute, second and microsecond of a time of day (microseconds since midnight).
    public static func clock(_ time: Int) -> (hour: Int, minute: Int, second: Int, micro: Int) {
        let seconds = time / microsPerSecond
        return (seconds / 3600, seconds / 60 % 60, seconds % 60, time % microsPerSecond)
    }

    /// `YYYY-MM-DD HH:MM:SS`, with `.ffffff` when there is a fraction of a second; `separator`
    /// between date and time (`" "` for people, `"T"` for ISO 8601 in CSV and JSON).
    public static func format(micros: Int, separator: String = " ") -> String {
        let (days, time) = split(micros)
        let (h, m, s, f) = clock(time)
        var text = format(days) + separator + pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2)
        if f != 0 { text += "." + pad(f, 6) }
        return text
    }

    /// Reads ISO 8601 date and time: `YYYY-MM-DD`, `T` or one space, `HH:MM`, optionally `:SS` and a
    /// fraction of 1–9 digits (truncated to microseconds), then optionally `Z` or an offset `±HH:MM`,
    /// `±HHMM` or `±HH` — subtracted, so the result is UTC. With `dateOnly`, a bare `YYYY-MM-DD` is
    /// its midnight. Nil for anything else, or a field out of range (month 13, 24:00, Feb 30).
    public static func parseDateTime(_ b: UnsafeBufferPointer<UInt8>, dateOnly: Bool = false) -> Int? {
        guard b.count >= 10, let days = parse(UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        if b.count == 10 { return dateOnly ? micros(days: days) : nil }
        var i = 10
        /// The two-digit number at i (advancing past it), or nil.
        func twoDigits() -> Int? {
            guard i + 2 <= b.count else { return nil }
            let hi = b[i] &- 48, lo = b[i + 1] &- 48
            guard hi < 10, lo < 10 else { return nil }
            i += 2
            return Int(hi) * 10 + Int(lo)
        }
        func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard take(UInt8(ascii: "T")) || take(UInt8(ascii: " ")),
              let hour = twoDigits(), hour < 24, take(UInt8(ascii: ":")),
              let minute = twoDigits(), minute < 60 else { return nil }
        var second = 0, fraction = 0
        if take(UInt8(ascii: ":")) {
            guard let s = twoDigits(), s < 60 else { return nil }
            second = s
            if take(UInt8(ascii: ".")) {
                var digits = 0
                while i < b.count, b[i] &- 48 < 10 {
                    if digits < 6 { fraction = fraction * 10 + Int(b[i] &- 48) }
                    digits += 1
                    i += 1
                }
                guard (1...9).contains(digits) else { return nil }
                for _ in min(digits, 6)..<6 { fraction *= 10 }
            }
        }
        var offset = 0
        if take(UInt8(ascii: "Z")) {
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let h = twoDigits(), h < 24 else { return nil }
            var m = 0
            if i < b.count {
                _ = take(UInt8(ascii: ":"))
                guard let mm = twoDigits(), mm < 60 else { return nil }
                m = mm
            }
            offset = sign * (h * 3600 + m * 60)
        }
        guard i == b.count else { return nil }
        let seconds = hour * 3600 + minute * 60 + second - offset
        return micros(days: days) + seconds * microsPerSecond + fraction
    }

    /// `parseDateTime` of a string.
    public static func parseDateTime(_ text: String, dateOnly: Bool = false) -> Int? {
        var text = text
        return text.withUTF8 { parseDateTime($0, dateOnly: dateOnly) }
    }

    // MARK: - Calendar questions

    /// The ISO day of the week: Monday 1 … Sunday 7.
    public static func weekday(_ days: Int32) -> Int {
        // 1970-01-01 was a Thursday.
        let d = (Int(days) + 3) % 7
        return (d < 0 ? d + 7 : d) + 1
    }

    /// The day of the year, 1 … 366.
    public static func dayOfYear(_ days: Int32) -> Int {
        let (y, m, d) = civil(days)
        return firstDays(before: m, leap: isLeap(y)) + d
    }

    /// The quarter of the year, 1 … 4.
    public static func quarter(_ days: Int32) -> Int { (civil(days).month - 1) / 3 + 1 }

    /// The ISO 8601 week-numbering year and week (1 … 53): weeks start on Monday, and week 1 is the
    /// one holding the year's first Thursday.
    public static func isoWeek(_ days: Int32) -> (year: Int, week: Int) {
        let thursday = Int(days) - weekday(days) + 4
        let year = civil(Int32(truncatingIfNeeded: thursday)).year
        let jan1 = Int(Self.days(year: year, month: 1, day: 1) ?? Int32(truncatingIfNeeded: thursday))
        return (year, (thursday - jan1) / 7 + 1)
    }

    /// The days of the months before `month` in a year.
    private static func firstDays(before month: Int, leap: Bool) -> Int {
        let table = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        return table[max(0, min(11, month - 1))] + (leap && month > 2 ? 1 : 0)
    }

    /// The units `date_trunc`, `date_add` and `date_diff` take.
    public enum Unit: String, CaseIterable, Sendable {
        case year, quarter, month, week, day, hour, minute, second

        /// The length of a unit of fixed length, in microseconds (nil for months, quarters, years).
        public var micros: Int? {
            switch self {
            case .week: return 7 * DateMath.microsPerDay
            case .day: return DateMath.microsPerDay
            case .hour: return 3600 * DateMath.microsPerSecond
            case .minute: return 60 * DateMath.microsPerSecond
            case .second: return DateMath.microsPerSecond
            case .year, .quarter, .month: return nil
            }
        }
    }

    /// The first day of the year, quarter, month or (Monday-started) week holding a day; the day itself
    /// for `day` and the units below it.
    public static func truncate(_ days: Int32, to unit: Unit) -> Int32 {
        let (y, m, _) = civil(days)
        switch unit {
        case .year: return Self.days(year: y, month: 1, day: 1) ?? days
        case .quarter: return Self.days(year: y, month: (m - 1) / 3 * 3 + 1, day: 1) ?? days
        case .month: return Self.days(year: y, month: m, day: 1) ?? days
        case .week: return Int32(clamping: Int(days) - (weekday(days) - 1))
        case .day, .hour, .minute, .second: return days
        }
    }

    /// A datetime truncated to the start of its unit (a value outside years 1 … 9999, which no
    /// datetime holds, is first clamped to them).
    public static func truncate(micros: Int, to unit: Unit) -> Int {
        let (days, time) = split(min(max(micros, minMicros), maxMicros))
        switch unit {
        case .year, .quarter, .month, .week, .day: return Self.micros(days: truncate(days, to: unit))
        case .hour, .minute, .second:
            let size = unit.micros ?? 1
            return Self.micros(days: days) + time / size * size
        }
    }

    /// The day `months` months after (before, when negative) a day, clamped to the end of a shorter
    /// month (Jan 31 + 1 month = Feb 28 or 29); nil outside years 1 … 9999.
    public static func addMonths(_ days: Int32, _ months: Int) -> Int32? {
        let (y, m, d) = civil(days)
        let (index, overflow) = (y * 12 + m - 1).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        guard (1...9999).contains(year) else { return nil }
        return Self.days(year: year, month: month, day: min(d, daysInMonth(year: year, month: month)))
    }

    /// `n` units after a datetime (months clamped as in `addMonths`); nil when the result leaves years
    /// 1 … 9999 or overflows.
    public static func add(_ n: Int, _ unit: Unit, to micros: Int) -> Int? {
        let result: Int
        if let size = unit.micros {
            let (delta, o1) = n.multipliedReportingOverflow(by: size)
            let (sum, o2) = micros.addingReportingOverflow(delta)
            guard !o1, !o2 else { return nil }
            result = sum
        } else {
            let months = n.multipliedReportingOverflow(by: unit == .year ? 12 : unit == .quarter ? 3 : 1)
            let (days, time) = split(micros)
            guard !months.overflow, let day = addMonths(days, months.partialValue) else { return nil }
            result = Self.micros(days: day) + time
        }
        return result >= minMicros && result <= maxMicros ? result : nil
    }

    /// The first and last instants of years 1 … 9999.
    public static let minMicros = micros(days: days(year: 1, month: 1, day: 1) ?? 0)
    public static let maxMicros = micros(days: days(year: 9999, month: 12, day: 31) ?? 0) + microsPerDay - 1

    /// `date_diff` as DuckDB counts it (negative when `b` is earlier): years, quarters, months, days,
    /// hours, minutes and seconds by the unit boundaries crossed (the difference of the truncated
    /// values: Jan 31 to Feb 1 is one month), weeks as whole seven-day spans between the two days.
    public static func diff(_ unit: Unit, _ a: Int, _ b: Int) -> Int {
        let (da, db) = (split(a).days, split(b).days)
        switch unit {
        case .year, .quarter, .month:
            let (ya, ma, _) = civil(da), (yb, mb, _) = civil(db)
            let divisor = unit == .year ? 12 : unit == .quarter ? 3 : 1
            return floorDivide(yb * 12 + mb - 1, divisor) - floorDivide(ya * 12 + ma - 1, divisor)
        case .week:
            return (Int(db) - Int(da)) / 7
        case .day, .hour, .minute, .second:
            let size = unit.micros ?? 1
            return floorDivide(b, size) - floorDivide(a, size)
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? q - 1 : q
    }

    // MARK: - strftime

    /// A datetime written by a strftime pattern, as DuckDB's `strftime` writes it (English names):
    /// `%Y %y %m %d %H %I %M %S %f %p %j %a %A %b %B %u %w %V %G %T %%`, and `%-d %-m %-y %-H %-I %-M
    /// %-S %-j` without zero padding. Nil when the pattern holds any other `%` sequence.
    public static func strftime(_ micros: Int, _ pattern: String) -> String? {
        let (days, time) = split(micros)
        let (y, m, d) = civil(days)
        let (hour, minute, second, micro) = clock(time)
        var out = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            guard var spec = scalars.next() else { return nil }
            let padded = spec != "-"
            if !padded {
                guard let next = scalars.next() else { return nil }
                spec = next
            }
            /// A number, zero-padded to `width` digits unless the `-` flag was given.
            func number(_ v: Int, _ width: Int) -> String { padded ? pad(v, width) : String(v) }
            switch spec {
            case "Y" where padded: out += pad(y, 4)
            case "y": out += number(y % 100, 2)
            case "m": out += number(m, 2)
            case "d": out += number(d, 2)
            case "H": out += number(hour, 2)
            case "I": out += number(hour % 12 == 0 ? 12 : hour % 12, 2)
            case "M": out += number(minute, 2)
            case "S": out += number(second, 2)
            case "j": out += number(dayOfYear(days), 3)
            case "f" where padded: out += pad(micro, 6)
            case "p" where padded: out += hour < 12 ? "AM" : "PM"
            case "a" where padded: out += String(dayNames[weekday(days) - 1].prefix(3))
            case "A" where padded: out += dayNames[weekday(days) - 1]
            case "b" where padded: out += String(monthNames[m - 1].prefix(3))
            case "B" where padded: out += monthNames[m - 1]
            case "u" where padded: out += String(weekday(days))
            case "w" where padded: out += String(weekday(days) % 7)
            case "V" where padded: out += pad(isoWeek(days).week, 2)
            case "G" where padded: out += pad(isoWeek(days).year, 4)
            case "T" where padded: out += pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
            case "%" where padded: out += "%"
            default: return nil
            }
        }
        return out
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// `v` in decimal, zero-padded to `n` digits (a minus sign first).
    static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v.magnitude)
        let digits = s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        return v < 0 ? "-" + digits : digits
    }
}
