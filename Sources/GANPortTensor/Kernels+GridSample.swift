/// Bilinear sampling positions of `grid_sample` (zeros padding, `align_corners=False`): for each
/// output location of each image, the offsets of its four source pixels inside one input plane
/// (−1 where the pixel lies outside) and their weights, computed with PyTorch's CPU arithmetic.
struct GridSampleTable<T: TensorScalar> {
    /// Number of images, output locations per image (`Hout·Wout`), input height and width.
    let batch: Int, locations: Int, height: Int, width: Int
    /// Per location (image-major): source offsets `y·W + x` of the NW, NE, SW, SE pixels, −1 outside.
    var offsets: [Int32] = []
    /// Per location: bilinear weights of the NW, NE, SW, SE pixels.
    var weights: [T] = []

    /// The table for `grid` [N, Hout, Wout, 2] (x, y in [−1, 1]) over inputs of `height`×`width`
    /// (whose plane must have fewer than 2³¹ elements).
    ///
    /// Source positions are `ix = (gx + 1)·(W/2) − 0.5` as one fused multiply-add, then
    /// `x0 = ⌊ix⌋`, `w = ix − x0`, `e = 1 − w` (likewise `n`, `s` for y), weights `nw = s·e`,
    /// `ne = s·w`, `sw = n·e`, `se = n·w` — the operations of PyTorch's vectorized CPU kernel.
    /// Locations are independent and split over `TensorRuntime.threadCount` threads.
    init(grid: [T], batch: Int, locations: Int, height: Int, width: Int) {
        precondition(height * width < Int(Int32.max), "gridSample input planes need fewer than 2³¹ elements")
        self.batch = batch
        self.locations = locations
        self.height = height
        self.width = width
        (offsets, weights) = Kernels.gridSampleTable(grid, count: batch * locations, height: height, width: width)
    }
}

/// Where one `grid_sample` position falls: `ix = (g + 1)·(size/2) − 0.5` as one fused
/// multiply-add, its floor and the fractional part, exactly as PyTorch's CPU kernel computes them.
@inline(__always)
func gridSampleSource<T: TensorScalar>(_ g: T, half: T) -> (floor: T, fraction: T) {
    let position = T(-0.5).addingProduct(g + 1, half)
    let floor = position.rounded(.down)
    return (floor, position - floor)
}

extension Kernels {
    /// Width of the chunks in which PyTorch's CPU backward scatters input gradients (AVX2 lanes).
    static let gridSampleChunk = 8

    /// Grain (in locations) of the parallel loops over sampling locations.
    static let gridSampleGrain = 1 << 12

    /// Locations per block of the forward kernel (their part of the table stays in cache across channels).
    static let gridSampleBlock = 1 << 10

