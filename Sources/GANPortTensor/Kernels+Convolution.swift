/// Geometry of a 2-D convolution: stride, zero padding, transposed-conv output padding, groups.
struct ConvGeometry: Equatable {
    var strideY = 1, strideX = 1
    var padY = 0, padX = 0
    var outputPadY = 0, outputPadX = 0
    var groups = 1

    /// Output size of a correlation over `size` with a kernel of `kernel` taps.
    func convOutput(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int { (size + 2 * pad - kernel) / stride + 1 }
}

/// `⌊a / b⌋` for `b > 0`.
@inline(__always) func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// im2col / col2im convolution kernels around BLAS gemm. Work is split over channels or kernel
/// rows (independent writes); each gemm accumulates over K inside OpenBLAS, which partitions
/// only M and N among its threads, so results do not depend on the thread count.
extension Kernels {
    /// Unfolds one sample `x` [C, H, W] into `cols` [C·kh·kw, outH·outW].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func im2col<T: TensorScalar>(_ x: UnsafePointer<T>, channels: Int, height: Int, width: Int,
                                         kernelH: Int, kernelW: Int, geometry g: ConvGeometry,
                                         outH: Int, outW: Int, cols: UnsafeMutablePointer<T>) {
        nonisolated(unsafe) let x = x, cols = cols
        TensorRuntime.parallelFor(channels * kernelH * kernelW) { row in
            let j = row % kernelW, i = (row / kernelW) % kernelH, c = row / (kernelW * kernelH)
            let plane = x + c * height * width
            let target = cols + row * outH * outW
            // Output columns whose input column ox·s − p + j lies in [0, W).
            let oxStart = Swift.max(0, (g.padX - j + g.strideX - 1) / g.strideX)
            let oxEnd = Swift.min(outW, Swift.max(oxStart, floorDivide(width - 1 + g.padX - j, g.strideX) + 1))
            for oy in 0..<outH {
                let iy = oy * g.strideY - g.padY + i
                let line = target + oy * outW
                guard iy >= 0 && iy < height else {
                    line.initialize(repeating: 0, count: outW)
                    continue
                }
                if oxStart > 0 { line.initialize(repeating: 0, count: oxStart) }
                if oxEnd < outW { (line + oxEnd).initialize(repeating: 0, count: outW - oxEnd) }
                let source = plane + iy * width - g.padX + j
                if g.strideX == 1 {
                    if oxEnd > oxStart { (line + oxStart).update(from: source + oxStart, count: oxEnd - oxStart) }
                } else {
                    for ox in oxStart..<oxEnd { line[ox] = source[ox * g.strideX] }
                }
            }
        }
    }

