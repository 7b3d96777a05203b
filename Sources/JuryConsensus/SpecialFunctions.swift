import Foundation

/// The special functions of the variational methods.
///
/// `exp(nonPositive:)`, `log(positive:)` and `digamma` have no branches and call no library
/// function, so the compiler vectorises loops over them; they give the same bits on every
/// machine and agree with the C library to about 1e-15 relative.
enum SpecialFunctions {
    /// The digamma function for 0 < x < 1e30, to about 1e-14: ten steps of the recurrence
    /// (summed as one fraction, one division), then the asymptotic series at x + 10.
    @inline(__always)
    static func digamma(_ value: Double) -> Double {
        var x = value, numerator = 0.0, denominator = 1.0
        for _ in 0..<10 {
            numerator = numerator * x + denominator
            denominator *= x
            x += 1
        }
        let f = 1 / (x * x)
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
        return log(positive: x) - 0.5 / x - series - numerator / denominator
    }

    /// The natural logarithm of a finite `value` > 0 (normal, not subnormal).
    @inline(__always)
    static func log(positive value: Double) -> Double {
        let bits = value.bitPattern
        var mantissa = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        var exponent = Double(bitPattern: (bits >> 52) | 0x4330_0000_0000_0000) - (0x1p52 + 1023)
        let high = mantissa > 1.4142135623730951
        mantissa = high ? mantissa * 0.5 : mantissa
        exponent = high ? exponent + 1 : exponent
        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series to s^21.
        let s = (mantissa - 1) / (mantissa + 1), s2 = s * s
        let series = 1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11
            + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17 + s2 * (1.0 / 19 + s2 * (1.0 / 21))))))))))
        return exponent * 0.6931471805599453 + 2 * s * series
    }

    /// e^x for x <= 0; below -708 the result is e^-708 (about 3e-308) instead of smaller.
    @inline(__always)
    static func exp(nonPositive value: Double) -> Double {
        let x = max(value, -708)
        // x = n ln 2 + r with n an integer, |r| <= ln 2 / 2; the rounding constant keeps n in the
        // low bits of `rounded`.
        let rounded = x * 1.4426950408889634 + 0x1.8p52
        let n = rounded - 0x1.8p52
        let r = (x - n * 0.6931471803691238) - n * 1.9082149292705877e-10
        // Taylor series to r^13 (truncation below 1e-17 relative).
        var series = 1.0 / 6_227_020_800
        series = series * r + 1.0 / 479_001_600
        series = series * r + 1.0 / 39_916_800
        series = series * r + 1.0 / 3_628_800
        series = series * r + 1.0 / 362_880
        series = series * r + 1.0 / 40_320
        series = series * r + 1.0 / 5_040
        series = series * r + 1.0 / 720
        series = series * r + 1.0 / 120
        series = series * r + 1.0 / 24
        series = series * r + 1.0 / 6
        series = series * r + 0.5
        series = series * r + 1
        series = series * r + 1
        let scale = Double(bitPattern: (rounded.bitPattern &+ 1023) << 52)
        return series * scale
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
