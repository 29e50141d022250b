import Foundation
import GANPortTensor

/// Pixel blitting and general geometric transforms: the inverse homogeneous 2-D transform
/// (`G_inv @ pixel_out → pixel_in`) built from the official draws, then executed by reflection
/// padding, 2× upsampling with `Hz_geom`, `grid_sample` and 2× downsampling with cropping.
extension AugmentPipe {
    /// `G_inv` per image, or nil when no geometric transform is enabled (the official `I_3`).
    func geometricTransform(batch n: Int, height: Int, width: Int, random: RandomSource) -> AugmentMatrix? {
        let s = settings
        var inverse = AugmentMatrix.identity(size: 3, batch: n)
        let pi = Float(Double.pi)

        if s.xflip > 0 {
            let flip = random.uniform([n]).scalars.map { ($0 * 2).rounded(.down) }
            let i = gate(flip, threshold: threshold(s.xflip), otherwise: 0, shape: [n], random: random)
            inverse = inverse.multiplied(by: AugmentTransforms.scale2dInverse(i.map { 1 - 2 * $0 }, ones(n)))
        }
        if s.rotate90 > 0 {
            let quarter = random.uniform([n]).scalars.map { ($0 * 4).rounded(.down) }
            let i = gate(quarter, threshold: threshold(s.rotate90), otherwise: 0, shape: [n], random: random)
            inverse = inverse.multiplied(by: AugmentTransforms.rotate2dInverse(i.map { Float(-Double.pi / 2) * $0 }))
        }
        if s.xint > 0 {
            let shift = random.uniform([n, 2]).scalars.map { ($0 * 2 - 1) * Float(s.xintMax) }
            let t = gate(shift, per: 2, threshold: threshold(s.xint), otherwise: 0, shape: [n, 1], random: random)
            let tx = (0..<n).map { (t[2 * $0] * Float(width)).rounded(.toNearestOrEven) }
            let ty = (0..<n).map { (t[2 * $0 + 1] * Float(height)).rounded(.toNearestOrEven) }
            inverse = inverse.multiplied(by: AugmentTransforms.translate2dInverse(tx, ty))
        }
        if s.scale > 0 {
            let scale = random.normal([n]).scalars.map { exp2f($0 * Float(s.scaleStd)) }
            let k = gate(scale, threshold: threshold(s.scale), otherwise: 1, shape: [n], random: random)
            inverse = inverse.multiplied(by: AugmentTransforms.scale2dInverse(k, k))
        }
        // P(pre OR post) = p.
        let pRot = 1 - Swift.min(Swift.max(1 - threshold(s.rotate), 0), 1).squareRoot()
        func rotation() -> [Float] {
            let theta = random.uniform([n]).scalars.map { ($0 * 2 - 1) * pi * Float(s.rotateMax) }
            return gate(theta, threshold: pRot, otherwise: 0, shape: [n], random: random)
        }
        if s.rotate > 0 {
            inverse = inverse.multiplied(by: AugmentTransforms.rotate2dInverse(rotation().map { -$0 }))
        }
        if s.aniso > 0 {
            let scale = random.normal([n]).scalars.map { exp2f($0 * Float(s.anisoStd)) }
            let k = gate(scale, threshold: threshold(s.aniso), otherwise: 1, shape: [n], random: random)
            inverse = inverse.multiplied(by: AugmentTransforms.scale2dInverse(k, k.map { 1 / $0 }))
        }
        if s.rotate > 0 {
            inverse = inverse.multiplied(by: AugmentTransforms.rotate2dInverse(rotation().map { -$0 }))
        }
        if s.xfrac > 0 {
            let shift = random.normal([n, 2]).scalars.map { $0 * Float(s.xfracStd) }
            let t = gate(shift, per: 2, threshold: threshold(s.xfrac), otherwise: 0, shape: [n, 1], random: random)
            let tx = (0..<n).map { t[2 * $0] * Float(width) }, ty = (0..<n).map { t[2 * $0 + 1] * Float(height) }
            inverse = inverse.multiplied(by: AugmentTransforms.translate2dInverse(tx, ty))
        }
        return s.hasGeometry ? inverse : nil
    }

