// Sample: `sample N [seed S]` and `sample P% [seed S]` — some rows, in
// input order, drawn without replacement (LANGUAGE.md §8).
//
// `sample N` keeps exactly min(N, rows) rows, every such subset equally
// likely: selection sampling (Knuth's Algorithm S) walks the rows once and
// keeps each with probability (still needed) / (still left). `sample P%`
// keeps each row on its own with probability P/100 (Bernoulli), so the
// count varies. The random numbers come from SplitMix64 started at the
// seed, one draw per row looked at, so the same seed over the same rows
// gives the same rows in every run of cq (no seed: the binder drew one).
// Which rows are in the input is the Executor's business.

/// Steele, Lea and Flood's SplitMix64: a 64-bit state stepped by a constant and mixed; fixed forever,
/// since the rows a seed picks must not change between versions of cq.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

enum Sample {
    /// The kept ones of `rows` (ascending row indexes), in their order.
    static func rows(_ sample: BoundSample, among rows: [Int], cancel: Cancellation) throws -> [Int] {
        var random = SplitMix64(seed: sample.seed)
        var kept: [Int] = []
        switch sample.size {
        case .rows(let wanted):
            var needed = min(max(0, wanted), rows.count)
            kept.reserveCapacity(needed)
            try cancel.batches(rows.count) { range in
                for i in range where needed > 0 {
                    if random.unit() * Double(rows.count - i) < Double(needed) {
                        kept.append(rows[i])
                        needed -= 1
                    }
                }
            }
        case .percent(let share):
            try cancel.batches(rows.count) { range in
                for i in range where random.unit() * 100 < share { kept.append(rows[i]) }
            }
        }
        return kept
    }
}
