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
    /// The open tick.
    public var tick: TickState
    /// Training images the run samples from (with mirroring), checked on resume.
    public var datasetCount: Int
    /// The run's options.
    public var options: FineTuneOptions
    /// The GANPort version that wrote the state.
    public var ganportVersion: String

    private enum CodingKeys: String, CodingKey {
        case curNimg = "cur_nimg", curTick = "cur_tick", batchIndex = "batch_idx", samplerPosition = "sampler_position"
        case augmentP = "augment_p", adaptiveStrength = "ada", random, tick, datasetCount = "dataset_count", options
        case ganportVersion = "ganport_version"
    }

    /// The largest counter a state may hold (2⁵³: exact in the float64 statistics, and far from overflow).
    public static let maximumCount = 1 << 53

    /// Checks the values a resume relies on; `path` names the snapshot in errors.
    public func validate(path: String) throws {
        let file = path.hasSuffix("/") ? path + TrainingStateFile.recordFileName : path + "/" + TrainingStateFile.recordFileName
        func require(_ ok: Bool, _ field: String, _ reason: String) throws {
            if !ok { throw RunFileError.invalidField(path: file, field: "content." + field, reason: reason) }
        }
        let counts = 0...FineTuneState.maximumCount
        try require(counts.contains(curNimg), "cur_nimg", "must lie in \(counts)")
        try require(counts.contains(curTick), "cur_tick", "must lie in \(counts)")
        try require(counts.contains(batchIndex), "batch_idx", "must lie in \(counts)")
        try require(counts.contains(samplerPosition), "sampler_position", "must lie in \(counts)")
        try require(datasetCount >= 1, "dataset_count", "must be at least 1")
        try require(tick.startNimg >= 0 && tick.startNimg <= curNimg, "tick.start_nimg", "must lie in 0...cur_nimg")
        try require(tick.sums.values.allSatisfy { counts.contains($0.count) }, "tick.sums", "counts must lie in \(counts)")
        try require(augmentP.map { $0.isFinite && $0 >= 0 } ?? true, "augment_p", "must be a non-negative number")
        try require(adaptiveStrength.map { counts.contains($0.signCount) } ?? true, "ada.sign_count", "must lie in \(counts)")
        try options.validate()
    }
}
