import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// A fine-tuning run of a StyleGAN2-ADA checkpoint: the official training iteration
/// (`StyleGAN2TrainingStep`) driven over a dataset, with ADA, ticks, a metrics log, loss plot,
/// sample grids and snapshots in a run directory, resumable bit for bit.
///
/// Fine-tuning starts the way the official `train.py --resume=PKL` does: the networks keep the
/// architecture of the checkpoint (GANPort never rebuilds them from the preset, which avoids the
/// official `--cfg` mismatch pitfall), `ada_kimg` is 100 and the G_ema ramp-up is off; optimizer
/// moments, `pl_mean` and the augmentation probability start fresh. `--resume RUN_DIR` instead
/// restores all of them from the newest snapshot and continues with the same random numbers.
public final class FineTuneRun {
    /// The run's options (for a resumed run: as first started, with the new `kimg`).
    public let options: FineTuneOptions
    /// The run directory.
    public let directory: RunDirectory
    /// The resolved training hyperparameters.
    public let training: TrainingOptions
    /// The training images.
    public let dataset: ImageDataset
    /// One training iteration over G, D and G_ema.
    public let step: StyleGAN2TrainingStep
    /// The augmentation pipe (nil with `--aug noaug`).
    public let augmentPipe: AugmentPipe?
    /// The ADA controller (nil unless `--aug ada`).
    public internal(set) var adaptiveStrength: AdaptiveAugmentStrength?
    /// Every random number of the run (latents, noise, mixing, augmentation, labels).
    public let random: NumPyRandomSource
    /// Which images come next.
    public internal(set) var sampler: EpochSampler
    /// Real images shown to D so far.
    public internal(set) var curNimg = 0
    /// Iterations done.
    public internal(set) var batchIndex = 0
    /// The open tick: where it started and the statistics gathered since (part of the resume state,
    /// so a resumed run logs the same ticks).
    var tickStart = TickState()
    /// Ticks done.
    public internal(set) var curTick = 0
    /// The snapshot this run continues from (nil for a new run).
    public let resumedFrom: SnapshotLocation?

    /// Prepares a new run: loads G, D and G_ema from the checkpoint and opens the dataset.
    public convenience init(options: FineTuneOptions) throws {
        try options.validate()
        guard try RunDirectory(path: options.out).latestSnapshot() == nil else {
            throw FineTuneError.invalidOption("\(options.out) already holds snapshots; continue it with --resume \(options.out) "
                + "or choose another --out")
        }
        let networks = try FineTuneRun.loadNetworks(path: options.checkpoint, freezeLayers: options.freezed)
        try self.init(options: options, networks: networks, random: NumPyRandomSource(seed: options.seed), resumed: nil)
    }

    /// Continues the run in `runDirectory` from its newest snapshot; `kimg` (when given) replaces
    /// the run's length.
    public convenience init(resuming runDirectory: String, kimg: Double? = nil) throws {
        let directory = RunDirectory(path: runDirectory)
        guard let snapshot = try directory.latestSnapshot() else {
            throw FineTuneError.cannotResume("\(runDirectory) has no complete snapshot")
        }
        let (state, tensors) = try snapshot.readTrainingState(FineTuneState.self)
        try state.validate(path: snapshot.path)
        var options = state.options
        options.out = runDirectory
        if let kimg { options.kimg = kimg }
        try options.validate()
        guard options.totalNimg > state.curNimg else {
            throw FineTuneError.invalidOption("--kimg \(options.kimg) is not beyond the newest snapshot (kimg "
                + "\(Double(state.curNimg) / 1000)); nothing to train")
        }
        let networks = try snapshot.readNetworks()
        guard networks.curNimg == state.curNimg else {
            throw FineTuneError.cannotResume("\(snapshot.path): networks at \(networks.curNimg) images, state at \(state.curNimg)")
        }
        let loaded = FineTuneNetworks(generator: try networks.makeGenerator(ema: false), discriminator: try networks.makeDiscriminator(),
                                      generatorEMA: try networks.makeGenerator(ema: true))
        try self.init(options: options, networks: loaded, random: try NumPyRandomSource(state: state.random),
                      resumed: (snapshot, state, tensors))
    }

