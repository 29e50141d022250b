/// Window geometry of a 2-D average pooling (PyTorch `avg_pool2d`).
struct PoolGeometry: Equatable {
    var kernelY: Int, kernelX: Int
    var strideY: Int, strideX: Int
    var padY: Int, padX: Int
    var ceilMode: Bool
    var countIncludePad: Bool
    var divisorOverride: Int?

    /// Output size along one axis (`pooling_output_shape`: the last window must start inside the
    /// input or its left padding).
    static func outputSize(_ size: Int, kernel: Int, stride: Int, pad: Int, ceilMode: Bool) -> Int {
        let span = size + 2 * pad - kernel
        var output = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
        if ceilMode && (output - 1) * stride >= size + pad { output -= 1 }
        return output
    }

    /// The window of output index `o` clipped to the input, and the window size counting padding.
    @inline(__always)
    static func window(_ o: Int, size: Int, kernel: Int, stride: Int, pad: Int) -> (range: Range<Int>, padded: Int) {
        let start = o * stride - pad
        let end = Swift.min(start + kernel, size + pad)
        return (Swift.max(start, 0)..<Swift.min(end, size), end - start)
    }

    /// The divisor of the window at (oy, ox).
    @inline(__always)
    func divisor(_ rows: (range: Range<Int>, padded: Int), _ columns: (range: Range<Int>, padded: Int)) -> Int {
        divisorOverride ?? (countIncludePad ? rows.padded * columns.padded : rows.range.count * columns.range.count)
    }
}

extension Kernels {
    /// Average pooling of `planes` planes [H, W] → [outH, outW]: each window's sum (row-major order)
    /// divided by its divisor, as PyTorch's CPU kernel. Planes are split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func avgPool2d<T: TensorScalar>(_ x: [T], planes: Int, height: Int, width: Int, _ g: PoolGeometry,
                                            outH: Int, outW: Int) -> [T] {
        x.withUnsafeBufferPointer { px in
            uninitializedArray(count: planes * outH * outW) { po in
                nonisolated(unsafe) let px = px.baseAddress!, po = po
                TensorRuntime.parallelSplit(planes, grain: Swift.max(1, elementwiseGrain / Swift.max(1, height * width))) { range in
                    for plane in range {
                        let source = px + plane * height * width, target = po + plane * outH * outW
                        for oy in 0..<outH {
                            let rows = PoolGeometry.window(oy, size: height, kernel: g.kernelY, stride: g.strideY, pad: g.padY)
                            for ox in 0..<outW {
                                let columns = PoolGeometry.window(ox, size: width, kernel: g.kernelX, stride: g.strideX, pad: g.padX)
                                var total = T(0)
                                for iy in rows.range { for ix in columns.range { total += source[iy * width + ix] } }
                                target[oy * outW + ox] = total / T(g.divisor(rows, columns))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `avgPool2d`: every window adds `g / divisor` to its inputs (output pixels in
    /// row-major order).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func avgPool2dAdjoint<T: TensorScalar>(_ gy: [T], planes: Int, height: Int, width: Int, _ g: PoolGeometry,
                                                   outH: Int, outW: Int) -> [T] {
        gy.withUnsafeBufferPointer { pg in
            uninitializedArray(count: planes * height * width) { po in
                nonisolated(unsafe) let pg = pg.baseAddress!, po = po
                TensorRuntime.parallelSplit(planes, grain: Swift.max(1, elementwiseGrain / Swift.max(1, height * width))) { range in
                    for plane in range {
                        let source = pg + plane * outH * outW, target = po + plane * height * width
                        target.initialize(repeating: 0, count: height * width)
                        for oy in 0..<outH {
                            let rows = PoolGeometry.window(oy, size: height, kernel: g.kernelY, stride: g.strideY, pad: g.padY)
                            for ox in 0..<outW {
                                let columns = PoolGeometry.window(ox, size: width, kernel: g.kernelX, stride: g.strideX, pad: g.padX)
                                let share = source[oy * outW + ox] / T(g.divisor(rows, columns))
                                for iy in rows.range { for ix in columns.range { target[iy * width + ix] += share } }
                            }
                        }
                    }
                }
            }
        }
    }
}
