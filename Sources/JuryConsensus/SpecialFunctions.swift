import Foundation

/// The special functions of the variational methods.
///
/// `exp(nonPositive:)`, `log(positive:)` and `digamma` have no branches and call no library
/// function, so the compiler vectorises loops over them; they give the same bits on every
/// machine and agree with the C library to about 1e-15 relative. `digamma` and `log` are written
/// once over `SpecialFunctionLanes`, so the scalar and the four-lane forms run the very same
/// operations.
enum SpecialFunctions {
    /// The digamma function for 0 < x < 1e30, to about 1e-14: ten steps of the recurrence
    /// (summed as one fraction, one division), then the asymptotic series at x + 10.
    @inline(__always)
    static func digamma(_ value: Double) -> Double { digamma(lanes: value) }

    /// `digamma` of each lane: the same bits as four calls of the scalar function, in about the
    /// time of one or two of them.
    @inline(__always)
    static func digamma(_ value: SIMD4<Double>) -> SIMD4<Double> { digamma(lanes: value) }

    @inline(__always)
    private static func digamma<V: SpecialFunctionLanes>(lanes value: V) -> V {
        let one = V(1)
        var x = value, numerator = V(0), denominator = one
        for _ in 0..<10 {
            numerator = numerator * x + denominator
            denominator = denominator * x
            x = x + one
        }
        let f = one / (x * x)
        let series = f * (V(1.0 / 12) - f * (V(1.0 / 120) - f * (V(1.0 / 252) - f * (V(1.0 / 240) - f / V(132)))))
        return log(lanes: x) - V(0.5) / x - series - numerator / denominator
    }

    /// The natural logarithm of a finite `value` > 0 (normal, not subnormal).
    @inline(__always)
    static func log(positive value: Double) -> Double { log(lanes: value) }

    @inline(__always)
    private static func log<V: SpecialFunctionLanes>(lanes value: V) -> V {
        let one = V(1)
        let (unitMantissa, unbiasedExponent) = value.mantissaAndExponent
        let high = unitMantissa.lanesAbove(1.4142135623730951)
        let mantissa = V.choosing(unitMantissa * V(0.5), where: high, else: unitMantissa)
        let exponent = V.choosing(unbiasedExponent + one, where: high, else: unbiasedExponent)
        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series to s^21.
        let s = (mantissa - one) / (mantissa + one), s2 = s * s
        let series = one + s2 * (V(1.0 / 3) + s2 * (V(1.0 / 5) + s2 * (V(1.0 / 7) + s2 * (V(1.0 / 9)
            + s2 * (V(1.0 / 11) + s2 * (V(1.0 / 13) + s2 * (V(1.0 / 15) + s2 * (V(1.0 / 17) + s2 * (V(1.0 / 19)
            + s2 * V(1.0 / 21))))))))))
        return exponent * V(0.6931471805599453) + V(2) * s * series
    }

    /// e^x for x <= 0; below -708 the result is e^-708 (about 3e-308) instead of smaller.
    @inline(__always)
    static func exp(nonPositive value: Double) -> Double { exp(lanes: value) }

    /// `exp(nonPositive:)` of each lane, the same bits as four scalar calls.
    @inline(__always)
    static func exp(nonPositive value: SIMD4<Double>) -> SIMD4<Double> { exp(lanes: value) }

    @inline(__always)
    private static func exp<V: SpecialFunctionLanes>(lanes value: V) -> V {
        let x = value.lanesAtLeast(-708)
        // x = n ln 2 + r with n an integer, |r| <= ln 2 / 2; the rounding constant keeps n in the
        // low bits of `rounded`.
        let rounded = x * V(1.4426950408889634) + V(0x1.8p52)
        let n = rounded - V(0x1.8p52)
        let r = (x - n * V(0.6931471803691238)) - n * V(1.9082149292705877e-10)
        // Taylor series to r^13 (truncation below 1e-17 relative).
        var series = V(1.0 / 6_227_020_800)
        series = series * r + V(1.0 / 479_001_600)
        series = series * r + V(1.0 / 39_916_800)
        series = series * r + V(1.0 / 3_628_800)
        series = series * r + V(1.0 / 362_880)
        series = series * r + V(1.0 / 40_320)
        series = series * r + V(1.0 / 5_040)
        series = series * r + V(1.0 / 720)
        series = series * r + V(1.0 / 120)
        series = series * r + V(1.0 / 24)
        series = series * r + V(1.0 / 6)
        series = series * r + V(0.5)
        series = series * r + V(1)
        series = series * r + V(1)
        return series * rounded.powerOfTwoInLowBits
    }

