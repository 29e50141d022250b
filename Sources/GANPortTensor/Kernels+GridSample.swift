/// Bilinear sampling positions of `grid_sample` (zeros padding, `align_corners=False`): for each
/// output location of each image, the offsets of its four source pixels inside one input plane
/// (−1 where the pixel lies outside) and their weights, computed with PyTorch's CPU arithmetic.
struct GridSampleTable<T: TensorScalar> {
    /// Number of images, output locations per image (`Hout·Wout`), input height and width.
    let batch: Int, locations: Int, height: Int, width: Int
    /// Per location (image-major): source offsets `y·W + x` of the NW, NE, SW, SE pixels, −1 outside.
    var offsets: [Int] = []
    /// Per location: bilinear weights of the NW, NE, SW, SE pixels.
    var weights: [T] = []
    /// Per location: the fractional parts `(w, n)` of the source position (x, then y).
    var fractions: [T] = []

    /// The table for `grid` [N, Hout, Wout, 2] (x, y in [−1, 1]) over inputs of `height`×`width`.
    ///
    /// Source positions are `ix = (gx + 1)·(W/2) − 0.5` as one fused multiply-add, then
    /// `x0 = ⌊ix⌋`, `w = ix − x0`, `e = 1 − w` (likewise `n`, `s` for y), weights `nw = s·e`,
    /// `ne = s·w`, `sw = n·e`, `se = n·w` — the operations of PyTorch's vectorized CPU kernel.
    init(grid: [T], batch: Int, locations: Int, height: Int, width: Int) {
        self.batch = batch
        self.locations = locations
        self.height = height
        self.width = width
        let total = batch * locations
        offsets = [Int](repeating: -1, count: 4 * total)
        weights = [T](repeating: 0, count: 4 * total)
        fractions = [T](repeating: 0, count: 2 * total)
        let halfW = T(width) / 2, halfH = T(height) / 2
        let maxX = T(width), maxY = T(height)
        for index in 0..<total {
            let ix = T(-0.5).addingProduct(grid[2 * index] + 1, halfW)
            let iy = T(-0.5).addingProduct(grid[2 * index + 1] + 1, halfH)
            let x0 = ix.rounded(.down), y0 = iy.rounded(.down)
            let w = ix - x0, e = 1 - w, n = iy - y0, s = 1 - n
            weights[4 * index] = s * e
            weights[4 * index + 1] = s * w
            weights[4 * index + 2] = n * e
            weights[4 * index + 3] = n * w
            fractions[2 * index] = w
            fractions[2 * index + 1] = n
            // Comparisons in floating point first: NaN and huge positions stay outside.
            let westIn = x0 > -1 && x0 < maxX, eastIn = x0 + 1 > -1 && x0 + 1 < maxX
            let northIn = y0 > -1 && y0 < maxY, southIn = y0 + 1 > -1 && y0 + 1 < maxY
            guard westIn || eastIn, northIn || southIn else { continue }
            let column = Int(x0), row = Int(y0)
            if northIn && westIn { offsets[4 * index] = row * width + column }
            if northIn && eastIn { offsets[4 * index + 1] = row * width + column + 1 }
            if southIn && westIn { offsets[4 * index + 2] = (row + 1) * width + column }
            if southIn && eastIn { offsets[4 * index + 3] = (row + 1) * width + column + 1 }
        }
    }
}

extension Kernels {
    /// Width of the chunks in which PyTorch's CPU backward scatters input gradients (AVX2 lanes).
    static let gridSampleChunk = 8

