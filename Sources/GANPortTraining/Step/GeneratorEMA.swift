import Foundation
import GANPortModels
import GANPortTensor

/// The official G_ema update (`training_loop.py`, after the phases of each iteration).
public enum GeneratorEMA {
    /// `ema_beta = 0.5 ** (batch / max(ema_nimg, 1e-8))` with `ema_nimg = ema_kimg·1000`, limited to
    /// `cur_nimg · ema_rampup` when a ramp-up is set (`cur_nimg` counted before this iteration).
    public static func beta(batchSize: Int, emaKimg: Double, emaRampup: Double?, curNimg: Int) -> Double {
        var emaNimg = emaKimg * 1000
        if let emaRampup { emaNimg = Swift.min(emaNimg, Double(curNimg) * emaRampup) }
        return Foundation.pow(0.5, Double(batchSize) / Swift.max(emaNimg, 1e-8))
    }

    /// `p_ema ← lerp(p, p_ema, beta)` for the parameters (paired in order) and `b_ema ← b` for the
    /// buffers. torch's CPU lerp with a scalar weight: `fma(w, end − start, start)` for |w| < 0.5,
    /// else `fma(−(end − start), 1 − w, end)` in float32.
    public static func update(ema: StyleGAN2.Generator, from generator: StyleGAN2.Generator, beta: Double) {
        let w = Float(beta)
        for ((_, target), (_, source)) in zip(ema.namedParameters(), generator.namedParameters()) {
            let start = source.scalars
            target.assign { end in
                for i in end.indices { end[i] = lerp(start[i], end[i], w) }
            }
        }
        for ((_, target), (_, source)) in zip(ema.namedBuffers(), generator.namedBuffers()) {
            let values = source.scalars
            target.assign { $0 = values }
        }
    }

    /// torch's float32 `lerp(start, end, weight)`.
    public static func lerp(_ start: Float, _ end: Float, _ weight: Float) -> Float {
        let difference = end - start
        if Swift.abs(weight) < 0.5 { return start.addingProduct(weight, difference) }
        return end.addingProduct(-difference, 1 - weight)
    }
}
