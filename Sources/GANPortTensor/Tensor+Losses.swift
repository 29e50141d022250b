/// GAN loss terms.
extension Tensor {
    /// The logistic (non-saturating) GAN loss per element in softplus form, as StyleGAN2's
    /// `StyleGAN2Loss` writes it: `softplus(−logits)` for logits that should score as real (the
    /// generator's main loss, the discriminator's real term) and `softplus(logits)` for logits that
    /// should score as fake (the discriminator's fake term). Reduce with `mean()` or `sum()`.
    public static func logisticLoss(_ logits: Tensor, targetReal: Bool) -> Tensor {
        targetReal ? (-logits).softplus() : logits.softplus()
    }
}