    private init(options: FineTuneOptions, networks: FineTuneNetworks, random: NumPyRandomSource,
                 resumed: (location: SnapshotLocation, state: FineTuneState, tensors: [(String, Tensor<Float>)])?) throws {
        let generatorConfig = networks.generator.config
        // Images are decoded only up to 4× the generator's pixel count (at least 2²⁰): a larger one cannot
        // be trained on anyway, and a decompression bomb is refused before its pixels are allocated.
        let resolution = generatorConfig.imgResolution
        let datasetOptions = ImageDatasetOptions(useLabels: generatorConfig.cDim > 0, xflip: options.mirror,
                                                 maxPixels: Swift.max(4 * resolution * resolution, 1 << 20))
        let dataset = try ImageDataset(path: options.data, options: datasetOptions)
        try FineTuneRun.check(dataset, fits: generatorConfig)
        let training = try TrainingOptions(cfg: options.cfg, resolution: generatorConfig.imgResolution, gamma: options.gamma,
                                           batch: options.batch, mirror: options.mirror, freezed: options.freezed,
                                           aug: options.aug, p: options.p, target: options.target, resume: true)
        try FineTuneRun.check(training, fits: networks.discriminator.config)
        var pipe: AugmentPipe?
        if training.augmentation.usesPipe {
            pipe = AugmentPipe(preset: try AugmentPreset(name: options.augpipe), p: training.augmentation.initialP)
        }
        if case let .ada(target) = training.augmentation {
            adaptiveStrength = AdaptiveAugmentStrength(target: target, interval: training.adaInterval, kimg: training.adaKimg,
                                                       batchSize: training.batchSize)
        }
        self.options = options
        self.directory = RunDirectory(path: options.out)
        self.training = training
        self.dataset = dataset
        self.augmentPipe = pipe
        self.random = random
        self.step = StyleGAN2TrainingStep(generator: networks.generator, discriminator: networks.discriminator,
                                          generatorEMA: networks.generatorEMA, options: training.stepOptions, augmentation: pipe)
        self.sampler = EpochSampler(count: dataset.count, seed: options.seed)
        resumedFrom = resumed?.location
        if let (location, state, tensors) = resumed {
            guard state.datasetCount == dataset.count else {
                throw FineTuneError.cannotResume("\(options.data) now holds \(dataset.count) training images (with mirroring), "
                    + "the run was started with \(state.datasetCount); \(location.path) cannot continue on other data")
            }
            try step.importState(tensors.map { (name: $0.0, tensor: $0.1) })
            tickStart = state.tick
            curNimg = state.curNimg
            batchIndex = state.batchIndex
            curTick = state.curTick
            sampler = EpochSampler(count: dataset.count, seed: options.seed, position: state.samplerPosition)
            if let p = state.augmentP { pipe?.p = p }
            if let window = state.adaptiveStrength { adaptiveStrength?.restoreWindow(from: window) }
        }
    }

    /// Checks that the batch fits the discriminator's minibatch-std groups and the path-length batch.
    static func check(_ training: TrainingOptions, fits discriminator: StyleGAN2.DiscriminatorConfig) throws {
        let perRound = training.batchGPU
        let group = Swift.min(discriminator.mbstdGroupSize ?? perRound, perRound)
        guard group > 0, perRound % group == 0 else {
            throw FineTuneError.invalidOption("--batch \(training.batchSize) (\(perRound) per accumulation round) does not split "
                + "into the discriminator's minibatch-std groups of \(group) (mbstd_group_size \(discriminator.mbstdGroupSize ?? 0) "
                + "of the checkpoint); use a multiple of \(group)")
        }
        let shrink = training.loss.plBatchShrink
        guard training.loss.plWeight == 0 || perRound / shrink >= 1 else {
            throw FineTuneError.invalidOption("--batch \(training.batchSize) leaves no image for path-length regularization "
                + "(\(perRound) per round / pl_batch_shrink \(shrink)); use at least \(shrink)")
        }
    }

    /// Checks that the dataset's images and labels fit the generator.
    static func check(_ dataset: ImageDataset, fits config: StyleGAN2.GeneratorConfig) throws {
        guard dataset.resolution == config.imgResolution, dataset.channelCount == config.imgChannels else {
            throw FineTuneError.datasetMismatch("images are \(dataset.channelCount)×\(dataset.resolution)², the generator makes "
                + "\(config.imgChannels)×\(config.imgResolution)²")
        }
        guard dataset.labelDimension == config.cDim else {
            throw FineTuneError.datasetMismatch(config.cDim > 0
                ? "the generator is conditional (c_dim \(config.cDim)) but the dataset has \(dataset.labelDimension) label dimensions"
                : "the dataset has labels (\(dataset.labelDimension) dimensions) but the generator is unconditional")
        }
    }
}

/// The three networks a run trains.
struct FineTuneNetworks {
    var generator: StyleGAN2.Generator
    var discriminator: StyleGAN2.Discriminator
    var generatorEMA: StyleGAN2.Generator
}

extension FineTuneRun {
    /// G, D and G_ema from a checkpoint (`G_ema` falls back to a copy of `G`; `D` is required).
    static func loadNetworks(path: String, freezeLayers: Int) throws -> FineTuneNetworks {
        let generator: StyleGAN2.Generator
        do {
            generator = try StyleGAN2.Generator.load(path: path, key: "G")
        } catch ModelLoadError.entryNotFound(_, let available) {
            throw FineTuneError.missingNetwork("\(path) has no generator 'G' to train (entries: \(available.joined(separator: ", ")))")
        }
        let ema: StyleGAN2.Generator
        do {
            ema = try StyleGAN2.Generator.load(path: path, key: "G_ema")
        } catch ModelLoadError.entryNotFound {
            ema = try StyleGAN2.Generator(config: generator.config, stateDict: generator.stateDict())
        }
        var discriminator: StyleGAN2.Discriminator
        do {
            discriminator = try StyleGAN2.Discriminator.load(path: path, key: "D")
        } catch ModelLoadError.entryNotFound(_, let available) {
            throw FineTuneError.missingNetwork("\(path) has no discriminator 'D' (entries: \(available.joined(separator: ", "))); "
                + "fine-tuning needs the D of the original training")
        }
        if freezeLayers != discriminator.config.freezeLayers {
            var config = discriminator.config
            config.freezeLayers = freezeLayers
            discriminator = try StyleGAN2.Discriminator(config: config, stateDict: discriminator.stateDict())
        }
        return FineTuneNetworks(generator: generator, discriminator: discriminator, generatorEMA: ema)
    }
}
