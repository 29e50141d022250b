import GANPortTensor

/// The official `misc.nan_to_num(grad, nan=0, posinf=1e5, neginf=-1e5, out=grad)` applied to every
/// gradient before an optimizer step: NaN becomes 0 and every value is clamped to [−1e5, 1e5]
/// (`clamp(nansum(...))`, so finite values beyond ±1e5 are clamped too).
public enum GradientSanitizer {
    /// The bound of the clamp.
    public static let limit: Float = 1e5

    /// Sanitizes the gradient of each tensor that has one, in place.
    public static func sanitize(_ tensors: [Tensor<Float>]) {
        for tensor in tensors {
            guard let grad = tensor.grad else { continue }
            tensor.grad = Tensor(shape: grad.shape, scalars: grad.scalars.map(sanitized))
        }
    }

    /// One element: NaN → 0, then clamped to ±`limit`.
    public static func sanitized(_ value: Float) -> Float {
        value.isNaN ? 0 : Swift.min(Swift.max(value, -limit), limit)
    }
}