    /// Log of the multivariate Beta function of `count` parameters, the one numbered `i`
    /// being `parameter(i)`: sum of log-gamma minus log-gamma of the sum. All must be > 0.
    static func logBeta(count: Int, _ parameter: (Int) -> Double) -> Double {
        var total = 0.0, logGammas = 0.0
        for i in 0..<count {
            let value = parameter(i)
            total += value
            logGammas += lgamma(value)
        }
        return logGammas - lgamma(total)
    }
}

/// A Double or four of them: what `SpecialFunctions` computes on, every lane through the same
/// IEEE operations in the same order.
protocol SpecialFunctionLanes {
    /// Every lane `value`.
    init(_ value: Double)
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    associatedtype Lanes
    /// Per lane, whether it is above `threshold`.
    func lanesAbove(_ threshold: Double) -> Lanes
    /// Per lane the larger of it and `floor`.
    func lanesAtLeast(_ floor: Double) -> Self
    /// Per lane 2^n, where n + 0x1.8p52 is the lane (an integer n in the low bits of the
    /// mantissa, -1022 <= n <= 1023).
    var powerOfTwoInLowBits: Self { get }
    /// Per lane `chosen` where `condition` holds, else `other`.
    static func choosing(_ chosen: Self, where condition: Lanes, else other: Self) -> Self
    /// Per lane of a normal positive value: its mantissa scaled into [1, 2) and its unbiased
    /// binary exponent.
    var mantissaAndExponent: (mantissa: Self, exponent: Self) { get }
}

extension Double: SpecialFunctionLanes {
    @inline(__always)
    func lanesAbove(_ threshold: Double) -> Bool { self > threshold }

    @inline(__always)
    func lanesAtLeast(_ floor: Double) -> Double { max(self, floor) }

    @inline(__always)
    var powerOfTwoInLowBits: Double { Double(bitPattern: (bitPattern &+ 1023) << 52) }

    @inline(__always)
    static func choosing(_ chosen: Double, where condition: Bool, else other: Double) -> Double { condition ? chosen : other }

    @inline(__always)
    var mantissaAndExponent: (mantissa: Double, exponent: Double) {
        let bits = bitPattern
        return (Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000),
                Double(bitPattern: (bits >> 52) | 0x4330_0000_0000_0000) - (0x1p52 + 1023))
    }
}

extension SIMD4: SpecialFunctionLanes where Scalar == Double {
    @inline(__always)
    init(_ value: Double) { self.init(repeating: value) }

    @inline(__always)
    func lanesAbove(_ threshold: Double) -> SIMDMask<SIMD4<Int64>> { self .> SIMD4(repeating: threshold) }

    @inline(__always)
    func lanesAtLeast(_ floor: Double) -> SIMD4<Double> { replacing(with: floor, where: self .< floor) }

    @inline(__always)
    var powerOfTwoInLowBits: SIMD4<Double> {
        unsafeBitCast((unsafeBitCast(self, to: SIMD4<UInt64>.self) &+ 1023) &<< 52, to: SIMD4<Double>.self)
    }

    @inline(__always)
    static func choosing(_ chosen: SIMD4<Double>, where condition: SIMDMask<SIMD4<Int64>>, else other: SIMD4<Double>) -> SIMD4<Double> {
        other.replacing(with: chosen, where: condition)
    }

    @inline(__always)
    var mantissaAndExponent: (mantissa: SIMD4<Double>, exponent: SIMD4<Double>) {
        let bits = unsafeBitCast(self, to: SIMD4<UInt64>.self)
        let mantissa = (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000
        let exponent = (bits &>> 52) | 0x4330_0000_0000_0000
        return (unsafeBitCast(mantissa, to: SIMD4<Double>.self),
                unsafeBitCast(exponent, to: SIMD4<Double>.self) - SIMD4(repeating: 0x1p52 + 1023))
    }
}
