import GANPortTensor

/// StyleGAN2-ADA networks (NVlabs/stylegan2-ada-pytorch `training/networks.py`), rebuilt on the
/// GANPort tensor engine with the official state-dict keys.
///
/// Everything runs in float32. Where the official code would run a block in float16
/// (`num_fp16_res` > 0 on a GPU, or on CPU without `force_fp32=True`), GANPort computes the
/// `force_fp32=True` path: the same network in float32, without the fp16 pre-normalisation of
/// `modulated_conv2d`. Such a GPU run differs from this one by fp16 rounding (≈1e-3 relative);
/// `conv_clamp` is applied exactly as configured. Parity is measured against the official code
/// on CPU with `force_fp32=True`.
public enum StyleGAN2 {
    /// How synthesis layers add per-pixel noise (`noise_mode`).
    public enum NoiseMode: Equatable, Sendable {
        /// The stored `noise_const` buffers (the official inference default in `generate.py`).
        case const
        /// Fresh standard normal noise per call, from a SplitMix64 generator seeded with `seed`
        /// (reproducible in GANPort; not the same numbers as `torch.randn`).
        case random(seed: UInt64)
        /// No noise.
        case none
    }

    /// `np.sqrt(0.5)`, the residual gain of resnet blocks.
    static let residualGain = 0.5.squareRoot()
}

/// Draws the random noise of one forward call (`NoiseMode.random`), layer after layer: from a
/// seeded SplitMix64 generator, or from a `RandomSource` (one `torch.randn` per layer, as the
/// official training-mode forward draws it).
final class NoiseSampler {
    private var generator: SplitMix64
    private let source: RandomSource?

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
        source = nil
    }

    init(source: RandomSource) {
        generator = SplitMix64(seed: 0)
        self.source = source
    }

    func normal(_ shape: [Int]) -> Tensor<Float> {
        if let source { return source.normal(shape) }
        return Tensor<Float>.randomNormal(shape, using: &generator)
    }
}

extension Tensor where Scalar == Float {
    /// `torch.lerp(start, end, weight)` with a Python-number weight: `start + w·(end − start)` for
    /// |w| < 0.5, else `end + (w − 1)·(end − start)` (PyTorch's formula, without its FMA).
    static func torchLerp(_ start: Tensor, _ end: Tensor, weight: Double) -> Tensor {
        let w = Float(weight)
        if Swift.abs(w) < 0.5 { return start + (end - start).scaled(by: Double(w)) }
        return end + (end - start).scaled(by: Double(w - 1))
    }
}
