// DateKernels: the date and time functions over columns — fields of a date
// or datetime, conversions from text and numbers, date_trunc, date_add,
// date_diff, format_date and the clock.
//
// A date is days since 1970-01-01 (Int32), a datetime microseconds since
// 1970-01-01 00:00:00 (Int); DateMath (Semantics/DateTimeMath.swift) does
// the calendar. Text is parsed once per dictionary entry. Units come as
// text: a constant unit is read once (the binder has checked it); a unit
// from a column is read per dictionary entry, and one that is not a unit is
// an error at that argument if a non-null row uses it. Every failure — a
// string that is no date, make_date(2023, 2, 30), a date_add beyond year
// 9999, an unknown format — is raised only for a row that is not null.
// Null rule: null in any argument → null out (today() and now() take none).
// Date arithmetic with + and - is Arithmetic's.

import Glibc

extension Vec {
    /// The values transformed one by one (a constant stays one value).
    func map<R>(_ f: (T) -> R) -> Vec<R> {
        switch self {
        case .array(let a): return .array(a.map(f))
        case .constant(let c): return .constant(f(c))
        }
    }
}

extension Operand {
    /// A date or datetime operand as microseconds since the epoch (a date is its midnight); nil for other types.
    var micros: Vec<Int>? {
        if let d = dates { return d.map(DateMath.micros(days:)) }
        return type == .datetime ? ints : nil
    }

    /// The day of a date or datetime operand; nil for other types.
    var days: Vec<Int32>? {
        if let d = dates { return d }
        return type == .datetime ? ints?.map { DateMath.split($0).days } : nil
    }
}

extension Call {
    /// Bound argument i, which an error about it points at (the call itself if there is no such argument).
    func argument(_ i: Int) -> BoundExpr {
        if case .call(_, let args) = expr.kind, args.indices.contains(i) { return args[i] }
        return expr
    }

    /// A runtime error about this call, at argument `i` (nil: the whole call).
    func invalid(_ detail: String, at i: Int? = nil) -> CQError {
        CQError(.invalidValue(expression: expr.text, detail: detail), at: (i.map(argument) ?? expr).range)
    }
}

extension Evaluator {
    // MARK: - Fields

    /// An int computed from the day of a date or datetime.
    func dayField(_ call: Call, _ f: (Int32) -> Int) throws -> Column {
        guard let d = try call.operand(0).days else { throw call.unsupported }
        return Column(.int(mapVec(d, count: call.count, f)), validity: call.validity)
    }

    /// An int computed from the time of day of a datetime (microseconds since midnight).
    func timeField(_ call: Call, _ f: (Int) -> Int) throws -> Column {
        guard let t = try call.operand(0).micros else { throw call.unsupported }
        return Column(.int(mapVec(t, count: call.count) { f(DateMath.split($0).time) }), validity: call.validity)
    }

    /// The last day of the month.
    func lastDay(_ call: Call) throws -> Column {
        guard let d = try call.operand(0).days else { throw call.unsupported }
        let values = mapVec(d, count: call.count) { day -> Int32 in
            let (y, m, _) = DateMath.civil(day)
            return DateMath.days(year: y, month: m, day: DateMath.daysInMonth(year: y, month: m)) ?? day
        }
        return Column(.int32(values), type: .date, validity: call.validity)
    }

    /// `names[index(day)]`: a string column over the fixed dictionary of names.
    func dayName(_ call: Call, _ names: [String], _ index: (Int32) -> Int) throws -> Column {
        guard let d = try call.operand(0).days else { throw call.unsupported }
        let codes = mapVec(d, count: call.count) { Int32(truncatingIfNeeded: index($0)) }
        return Column(.string(StringColumn(codes: codes, dictionary: StringDictionary(names, isUnique: true))),
                      validity: call.validity)
    }

    /// Seconds since the epoch, as a float.
    func epoch(_ call: Call) throws -> Column {
        guard let t = try call.operand(0).micros else { throw call.unsupported }
        return Column(.float(mapVec(t, count: call.count) { Double($0) / 1e6 }), validity: call.validity)
    }

    // MARK: - Conversions

