import Foundation

/// Compares GANPort results with official reference tensors under a tolerance tier: the one
/// comparator of op goldens, module goldens and `ganport verify`.
///
/// ε = 2⁻²³ (float32 machine epsilon). Outputs are compared element by element against a bound
/// that depends on the tier; gradients against `grad_max_abs`, the largest |gradient| of the whole
/// golden file (structurally tiny gradients carry only rounding noise, so a per-element relative
/// error would be meaningless for them).
public enum ParityComparator {
    /// How much rounding a computation may accumulate.
    public enum Tier: Equatable, Sendable, CustomStringConvertible {
        /// No arithmetic beyond exactly rounded steps in the same order: bit-identical.
        case exact
        /// Element-wise functions: `8·ε·|reference|` per element.
        case elementwise
        /// Sums of `length` products: `2·ε·length·max|reference|`.
        case reduction(length: Int)

        public var description: String {
            switch self {
            case .exact: return "exact"
            case .elementwise: return "elementwise"
            case let .reduction(length): return "reduction(\(length))"
            }
        }

        /// The largest allowed |value − reference| for one reference element (`scale` = max |reference|).
        public func bound(reference: Double, scale: Double) -> Double {
            switch self {
            case .exact: return 0
            case .elementwise: return 8 * ParityComparator.epsilon * Swift.abs(reference) + 1e-30
            case let .reduction(length): return 2 * ParityComparator.epsilon * Double(Swift.max(length, 1)) * Swift.max(scale, 1e-30)
            }
        }

        /// The largest allowed |gradient − reference| given the file's `grad_max_abs`.
        public func gradientBound(gradMaxAbs: Double) -> Double {
            switch self {
            case .exact: return 0
            case .elementwise: return 8 * ParityComparator.epsilon * gradMaxAbs
            case let .reduction(length): return 2 * ParityComparator.epsilon * Double(Swift.max(length, 1)) * gradMaxAbs
            }
        }
    }

    /// float32 machine epsilon, 2⁻²³.
    public static let epsilon = Double(Float.ulpOfOne)

    /// Measured errors of one tensor against its reference.
    public struct Measurement: Equatable, Sendable {
        /// What was compared (`outputs/img`, `grads/params/b4.const`).
        public var name: String
        /// The tier the bound came from.
        public var tier: Tier
        /// Largest |value − reference|.
        public var maxAbs: Double = 0
        /// Largest |value − reference| / |reference| over nonzero reference elements.
        public var maxRel: Double = 0
        /// Largest allowed |value − reference| over the elements.
        public var bound: Double = 0
        /// Largest ratio of error to its element's bound (≤ 1 passes; ∞ for any error under a zero bound).
        public var worstRatio: Double = 0
        /// Why the tensors could not be compared (shape mismatch, non-finite values), or nil.
        public var problem: String?

        /// Whether every element is within its bound.
        public var passed: Bool { problem == nil && worstRatio <= 1 }

        /// One report line: name, tier, errors, bound, verdict.
        public var line: String {
            if let problem { return "\(name) [\(tier)]: FAIL (\(problem))" }
            return "\(name) [\(tier)]: max abs \(format(maxAbs)), max rel \(format(maxRel)), bound \(format(bound)), "
                + "error/bound \(format(worstRatio)) \(passed ? "ok" : "FAIL")"
        }

        private func format(_ value: Double) -> String { String(format: "%.3g", value) }
    }

    /// Compares an output with its reference: each element against `tier.bound(reference:scale:)`.
    public static func compareOutput(_ name: String, _ value: Tensor<Float>, reference: Tensor<Float>, tier: Tier) -> Measurement {
        let scale = reference.scalars.reduce(0.0) { Swift.max($0, Swift.abs(Double($1))) }
        return compare(name, value, reference, tier: tier) { tier.bound(reference: $0, scale: scale) }
    }

    /// Compares a gradient with its reference against `tier.gradientBound(gradMaxAbs:)`.
    public static func compareGradient(_ name: String, _ value: Tensor<Float>, reference: Tensor<Float>, tier: Tier,
                                       gradMaxAbs: Double) -> Measurement {
        let allowed = tier.gradientBound(gradMaxAbs: gradMaxAbs)
        return compare(name, value, reference, tier: tier) { _ in allowed }
    }

    private static func compare(_ name: String, _ value: Tensor<Float>, _ reference: Tensor<Float>, tier: Tier,
                                bound: (Double) -> Double) -> Measurement {
        var m = Measurement(name: name, tier: tier)
        guard value.shape == reference.shape else {
            m.problem = "shape \(value.shape), reference \(reference.shape)"
            return m
        }
        for (a, b) in zip(value.scalars, reference.scalars) {
            let reference = Double(b)
            let error = Swift.abs(Double(a) - reference)
            guard error.isFinite || (a == b) else {
                m.problem = "non-finite value \(a) where the reference is \(b)"
                return m
            }
            m.maxAbs = Swift.max(m.maxAbs, error)
            if reference != 0 { m.maxRel = Swift.max(m.maxRel, error / Swift.abs(reference)) }
            let allowed = bound(reference)
            m.bound = Swift.max(m.bound, allowed)
            m.worstRatio = Swift.max(m.worstRatio, allowed == 0 ? (error == 0 ? 0 : .infinity) : error / allowed)
        }
        return m
    }
}
