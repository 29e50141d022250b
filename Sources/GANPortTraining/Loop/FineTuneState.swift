import GANPortTensor

/// Everything besides tensors that a fine-tuning run needs to continue bit for bit, stored in
/// each snapshot as `training-state.json` (the optimizer moments and `pl_mean` go to
/// `training-state.safetensors`, the networks to `network.safetensors`).
public struct FineTuneState: VersionedRecord, Equatable, Sendable {
    public static let recordFormat = "ganport-finetune-state"
    public static let recordVersion = 1

    /// Real images shown to D so far (`cur_nimg`).
    public var curNimg: Int
    /// Ticks completed (`cur_tick`).
    public var curTick: Int
    /// Iterations completed (`batch_idx`; lazy regularization and ADA count it).
    public var batchIndex: Int
    /// Dataset indices handed out by the sampler.
    public var samplerPosition: Int
    /// The augmentation probability `augment_pipe.p` (nil without augmentation).
    public var augmentP: Float?
    /// The ADA controller with its partial window (nil unless `--aug ada`).
    public var adaptiveStrength: AdaptiveAugmentStrength?
    /// The run's random source.
    public var random: NumPyRandomState.State
    /// The run's options.
    public var options: FineTuneOptions
    /// The GANPort version that wrote the state.
    public var ganportVersion: String

    private enum CodingKeys: String, CodingKey {
        case curNimg = "cur_nimg", curTick = "cur_tick", batchIndex = "batch_idx", samplerPosition = "sampler_position"
        case augmentP = "augment_p", adaptiveStrength = "ada", random, options, ganportVersion = "ganport_version"
    }
}
