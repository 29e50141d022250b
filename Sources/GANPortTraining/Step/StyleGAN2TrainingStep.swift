import GANPortModels
import GANPortTensor

/// One iteration of the official StyleGAN2-ADA training loop (`training/training_loop.py`, the body
/// of `while True` up to the ADA heuristic) for G, D and G_ema. The caller (a training loop) fetches
/// the data, calls `run` once per iteration with increasing `batchIndex` and `curNimg`, and adjusts
/// the augmentation probability from `TrainingStepResult.realSigns`.
///
/// Per iteration: `all_gen_z = randn([phases·batch, z_dim])` is drawn first; then, for each phase due
/// at `batchIndex` (`batchIndex % interval == 0`), gradients are cleared (`set_to_none`), only the
/// phase's network requires grad, the loss accumulates gradients with `gain = interval`, every
/// gradient goes through `nan_to_num(nan=0, posinf=1e5, neginf=-1e5)` and the phase's Adam steps
/// (G phases share one Adam, D phases another, with the lazy-regularization `mb_ratio` scaling);
/// finally G_ema moves towards G and takes G's buffers.
///
/// The networks run in float32 (as if `num_fp16_res = 0`); see `StyleGAN2`.
public final class StyleGAN2TrainingStep {
    /// The trained generator (training mode: updates its `w_avg`).
    public let generator: StyleGAN2.Generator
    /// The trained discriminator (Freeze-D layers are buffers, hence not optimized).
    public let discriminator: StyleGAN2.Discriminator
    /// The moving average of the generator.
    public let generatorEMA: StyleGAN2.Generator
    /// The loss (holds `pl_mean`).
    public let loss: StyleGAN2Loss
    /// Phases in official order.
    public let phases: [TrainingPhase]
    /// The generator's optimizer (shared by its main and regularization phases).
    public let generatorOptimizer: Adam
    /// The discriminator's optimizer.
    public let discriminatorOptimizer: Adam
    /// The options the step was built with.
    public let options: TrainingStepOptions

    /// A step over the given networks (gradients are switched off on all three, as the official loop
    /// does with `requires_grad_(False)`, and switched on per phase).
    public init(generator: StyleGAN2.Generator, discriminator: StyleGAN2.Discriminator, generatorEMA: StyleGAN2.Generator,
                options: TrainingStepOptions, augmentation: ImageAugmentation? = nil) {
        self.generator = generator
        self.discriminator = discriminator
        self.generatorEMA = generatorEMA
        self.options = options
        loss = StyleGAN2Loss(generator: generator, discriminator: discriminator, augmentation: augmentation, options: options.loss)
        phases = TrainingPhase.schedule(generatorRegInterval: options.generatorRegInterval,
                                        discriminatorRegInterval: options.discriminatorRegInterval)
        generatorOptimizer = Adam(parameters: generator.namedParameters(),
                                  options: options.generatorOptimizer.lazyRegularized(interval: options.generatorRegInterval))
        discriminatorOptimizer = Adam(parameters: discriminator.namedParameters(),
                                      options: options.discriminatorOptimizer.lazyRegularized(interval: options.discriminatorRegInterval))
        for module in [generator, discriminator, generatorEMA] as [any Module] { module.requiresGrad(false) }
    }

    /// Runs one iteration.
    /// - Parameters:
    ///   - realImages: [batch, C, R, R] float32 in [−1, 1] (see `realImages(pixels:shape:)` for uint8 data).
    ///   - realLabels: [batch, c_dim], nil when unconditional.
    ///   - generatorLabels: [phases·batch, c_dim] labels for the generated images of all phases
    ///     (the official loop draws them from the dataset with NumPy), nil when unconditional.
    ///   - batchIndex: the iteration index (`batch_idx`), deciding which regularization phases run.
    ///   - curNimg: images shown before this iteration (`cur_nimg`), for the G_ema ramp-up.
    ///   - random: where every torch draw of the iteration comes from.
    public func run(realImages: Tensor<Float>, realLabels: Tensor<Float>?, generatorLabels: Tensor<Float>?,
                    batchIndex: Int, curNimg: Int, random: RandomSource) -> TrainingStepResult {
        let batch = options.batchSize
        precondition(options.batchGPU > 0 && batch % options.batchGPU == 0, "batch_gpu \(options.batchGPU) must divide batch \(batch)")
        precondition(realImages.rank == 4 && realImages.shape[0] == batch, "real images must be [\(batch), C, H, W], got \(realImages.shape)")
        let zDim = generator.config.zDim
        let allGenZ = random.normal([phases.count * batch, zDim])
        var result = TrainingStepResult(phases: [], emaBeta: 0)
        for (index, phase) in phases.enumerated() {
            guard phase.runs(atBatch: batchIndex) else { continue }
            let genZ = allGenZ.sliced(axis: 0, start: index * batch, end: (index + 1) * batch)
            let genC = generatorLabels?.sliced(axis: 0, start: index * batch, end: (index + 1) * batch)
            let module: any Module = phase.kind.trainsGenerator ? generator : discriminator
            let optimizer = phase.kind.trainsGenerator ? generatorOptimizer : discriminatorOptimizer
            optimizer.zeroGrad()
            module.requiresGrad(true)
            var statistics = LossStatistics()
            let round = options.batchGPU
            for start in stride(from: 0, to: batch, by: round) {
                func rows(_ x: Tensor<Float>?) -> Tensor<Float>? {
                    guard let x else { return nil }
                    return round == batch ? x : x.sliced(axis: 0, start: start, end: start + round)
                }
                let roundStatistics = loss.accumulateGradients(phase: phase.kind, realImg: rows(realImages) ?? realImages,
                                                               realC: rows(realLabels), genZ: rows(genZ) ?? genZ, genC: rows(genC),
                                                               gain: Double(phase.interval), random: random)
                statistics.append(roundStatistics)
            }
            module.requiresGrad(false)
            GradientSanitizer.sanitize(module.parameters)
            optimizer.step()
            result.phases.append((phase.kind, statistics))
        }
        result.emaBeta = GeneratorEMA.beta(batchSize: batch, emaKimg: options.emaKimg, emaRampup: options.emaRampup, curNimg: curNimg)
        GeneratorEMA.update(ema: generatorEMA, from: generator, beta: result.emaBeta)
        return result
    }

    /// The official conversion of uint8 training images: `x.to(float32) / 127.5 − 1` (float32).
    public static func realImages(pixels: [UInt8], shape: [Int]) -> Tensor<Float> {
        Tensor(shape: shape, scalars: pixels.map { Float($0) / 127.5 - 1 })
    }
}
