/// What `ganport finetune` was asked to do: the command line, validated.
///
/// Hyperparameters not listed here come from the `--cfg` preset of the official `train.py`
/// (`TrainingOptions`); the network architecture always comes from the checkpoint.
public struct FineTuneOptions: VersionedRecord, Equatable, Sendable {
    public static let recordFormat = "ganport-finetune-options"
    public static let recordVersion = 1

    /// The checkpoint to start from (an NVIDIA network pickle with `G`, `D`, `G_ema`, or any
    /// checkpoint with those flattened names).
    public var checkpoint: String
    /// Training images: a folder of PNG/JPEG files or a `dataset_tool.py` zip.
    public var data: String
    /// The run directory.
    public var out: String
    /// Length of the run in thousands of real images shown to D (fractions allowed).
    public var kimg: Double
    /// Snapshot interval in kimg.
    public var snapKimg: Double
    /// Progress-line interval in kimg (the official `kimg_per_tick` is 4).
    public var tickKimg: Double
    /// Total batch size; nil takes the preset's.
    public var batch: Int?
    /// Seed of every random number of the run.
    public var seed: UInt32
    /// `--cfg` preset name.
    public var cfg: TrainingPreset.Name
    /// `--gamma` override of the R1 weight.
    public var gamma: Double?
    /// `--aug`: `ada`, `noaug` or `fixed`.
    public var aug: String
    /// `--p`: the fixed augmentation probability (with `--aug fixed`).
    public var p: Double?
    /// `--target`: the ADA target (with `--aug ada`).
    public var target: Double?
    /// `--augpipe`: the augmentation pipeline (`bgc` by default).
    public var augpipe: String
    /// `--mirror`: also show every image x-flipped.
    public var mirror: Bool
    /// `--freezed`: number of D layers to freeze.
    public var freezed: Int
    /// Seeds of the sample grid written with every snapshot.
    public var sampleSeeds: [UInt32]
    /// Columns of the sample grid.
    public var sampleColumns: Int

    public init(checkpoint: String, data: String, out: String, kimg: Double, snapKimg: Double, tickKimg: Double? = nil,
                batch: Int? = nil, seed: UInt32 = 0, cfg: TrainingPreset.Name = .auto, gamma: Double? = nil, aug: String = "ada",
                p: Double? = nil, target: Double? = nil, augpipe: String = "bgc", mirror: Bool = false, freezed: Int = 0,
                sampleSeeds: [UInt32] = Array(0..<16), sampleColumns: Int = 4) {
        self.checkpoint = checkpoint
        self.data = data
        self.out = out
        self.kimg = kimg
        self.snapKimg = snapKimg
        self.tickKimg = tickKimg ?? Swift.min(4, snapKimg)
        self.batch = batch
        self.seed = seed
        self.cfg = cfg
        self.gamma = gamma
        self.aug = aug
        self.p = p
        self.target = target
        self.augpipe = augpipe
        self.mirror = mirror
        self.freezed = freezed
        self.sampleSeeds = sampleSeeds
        self.sampleColumns = sampleColumns
    }

    private enum CodingKeys: String, CodingKey {
        case checkpoint, data, out, kimg, snapKimg = "snap_kimg", tickKimg = "tick_kimg", batch, seed, cfg, gamma, aug, p, target
        case augpipe, mirror, freezed, sampleSeeds = "sample_seeds", sampleColumns = "sample_columns"
    }

    /// Checks the values that do not depend on the files; throws `FineTuneError.invalidOption`.
    public func validate() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw FineTuneError.invalidOption(message) } }
        let most = FineTuneOptions.maximumKimg
        try require(kimg.isFinite && kimg > 0 && kimg <= most, "--kimg must be a number in (0, \(Int(most))], got \(kimg)")
        try require(snapKimg.isFinite && snapKimg > 0 && snapKimg <= most, "--snap-kimg must be a number in (0, \(Int(most))], got \(snapKimg)")
        try require(tickKimg.isFinite && tickKimg > 0 && tickKimg <= most, "--tick-kimg must be a number in (0, \(Int(most))], got \(tickKimg)")
        try require(batch.map { (1...FineTuneOptions.maximumBatch).contains($0) } ?? true,
                    "--batch must be in 1…\(FineTuneOptions.maximumBatch)")
        try require(freezed >= 0, "--freezed must not be negative")
        try require((1...1024).contains(sampleSeeds.count) && (1...1024).contains(sampleColumns),
                    "--samples and --sample-columns must be in 1…1024")
        try require(!sampleSeeds.isEmpty && sampleColumns >= 1 && sampleSeeds.count % sampleColumns == 0,
                    "the \(sampleSeeds.count) sample seeds must fill rows of \(sampleColumns) columns")
    }

    /// The largest `--kimg`, `--snap-kimg` and `--tick-kimg` (10¹² images; far beyond any run, and
    /// every image count stays exact in `Int`).
    public static let maximumKimg = 1e9
    /// The largest `--batch`.
    public static let maximumBatch = 65_536

    /// `kimg` as a number of images (rounded up to whole images).
    var totalNimg: Int { Int((kimg * 1000).rounded(.up)) }
    /// `snapKimg` as a number of images (at least one).
    var snapNimg: Int { Swift.max(1, Int((snapKimg * 1000).rounded())) }
    /// `tickKimg` as a number of images (at least one).
    var tickNimg: Int { Swift.max(1, Int((tickKimg * 1000).rounded())) }
}