    /// `grid_sample` forward: each output element is `nw·x_nw + ne·x_ne + sw·x_sw + se·x_se`, summed
    /// as a chain of fused multiply-adds in that order (pixels outside count as 0).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSample<T: TensorScalar>(_ x: [T], channels: Int, table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        return x.withUnsafeBufferPointer { px in
            table.offsets.withUnsafeBufferPointer { po in
                table.weights.withUnsafeBufferPointer { pw in
                    uninitializedArray(count: table.batch * channels * locations) { out in
                        nonisolated(unsafe) let px = px.baseAddress!, po = po.baseAddress!, pw = pw.baseAddress!, out = out
                        TensorRuntime.parallelSplit(table.batch * channels, grain: Swift.max(1, elementwiseGrain / Swift.max(1, locations))) { range in
                            for plane in range {
                                let image = plane / channels
                                let source = px + plane * planeSize
                                let target = out + plane * locations
                                for p in 0..<locations {
                                    let o = po + 4 * (image * locations + p), w = pw + 4 * (image * locations + p)
                                    var value = (o[0] >= 0 ? source[o[0]] : 0) * w[0]
                                    value.addProduct(o[1] >= 0 ? source[o[1]] : 0, w[1])
                                    value.addProduct(o[2] >= 0 ? source[o[2]] : 0, w[2])
                                    value.addProduct(o[3] >= 0 ? source[o[3]] : 0, w[3])
                                    target[p] = value
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `gridSample` in its input: every output cotangent `g` adds `g·weight` to each
    /// of its in-bounds source pixels. Additions run in PyTorch's CPU order: chunks of
    /// `gridSampleChunk` locations, within a chunk all NW additions, then NE, SW, SE.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSampleAdjoint<T: TensorScalar>(_ g: [T], channels: Int, table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        return g.withUnsafeBufferPointer { pg in
            table.offsets.withUnsafeBufferPointer { po in
                table.weights.withUnsafeBufferPointer { pw in
                    uninitializedArray(count: table.batch * channels * planeSize) { out in
                        nonisolated(unsafe) let pg = pg.baseAddress!, po = po.baseAddress!, pw = pw.baseAddress!, out = out
                        TensorRuntime.parallelSplit(table.batch * channels, grain: Swift.max(1, elementwiseGrain / Swift.max(1, locations))) { range in
                            for plane in range {
                                let image = plane / channels
                                let target = out + plane * planeSize
                                target.initialize(repeating: 0, count: planeSize)
                                let cotangent = pg + plane * locations
                                let o = po + 4 * image * locations, w = pw + 4 * image * locations
                                for start in stride(from: 0, to: locations, by: gridSampleChunk) {
                                    let end = Swift.min(start + gridSampleChunk, locations)
                                    for corner in 0..<4 {
                                        for p in start..<end where o[4 * p + corner] >= 0 {
                                            target[o[4 * p + corner]] += cotangent[p] * w[4 * p + corner]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The gradient of `Σ(gridSample(x, grid) · g)` in the grid [N, Hout, Wout, 2]: per location,
    /// over channels in order, `gx += ((x_ne − x_nw)·s + (x_se − x_sw)·n)·g` and
    /// `gy += ((x_sw − x_nw)·e + (x_se − x_ne)·w)·g`, then scaled by `W/2` and `H/2`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSampleGridGradient<T: TensorScalar>(_ g: [T], _ x: [T], channels: Int, table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        var out = [T](repeating: 0, count: 2 * table.batch * locations)
        let halfW = T(table.width) / 2, halfH = T(table.height) / 2
        for image in 0..<table.batch {
            for p in 0..<locations {
                let index = image * locations + p
                let w = table.fractions[2 * index], n = table.fractions[2 * index + 1]
                let e = 1 - w, s = 1 - n
                var gx = T(0), gy = T(0)
                for c in 0..<channels {
                    let plane = (image * channels + c) * planeSize
                    func value(_ corner: Int) -> T {
                        let offset = table.offsets[4 * index + corner]
                        return offset >= 0 ? x[plane + offset] : 0
                    }
                    let (nw, ne, sw, se) = (value(0), value(1), value(2), value(3))
                    let cotangent = g[(image * channels + c) * locations + p]
                    gx.addProduct((ne - nw) * s + (se - sw) * n, cotangent)
                    gy.addProduct((sw - nw) * e + (se - ne) * w, cotangent)
                }
                out[2 * index] = gx * halfW
                out[2 * index + 1] = gy * halfH
            }
        }
        return out
    }
}
