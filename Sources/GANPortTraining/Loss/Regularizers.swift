import GANPortTensor

/// The two gradient penalties of `StyleGAN2Loss`, written once for any scalar type so they can be
/// checked in float64. Both differentiate through the engine's second-order autodiff.
public enum Regularizers {
    /// R1 per sample: `Σ_{C,H,W} (∂ Σ logits / ∂ images)²` (`r1_penalty` before `γ/2`), with the
    /// gradient graph kept (`create_graph=True`) so the penalty can be differentiated again.
    /// `images` must be the leaf (requiring grad) the logits were computed from.
    public static func r1Penalty<Scalar: TensorScalar>(logits: Tensor<Scalar>, images: Tensor<Scalar>) -> Tensor<Scalar> {
        let grads = Tensor.gradients(of: [logits], wrt: [images], createGraph: true)[0]
        return grads.square().sum(axes: [1, 2, 3])
    }

    /// Path lengths per sample: `sqrt(mean_ws(Σ_w g²))` with `g = ∂ Σ(images · noise) / ∂ ws`
    /// (`pl_lengths`), gradient graph kept. `noise` is `randn_like(images) / sqrt(H·W)`.
    public static func pathLengths<Scalar: TensorScalar>(images: Tensor<Scalar>, ws: Tensor<Scalar>, noise: Tensor<Scalar>) -> Tensor<Scalar> {
        let grads = Tensor.gradients(of: [images], wrt: [ws], cotangents: [noise], createGraph: true)[0]
        return grads.square().sum(axes: [2]).mean(axes: [1]).sqrt()
    }
}