    /// The offsets and weights of `GridSampleTable` for `count` grid locations (x, y pairs).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSampleTable<T: TensorScalar>(_ grid: [T], count: Int, height: Int, width: Int) -> ([Int32], [T]) {
        var weights: [T] = []
        guard count > 0 else { return ([], []) }
        let offsets = [Int32](unsafeUninitializedCapacity: 4 * count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress!), bytes: 4 * count * MemoryLayout<Int32>.stride)
            grid.withUnsafeBufferPointer { pg in
                weights = uninitializedArray(count: 4 * count) { pw in
                    nonisolated(unsafe) let pg = pg.baseAddress!, po = buffer.baseAddress!, pw = pw
                    let halfW = T(width) / 2, halfH = T(height) / 2
                    let maxX = T(width), maxY = T(height)
                    TensorRuntime.parallelSplit(count, grain: gridSampleGrain) { range in
                        for index in range {
                            let (x0, w) = gridSampleSource(pg[2 * index], half: halfW)
                            let (y0, n) = gridSampleSource(pg[2 * index + 1], half: halfH)
                            let e = 1 - w, s = 1 - n
                            let weight = pw + 4 * index
                            weight[0] = s * e
                            weight[1] = s * w
                            weight[2] = n * e
                            weight[3] = n * w
                            let offset = po + 4 * index
                            // Comparisons in floating point first: NaN and huge positions stay outside.
                            let westIn = x0 > -1 && x0 < maxX, eastIn = x0 + 1 > -1 && x0 + 1 < maxX
                            let northIn = y0 > -1 && y0 < maxY, southIn = y0 + 1 > -1 && y0 + 1 < maxY
                            guard westIn || eastIn, northIn || southIn else {
                                offset.initialize(repeating: -1, count: 4)
                                continue
                            }
                            // Integral values in −1…size: converted through Double, exact and fast in every specialization.
                            let column = Int(Double(x0)), row = Int(Double(y0))
                            let north = row * width + column, south = north + width
                            offset[0] = northIn && westIn ? Int32(truncatingIfNeeded: north) : -1
                            offset[1] = northIn && eastIn ? Int32(truncatingIfNeeded: north + 1) : -1
                            offset[2] = southIn && westIn ? Int32(truncatingIfNeeded: south) : -1
                            offset[3] = southIn && eastIn ? Int32(truncatingIfNeeded: south + 1) : -1
                        }
                    }
                }
            }
            initialized = 4 * count
        }
        return (offsets, weights)
    }

    /// `grid_sample` forward: each output element is `nw·x_nw + ne·x_ne + sw·x_sw + se·x_se`, summed
    /// as a chain of fused multiply-adds in that order (pixels outside count as 0). Runs blocks of
    /// `gridSampleBlock` locations over all channels of an image (one read of the table), split
    /// over locations.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSample<T: TensorScalar>(_ x: [T], channels: Int, table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        return x.withUnsafeBufferPointer { px in
            table.offsets.withUnsafeBufferPointer { po in
                table.weights.withUnsafeBufferPointer { pw in
                    uninitializedArray(count: table.batch * channels * locations) { out in
                        nonisolated(unsafe) let px = px.baseAddress!, po = po.baseAddress!, pw = pw.baseAddress!, out = out
                        let grain = Swift.max(1, gridSampleGrain / Swift.max(1, channels))
                        TensorRuntime.parallelSplit(table.batch * locations, grain: grain) { range in
                            // Blocks of locations within one image; each block runs over all channels
                            // while its part of the table is still in cache.
                            var index = range.lowerBound
                            while index < range.upperBound {
                                let image = index / locations, first = index - image * locations
                                let last = Swift.min(locations, first + range.upperBound - index, first + gridSampleBlock)
                                let o = po + 4 * image * locations, w = pw + 4 * image * locations
                                for c in 0..<channels {
                                    let plane = image * channels + c
                                    let source = px + plane * planeSize, target = out + plane * locations
                                    for p in first..<last {
                                        let (o0, o1, o2, o3) = (Int(o[4 * p]), Int(o[4 * p + 1]), Int(o[4 * p + 2]), Int(o[4 * p + 3]))
                                        if o0 >= 0 && o3 >= 0 {  // NW and SE inside: all four are
                                            var value = source[o0] * w[4 * p]
                                            value.addProduct(source[o1], w[4 * p + 1])
                                            value.addProduct(source[o2], w[4 * p + 2])
                                            value.addProduct(source[o3], w[4 * p + 3])
                                            target[p] = value
                                            continue
                                        }
                                        var value = (o0 >= 0 ? source[o0] : 0) * w[4 * p]
                                        value.addProduct(o1 >= 0 ? source[o1] : 0, w[4 * p + 1])
                                        value.addProduct(o2 >= 0 ? source[o2] : 0, w[4 * p + 2])
                                        value.addProduct(o3 >= 0 ? source[o3] : 0, w[4 * p + 3])
                                        target[p] = value
                                    }
                                }
                                index += last - first
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
    /// Planes are split over threads (each plane's additions stay in one thread, in order).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSampleAdjoint<T: TensorScalar>(_ g: [T], channels: Int, table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        return g.withUnsafeBufferPointer { pg in
            table.offsets.withUnsafeBufferPointer { po in
                table.weights.withUnsafeBufferPointer { pw in
                    uninitializedArray(count: table.batch * channels * planeSize) { out in
                        nonisolated(unsafe) let pg = pg.baseAddress!, po = po.baseAddress!, pw = pw.baseAddress!, out = out
                        TensorRuntime.parallelFor(table.batch * channels) { plane in
                            let image = plane / channels
                            let target = out + plane * planeSize
                            target.initialize(repeating: 0, count: planeSize)
                            let cotangent = pg + plane * locations
                            let o = po + 4 * image * locations, w = pw + 4 * image * locations
                            for start in stride(from: 0, to: locations, by: gridSampleChunk) {
                                let end = Swift.min(start + gridSampleChunk, locations)
                                for corner in 0..<4 {
                                    for p in start..<end {
                                        let offset = Int(o[4 * p + corner])
                                        if offset >= 0 { target[offset] += cotangent[p] * w[4 * p + corner] }
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
    /// Locations are split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gridSampleGridGradient<T: TensorScalar>(_ g: [T], _ x: [T], grid: [T], channels: Int,
                                                       table: GridSampleTable<T>) -> [T] {
        let planeSize = table.height * table.width, locations = table.locations
        let halfW = T(table.width) / 2, halfH = T(table.height) / 2
        return g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                grid.withUnsafeBufferPointer { pgrid in
                    table.offsets.withUnsafeBufferPointer { po in
                        uninitializedArray(count: 2 * table.batch * locations) { out in
                            nonisolated(unsafe) let pg = pg.baseAddress!, px = px.baseAddress!, pgrid = pgrid.baseAddress!
                            nonisolated(unsafe) let po = po.baseAddress!, out = out
                            let grain = Swift.max(1, gridSampleGrain / Swift.max(1, channels))
                            TensorRuntime.parallelSplit(table.batch * locations, grain: grain) { range in
                                for index in range {
                                    let image = index / locations, p = index - image * locations
                                    let w = gridSampleSource(pgrid[2 * index], half: halfW).fraction
                                    let n = gridSampleSource(pgrid[2 * index + 1], half: halfH).fraction
                                    let e = 1 - w, s = 1 - n
                                    let offsets = (Int(po[4 * index]), Int(po[4 * index + 1]), Int(po[4 * index + 2]), Int(po[4 * index + 3]))
                                    var gx = T(0), gy = T(0)
                                    for c in 0..<channels {
                                        let plane = px + (image * channels + c) * planeSize
                                        let nw = offsets.0 >= 0 ? plane[offsets.0] : 0, ne = offsets.1 >= 0 ? plane[offsets.1] : 0
                                        let sw = offsets.2 >= 0 ? plane[offsets.2] : 0, se = offsets.3 >= 0 ? plane[offsets.3] : 0
                                        let cotangent = pg[(image * channels + c) * locations + p]
                                        gx.addProduct((ne - nw) * s + (se - sw) * n, cotangent)
                                        gy.addProduct((sw - nw) * e + (se - ne) * w, cotangent)
                                    }
                                    out[2 * index] = gx * halfW
                                    out[2 * index + 1] = gy * halfH
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Kernels {
    /// `affine_grid` values [N, H, W, 2]: `theta[n] · (xs[j], ys[i], 1)` per row `k` of theta, as
    /// `xs·a0 + ys·a1 + a2` summed plainly or (`fused`) as a chain of fused multiply-adds (BLAS
    /// rounding). Rows of the grid are split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func affineGrid<T: TensorScalar>(_ theta: [T], batch: Int, xs: [T], ys: [T], fused: Bool) -> [T] {
        let (h, w) = (ys.count, xs.count)
        return theta.withUnsafeBufferPointer { pt in
            xs.withUnsafeBufferPointer { pxs in
                ys.withUnsafeBufferPointer { pys in
                    uninitializedArray(count: batch * h * w * 2) { out in
                        nonisolated(unsafe) let pt = pt.baseAddress!, pxs = pxs.baseAddress!, pys = pys.baseAddress!, out = out
                        TensorRuntime.parallelSplit(batch * h, grain: Swift.max(1, elementwiseGrain / Swift.max(1, 2 * w))) { rows in
                            for row in rows {
                                let image = row / h, y = pys[row - image * h]
                                let t = pt + 6 * image
                                let target = out + 2 * w * row
                                for k in 0..<2 {
                                    let (a0, a1, a2) = (t[3 * k], t[3 * k + 1], t[3 * k + 2])
                                    if fused {
                                        for j in 0..<w {
                                            var value = pxs[j] * a0
                                            value.addProduct(y, a1)
                                            value.addProduct(1, a2)
                                            target[2 * j + k] = value
                                        }
                                    } else {
                                        for j in 0..<w { target[2 * j + k] = (pxs[j] * a0 + y * a1) + a2 }
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
