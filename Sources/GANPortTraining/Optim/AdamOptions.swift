import Foundation

/// Hyperparameters of `Adam` (`torch.optim.Adam` keyword arguments; no weight decay, no AMSGrad).
public struct AdamOptions: Equatable, Sendable {
    /// Learning rate `lr`.
    public var learningRate: Double
    /// `betas[0]`: decay of the first moment.
    public var beta1: Double
    /// `betas[1]`: decay of the second moment.
    public var beta2: Double
    /// `eps`, added to the bias-corrected root of the second moment.
    public var epsilon: Double

    public init(learningRate: Double, beta1: Double = 0, beta2: Double = 0.99, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The official StyleGAN2-ADA optimizer (`betas=[0, 0.99]`, `eps=1e-8`) with learning rate `lr`.
    public static func styleGAN2(learningRate: Double) -> AdamOptions { AdamOptions(learningRate: learningRate) }

    /// Lazy regularization (`training_loop.py`): with a regularization interval `I`, the shared
    /// optimizer of the main and regularization phases runs with `mb_ratio = I / (I + 1)`,
    /// `lr · mb_ratio` and `betas ** mb_ratio`. `nil` (no lazy regularization) leaves the options as they are.
    public func lazyRegularized(interval: Int?) -> AdamOptions {
        guard let interval else { return self }
        let ratio = Double(interval) / Double(interval + 1)
        return AdamOptions(learningRate: learningRate * ratio, beta1: Foundation.pow(beta1, ratio),
                           beta2: Foundation.pow(beta2, ratio), epsilon: epsilon)
    }
}