    /// date(text), date(date), date(datetime).
    func dateOf(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        if x.type == .date { return x.column(count: call.count) }
        if let d = x.days { return Column(.int32(mapVec(d, count: call.count) { $0 }), type: .date, validity: call.validity) }
        guard let s = x.strings(count: call.count) else { throw call.unsupported }
        let days = try parseEach(s, validity: call.validity, call.expr, zero: 0, { bytes in DateMath.parse(bytes) },
                                 failure: { "'\($0)' is not a valid date" })
        return Column(.int32(days), type: .date, validity: call.validity)
    }

    /// datetime(text) (ISO 8601, an offset converted to UTC, a bare date its midnight), datetime(date), datetime(datetime).
    func datetimeOf(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        if x.type == .datetime { return x.column(count: call.count) }
        if let t = x.micros { return Column(.int(mapVec(t, count: call.count) { $0 }), type: .datetime, validity: call.validity) }
        guard let s = x.strings(count: call.count) else { throw call.unsupported }
        let values = try parseEach(s, validity: call.validity, call.expr, zero: 0, { bytes -> Int? in
            guard let t = DateMath.parseDateTime(bytes, dateOnly: true), DateMath.inRange(t) else { return nil }
            return t
        }, failure: { "'\($0)' is not an ISO 8601 date and time" })
        return Column(.int(values), type: .datetime, validity: call.validity)
    }

    /// make_date(year, month, day): an error for a day that does not exist.
    func makeDate(_ call: Call) throws -> Column {
        let parts = try (0..<3).map { i -> Vec<Int> in
            guard let v = try call.operand(i).ints else { throw call.unsupported }
            return v
        }
        let values = try checkedRows(call, zero: Int32(0), { i in
            DateMath.days(year: parts[0].at(i), month: parts[1].at(i), day: parts[2].at(i))
        }, failure: { i in "there is no date \(DateMath.pad(parts[0].at(i), 4))-\(DateMath.pad(parts[1].at(i), 2))-\(DateMath.pad(parts[2].at(i), 2))" })
        return Column(.int32(values), type: .date, validity: call.validity)
    }

    /// make_datetime(year, month, day[, hour, minute, second]): an error for a day or time that does not exist.
    func makeDatetime(_ call: Call) throws -> Column {
        var parts = try (0..<min(5, call.operands.count)).map { i -> Vec<Int> in
            guard let v = try call.operand(i).ints else { throw call.unsupported }
            return v
        }
        while parts.count < 5 { parts.append(.constant(0)) }
        var seconds = Vec<Double>.constant(0)
        if call.operands.count > 5 {
            guard let s = try call.operand(5).doubles else { throw call.unsupported }
            seconds = s
        }
        let values = try checkedRows(call, zero: 0, { i -> Int? in
            let (hour, minute, second) = (parts[3].at(i), parts[4].at(i), seconds.at(i))
            guard let day = DateMath.days(year: parts[0].at(i), month: parts[1].at(i), day: parts[2].at(i)),
                  (0..<24).contains(hour), (0..<60).contains(minute), second >= 0, second < 60 else { return nil }
            let micros = Int((second * 1e6).rounded())
            return DateMath.micros(days: day) + (hour * 3600 + minute * 60) * DateMath.microsPerSecond + min(micros, 59_999_999)
        }, failure: { i in
            "there is no datetime of year \(parts[0].at(i)), month \(parts[1].at(i)), day \(parts[2].at(i)), "
                + "hour \(parts[3].at(i)), minute \(parts[4].at(i)), second \(NumberText.format(seconds.at(i)))"
        })
        return Column(.int(values), type: .datetime, validity: call.validity)
    }

    /// from_epoch(seconds): the datetime, a fraction rounded to the microsecond.
    func fromEpoch(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        let values: [Int]
        if let n = x.ints, x.type == .int {
            values = try checkedRows(call, zero: 0, { i in
                let (t, overflow) = n.at(i).multipliedReportingOverflow(by: DateMath.microsPerSecond)
                return !overflow && DateMath.inRange(t) ? t : nil
            }, failure: { i in "\(n.at(i)) seconds from 1970 is outside years 1–9999" })
        } else if let f = x.doubles {
            values = try checkedRows(call, zero: 0, { i in
                guard let t = Int(exactly: (f.at(i) * 1e6).rounded()), DateMath.inRange(t) else { return nil }
                return t
            }, failure: { i in "\(NumberText.format(f.at(i))) seconds from 1970 is outside years 1–9999" })
        } else {
            throw call.unsupported
        }
        return Column(.int(values), type: .datetime, validity: call.validity)
    }

