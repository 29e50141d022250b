/// What one official training iteration needs besides the networks: batch size, regularization
/// intervals, optimizers, loss and G_ema settings (`training_loop.training_loop` arguments).
public struct TrainingStepOptions: Equatable, Sendable {
    /// Images per iteration (`batch_size`).
    public var batchSize: Int
    /// Images per accumulation round (`batch_gpu`; one GPU). Each phase runs `batchSize / batchGPU`
    /// rounds whose losses (means per round, times the gain) add up in the gradients, as the official
    /// loop does when `batch_size > batch_gpu`. Must divide `batchSize`.
    public var batchGPU: Int
    /// `G_reg_interval` (nil: one `Gboth` phase, no lazy regularization).
    public var generatorRegInterval: Int? = 4
    /// `D_reg_interval` (nil: one `Dboth` phase).
    public var discriminatorRegInterval: Int? = 16
    /// `G_opt_kwargs` before the lazy-regularization scaling.
    public var generatorOptimizer: AdamOptions
    /// `D_opt_kwargs` before the lazy-regularization scaling.
    public var discriminatorOptimizer: AdamOptions
    /// `loss_kwargs`.
    public var loss: StyleGAN2LossOptions
    /// `ema_kimg`: half-life of the G_ema average in thousands of images.
    public var emaKimg: Double
    /// `ema_rampup` (nil: none).
    public var emaRampup: Double?

    public init(batchSize: Int, batchGPU: Int? = nil, generatorRegInterval: Int? = 4, discriminatorRegInterval: Int? = 16,
                generatorOptimizer: AdamOptions, discriminatorOptimizer: AdamOptions,
                loss: StyleGAN2LossOptions = StyleGAN2LossOptions(), emaKimg: Double, emaRampup: Double?) {
        self.batchSize = batchSize
        self.batchGPU = batchGPU ?? batchSize
        self.generatorRegInterval = generatorRegInterval
        self.discriminatorRegInterval = discriminatorRegInterval
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
        self.loss = loss
        self.emaKimg = emaKimg
        self.emaRampup = emaRampup
    }
}
