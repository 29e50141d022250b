/// Keyword arguments of the official `StyleGAN2Loss` (`training/loss.py`), with its defaults.
public struct StyleGAN2LossOptions: Equatable, Sendable {
    /// Probability of mixing two latents per generator call (`style_mixing_prob`).
    public var styleMixingProbability: Double = 0.9
    /// R1 weight γ (`r1_gamma`); 0 disables R1.
    public var r1Gamma: Double = 10
    /// Path-length batch divisor (`pl_batch_shrink`).
    public var plBatchShrink: Int = 2
    /// Decay of the running path-length mean (`pl_decay`).
    public var plDecay: Double = 0.01
    /// Path-length weight (`pl_weight`); 0 disables path-length regularization.
    public var plWeight: Double = 2

    public init(styleMixingProbability: Double = 0.9, r1Gamma: Double = 10, plBatchShrink: Int = 2,
                plDecay: Double = 0.01, plWeight: Double = 2) {
        self.styleMixingProbability = styleMixingProbability
        self.r1Gamma = r1Gamma
        self.plBatchShrink = plBatchShrink
        self.plDecay = plDecay
        self.plWeight = plWeight
    }
}
