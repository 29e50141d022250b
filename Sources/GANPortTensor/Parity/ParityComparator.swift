import Foundation

/// One compared tensor: measured errors against the allowed bound.
public struct ParityLine: Sendable {
    /// Path of the tensor in the fixture (`outputs/img`, `grads/params/b4.conv1.weight`).
    public let tensor: String
    /// The tier that set the bound.
    public let tier: String
    /// Largest |value − reference|.
    public let maxAbs: Double
    /// Largest |value − reference| / |reference| over non-zero references.
    public let maxRel: Double
    /// Largest allowed error (for per-element bounds: the bound at the worst element).
    public let bound: Double
    /// Worst ratio of error to bound (≤ 1 passes).
    public let worstRatio: Double
    /// A shape mismatch or missing tensor, when there is one.
    public let problem: String?

    /// Whether the tensor is within its bound.
    public var passed: Bool { problem == nil && worstRatio <= 1 }

    /// `outputs/img [reduction(9)]: max abs 2.4e-07, max rel 3.5e-05, bound 1.2e-06 (0.20 of it) ok`.
    public var text: String {
        if let problem { return "\(tensor): \(problem) FAIL" }
        return String(format: "%@ [%@]: max abs %.3g, max rel %.3g, bound %.3g (%.3f of it) %@",
                      tensor, tier, maxAbs, maxRel, bound, worstRatio, passed ? "ok" : "FAIL")
    }
}

/// The comparator every parity check uses (tests and `ganport verify`).
public enum ParityComparator {
    /// Compares `value` with `reference` element by element against `bound(reference element)`.
    public static func compare(_ label: String, tier: ParityTier, value: Tensor<Float>, reference: Tensor<Float>,
                               bound: (Double) -> Double) -> ParityLine {
        guard value.shape == reference.shape else {
            return ParityLine(tensor: label, tier: tier.description, maxAbs: .infinity, maxRel: .infinity, bound: 0, worstRatio: .infinity,
                              problem: "shape \(value.shape), reference \(reference.shape)")
        }
        var maxAbs = 0.0, maxRel = 0.0, worst = 0.0, worstBound = 0.0
        for (a, b) in zip(value.scalars, reference.scalars) {
            if a == b || (a.isNaN && b.isNaN) { continue }
            let reference = Double(b)
            let error = Swift.abs(Double(a) - reference)
            guard error.isFinite else {
                maxAbs = .infinity
                worst = .infinity
                continue
            }
            maxAbs = Swift.max(maxAbs, error)
            if reference != 0 { maxRel = Swift.max(maxRel, error / Swift.abs(reference)) }
            let allowed = bound(reference)
            let ratio = allowed == 0 ? .infinity : error / allowed
            if ratio >= worst {
                worst = ratio
                worstBound = allowed
            }
        }
        if worstBound == 0, let first = reference.scalars.first { worstBound = bound(Double(first)) }
        return ParityLine(tensor: label, tier: tier.description, maxAbs: maxAbs, maxRel: maxRel, bound: worstBound,
                          worstRatio: worst, problem: nil)
    }

    /// A line for a tensor the run did not produce.
    public static func missing(_ label: String) -> ParityLine {
        ParityLine(tensor: label, tier: "-", maxAbs: .infinity, maxRel: .infinity, bound: 0, worstRatio: .infinity, problem: "not produced")
    }
}

/// The result of running one golden fixture.
public struct ParityReport: Sendable {
    /// Fixture path.
    public let fixture: String
    /// What was run.
    public let target: String
    /// One line per compared tensor, outputs first, then gradients.
    public let lines: [ParityLine]

    /// Whether every tensor is within bounds (and at least one was compared).
    public var passed: Bool { !lines.isEmpty && lines.allSatisfy(\.passed) }
}
