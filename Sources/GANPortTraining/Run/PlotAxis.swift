import Foundation

/// A linear plot axis with "nice" tick values (1, 2 or 5 times a power of ten).
struct PlotAxis: Equatable {
    let low: Double
    let high: Double
    let step: Double

    /// An axis covering `minimum...maximum` with about `targetTicks` intervals.
    init(minimum: Double, maximum: Double, targetTicks: Int = 5) {
        var lower = minimum, upper = maximum
        if !(lower.isFinite && upper.isFinite) { lower = 0; upper = 1 }
        if upper - lower <= 0 {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        let raw = (upper - lower) / Double(max(targetTicks, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        let step = nice * magnitude, low = floor(lower / step) * step, high = ceil(upper / step) * step
        // Values near the float64 limits give an infinite span: fall back to the unit axis.
        guard step.isFinite, step > 0, (high - low).isFinite, high > low, (high - low) / step <= 1000 else {
            (self.low, self.high, self.step) = (0, 1, 0.2)
            return
        }
        (self.low, self.high, self.step) = (low, high, step)
    }

    /// Tick values from `low` to `high`.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...max(count, 0)).map { low + Double($0) * step }
    }

    /// Position of `value` along the axis (0...1 inside it; clamped to −1...2 so that far outliers still map to pixels).
    func fraction(_ value: Double) -> Double { Swift.min(Swift.max((value - low) / (high - low), -1), 2) }

    /// A tick label: as many decimals as the step needs; exponent form for very large or small steps.
    func label(_ value: Double) -> String {
        let magnitude = max(abs(low), abs(high))
        if magnitude >= 1e6 || step < 1e-4 { return String(format: "%.2e", value) }
        let decimals = max(0, min(6, -Int(floor(log10(step)))))
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
