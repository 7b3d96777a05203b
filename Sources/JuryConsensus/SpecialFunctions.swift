import Foundation

/// The special functions of the variational methods.
///
/// `exp(nonPositive:)`, `log(positive:)` and `digamma` have no branches and call no library
/// function, so the compiler vectorises loops over them; they give the same bits on every
/// machine and agree with the C library to about 1e-15 relative. `digamma` and `log` are written
/// once over `SpecialFunctionLanes`, so the scalar and the four-lane forms run the very same
/// operations.
enum SpecialFunctions {
    /// The digamma function for 0 < x < 1e30, to about 1e-13 relative (1e-12 near its root at
    /// 1.4616): eight steps of the recurrence, summed pairwise as one fraction (one division),
    /// then the asymptotic series at x + 8 to its y^-14 term.
    @inline(__always)
    static func digamma(_ value: Double) -> Double { digamma(lanes: value) }

    /// `digamma` of each lane: the same bits as four calls of the scalar function, in about the
    /// time of one or two of them.
    @inline(__always)
    static func digamma(_ value: SIMD4<Double>) -> SIMD4<Double> { digamma(lanes: value) }

    @inline(__always)
    private static func digamma<V: SpecialFunctionLanes>(lanes x: V) -> V {
        // psi(x) = psi(x + 8) - sum of 1 / (x + i), i < 8: the terms in pairs, the pairs' fractions
        // added as a tree, so the chains of dependent operations stay short.
        let one = V(1)
        let a0 = x, a1 = x + one, a2 = x + V(2), a3 = x + V(3), a4 = x + V(4), a5 = x + V(5), a6 = x + V(6), a7 = x + V(7)
        let (n0, d0) = (a0 + a1, a0 * a1), (n1, d1) = (a2 + a3, a2 * a3)
        let (n2, d2) = (a4 + a5, a4 * a5), (n3, d3) = (a6 + a7, a6 * a7)
        let (na, da) = (n0 * d1 + n1 * d0, d0 * d1), (nb, db) = (n2 * d3 + n3 * d2, d2 * d3)
        let numerator = na * db + nb * da, denominator = da * db
        let y = x + V(8), r = one / y, f = r * r
        let series = f * (V(1.0 / 12) - f * (V(1.0 / 120) - f * (V(1.0 / 252) - f * (V(1.0 / 240) - f * (V(1.0 / 132)
            - f * (V(691.0 / 32760) - f * V(1.0 / 12)))))))
        return log(lanes: y) - V(0.5) * r - series - numerator / denominator
    }

    /// The natural logarithm of a finite `value` > 0 (normal, not subnormal).
    @inline(__always)
    static func log(positive value: Double) -> Double { log(lanes: value) }

    @inline(__always)
    private static func log<V: SpecialFunctionLanes>(lanes value: V) -> V {
        let one = V(1)
        let (mantissa, exponent) = value.logArguments
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
    /// Per lane the larger of it and `floor`.
    func lanesAtLeast(_ floor: Double) -> Self
    /// Per lane 2^n, where n + 0x1.8p52 is the lane (an integer n in the low bits of the
    /// mantissa, -1022 <= n <= 1023).
    var powerOfTwoInLowBits: Self { get }
    /// Per lane of a normal positive value v: m in (r / 2, r], r = 1.4142135623730951 (the Double
    /// nearest sqrt(2)), and the integer e with v = m * 2^e, by integer operations only (an added
    /// constant carries a mantissa above r into the exponent).
    var logArguments: (mantissa: Self, exponent: Self) { get }
}

extension Double: SpecialFunctionLanes {
    @inline(__always)
    func lanesAtLeast(_ floor: Double) -> Double { max(self, floor) }

    @inline(__always)
    var powerOfTwoInLowBits: Double { Double(bitPattern: (bitPattern &+ 1023) << 52) }

    @inline(__always)
    var logArguments: (mantissa: Double, exponent: Double) {
        let shifted = bitPattern &+ logCarry
        return (Double(bitPattern: (shifted & fractionBits) &+ halfRootTwoBits),
                Double(bitPattern: (shifted >> 52) | 0x4330_0000_0000_0000) - (0x1p52 + 1023))
    }
}

extension SIMD4: SpecialFunctionLanes where Scalar == Double {
    @inline(__always)
    init(_ value: Double) { self.init(repeating: value) }

    @inline(__always)
    func lanesAtLeast(_ floor: Double) -> SIMD4<Double> { replacing(with: floor, where: self .< floor) }

    @inline(__always)
    var powerOfTwoInLowBits: SIMD4<Double> {
        unsafeBitCast((unsafeBitCast(self, to: SIMD4<UInt64>.self) &+ 1023) &<< 52, to: SIMD4<Double>.self)
    }

    @inline(__always)
    var logArguments: (mantissa: SIMD4<Double>, exponent: SIMD4<Double>) {
        let shifted = unsafeBitCast(self, to: SIMD4<UInt64>.self) &+ logCarry
        return (unsafeBitCast((shifted & fractionBits) &+ halfRootTwoBits, to: SIMD4<Double>.self),
                unsafeBitCast((shifted &>> 52) | 0x4330_0000_0000_0000, to: SIMD4<Double>.self) - SIMD4(repeating: 0x1p52 + 1023))
    }
}

/// The 52 fraction bits of a Double.
private let fractionBits: UInt64 = 0x000F_FFFF_FFFF_FFFF
/// The bits of the Double 1 ulp above the one nearest sqrt(2) / 2, so that the Double nearest sqrt(2)
/// keeps exponent 0.
private let halfRootTwoBits: UInt64 = 0x3FE6_A09E_667F_3BCE
/// Added to a Double's bits, carries into the exponent exactly when the mantissa is above the
/// Double nearest sqrt(2): 1.0's bits minus `halfRootTwoBits`.
private let logCarry: UInt64 = 0x3FF0_0000_0000_0000 - halfRootTwoBits
