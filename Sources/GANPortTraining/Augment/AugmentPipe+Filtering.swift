import Foundation
import GANPortTensor

/// Image-space filtering and corruptions: random amplification of four frequency bands, additive
/// RGB noise and cutout.
extension AugmentPipe {
    /// Expected power of the four bands (a 1/f spectrum), `[10, 1, 1, 1] / 13` in float32.
    static let expectedBandPower: [Float] = [10, 1, 1, 1].map { Float($0 / 13.0) }

    /// Amplifies each band of each image by `2^(N(0, imgfilter_std))` with probability
    /// `imgfilter · p · band_strength`, keeping the expected power, as one separable filter per
    /// image (reflection padding, then a horizontal and a vertical pass).
    func filterImages(_ images: Tensor<Float>, random: RandomSource) -> Tensor<Float> {
        let (n, c, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let bands = filterBank.count, taps = filterBank[0].count
        precondition(settings.imgfilterBands.count == bands, "imgfilter_bands needs \(bands) values")
        let power = AugmentPipe.expectedBandPower
        var gains = [Float](repeating: 1, count: n * bands)
        let base = threshold(settings.imgfilter)
        for (band, strength) in settings.imgfilterBands.enumerated() {
            let amplification = random.normal([n]).scalars.map { exp2f($0 * Float(settings.imgfilterStd)) }
            let t = gate(amplification, threshold: base * Float(strength), otherwise: 1, shape: [n], random: random)
            for b in 0..<n {
                var vector = [Float](repeating: 1, count: bands)
                vector[band] = t[b]
                var total: Float = 0
                for k in 0..<bands { total += power[k] * (vector[k] * vector[k]) }
                let norm = total.squareRoot()
                for k in 0..<bands { gains[b * bands + k] *= vector[k] / norm }
            }
        }
        // Hz_prime = g @ Hz_fbank (a BLAS product: fused multiply-adds), one filter per image and channel.
        var weights: [Float] = []
        for b in 0..<n {
            var filter = [Float](repeating: 0, count: taps)
            for t in 0..<taps {
                var value: Float = 0
                for k in 0..<bands { value.addProduct(gains[b * bands + k], filterBank[k][t]) }
                filter[t] = value
            }
            for _ in 0..<c { weights += filter }
        }
        let pad = taps / 2
        let x = images.reshaped([1, n * c, height, width]).reflectionPadded(top: pad, bottom: pad, left: pad, right: pad)
        let horizontal = Tensor.conv2d(x, Tensor(shape: [n * c, 1, 1, taps], scalars: weights), groups: n * c)
        let vertical = Tensor.conv2d(horizontal, Tensor(shape: [n * c, 1, taps, 1], scalars: weights), groups: n * c)
        return vertical.reshaped(images.shape)
    }

    /// Adds `N(0, σ²)` noise per pixel with `σ = |N(0, 1)|·noise_std` per image, with probability
    /// `noise · p` (the pixel noise is drawn for every image).
    func addNoise(_ images: Tensor<Float>, random: RandomSource) -> Tensor<Float> {
        let n = images.shape[0]
        let sigma = random.normal([n, 1, 1, 1]).scalars.map { Swift.abs($0) * Float(settings.noiseStd) }
        let gated = gate(sigma, threshold: threshold(settings.noise), otherwise: 0, shape: [n, 1, 1, 1], random: random)
        let noise = random.normal(images.shape)
        return images + noise * Tensor(shape: [n, 1, 1, 1], scalars: gated)
    }

    /// Zeroes a `cutout_size`-sized rectangle at a uniform random center per image, with
    /// probability `cutout · p`.
    func cutOut(_ images: Tensor<Float>, random: RandomSource) -> Tensor<Float> {
        let (n, height, width) = (images.shape[0], images.shape[2], images.shape[3])
        let fullSize = [Float](repeating: Float(settings.cutoutSize), count: 2 * n)
        let size = gate(fullSize, per: 2, threshold: threshold(settings.cutout), otherwise: 0, shape: [n, 1, 1, 1, 1], random: random)
        let center = random.uniform([n, 2, 1, 1, 1]).scalars
        var mask = [Float](repeating: 0, count: n * height * width)
        for b in 0..<n {
            for row in 0..<height {
                let outsideY = Swift.abs((Float(row) + 0.5) / Float(height) - center[2 * b + 1]) >= size[2 * b + 1] / 2
                for column in 0..<width {
                    let outsideX = Swift.abs((Float(column) + 0.5) / Float(width) - center[2 * b]) >= size[2 * b] / 2
                    mask[(b * height + row) * width + column] = outsideX || outsideY ? 1 : 0
                }
            }
        }
        return images * Tensor(shape: [n, 1, height, width], scalars: mask)
    }
}
