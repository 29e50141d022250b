/// `train.py --aug`: how the discriminator's augmentation strength is chosen.
public enum AugmentMode: Equatable, Sendable {
    /// `noaug`: no augmentation pipe.
    case noaug
    /// `ada`: `p` starts at 0 and follows the real-logit sign heuristic toward `target` (default 0.6).
    case ada(target: Double)
    /// `fixed`: `p` stays at the given value (a pipe exists only when it is above 0, as in the official loop).
    case fixed(p: Double)

    /// The mode `train.py` derives from `--aug`, `--p`, `--target` (nil: not given), with its checks.
    public init(aug: String?, p: Double? = nil, target: Double? = nil) throws {
        let name = aug ?? "ada"
        switch name {
        case "ada": self = .ada(target: 0.6)
        case "noaug": self = .noaug
        case "fixed":
            guard let p else { throw AugmentModeError.fixedNeedsP }
            self = .fixed(p: p)
        default: throw AugmentModeError.unsupported(name)
        }
        if let p {
            guard name == "fixed" else { throw AugmentModeError.pNeedsFixed }
            guard (0...1).contains(p) else { throw AugmentModeError.pOutOfRange(p) }
        }
        if let target {
            guard name == "ada" else { throw AugmentModeError.targetNeedsAda }
            guard (0...1).contains(target) else { throw AugmentModeError.targetOutOfRange(target) }
            self = .ada(target: target)
        }
    }

    /// The strength the pipe starts with (`augment_p`).
    public var initialP: Float {
        if case let .fixed(p) = self { return Float(p) }
        return 0
    }

    /// Whether training builds an augmentation pipe (`augment_p > 0 or ada_target is not None`).
    public var usesPipe: Bool {
        switch self {
        case .noaug: return false
        case .ada: return true
        case let .fixed(p): return p > 0
        }
    }
}

/// Invalid `--aug` / `--p` / `--target` combinations (the official `train.py` messages).
public enum AugmentModeError: Error, Equatable, CustomStringConvertible {
    case unsupported(String)
    case fixedNeedsP
    case pNeedsFixed
    case pOutOfRange(Double)
    case targetNeedsAda
    case targetOutOfRange(Double)

    public var description: String {
        switch self {
        case let .unsupported(name): return "--aug=\(name) not supported (noaug, ada, fixed)"
        case .fixedNeedsP: return "--aug=fixed requires specifying --p"
        case .pNeedsFixed: return "--p can only be specified with --aug=fixed"
        case let .pOutOfRange(p): return "--p must be between 0 and 1 (got \(p))"
        case .targetNeedsAda: return "--target can only be specified with --aug=ada"
        case let .targetOutOfRange(t): return "--target must be between 0 and 1 (got \(t))"
        }
    }
}
