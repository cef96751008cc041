// KernelHelperTests: the small pieces under the function kernels and
// accumulators, at their edges — the 128-bit int sum, Welford's removal,
// split_part's fields, cyclic padding and regex_replace's replacement text.

import XCTest
@testable import CQ

final class KernelHelperTests: XCTestCase {
    func testWideSumIsExactBeyondSixtyFourBits() {
        var s = WideSum()
        s.add(Int.max)
        s.add(1)
        XCTAssertNil(s.exact)
        XCTAssertEqual(s.double, 9223372036854775808.0)
        s.subtract(1)
        XCTAssertEqual(s.exact, Int.max)
        var t = WideSum()
        for _ in 0..<3 { t.add(Int.min) }
        for _ in 0..<3 { t.add(Int.max) }
        XCTAssertEqual(t.exact, -3)
        var u = WideSum()
        u.add(-5)
        u.add(t)
        XCTAssertEqual(u.exact, -8)
    }

    func testAFloatSumThatOverflowsIsInfinityNotNaN() {
        var sum = CompensatedSum()
        for x in [1e308, 1e308, -1e308] { sum.add(x) }
        XCTAssertEqual(sum.value, .infinity)
        var negative = CompensatedSum()
        for x in [-1.797e308, -1.797e308] { negative.add(x) }
        XCTAssertEqual(negative.value, -.infinity)
        var held = CompensatedSum()
        for x in [1.0, .nan] { held.add(x) }
        XCTAssertTrue(held.value.isNaN, "a nan in the data stays")
        var exact = CompensatedSum()
        for x in [1e16, 1.0, -1e16] { exact.add(x) }
        XCTAssertEqual(exact.value, 1.0, "the compensation still works in range")
    }

    func testStandardDeviationStaysFiniteNearTheFloatRange() {
        var w = Welford()
        for x in [1e300, -1e300] { w.add(x) }
        XCTAssertEqual(w.sampleStandardDeviation / 1e300, 2.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(w.sampleVariance, .infinity, "2e600 is beyond the float range")
        var edge = Welford()
        for x in [1e308, 1e308, -1e308] { edge.add(x) }
        XCTAssertEqual(edge.sampleStandardDeviation / 1e308, (4.0 / 3.0).squareRoot(), accuracy: 1e-15)
        // Rescaled halfway, merged with an unscaled part, one value taken out again.
        var small = Welford()
        for x in [1.0, 2.0, 3.0] { small.add(x) }
        var mixed = Welford()
        mixed.add(4.0)
        mixed.add(small)
        XCTAssertEqual(mixed.sampleVariance, 5.0 / 3.0, accuracy: 1e-12)
        var big = Welford()
        big.add(1e306)
        big.add(small)
        big.remove(1e306)
        XCTAssertEqual(big.count, 3)
    }

    func testWelfordRemovalUndoesAddition() {
        var w = Welford()
        for x in [4.0, 7.0, 13.0, 16.0] { w.add(x) }
        w.remove(16)
        var v = Welford()
        for x in [4.0, 7.0, 13.0] { v.add(x) }
        XCTAssertEqual(w.count, 3)
        XCTAssertEqual(w.sampleVariance, v.sampleVariance, accuracy: 1e-12)
        w.remove(13)
        w.remove(7)
        w.remove(4)
        XCTAssertEqual(w.count, 0)
    }

    func field(_ s: String, _ sep: String, _ i: Int) -> String {
        Array(s.utf8).withUnsafeBufferPointer { b in
            Array(sep.utf8).withUnsafeBufferPointer { p in String(decoding: CQ.field(b, p, i), as: UTF8.self) }
        }
    }

    func testFieldsOfSplitPart() {
        XCTAssertEqual(field("a,,b", ",", 2), "")
        XCTAssertEqual(field("a,,b", ",", 3), "b")
        XCTAssertEqual(field("a,,b", ",", -3), "a")
        XCTAssertEqual(field("a,,b", ",", -4), "")
        XCTAssertEqual(field("a,,b", ",", Int.min), "")
        XCTAssertEqual(field("a,,b", ",", Int.max), "")
        XCTAssertEqual(field("金凤实验室", "", -1), "室")
        XCTAssertEqual(field("", "", 1), "")
        XCTAssertEqual(field("ab", "ab", 2), "")
        XCTAssertEqual(field("金凤--实验室--", "--", 2), "实验室")
    }

    func testPaddingRepeatsTheFillByCharacter() {
        var out: [UInt8] = []
        Array("金ab".utf8).withUnsafeBufferPointer { repeatCharacters($0, 7, into: &out) }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "金ab金ab金")
        out = []
        Array("".utf8).withUnsafeBufferPointer { repeatCharacters($0, 7, into: &out) }
        XCTAssertEqual(out, [])
    }

    func testReplacementTextNamesGroups() {
        func parse(_ s: String) -> [Replacement] { Array(s.utf8).withUnsafeBufferPointer(Replacement.parse) }
        XCTAssertEqual(parse("\\2·\\1"), [.group(2), .text("·"), .group(1)])
        XCTAssertEqual(parse("a\\\\b"), [.text("a\\b")])
        XCTAssertEqual(parse("x\\"), [.text("x\\")])
        XCTAssertEqual(parse("\\q"), [.text("\\q")])
        XCTAssertEqual(parse(""), [])
    }
}
