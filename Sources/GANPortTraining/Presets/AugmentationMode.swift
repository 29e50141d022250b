/// `--aug` of `train.py` with its `--p` / `--target`.
public enum AugmentationMode: Equatable, Sendable {
    /// No augmentation (`noaug`).
    case none
    /// Adaptive: `p` starts at 0 and follows the sign of real logits towards `target` (`ada`, default 0.6).
    case adaptive(target: Double)
    /// Fixed probability `p` (`fixed`, `--p` required).
    case fixed(p: Double)

    /// The official ADA target when `--target` is not given.
    public static let defaultTarget = 0.6

    /// `augment_p`: the initial augmentation probability.
    public var initialProbability: Double {
        if case let .fixed(p) = self { return p }
        return 0
    }

    /// `ada_target`, nil unless adaptive.
    public var adaTarget: Double? {
        if case let .adaptive(target) = self { return target }
        return nil
    }
}
