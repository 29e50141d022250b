/// Geometry of a 2-D convolution: stride, zero padding, transposed-conv output padding, groups.
struct ConvGeometry: Equatable {
    var strideY = 1, strideX = 1
    var padY = 0, padX = 0
    var outputPadY = 0, outputPadX = 0
    var groups = 1

    /// Output size of a correlation over `size` with a kernel of `kernel` taps.
    func convOutput(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int { (size + 2 * pad - kernel) / stride + 1 }

    /// Whether the convolution is a plain matrix product (1×1 kernel, stride 1, no padding).
    func isPointwise(kernelH: Int, kernelW: Int) -> Bool {
        kernelH == 1 && kernelW == 1 && strideY == 1 && strideX == 1 && padY == 0 && padX == 0
    }
}

/// `⌊a / b⌋` for `b > 0`.
@inline(__always) func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// A split of `rows` image rows into equal tiles of whole rows, fixed by the shape alone.
struct RowTiling {
    let rows: Int, tileRows: Int
    var count: Int { (rows + tileRows - 1) / tileRows }

    /// Tiles whose column buffer (`rowsPerColumn` values per output position, `width` positions per
    /// row) holds about `budget` elements.
    init(rows: Int, width: Int, rowsPerColumn: Int, budget: Int) {
        let fitting = Swift.max(1, Swift.min(rows, budget / Swift.max(1, rowsPerColumn * width)))
        let tiles = (rows + fitting - 1) / fitting
        self.rows = rows
        self.tileRows = rows == 0 ? 1 : (rows + tiles - 1) / tiles
    }

    func range(_ tile: Int) -> Range<Int> { (tile * tileRows)..<Swift.min(rows, (tile + 1) * tileRows) }
}

/// im2col / col2im convolution kernels around single-threaded BLAS gemm.
///
/// Work is split into units that never share a sum: (sample, group, tile of output rows) for the
/// forward correlation, (sample, group) for the transposed convolution and the weight gradient.
/// Units run on `TensorRuntime.threadCount` threads; each unit's arithmetic depends only on the
/// shapes, and per-sample weight-gradient partials are added in sample order, so results are
/// bit-identical for any thread count.
extension Kernels {
    /// Elements of one im2col tile (32 MiB of Float, per thread). Measured on the 512→512 3×3
    /// layer: larger tiles mean fewer, larger gemms (fewer repacks of the weight); 8 Mi elements
    /// reached the single-threaded SGEMM rate at 32² and 64².
    nonisolated(unsafe) static var convTileBudget = 1 << 23

    /// Unfolds output rows `oyRange` of one sample's `channels` planes `x` [C, H, W] into
    /// `cols` [C·kh·kw, oyRange.count·outW].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func im2col<T: TensorScalar>(_ x: UnsafePointer<T>, channels: Int, height: Int, width: Int,
                                         kernelH: Int, kernelW: Int, geometry g: ConvGeometry,
                                         outW: Int, oyRange: Range<Int>, cols: UnsafeMutablePointer<T>) {
        let columns = oyRange.count * outW
        for row in 0..<(channels * kernelH * kernelW) {
            let j = row % kernelW, i = (row / kernelW) % kernelH, c = row / (kernelW * kernelH)
            let plane = x + c * height * width
            let target = cols + row * columns
            // Output columns whose input column ox·s − p + j lies in [0, W).
            let oxStart = Swift.min(outW, Swift.max(0, (g.padX - j + g.strideX - 1) / g.strideX))
            let oxEnd = Swift.min(outW, Swift.max(oxStart, floorDivide(width - 1 + g.padX - j, g.strideX) + 1))
            for oy in oyRange {
                let iy = oy * g.strideY - g.padY + i
                let line = target + (oy - oyRange.lowerBound) * outW
                guard iy >= 0 && iy < height else {
                    line.update(repeating: 0, count: outW)
                    continue
                }
                if oxStart > 0 { line.update(repeating: 0, count: oxStart) }
                if oxEnd < outW { (line + oxEnd).update(repeating: 0, count: outW - oxEnd) }
                let source = plane + iy * width - g.padX + j
                if g.strideX == 1 {
                    if oxEnd > oxStart { (line + oxStart).update(from: source + oxStart, count: oxEnd - oxStart) }
                } else {
                    for ox in oxStart..<oxEnd { line[ox] = source[ox * g.strideX] }
                }
            }
        }
    }