    /// Folds `cols` [C·kh·kw, inH·inW] back into one sample `out` [C, H, W], adding overlaps
    /// (in a fixed order per output channel). `out` must be zeroed by the caller.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func col2im<T: TensorScalar>(_ cols: UnsafePointer<T>, channels: Int, height: Int, width: Int,
                                         kernelH: Int, kernelW: Int, geometry g: ConvGeometry,
                                         colsH: Int, colsW: Int, out: UnsafeMutablePointer<T>) {
        nonisolated(unsafe) let cols = cols, out = out
        TensorRuntime.parallelFor(channels) { c in
            let plane = out + c * height * width
            for i in 0..<kernelH {
                for j in 0..<kernelW {
                    let source = cols + ((c * kernelH + i) * kernelW + j) * colsH * colsW
                    let oxStart = Swift.max(0, (g.padX - j + g.strideX - 1) / g.strideX)
                    let oxEnd = Swift.min(colsW, Swift.max(oxStart, floorDivide(width - 1 + g.padX - j, g.strideX) + 1))
                    guard oxEnd > oxStart else { continue }
                    for oy in 0..<colsH {
                        let iy = oy * g.strideY - g.padY + i
                        guard iy >= 0 && iy < height else { continue }
                        let line = plane + iy * width - g.padX + j
                        let from = source + oy * colsW
                        if g.strideX == 1 {
                            for ox in oxStart..<oxEnd { line[ox] += from[ox] }
                        } else {
                            for ox in oxStart..<oxEnd { line[ox * g.strideX] += from[ox] }
                        }
                    }
                }
            }
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
        var out = [T](repeating: 0, count: n * o * spatial)
        let direct = kh == 1 && kw == 1 && g.strideY == 1 && g.strideX == 1 && g.padY == 0 && g.padX == 0
        var cols = [T](repeating: 0, count: direct ? 0 : c * kh * kw * spatial)
        x.withUnsafeBufferPointer { px in
            w.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    cols.withUnsafeMutableBufferPointer { pc in
                        for sample in 0..<n {
                            let input = px.baseAddress! + sample * c * h * width
                            let source: UnsafePointer<T>
                            if direct {
                                source = input
                            } else {
                                im2col(input, channels: c, height: h, width: width, kernelH: kh, kernelW: kw,
                                       geometry: g, outH: outH, outW: outW, cols: pc.baseAddress!)
                                source = UnsafePointer(pc.baseAddress!)
                            }
                            for group in 0..<g.groups {
                                gemm(transposeA: false, transposeB: false, m: og, n: spatial, k: rows,
                                       a: pw.baseAddress! + group * og * rows, lda: rows,
                                       b: source + group * rows * spatial, ldb: spatial, beta: 0,
                                       c: po.baseAddress! + (sample * o + group * og) * spatial, ldc: spatial)
                            }
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
        let spatial = h * width, rows = coutg * kh * kw
        var out = [T](repeating: 0, count: n * cout * outH * outW)
        var cols = [T](repeating: 0, count: cout * kh * kw * spatial)
        x.withUnsafeBufferPointer { px in
            w.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    cols.withUnsafeMutableBufferPointer { pc in
                        for sample in 0..<n {
                            for group in 0..<g.groups {
                                gemm(transposeA: true, transposeB: false, m: rows, n: spatial, k: cing,
                                       a: pw.baseAddress! + group * cing * rows, lda: rows,
                                       b: px.baseAddress! + (sample * cin + group * cing) * spatial, ldb: spatial, beta: 0,
                                       c: pc.baseAddress! + group * rows * spatial, ldc: spatial)
                            }
                            col2im(pc.baseAddress!, channels: cout, height: outH, width: outW, kernelH: kh, kernelW: kw,
                                   geometry: g, colsH: h, colsW: width, out: po.baseAddress! + sample * cout * outH * outW)
                        }
                    }
                }
            }
        }
        return ([n, cout, outH, outW], out)
    }

    /// Gradient of `conv2d` with respect to its weight: Σ_n gy_n · im2col(x_n)ᵀ, samples added in order.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2dWeightGradient<T: TensorScalar>(_ x: [T], _ xShape: [Int], _ gy: [T], _ gyShape: [Int],
                                                       weightShape wShape: [Int], _ g: ConvGeometry) -> [T] {
        let (n, c, h, width) = (xShape[0], xShape[1], xShape[2], xShape[3])
        let (o, cg, kh, kw) = (wShape[0], wShape[1], wShape[2], wShape[3])
        let (outH, outW) = (gyShape[2], gyShape[3])
        let og = o / g.groups, spatial = outH * outW, rows = cg * kh * kw
        var out = [T](repeating: 0, count: o * rows)
        let direct = kh == 1 && kw == 1 && g.strideY == 1 && g.strideX == 1 && g.padY == 0 && g.padX == 0
        var cols = [T](repeating: 0, count: direct ? 0 : c * kh * kw * spatial)
        x.withUnsafeBufferPointer { px in
            gy.withUnsafeBufferPointer { pg in
                out.withUnsafeMutableBufferPointer { po in
                    cols.withUnsafeMutableBufferPointer { pc in
                        for sample in 0..<n {
                            let input = px.baseAddress! + sample * c * h * width
                            let source: UnsafePointer<T>
                            if direct {
                                source = input
                            } else {
                                im2col(input, channels: c, height: h, width: width, kernelH: kh, kernelW: kw,
                                       geometry: g, outH: outH, outW: outW, cols: pc.baseAddress!)
                                source = UnsafePointer(pc.baseAddress!)
                            }
                            for group in 0..<g.groups {
                                gemm(transposeA: false, transposeB: true, m: og, n: rows, k: spatial,
                                       a: pg.baseAddress! + (sample * o + group * og) * spatial, lda: spatial,
                                       b: source + group * rows * spatial, ldb: spatial, beta: sample == 0 ? 0 : 1,
                                       c: po.baseAddress! + group * og * rows, ldc: rows)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Batched row-major matrix product over the leading `batch` matrices (each gemm in turn).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func matmul<T: TensorScalar>(_ a: [T], _ b: [T], batch: Int, m: Int, n: Int, k: Int,
                                         transposeA: Bool, transposeB: Bool) -> [T] {
        var out = [T](repeating: 0, count: batch * m * n)
        guard m > 0, n > 0 else { return out }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    for index in 0..<batch {
                        if k == 0 { continue }
                        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                               a: pa.baseAddress! + index * m * k, lda: transposeA ? m : k,
                               b: pb.baseAddress! + index * k * n, ldb: transposeB ? k : n, beta: 0,
                               c: po.baseAddress! + index * m * n, ldc: n)
                    }
                }
            }
        }
        return out
    }
}
