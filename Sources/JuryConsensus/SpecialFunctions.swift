import Foundation

/// The special functions of the variational methods.
enum SpecialFunctions {
    /// The digamma function for x > 0 (recurrence to x >= 6, then the asymptotic series).
    ///
    /// The recurrence terms 1/x + 1/(x+1) + ... are summed as one fraction (one division).
    static func digamma(_ value: Double) -> Double {
        var x = value, numerator = 0.0, denominator = 1.0
        while x < 6 {
            numerator = numerator * x + denominator
            denominator *= x
            x += 1
        }
        let result = -numerator / denominator
        let f = 1 / (x * x)
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
        return result + log(x) - 0.5 / x - series
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
