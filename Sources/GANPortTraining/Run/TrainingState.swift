import GANPortTensor

/// Everything besides tensors that a fine-tuning run needs to continue bit for bit from a
/// snapshot, stored as `training-state.json` (the tensors, such as Adam moments, go to
/// `training-state.safetensors`; see `TrainingStateFile`).
///
/// Version 1. To add a field, add it here as an optional (so version-1 files still read) and bump
/// `recordVersion`; or keep loop-specific state in a type of your own conforming to
/// `VersionedRecord` and pass it to `TrainingStateFile` instead.
public struct TrainingState: VersionedRecord, Equatable, Sendable {
    public static let recordFormat = "ganport-training-state"
    public static let recordVersion = 1

    /// Real images shown to D so far (`cur_nimg`).
    public var curNimg: Int
    /// Ticks completed (`cur_tick`).
    public var curTick: Int
    /// Minibatches completed (`batch_idx`; phase intervals such as lazy regularization count it).
    public var batchIndex: Int
    /// The path-length regularizer's running mean (`pl_mean`, a float32 buffer in the official loss).
    public var plMean: Float
    /// Adaptive augmentation state; nil when the run does not augment.
    public var augment: AugmentState?
    /// Adam step counts per optimizer (`G`, `D`, ...), for bias correction.
    public var adamSteps: [String: Int]
    /// The state of the run's random source (latents, noise, augmentation draws).
    public var random: NumPyRandomState.State
    /// Where the training-image sampler stands.
    public var sampler: SamplerState
    /// The configuration the run was started with.
    public var options: RunOptions
    /// The GANPort version that wrote the state.
    public var ganportVersion: String

    public init(curNimg: Int, curTick: Int, batchIndex: Int, plMean: Float, augment: AugmentState?, adamSteps: [String: Int],
                random: NumPyRandomState.State, sampler: SamplerState, options: RunOptions, ganportVersion: String) {
        self.curNimg = curNimg
        self.curTick = curTick
        self.batchIndex = batchIndex
        self.plMean = plMean
        self.augment = augment
        self.adamSteps = adamSteps
        self.random = random
        self.sampler = sampler
        self.options = options
        self.ganportVersion = ganportVersion
    }

    private enum CodingKeys: String, CodingKey {
        case curNimg = "cur_nimg", curTick = "cur_tick", batchIndex = "batch_idx", plMean = "pl_mean", augment
        case adamSteps = "adam_steps", random, sampler, options, ganportVersion = "ganport_version"
    }
}

/// The adaptive discriminator augmentation state: the probability and the statistic collected
/// since the last adjustment (the official `ada_stats` collector of `Loss/signs/real`).
public struct AugmentState: Codable, Equatable, Sendable {
    /// The augmentation probability `augment_pipe.p` (float32 in the official pipe).
    public var p: Float
    /// Sum of `sign(D(real))` over the images since the last adjustment.
    public var signSum: Double
    /// Number of values in `signSum`.
    public var signCount: Int

    public init(p: Float, signSum: Double = 0, signCount: Int = 0) {
        self.p = p
        self.signSum = signSum
        self.signCount = signCount
    }

    private enum CodingKeys: String, CodingKey { case p, signSum = "sign_sum", signCount = "sign_count" }
}

/// The position of the training-image sampler: how many indices it has handed out, and its own
/// random state when it shuffles with a generator separate from the run's.
public struct SamplerState: Codable, Equatable, Sendable {
    /// Indices handed out so far.
    public var position: Int
    /// The sampler's random state, when it has one.
    public var random: NumPyRandomState.State?

    public init(position: Int, random: NumPyRandomState.State? = nil) {
        self.position = position
        self.random = random
    }
}