    /// Adds `cols` [C·kh·kw, rowRange.count·colsW] (columns = positions of the rows `rowRange` of a
    /// colsH × colsW grid) into one sample's planes `out` [C, H, W], in a fixed order.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func col2im<T: TensorScalar>(_ cols: UnsafePointer<T>, channels: Int, height: Int, width: Int,
                                         kernelH: Int, kernelW: Int, geometry g: ConvGeometry,
                                         colsW: Int, rowRange: Range<Int>, out: UnsafeMutablePointer<T>) {
        let columns = rowRange.count * colsW
        for c in 0..<channels {
            let plane = out + c * height * width
            for i in 0..<kernelH {
                for j in 0..<kernelW {
                    let source = cols + ((c * kernelH + i) * kernelW + j) * columns
                    let oxStart = Swift.min(colsW, Swift.max(0, (g.padX - j + g.strideX - 1) / g.strideX))
                    let oxEnd = Swift.min(colsW, Swift.max(oxStart, floorDivide(width - 1 + g.padX - j, g.strideX) + 1))
                    guard oxEnd > oxStart else { continue }
                    for oy in rowRange {
                        let iy = oy * g.strideY - g.padY + i
                        guard iy >= 0 && iy < height else { continue }
                        let line = plane + iy * width - g.padX + j
                        let from = source + (oy - rowRange.lowerBound) * colsW
                        if g.strideX == 1 {
                            addRow(from + oxStart, into: line + oxStart, count: oxEnd - oxStart)
                        } else {
                            for ox in oxStart..<oxEnd { line[ox * g.strideX] += from[ox] }
                        }
                    }
                }
            }
        }
    }

    /// `target[i] += source[i]` for `i < count` (the buffers do not overlap).
    @inline(__always)
    static func addRow<T: TensorScalar>(_ source: UnsafePointer<T>, into target: UnsafeMutablePointer<T>, count: Int) {
        let source = UnsafeBufferPointer(start: source, count: count)
        let target = UnsafeMutableBufferPointer(start: target, count: count)
        for index in 0..<count { target[index] += source[index] }
    }

    /// Runs `body(unit, scratch)` for every unit in `0..<units` over the runtime's threads, with a
    /// scratch buffer of `scratchCount` elements per thread.
    static func forEachUnit<T: TensorScalar>(_ units: Int, scratchCount: Int, of type: T.Type,
                                             _ body: (Int, UnsafeMutablePointer<T>) -> Void) {
        TensorRuntime.parallelChunks(units) { range in
            let scratch = allocateScratch(scratchCount, of: T.self)
            defer { scratch.deallocate() }
            for unit in range { body(unit, scratch) }
        }
    }

    /// Correlation `y = conv2d(x, w)`: x [N, C, H, W], w [O, C/groups, kh, kw] → [N, O, outH, outW].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2d<T: TensorScalar>(_ x: [T], _ xShape: [Int], _ w: [T], _ wShape: [Int], _ g: ConvGeometry) -> ([Int], [T]) {
        let (n, c, h, width) = (xShape[0], xShape[1], xShape[2], xShape[3])
        let (o, cg, kh, kw) = (wShape[0], wShape[1], wShape[2], wShape[3])
        let outH = g.convOutput(h, kernel: kh, stride: g.strideY, pad: g.padY)
        let outW = g.convOutput(width, kernel: kw, stride: g.strideX, pad: g.padX)
        let og = o / g.groups, spatial = outH * outW, rows = cg * kh * kw
        let pointwise = g.isPointwise(kernelH: kh, kernelW: kw)
        let tiling = RowTiling(rows: outH, width: outW, rowsPerColumn: rows, budget: convTileBudget)
        let tiles = tiling.count
        let out: [T] = uninitializedArray(count: n * o * spatial) { po in
            x.withUnsafeBufferPointer { px in
                w.withUnsafeBufferPointer { pw in
                    nonisolated(unsafe) let px = px.baseAddress!, pw = pw.baseAddress!, po = po
                    forEachUnit(n * g.groups * tiles, scratchCount: pointwise ? 0 : rows * tiling.tileRows * outW, of: T.self) { unit, cols in
                        let tile = unit % tiles, group = (unit / tiles) % g.groups, sample = unit / (tiles * g.groups)
                        let oyRange = tiling.range(tile), columns = oyRange.count * outW
                        let input = px + (sample * c + group * cg) * h * width
                        let target = po + (sample * o + group * og) * spatial + oyRange.lowerBound * outW
                        if pointwise {
                            gemmSerial(m: og, n: columns, k: rows, a: pw + group * og * rows, lda: rows,
                                       b: input + oyRange.lowerBound * outW, ldb: spatial, beta: 0, c: target, ldc: spatial)
                        } else {
                            im2col(input, channels: cg, height: h, width: width, kernelH: kh, kernelW: kw,
                                   geometry: g, outW: outW, oyRange: oyRange, cols: cols)
                            gemmSerial(m: og, n: columns, k: rows, a: pw + group * og * rows, lda: rows,
                                       b: cols, ldb: columns, beta: 0, c: target, ldc: spatial)
                        }
                    }
                }
            }
        }
        return ([n, o, outH, outW], out)
    }

    /// Transposed convolution (the adjoint of `conv2d` in its input): x [N, Cin, H, W],
    /// w [Cin, Cout/groups, kh, kw] → [N, Cout, (H−1)·s − 2p + k + outputPad, …].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func convTranspose2d<T: TensorScalar>(_ x: [T], _ xShape: [Int], _ w: [T], _ wShape: [Int], _ g: ConvGeometry) -> ([Int], [T]) {
        let (n, cin, h, width) = (xShape[0], xShape[1], xShape[2], xShape[3])
        let (coutg, kh, kw) = (wShape[1], wShape[2], wShape[3])
        let cing = cin / g.groups, cout = coutg * g.groups
        let outH = (h - 1) * g.strideY - 2 * g.padY + kh + g.outputPadY
        let outW = (width - 1) * g.strideX - 2 * g.padX + kw + g.outputPadX
        let spatial = h * width, rows = coutg * kh * kw, outPlane = outH * outW
        let pointwise = g.isPointwise(kernelH: kh, kernelW: kw) && g.outputPadY == 0 && g.outputPadX == 0
        let tiling = RowTiling(rows: h, width: width, rowsPerColumn: rows, budget: convTileBudget)
        guard spatial > 0, rows > 0 else { return ([n, cout, outH, outW], zeroArray(count: n * cout * outPlane)) }
        let out: [T] = uninitializedArray(count: n * cout * outPlane) { po in
            x.withUnsafeBufferPointer { px in
                w.withUnsafeBufferPointer { pw in
                    nonisolated(unsafe) let px = px.baseAddress!, pw = pw.baseAddress!, po = po
                    let units = n * g.groups * (pointwise ? tiling.count : 1)
                    forEachUnit(units, scratchCount: pointwise ? 0 : rows * tiling.tileRows * width, of: T.self) { unit, cols in
                        let tile = pointwise ? unit % tiling.count : 0
                        let pair = pointwise ? unit / tiling.count : unit
                        let group = pair % g.groups, sample = pair / g.groups
                        let input = px + (sample * cin + group * cing) * spatial
                        let weights = pw + group * cing * rows
                        let target = po + (sample * cout + group * coutg) * outPlane
                        if pointwise {
                            let range = tiling.range(tile)
                            gemmSerial(transposeA: true, m: rows, n: range.count * width, k: cing, a: weights, lda: rows,
                                       b: input + range.lowerBound * width, ldb: spatial, beta: 0,
                                       c: target + range.lowerBound * width, ldc: outPlane)
                            return
                        }
                        target.initialize(repeating: 0, count: coutg * outPlane)
                        for tile in 0..<tiling.count {
                            let range = tiling.range(tile), columns = range.count * width
                            gemmSerial(transposeA: true, m: rows, n: columns, k: cing, a: weights, lda: rows,
                                       b: input + range.lowerBound * width, ldb: spatial, beta: 0, c: cols, ldc: columns)
                            col2im(cols, channels: coutg, height: outH, width: outW, kernelH: kh, kernelW: kw,
                                   geometry: g, colsW: width, rowRange: range, out: target)
                        }
                    }
                }
            }
        }
        return ([n, cout, outH, outW], out)
    }

    /// Gradient of `conv2d` with respect to its weight: Σ_n gy_n · im2col(x_n)ᵀ. Each (sample, group)
    /// unit computes its own partial (tiles of output rows accumulated in order); partials are then
    /// added in sample order, `((p₀ + p₁) + p₂) + …`, whatever the thread count.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2dWeightGradient<T: TensorScalar>(_ x: [T], _ xShape: [Int], _ gy: [T], _ gyShape: [Int],
                                                       weightShape wShape: [Int], _ g: ConvGeometry) -> [T] {
        let (n, c, h, width) = (xShape[0], xShape[1], xShape[2], xShape[3])
        let (o, cg, kh, kw) = (wShape[0], wShape[1], wShape[2], wShape[3])
        let (outH, outW) = (gyShape[2], gyShape[3])
        let og = o / g.groups, spatial = outH * outW, rows = cg * kh * kw, weightCount = o * rows
        let pointwise = g.isPointwise(kernelH: kh, kernelW: kw)
        let tiling = RowTiling(rows: outH, width: outW, rowsPerColumn: rows, budget: convTileBudget)
        guard spatial > 0, n > 0, og > 0 else { return zeroArray(count: weightCount) }
        // Samples are processed in waves of `wave`; sample 0 writes the result, later samples a partial.
        let wave = Swift.max(1, Swift.min(n, TensorRuntime.threadCount))
        let partials = allocateScratch(n > 1 ? wave * weightCount : 0, of: T.self)
        defer { partials.deallocate() }
        return uninitializedArray(count: weightCount) { po in
            x.withUnsafeBufferPointer { px in
                gy.withUnsafeBufferPointer { pg in
                    nonisolated(unsafe) let px = px.baseAddress!, pg = pg.baseAddress!, po = po
                    nonisolated(unsafe) let partials = partials
                    for first in stride(from: 0, to: n, by: wave) {
                        let samples = Swift.min(wave, n - first)
                        forEachUnit(samples * g.groups, scratchCount: pointwise ? 0 : rows * tiling.tileRows * outW, of: T.self) { unit, cols in
                            let group = unit % g.groups, sample = first + unit / g.groups
                            let input = px + (sample * c + group * cg) * h * width
                            let gradient = pg + (sample * o + group * og) * spatial
                            let target = (sample == 0 ? po : partials + (sample - first) * weightCount) + group * og * rows
                            for tile in 0..<tiling.count {
                                let range = tiling.range(tile), columns = range.count * outW
                                let b: UnsafePointer<T>, ldb: Int
                                if pointwise {
                                    (b, ldb) = (input + range.lowerBound * outW, spatial)
                                } else {
                                    im2col(input, channels: cg, height: h, width: width, kernelH: kh, kernelW: kw,
                                           geometry: g, outW: outW, oyRange: range, cols: cols)
                                    (b, ldb) = (UnsafePointer(cols), columns)
                                }
                                gemmSerial(transposeB: true, m: og, n: rows, k: columns, a: gradient + range.lowerBound * outW,
                                           lda: spatial, b: b, ldb: ldb, beta: tile == 0 ? 0 : 1, c: target, ldc: rows)
                            }
                        }
                        // Fold this wave's partials into the result in sample order (element-wise, split over threads).
                        let foldFrom = first == 0 ? 1 : 0
                        guard samples > foldFrom else { continue }
                        let blocks = Swift.max(1, Swift.min(64, weightCount / 16384))
                        TensorRuntime.parallelFor(blocks) { block in
                            let start = weightCount * block / blocks, end = weightCount * (block + 1) / blocks
                            for index in foldFrom..<samples {
                                addRow(partials + index * weightCount + start, into: po + start, count: end - start)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Batched row-major matrix product over the leading `batch` matrices (see `gemm(batch:…)`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func matmul<T: TensorScalar>(_ a: [T], _ b: [T], batch: Int, m: Int, n: Int, k: Int,
                                         transposeA: Bool, transposeB: Bool) -> [T] {
        uninitializedArray(count: batch * m * n) { po in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    gemm(batch: batch, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                         a: pa.baseAddress!, b: pb.baseAddress!, c: po)
                }
            }
        }
    }
}
