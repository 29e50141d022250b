import GANPortTensor

/// The official ADA controller (`training_loop.py`): the signs of the discriminator's real logits
/// are accumulated (`Loss/signs/real`, every D phase that sees reals), and every `interval` steps
/// `p ← max(p + sign(mean(sign(real_logits)) − target) · batch·interval / (kimg·1000), 0)`.
///
/// The state (`signSum`, `signCount`, the last mean) is `Codable`, so a run resumes exactly.
public struct AdaptiveAugmentStrength: Codable, Equatable, Sendable {
    /// The target mean sign (`--target`, default 0.6).
    public var target: Double
    /// Steps between adjustments (`ada_interval`, default 4).
    public var interval: Int
    /// kimg for `p` to move by 1 (`ada_kimg`, default 500; 100 when resuming).
    public var kimg: Double
    /// Images per step (`batch_size`).
    public var batchSize: Int
    /// Σ sign(real logits) since the last adjustment.
    public private(set) var signSum: Double = 0
    /// Number of logits summed since the last adjustment.
    public private(set) var signCount: Int = 0
    /// The mean of the previous window, reused when a window saw no logits (`keep_previous`).
    public private(set) var lastMean: Double?

    private enum CodingKeys: String, CodingKey {
        case target, interval, kimg, batchSize = "batch_size", signSum = "sign_sum", signCount = "sign_count", lastMean = "last_mean"
    }

    /// A controller with the official defaults.
    public init(target: Double = 0.6, interval: Int = 4, kimg: Double = 500, batchSize: Int) {
        precondition(interval > 0 && kimg > 0 && batchSize > 0, "ADA needs a positive interval, kimg and batch size")
        self.target = target
        self.interval = interval
        self.kimg = kimg
        self.batchSize = batchSize
    }

    /// Takes over the open window of a saved controller (its sums and last mean); the settings
    /// (target, interval, kimg, batch) stay this controller's, which come from the run's options.
    public mutating func restoreWindow(from saved: AdaptiveAugmentStrength) {
        signSum = saved.signSum
        signCount = saved.signCount
        lastMean = saved.lastMean
    }

    /// Records the real logits of one D phase (`training_stats.report('Loss/signs/real', logits.sign())`).
    public mutating func record(realLogits: Tensor<Float>) {
        for value in realLogits.scalars { signSum += value > 0 ? 1 : value < 0 ? -1 : 0 }
        signCount += realLogits.count
    }

    /// The size of one adjustment, `batch·interval / (kimg·1000)`.
    public var stepSize: Double { Double(batchSize * interval) / (kimg * 1000) }

    /// After step `batchIndex` (counted from 1, i.e. after the increment): when it is a multiple of
    /// `interval`, closes the window and returns the adjusted `p`; otherwise returns `p` unchanged.
    /// `p + adjust` is computed in float32 like the official buffer update. Before any logits were
    /// recorded `p` is kept (the official statistic would be NaN).
    public mutating func update(p: Float, batchIndex: Int) -> Float {
        guard batchIndex % interval == 0 else { return p }
        if signCount > 0 { lastMean = signSum / Double(signCount) }
        signSum = 0
        signCount = 0
        guard let mean = lastMean else { return p }
        let difference = mean - target
        let sign: Double = difference > 0 ? 1 : difference < 0 ? -1 : 0
        return Swift.max(p + Float(sign * stepSize), 0)
    }
}