    // MARK: - Units

    /// The units of argument i: one for a constant, one per row for a column (read once per entry).
    func units(_ call: Call, _ i: Int) throws -> Vec<DateMath.Unit> {
        let x = try call.operand(i)
        guard let s = x.strings(count: x.isScalar ? 1 : call.count) else { throw call.unsupported }
        let name = call.function.name
        let units = try mapStrings(s, validity: x.isScalar ? nil : call.validity, perEntry: true, fallback: DateMath.Unit?.none) { _, bytes in
            DateMath.Unit(rawValue: String(decoding: bytes, as: UTF8.self))
        }
        if let row = firstFault(count: units.count, validity: x.isScalar ? nil : call.validity, { units[$0] == nil }) {
            throw call.invalid(DateMath.Unit.unknown(s.text(at: row), in: name), at: i)
        }
        let known = units.map { $0 ?? .day }
        if x.isScalar, let unit = known.first { return .constant(unit) }
        return .array(known)
    }

    /// date_trunc(unit, d): the start of d's unit, of d's type.
    func dateTrunc(_ call: Call) throws -> Column {
        let units = try units(call, 0)
        let x = try call.operand(1)
        if let d = x.dates {
            return Column(.int32(zipMap(units, d, count: call.count) { DateMath.truncate($1, to: $0) }), type: .date,
                          validity: call.validity)
        }
        guard let t = x.micros else { throw call.unsupported }
        return Column(.int(zipMap(units, t, count: call.count) { DateMath.truncate(micros: $1, to: $0) }), type: .datetime,
                      validity: call.validity)
    }

    /// date_add(d, n, unit): n units after d, of d's type; an error beyond the calendar, or for a date and
    /// a unit shorter than a day.
    func dateAdd(_ call: Call) throws -> Column {
        let x = try call.operand(0)
        guard let t = x.micros, let n = try call.operand(1).ints else { throw call.unsupported }
        let units = try units(call, 2)
        let isDate = x.type == .date
        if isDate, let row = firstFault(count: call.count, validity: call.validity, { units.at($0).isShorterThanADay }) {
            throw call.invalid(DateMath.Unit.tooShort(units.at(row), in: call.function.name), at: 2)
        }
        let values = try checkedRows(call, zero: 0, { i in DateMath.add(n.at(i), units.at(i), to: t.at(i)) },
                                     failure: { i in "\(x.text(at: i)) plus \(n.at(i)) × \(units.at(i).rawValue) is outside years 1–9999" })
        if isDate {
            return Column(.int32(values.map { DateMath.split($0).days }), type: .date, validity: call.validity)
        }
        return Column(.int(values), type: .datetime, validity: call.validity)
    }

    /// date_diff(unit, a, b): unit boundaries from a to b (dates as their midnights).
    func dateDiff(_ call: Call) throws -> Column {
        let units = try units(call, 0)
        guard let a = try call.operand(1).micros, let b = try call.operand(2).micros else { throw call.unsupported }
        let values: [Int]
        if case .constant(let unit) = units {
            values = zipMap(a, b, count: call.count) { DateMath.diff(unit, $0, $1) }
        } else {
            values = (0..<call.count).map { DateMath.diff(units.at($0), a.at($0), b.at($0)) }
        }
        return Column(.int(values), validity: call.validity)
    }

    // MARK: - Text and the clock

    /// format_date(d, pattern): strftime with English names; an unknown `%` sequence is an error at the pattern.
    func formatDate(_ call: Call) throws -> Column {
        let p = try call.operand(1)
        guard let t = try call.operand(0).micros, let patterns = p.strings(count: call.count) else { throw call.unsupported }
        var constant: String?
        if case .scalar(.string(let s)) = p { constant = s }
        if let pattern = constant, DateMath.strftime(0, pattern) != nil, let days = try call.operand(0).dates {
            return Column(.string(formatDays(days, pattern, count: call.count)), validity: call.validity)
        }
        let pattern = { (i: Int) in constant ?? patterns[i] }
        let texts = try checkedRows(call, zero: "", { i in DateMath.strftime(t.at(i), pattern(i)) },
                                    failure: { i in DateMath.patternProblem(pattern(i)) ?? "cannot format" }, at: 1)
        return Column(.string(StringColumn(texts)), validity: call.validity)
    }

