// SequenceAggregates: the accumulators that depend on the order of the
// input rows — first(x), last(x) and string_agg(s[, sep]).
//
// first and last keep, per group, the first (last) non-null value in input
// order; string_agg joins a group's non-null strings in input order with a
// separator; a group's text may hold at most `maxBytes` bytes (more is an
// error at the call, not an exhausted memory). Updates must come in input
// order (parts merged in order), which the executor keeps. The accumulator
// protocol is in Aggregates.swift.

/// first(x) / last(x): the first (last) non-null value of each group in input order; null for none.
struct EndAccumulator: Accumulator {
    let last: Bool
    /// The value so far per group (null where none), nil before the first update.
    private var chosen: Column?

    init(last: Bool) { self.last = last }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        let arg = try firstArgument(arguments)
        var picks = [Int](repeating: -1, count: rows.count)
        let last = self.last
        try picks.withUnsafeMutableBufferPointer { p in
            try rows.forEach(valid: presentRows(arg), cancel: cancel) { row, group in
                if last || p[group] < 0 { p[group] = row }
            }
        }
        try take(arg.gather(picks), groups: rows.count)
    }

    /// Combines the values so far with `later` ones (of rows after them).
    private mutating func take(_ later: Column, groups: Int) throws {
        guard let earlier = chosen else { chosen = later; return }
        let n = Swift.max(groups, earlier.count, later.count)
        let both = try SetOperations.append(earlier, later)
        let picks = (0..<n).map { g -> Int in
            let a = g < earlier.count && !both.isNull(g) ? g : -1
            let b = g < later.count && !both.isNull(earlier.count + g) ? earlier.count + g : -1
            if a < 0 { return b }
            if b < 0 { return a }
            return last ? b : a
        }
        chosen = both.gather(picks)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? EndAccumulator else { throw mismatchedMerge(self, other) }
        if let theirs = other.chosen { try take(theirs, groups: theirs.count) }
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        guard let chosen else { return Column(.null(count: groups)) }
        return chosen.gather((0..<groups).map { $0 < chosen.count ? $0 : -1 })
    }
}

/// string_agg(s[, sep]): a group's non-null strings in input order, joined by sep (a comma by default);
/// null for a group with none.
struct StringAggregateAccumulator: Accumulator {
    /// The most bytes one group's text may hold.
    static let maxBytes = 1 << 28
    let separator: [UInt8]
    /// The call, for a text that grows too long.
    let text: String
    let range: SourceRange
    private var texts: [[UInt8]] = []
    private var present: [Bool] = []

    init(separator: String, _ agg: BoundAggregate) {
        self.separator = Array(separator.utf8)
        self.text = agg.text
        self.range = agg.range
    }

    /// An error when a group's text has grown past `maxBytes`.
    private func checkLength(_ bytes: [UInt8]) throws {
        guard bytes.count > Self.maxBytes else { return }
        throw CQError(.outOfDomain(expression: text, detail: "the result would be longer than \(Self.maxBytes) bytes"),
                      at: range)
    }

    mutating func update(_ arguments: [Column], _ rows: GroupedRows, cancel: Cancellation) throws {
        let arg = try firstArgument(arguments)
        guard case .string(let s) = arg.data else { return }
        var texts = self.texts, present = self.present
        (self.texts, self.present) = ([], [])
        grown(&texts, to: rows.count, [])
        grown(&present, to: rows.count, false)
        let separator = self.separator
        try s.dictionary.withEntries { entry in
            try rows.forEach(valid: arg.validity, cancel: cancel) { row, group in
                if present[group] { texts[group].append(contentsOf: separator) }
                texts[group].append(contentsOf: entry(s.codes[row]))
                present[group] = true
                try checkLength(texts[group])
            }
        }
        (self.texts, self.present) = (texts, present)
    }

    mutating func merge(_ other: any Accumulator, cancel: Cancellation) throws {
        guard let other = other as? StringAggregateAccumulator else { throw mismatchedMerge(self, other) }
        grown(&texts, to: other.texts.count, [])
        grown(&present, to: other.present.count, false)
        for g in other.texts.indices where other.present[g] {
            if present[g] { texts[g].append(contentsOf: separator) }
            texts[g].append(contentsOf: other.texts[g])
            present[g] = true
            try checkLength(texts[g])
        }
    }

    func finalize(groups: Int, cancel: Cancellation) -> Column {
        var dictionary = StringDictionary()
        dictionary.isUnique = false
        for g in 0..<groups {
            if g < texts.count { dictionary.bytes.append(contentsOf: texts[g]) }
            dictionary.offsets.append(dictionary.bytes.count)
        }
        let codes = (0..<groups).map { Int32(truncatingIfNeeded: $0) }
        return Column(.string(StringColumn(codes: codes, dictionary: dictionary)),
                      validity: Bitmap((0..<groups).map { $0 < present.count && present[$0] }))
    }
}
