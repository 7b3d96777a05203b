/// Nonlinear conjugate-gradient minimiser (Polak-Ribiere+, like SciPy's `method="CG"`).
///
/// Stops when the largest gradient component is at most `gradientTolerance` or after
/// `maxSteps` steps. Each step uses a strong-Wolfe line search (c1 = 1e-4, c2 = 0.4, SciPy's
/// constants and first-step guess); a direction that is not a sufficient descent direction
/// (slope > -0.01 |g|^2) is replaced by steepest descent. Deterministic.
struct ConjugateGradient {
    /// Maximum number of CG steps.
    var maxSteps: Int
    /// Infinity-norm gradient threshold for convergence.
    var gradientTolerance: Double

    typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

    /// One evaluated point along the search line.
    struct Probe {
        var step: Double
        var value: Double
        var slope: Double
        var point: [Double]
        var gradient: [Double]
    }

    /// Returns the point reached from `start`.
    func minimize(_ start: [Double], _ f: Objective) -> [Double] {
        var (value, g) = f(start)
        var here = Probe(step: 0, value: value, slope: 0, point: start, gradient: g)
        var direction = g.map { -$0 }
        var previousValue = value + dot(g, g).squareRoot() / 2
        for _ in 0..<maxSteps {
            guard (g.map { abs($0) }.max() ?? 0) > gradientTolerance else { break }
            if dot(g, direction) > -0.01 * dot(g, g) { direction = g.map { -$0 } }
            let slope = dot(g, direction)
            let guess = min(1, 1.01 * 2 * (value - previousValue) / slope)
            here.slope = slope
            guard let next = lineSearch(f, from: here, direction: direction,
                                        initial: guess > 0 ? guess : 1) else { break }
            previousValue = value
            let beta = max(0, dot(zip(next.gradient, g).map { $0 - $1 }, next.gradient) / dot(g, g))
            direction = zip(next.gradient, direction).map { -$0 + beta * $1 }
            (value, g) = (next.value, next.gradient)
            here = Probe(step: 0, value: value, slope: 0, point: next.point, gradient: g)
        }
        return here.point
    }

    /// Evaluates the objective `step` along `direction` from `origin`.
    func probe(_ f: Objective, _ origin: Probe, _ direction: [Double], step: Double) -> Probe {
        let point = zip(origin.point, direction).map { $0 + step * $1 }
        let (value, gradient) = f(point)
        return Probe(step: step, value: value, slope: dot(gradient, direction),
                     point: point, gradient: gradient)
    }

    /// Strong-Wolfe bracketing search (Nocedal & Wright, Algorithm 3.5); nil on failure.
    func lineSearch(_ f: Objective, from origin: Probe, direction: [Double],
                    initial: Double) -> Probe? {
        var previous = origin, step = initial
        for i in 0..<20 {
            let current = probe(f, origin, direction, step: step)
            if current.value > origin.value + 1e-4 * step * origin.slope
                || (i > 0 && current.value >= previous.value) {
                return zoom(f, origin, direction, low: previous, high: current)
            }
            if abs(current.slope) <= -0.4 * origin.slope { return current }
            if current.slope >= 0 { return zoom(f, origin, direction, low: current, high: previous) }
            previous = current
            step *= 2
        }
        return previous.step > 0 ? previous : nil
    }

    /// Narrows a bracket to a strong-Wolfe step (Nocedal & Wright, Algorithm 3.6), using
    /// the minimiser of the quadratic through `low` when it lies well inside the bracket.
    func zoom(_ f: Objective, _ origin: Probe, _ direction: [Double],
              low start: Probe, high end: Probe) -> Probe? {
        var (low, high) = (start, end)
        for _ in 0..<20 {
            let width = high.step - low.step
            let curvature = high.value - low.value - low.slope * width
            var step = curvature > 0 ? low.step - low.slope * width * width / (2 * curvature) : .nan
            let (a, b) = (min(low.step, high.step), max(low.step, high.step))
            if !(step > a + 0.1 * (b - a) && step < b - 0.1 * (b - a)) { step = (a + b) / 2 }
            let current = probe(f, origin, direction, step: step)
            if current.value > origin.value + 1e-4 * step * origin.slope || current.value >= low.value {
                high = current
            } else {
                if abs(current.slope) <= -0.4 * origin.slope { return current }
                if current.slope * (high.step - low.step) >= 0 { high = low }
                low = current
            }
        }
        return low.step > 0 ? low : nil
    }

    /// Dot product.
    func dot(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for i in a.indices { total += a[i] * b[i] }
        return total
    }
}
