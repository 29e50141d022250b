import Foundation
import GANPortTensor

/// Color transforms: a homogeneous 4×4 matrix per image (`C @ color_in → color_out`) built from
/// brightness, contrast, luma flip, hue rotation and saturation, applied to RGB or luma images.
extension AugmentPipe {
    /// The luma axis `[1, 1, 1, 0] / √3` in float32.
    static let lumaAxis: [Float] = [1, 1, 1, 0].map { Float(Double($0) / 3.0.squareRoot()) }

    /// `C` per image, or nil when no color transform is enabled (the official `I_4`). Hue and
    /// saturation need more than one channel and draw nothing otherwise.
    func colorTransform(batch n: Int, channels: Int, random: RandomSource) -> AugmentMatrix? {
        let s = settings
        var color = AugmentMatrix.identity(size: 4, batch: n)
        var enabled = false
        let v = AugmentPipe.lumaAxis
        let outer = v.flatMap { a in v.map { a * $0 } }  // v.ger(v)

        if s.brightness > 0 {
            let offset = random.normal([n]).scalars.map { $0 * Float(s.brightnessStd) }
            let b = gate(offset, threshold: threshold(s.brightness), otherwise: 0, shape: [n], random: random)
            color = AugmentTransforms.translate3d(b).multiplied(by: color)
            enabled = true
        }
        if s.contrast > 0 {
            let factor = random.normal([n]).scalars.map { exp2f($0 * Float(s.contrastStd)) }
            let c = gate(factor, threshold: threshold(s.contrast), otherwise: 1, shape: [n], random: random)
            color = AugmentTransforms.scale3d(c).multiplied(by: color)
            enabled = true
        }
        if s.lumaflip > 0 {
            let flip = random.uniform([n, 1, 1]).scalars.map { ($0 * 2).rounded(.down) }
            let i = gate(flip, threshold: threshold(s.lumaflip), otherwise: 0, shape: [n, 1, 1], random: random)
            // Householder reflection I − 2·v vᵀ·i.
            let reflection = AugmentMatrix.build(size: 4, batch: n) { b in
                (0..<4).map { r in (0..<4).map { col in (r == col ? 1 : 0) - 2 * outer[r * 4 + col] * i[b] } }
            }
            color = reflection.multiplied(by: color)
            enabled = true
        }
        if s.hue > 0 && channels > 1 {
            let angle = random.uniform([n]).scalars.map { ($0 * 2 - 1) * Float(Double.pi) * Float(s.hueMax) }
            let theta = gate(angle, threshold: threshold(s.hue), otherwise: 0, shape: [n], random: random)
            color = AugmentTransforms.rotate3d(axis: v, theta).multiplied(by: color)
            enabled = true
        }
        if s.saturation > 0 && channels > 1 {
            let factor = random.normal([n, 1, 1]).scalars.map { exp2f($0 * Float(s.saturationStd)) }
            let k = gate(factor, threshold: threshold(s.saturation), otherwise: 1, shape: [n, 1, 1], random: random)
            // v vᵀ + (I − v vᵀ)·s.
            let saturation = AugmentMatrix.build(size: 4, batch: n) { b in
                (0..<4).map { r in (0..<4).map { col in outer[r * 4 + col] + ((r == col ? 1 : 0) - outer[r * 4 + col]) * k[b] } }
            }
            color = saturation.multiplied(by: color)
            enabled = true
        }
        return enabled ? color : nil
    }

    /// Applies `C`: RGB images as `C[:3, :3] @ rgb + C[:3, 3]`; one-channel images with the mean of
    /// the three color rows (`x · Σ_j m_j + m_3`).
    func applyColor(_ images: Tensor<Float>, _ color: AugmentMatrix) -> Tensor<Float> {
        let (n, c, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let pixels = height * width
        switch c {
        case 3:
            var linear: [Float] = [], offset: [Float] = []
            for b in 0..<n {
                for i in 0..<3 {
                    for j in 0..<3 { linear.append(color[b, i, j]) }
                    offset.append(color[b, i, 3])
                }
            }
            // A batched product of 3·3·H·W multiply-adds: PyTorch sums plainly below 400, else with BLAS.
            let x = images.reshaped([n, 3, pixels])
            let mixed = 9 * pixels < 400
                ? Tensor.plainBatchedProduct(Tensor(shape: [n, 3, 3], scalars: linear), x)
                : Tensor.matmul(Tensor(shape: [n, 3, 3], scalars: linear), x)
            return (mixed + Tensor(shape: [n, 3, 1], scalars: offset)).reshaped(images.shape)
        case 1:
            var gain: [Float] = [], offset: [Float] = []
            for b in 0..<n {
                let row = (0..<4).map { j in (color[b, 0, j] + color[b, 1, j] + color[b, 2, j]) / 3 }
                gain.append(row[0] + row[1] + row[2])
                offset.append(row[3])
            }
            let x = images.reshaped([n, 1, pixels])
            return (x * Tensor(shape: [n, 1, 1], scalars: gain) + Tensor(shape: [n, 1, 1], scalars: offset)).reshaped(images.shape)
        default:
            preconditionFailure("AugmentPipe color transforms need RGB (3 channels) or L (1 channel) images, got \(c) channels")
        }
    }
}

extension Tensor where Scalar == Float {
    /// `a @ x` for a constant batch of 3×3 matrices `a` [N, 3, 3] and `x` [N, 3, P], each element
    /// `(a0·x0 + a1·x1) + a2·x2` rounded step by step (PyTorch's small batched product).
    /// Differentiable in `x` to any order.
    static func plainBatchedProduct(_ a: Tensor, _ x: Tensor) -> Tensor {
        // Written with differentiable ops so the product can be differentiated to any order.
        let rows = (0..<3).map { i in
            (0..<3).map { k in a.sliced(axis: 1, start: i, end: i + 1).sliced(axis: 2, start: k, end: k + 1) }
        }
        let channels = (0..<3).map { k in x.sliced(axis: 1, start: k, end: k + 1) }
        let result = Tensor.concatenated(rows.map { r in (r[0] * channels[0] + r[1] * channels[1]) + r[2] * channels[2] }, axis: 1)
        return result
    }
}
