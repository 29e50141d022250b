import GANPortTensor

/// Augmentation applied to every image the discriminator sees during training (real and fake),
/// like the official `augment_pipe` in `training/loss.py` `run_D`. Differentiable in the images:
/// the generator's loss and the R1 penalty flow back through it.
public protocol ImageAugmentation: AnyObject {
    /// Augments `images` [N, C, H, W] (float32, nominally in [−1, 1]), drawing every random number
    /// from `random` in the order of the official implementation.
    func callAsFunction(_ images: Tensor<Float>, random: RandomSource) -> Tensor<Float>
}
