/// Tolerance tiers of parity checks (SPEC.md §9).
public enum ParityTier: Equatable, CustomStringConvertible {
    /// No arithmetic beyond exactly rounded steps in the same order: bit-identical.
    case exact
    /// Element-wise functions: a few ULPs of each reference value.
    case elementwise
    /// Sums of `length` products: bound `2·ε·length·max|reference|` (ε = 2⁻²³).
    case reduction(length: Int)

    public var description: String {
        switch self {
        case .exact: return "exact"
        case .elementwise: return "elementwise"
        case let .reduction(length): return "reduction(\(length))"
        }
    }

    /// float32 machine epsilon, 2⁻²³.
    public static let epsilon = Double(Float.ulpOfOne)

    /// The largest allowed |value − reference| for one reference element (`scale` = max |reference|).
    public func bound(reference: Double, scale: Double) -> Double {
        switch self {
        case .exact: return 0
        case .elementwise: return 8 * ParityTier.epsilon * Swift.abs(reference) + 1e-30
        case let .reduction(length): return 2 * ParityTier.epsilon * Double(Swift.max(length, 1)) * Swift.max(scale, 1e-30)
        }
    }

    /// Gradient bound on the fixture's `grad_max_abs` scale.
    public func gradientBound(gradMaxAbs: Double) -> Double {
        switch self {
        case .exact: return 0
        case .elementwise: return 8 * ParityTier.epsilon * gradMaxAbs
        case let .reduction(length): return 2 * ParityTier.epsilon * Double(Swift.max(length, 1)) * gradMaxAbs
        }
    }
}