    /// Executes `G_inv` on the images: pad (reflect) by the margin the transformed corners need,
    /// upsample 2× with `Hz_geom`, sample with `grid_sample`, downsample 2× and crop.
    func resample(_ images: Tensor<Float>, inverse start: AugmentMatrix) -> Tensor<Float> {
        let (n, c, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        var inverse = start
        let filterPad = geometryFilter.count / 4
        let cx = Float(Double(width - 1) / 2), cy = Float(Double(height - 1) / 2)

        // Calculate padding: the corners' positions in the input, as [x0, y0, x1, y1] margins.
        let corners = inverse.applied(toColumns: [[-cx, cx, cx, -cx], [-cy, -cy, cy, cy], [1, 1, 1, 1]])
        var margin = [Float](repeating: -.infinity, count: 4)
        for b in 0..<n {
            for corner in 0..<4 {
                let x = corners[(b * 3) * 4 + corner], y = corners[(b * 3 + 1) * 4 + corner]
                margin = [Swift.max(margin[0], -x), Swift.max(margin[1], -y), Swift.max(margin[2], x), Swift.max(margin[3], y)]
            }
        }
        let offsets = [Float(Double(filterPad * 2) - Double(cx)), Float(Double(filterPad * 2) - Double(cy))]
        let limits = [Float(width - 1), Float(height - 1)]
        let pads = (0..<4).map { k -> Int in
            let value = Swift.min(Swift.max(margin[k] + offsets[k % 2], 0), limits[k % 2])
            return Int(value.rounded(.up))
        }
        let (mx0, my0, mx1, my1) = (pads[0], pads[1], pads[2], pads[3])

        // Pad image and adjust origin.
        var x = images.reflectionPadded(top: my0, bottom: my1, left: mx0, right: mx1)
        inverse = AugmentTransforms.translate2d(repeated(Float(mx0 - mx1) / 2, n), repeated(Float(my0 - my1) / 2, n))
            .multiplied(by: inverse)

        // Upsample.
        x = Tensor.upsample2d(x, filter: geometryFilter, up: [2])
        inverse = AugmentTransforms.scale2d(repeated(2, n), repeated(2, n)).multiplied(by: inverse)
            .multiplied(by: AugmentTransforms.scale2dInverse(repeated(2, n), repeated(2, n)))
        inverse = AugmentTransforms.translate2d(repeated(-0.5, n), repeated(-0.5, n)).multiplied(by: inverse)
            .multiplied(by: AugmentTransforms.translate2dInverse(repeated(-0.5, n), repeated(-0.5, n)))

        // Execute transformation.
        let outHeight = (height + filterPad * 2) * 2, outWidth = (width + filterPad * 2) * 2
        let toNormalized = AugmentTransforms.scale2d(repeated(Float(2 / Double(x.shape[3])), n), repeated(Float(2 / Double(x.shape[2])), n))
        let fromNormalized = AugmentTransforms.scale2d(repeated(Float(1 / (2 / Double(outWidth))), n),
                                                       repeated(Float(1 / (2 / Double(outHeight))), n))
        inverse = toNormalized.multiplied(by: inverse).multiplied(by: fromNormalized)
        var theta: [Float] = []
        for b in 0..<n { for i in 0..<2 { for j in 0..<3 { theta.append(inverse[b, i, j]) } } }
        let grid = Tensor.affineGrid(theta: Tensor(shape: [n, 2, 3], scalars: theta), size: [n, c, outHeight, outWidth])
        x = Tensor.gridSample(x, grid: grid)

        // Downsample and crop.
        return Tensor.downsample2d(x, filter: geometryFilter, down: [2], padding: [-filterPad * 2], flipFilter: true)
    }

    private func ones(_ n: Int) -> [Float] { repeated(1, n) }
    private func repeated(_ value: Float, _ n: Int) -> [Float] { [Float](repeating: value, count: n) }
}
