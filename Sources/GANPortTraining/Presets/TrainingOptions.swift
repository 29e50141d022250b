/// The training configuration `train.py` derives from `--cfg` and its overrides (`--gamma`, `--kimg`,
/// `--batch`, `--mirror`, `--freezed`, `--aug`, `--p`, `--target`, `--resume`).
///
/// Fine-tuning: the official `--resume=PKL` loads G, D and G_ema from the pickle by name and then
/// sets `ada_kimg = 100` (faster ADA at the start) and `ema_rampup = None`; optimizer state, `pl_mean`,
/// `cur_nimg` and the augmentation probability start fresh. GANPort does the same when `resume` is
/// true (a fine-tune of an existing network); its own snapshots may additionally carry the
/// optimizer state (`StyleGAN2TrainingStep.exportState`).
public struct TrainingOptions: Equatable, Sendable {
    /// The preset the options came from.
    public var preset: TrainingPreset
    /// `total_kimg`.
    public var totalKimg: Int
    /// `batch_size`.
    public var batchSize: Int
    /// `batch_gpu` (`mb // ref_gpus`, or `batch // gpus` with `--batch`).
    public var batchGPU: Int
    /// `--mirror`: x-flip dataset augmentation.
    public var mirror: Bool
    /// `freeze_layers` of D (`--freezed`).
    public var freezeLayers: Int
    /// `--aug`.
    public var augmentation: AugmentMode
    /// `ada_interval`.
    public var adaInterval = 4
    /// `ada_kimg` (100 when resuming).
    public var adaKimg: Double
    /// Loss options (`r1_gamma` from the preset or `--gamma`; `cifar` disables PL and mixing).
    public var loss: StyleGAN2LossOptions
    /// G and D Adam options before the lazy-regularization scaling.
    public var optimizer: AdamOptions
    /// `G_reg_interval`.
    public var generatorRegInterval: Int? = 4
    /// `D_reg_interval`.
    public var discriminatorRegInterval: Int? = 16
    /// `ema_kimg`.
    public var emaKimg: Double
    /// `ema_rampup` (nil when resuming).
    public var emaRampup: Double?
    /// `cifar` uses D architecture `orig`; the others the default `resnet`.
    public var discriminatorArchitectureOrig: Bool

    /// Resolves `--cfg` and the overrides like `train.py` does (`gpus` defaults to 1).
    public init(cfg: TrainingPreset.Name = .auto, resolution: Int, gpus: Int = 1, gamma: Double? = nil, kimg: Int? = nil,
                batch: Int? = nil, mirror: Bool = false, freezed: Int? = nil, aug: String = "ada", p: Double? = nil,
                target: Double? = nil, resume: Bool = false) throws {
        guard gpus >= 1, gpus & (gpus - 1) == 0 else { throw TrainingOptionsError.badGPUCount(gpus) }
        guard resolution >= 4, resolution & (resolution - 1) == 0 else { throw TrainingOptionsError.badResolution(resolution) }
        let spec = TrainingPreset.named(cfg, resolution: resolution, gpus: gpus)
        preset = spec
        totalKimg = spec.kimg
        batchSize = spec.batchSize
        batchGPU = spec.batchSize / spec.referenceGPUs
        self.mirror = mirror
        freezeLayers = 0
        adaKimg = 500
        optimizer = AdamOptions.styleGAN2(learningRate: spec.learningRate)
        emaKimg = spec.emaKimg
        emaRampup = spec.emaRampup
        loss = StyleGAN2LossOptions(r1Gamma: spec.gamma)
        discriminatorArchitectureOrig = cfg == .cifar
        if cfg == .cifar {
            loss.plWeight = 0
            loss.styleMixingProbability = 0
        }
        if let gamma {
            guard gamma >= 0 else { throw TrainingOptionsError.negativeGamma(gamma) }
            loss.r1Gamma = gamma
        }
        if let kimg {
            guard kimg >= 1 else { throw TrainingOptionsError.kimgBelowOne(kimg) }
            totalKimg = kimg
        }
        if let batch {
            guard batch >= 1, batch % gpus == 0 else { throw TrainingOptionsError.badBatch(batch, gpus: gpus) }
            batchSize = batch
            batchGPU = batch / gpus
        }
        augmentation = try AugmentMode(aug: aug, p: p, target: target)
        if resume {
            adaKimg = 100
            emaRampup = nil
        }
        if let freezed {
            guard freezed >= 0 else { throw TrainingOptionsError.negativeFreezed(freezed) }
            freezeLayers = freezed
        }
    }

    /// The options of one iteration (`StyleGAN2TrainingStep`).
    public var stepOptions: TrainingStepOptions {
        TrainingStepOptions(batchSize: batchSize, batchGPU: batchGPU, generatorRegInterval: generatorRegInterval,
                            discriminatorRegInterval: discriminatorRegInterval, generatorOptimizer: optimizer,
                            discriminatorOptimizer: optimizer, loss: loss, emaKimg: emaKimg, emaRampup: emaRampup)
    }
}
