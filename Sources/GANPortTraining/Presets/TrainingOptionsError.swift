/// Invalid `train.py`-style options, one case per official `UserError` check.
public enum TrainingOptionsError: Error, Equatable, CustomStringConvertible {
    /// `--gamma` negative.
    case negativeGamma(Double)
    /// `--kimg` below 1.
    case kimgBelowOne(Int)
    /// `--batch` below 1 or not divisible by the GPU count.
    case badBatch(Int, gpus: Int)
    /// `--freezed` negative.
    case negativeFreezed(Int)
    /// The GPU count is below 1 or not a power of two.
    case badGPUCount(Int)
    /// Resolution below 4 or not a power of two.
    case badResolution(Int)

    public var description: String {
        switch self {
        case let .negativeGamma(g): return "--gamma must be non-negative (got \(g))"
        case let .kimgBelowOne(k): return "--kimg must be at least 1 (got \(k))"
        case let .badBatch(b, gpus): return "--batch must be at least 1 and divisible by --gpus (got \(b), gpus \(gpus))"
        case let .negativeFreezed(f): return "--freezed must be non-negative (got \(f))"
        case let .badGPUCount(g): return "--gpus must be a power of two (got \(g))"
        case let .badResolution(r): return "dataset resolution must be a power of two ≥ 4 (got \(r))"
        }
    }
}
