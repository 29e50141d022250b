/// The command-line configuration of a fine-tuning run, written to `RUN_DIR/options.json` when
/// the run starts and stored in every training state (`TrainingState.options`), so a resumed run
/// can check that it continues with the same settings.
///
/// Field names in JSON are snake_case (`snap_kimg`, `batch_size`, ...). Defaults follow the
/// official StyleGAN2-ADA `train.py` where it has one.
public struct RunOptions: VersionedRecord, Equatable, Sendable {
    public static let recordFormat = "ganport-run-options"
    public static let recordVersion = 1

    /// The checkpoint fine-tuning starts from.
    public var checkpoint: String
    /// The training images (`--data`).
    public var data: String
    /// The run directory (`--out`).
    public var out: String
    /// Total training length in thousands of real images shown to D (`--kimg`).
    public var kimg: Int
    /// Snapshot interval in kimg (`--snap-kimg`).
    public var snapKimg: Int
    /// Progress-line (tick) interval in kimg; the official `kimg_per_tick` is 4.
    public var kimgPerTick: Int
    /// Total batch size.
    public var batchSize: Int
    /// Seed of the run's random numbers.
    public var seed: UInt32
    /// R1 regularization weight (`--gamma`).
    public var gamma: Double
    /// Path-length regularization weight (official `pl_weight` 2).
    public var plWeight: Double
    /// Half-life of the generator's moving average in kimg (`ema_kimg`).
    public var emaKimg: Double
    /// Learning rates of G and D.
    public var generatorLearningRate: Double
    public var discriminatorLearningRate: Double
    /// Whether images are also shown x-flipped (`--mirror`).
    public var mirror: Bool
    /// Augmentation mode: `ada`, `fixed` or `noaug` (`--aug`).
    public var augment: String
    /// Initial (or fixed) augmentation probability (`--p`).
    public var augmentP: Double
    /// ADA target for the sign of D's real outputs (`--target`, 0.6).
    public var adaTarget: Double
    /// ADA adjustment speed: kimg for p to move from 0 to 1 (`ada_kimg`, 500).
    public var adaKimg: Double
    /// Augmentation pipeline preset (`--augpipe`, `bgc`).
    public var augmentPipe: String
    /// Number of discriminator layers frozen (`--freezed`).
    public var freezeD: Int
    /// Seeds of the latents of `samples.png` (fixed for the whole run).
    public var sampleSeeds: [UInt32]
    /// Columns of `samples.png`.
    public var sampleColumns: Int
    /// The snapshot the run resumed from, if any.
    public var resume: String?
    /// The GANPort version that started the run.
    public var ganportVersion: String

    public init(checkpoint: String, data: String, out: String, kimg: Int, snapKimg: Int, kimgPerTick: Int = 4,
                batchSize: Int, seed: UInt32 = 0, gamma: Double, plWeight: Double = 2, emaKimg: Double = 10,
                generatorLearningRate: Double = 0.0025, discriminatorLearningRate: Double = 0.0025, mirror: Bool = false,
                augment: String = "ada", augmentP: Double = 0, adaTarget: Double = 0.6, adaKimg: Double = 500,
                augmentPipe: String = "bgc", freezeD: Int = 0, sampleSeeds: [UInt32] = Array(0..<16), sampleColumns: Int = 4,
                resume: String? = nil, ganportVersion: String) {
        self.checkpoint = checkpoint
        self.data = data
        self.out = out
        self.kimg = kimg
        self.snapKimg = snapKimg
        self.kimgPerTick = kimgPerTick
        self.batchSize = batchSize
        self.seed = seed
        self.gamma = gamma
        self.plWeight = plWeight
        self.emaKimg = emaKimg
        self.generatorLearningRate = generatorLearningRate
        self.discriminatorLearningRate = discriminatorLearningRate
        self.mirror = mirror
        self.augment = augment
        self.augmentP = augmentP
        self.adaTarget = adaTarget
        self.adaKimg = adaKimg
        self.augmentPipe = augmentPipe
        self.freezeD = freezeD
        self.sampleSeeds = sampleSeeds
        self.sampleColumns = sampleColumns
        self.resume = resume
        self.ganportVersion = ganportVersion
    }

    private enum CodingKeys: String, CodingKey {
        case checkpoint, data, out, kimg, snapKimg = "snap_kimg", kimgPerTick = "kimg_per_tick", batchSize = "batch_size", seed
        case gamma, plWeight = "pl_weight", emaKimg = "ema_kimg", generatorLearningRate = "glr"
        case discriminatorLearningRate = "dlr", mirror, augment = "aug", augmentP = "p", adaTarget = "target"
        case adaKimg = "ada_kimg", augmentPipe = "augpipe", freezeD = "freezed", sampleSeeds = "sample_seeds"
        case sampleColumns = "sample_columns", resume, ganportVersion = "ganport_version"
    }
}