    /// Dates written by one valid pattern: each distinct day once, the rows as codes into those texts.
    private func formatDays(_ days: Vec<Int32>, _ pattern: String, count: Int) -> StringColumn {
        var codes: [Int32: Int32] = [:]
        var texts: [String] = []
        let rows = mapVec(days, count: count) { day -> Int32 in
            if let code = codes[day] { return code }
            let code = Int32(truncatingIfNeeded: texts.count)
            texts.append(DateMath.strftime(DateMath.micros(days: day), pattern) ?? "")
            codes[day] = code
            return code
        }
        return StringColumn(codes: rows, dictionary: StringDictionary(texts, isUnique: false))
    }

    /// today() and now(): the clock, in UTC.
    func clock(_ call: Call) throws -> Column {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let micros = min(max(Int(now.tv_sec) * DateMath.microsPerSecond + Int(now.tv_nsec) / 1000, DateMath.minMicros), DateMath.maxMicros)
        let value: Value = call.function == .today ? .date(DateMath.split(micros).days) : .datetime(micros)
        return Column.constant(value, count: call.count)
    }

    // MARK: - Checked rows

    /// `f(row)` for every row; the first row that is not null where `f` gives nil is an error with
    /// `failure(row)` as its detail, at argument `at` (nil: the call).
    func checkedRows<R>(_ call: Call, zero: R, _ f: (Int) -> R?, failure: (Int) -> String, at argument: Int? = nil) throws -> [R] {
        let validity = call.validity
        var bad: Int?
        var out: [R] = []
        out.reserveCapacity(call.count)
        for i in 0..<call.count {
            if i % Cancellation.batch == 0 { try cancel?.check() }
            if let v = f(i) {
                out.append(v)
            } else {
                if bad == nil, validity?[i] ?? true { bad = i }
                out.append(zero)
            }
        }
        if let bad { throw call.invalid(failure(bad), at: argument) }
        return out
    }

    /// `parse` applied to every string of `s` (once per dictionary entry); the first non-null row
    /// whose string does not parse is a conversion error with `failure(text)` as its detail.
    func parseEach<T>(_ s: StringColumn, validity: Bitmap?, _ expr: BoundExpr,
                      zero: T, _ parse: (UnsafeBufferPointer<UInt8>) -> T?, failure: (String) -> String) throws -> [T] {
        let parsed = try mapStrings(s, validity: validity, perEntry: true, fallback: nil) { _, bytes in parse(bytes) }
        if let row = firstFault(count: parsed.count, validity: validity, { parsed[$0] == nil }) {
            throw CQError(.conversion(expression: expr.text, detail: failure(s.text(at: row))), at: expr.range)
        }
        // Only null rows failed, if any: their values do not matter.
        return parsed.map { $0 ?? zero }
    }
}

extension Operand {
    /// The value of one row as text (for error messages).
    func text(at row: Int) -> String {
        switch self {
        case .scalar(let v): return v.text ?? "null"
        case .column(let c): return c.value(at: row).text ?? "null"
        }
    }
}

extension DateMath {
    /// Whether a datetime lies in years 1 … 9999.
    static func inRange(_ micros: Int) -> Bool { micros >= minMicros && micros <= maxMicros }

    /// Why `strftime` cannot use a pattern (the first `%` sequence it does not know), or nil when it can.
    static func patternProblem(_ pattern: String) -> String? {
        guard let bad = strftimePieces(pattern).first(where: { $0.hasPrefix("%") && strftime(0, $0) == nil }) else { return nil }
        return "format_date() does not know \"\(bad)\" in the pattern \"\(pattern)\""
            + "; it takes %Y %y %m %d %H %I %M %S %f %p %j %a %A %b %B %u %w %V %G %T %% (and %-d … without padding)"
    }

    /// A strftime pattern cut into its `%` sequences (`%Y`, `%-d`) and the text between them.
    static func strftimePieces(_ pattern: String) -> [String] {
        var pieces: [String] = []
        var text = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "%" else {
                text.unicodeScalars.append(c)
                continue
            }
            if !text.isEmpty { pieces.append(text) }
            text = ""
            var sequence = "%"
            while let next = scalars.next() {
                sequence.unicodeScalars.append(next)
                if next != "-" { break }
            }
            pieces.append(sequence)
        }
        if !text.isEmpty { pieces.append(text) }
        return pieces
    }
}

