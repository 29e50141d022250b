/// Sampling positions of a resize along one axis: for output index `o`, the input indices
/// `index0[o]`, `index1[o]` and their weights `lambda0[o]`, `lambda1[o]` (PyTorch's
/// `compute_source_index_and_lambda` / `nearest_idx`).
struct InterpolationAxis<T: TensorScalar> {
    var index0: [Int] = [], index1: [Int] = []
    var lambda0: [T] = [], lambda1: [T] = []

    /// `nearest_idx`: identity for equal sizes, `o >> 1` for doubling, else
    /// `min(⌊o · scale⌋, in − 1)` in float with `scale = 1 / scale_factor` or `in / out`.
    static func nearest(input: Int, output: Int, scaleFactor: Double?) -> InterpolationAxis {
        var axis = InterpolationAxis()
        let scale: Float = scaleFactor.map { $0 > 0 ? Float(1.0 / $0) : Float(input) / Float(output) }
            ?? Float(input) / Float(output)
        for o in 0..<output {
            let index: Int
            if output == input {
                index = o
            } else if output == 2 * input {
                index = o >> 1
            } else {
                index = Swift.min(Int((Float(o) * scale).rounded(.down)), input - 1)
            }
            axis.index0.append(index)
            axis.index1.append(index)
            axis.lambda0.append(1)
            axis.lambda1.append(0)
        }
        return axis
    }

    /// Linear interpolation (`area_pixel_compute_scale` / `area_pixel_compute_source_index`):
    /// with `alignCorners` the corners of input and output coincide (ratio `(in − 1)/(out − 1)`),
    /// otherwise pixel centers do (source `ratio · (o + 0.5) − 0.5`, clamped at 0).
    static func linear(input: Int, output: Int, alignCorners: Bool, scaleFactor: Double?) -> InterpolationAxis {
        var axis = InterpolationAxis()
        let ratio: T
        if alignCorners {
            ratio = output > 1 ? T(input - 1) / T(output - 1) : 0
        } else if let scaleFactor, scaleFactor > 0 {
            ratio = T(1.0 / scaleFactor)
        } else {
            ratio = T(input) / T(output)
        }
        for o in 0..<output {
            if output == input {
                axis.index0.append(o); axis.index1.append(o); axis.lambda0.append(1); axis.lambda1.append(0)
                continue
            }
            let source: T = alignCorners ? ratio * T(o) : T(Swift.max(Double(ratio) * (Double(o) + 0.5) - 0.5, 0))
            let index = Int(source)
            axis.index0.append(index)
            axis.index1.append(index + (index < input - 1 ? 1 : 0))
            let lambda1 = source - T(index)
            axis.lambda1.append(lambda1)
            axis.lambda0.append(1 - lambda1)
        }
        return axis
    }
}

extension Kernels {
    /// Resizes `planes` planes [H, W] to [rows.count, columns.count]: nearest copies
    /// `x[index0(oy), index0(ox)]`; linear computes
    /// `(x₀₀·λw₀ + x₀₁·λw₁)·λh₀ + (x₁₀·λw₀ + x₁₁·λw₁)·λh₁` (PyTorch's order). Planes are split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func interpolate<T: TensorScalar>(_ x: [T], planes: Int, height: Int, width: Int, nearest: Bool,
                                              rows: InterpolationAxis<T>, columns: InterpolationAxis<T>) -> [T] {
        let outH = rows.index0.count, outW = columns.index0.count
        return x.withUnsafeBufferPointer { px in
            uninitializedArray(count: planes * outH * outW) { po in
                nonisolated(unsafe) let px = px.baseAddress!, po = po
                TensorRuntime.parallelSplit(planes, grain: Swift.max(1, elementwiseGrain / Swift.max(1, outH * outW))) { range in
                    for plane in range {
                        let source = px + plane * height * width
                        var target = po + plane * outH * outW
                        for oy in 0..<outH {
                            let row0 = source + rows.index0[oy] * width, row1 = source + rows.index1[oy] * width
                            let (h0, h1) = (rows.lambda0[oy], rows.lambda1[oy])
                            if nearest {
                                for ox in 0..<outW { target[ox] = row0[columns.index0[ox]] }
                            } else {
                                for ox in 0..<outW {
                                    let (w0, w1) = (columns.lambda0[ox], columns.lambda1[ox])
                                    let (i0, i1) = (columns.index0[ox], columns.index1[ox])
                                    target[ox] = (row0[i0] * w0 + row0[i1] * w1) * h0 + (row1[i0] * w0 + row1[i1] * w1) * h1
                                }
                            }
                            target += outW
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `interpolate`: each output pixel (row-major) adds `λh·λw·g` to its four
    /// sources (nearest: `g` to its one source), as PyTorch's backward kernels.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func interpolateAdjoint<T: TensorScalar>(_ gy: [T], planes: Int, height: Int, width: Int, nearest: Bool,
                                                     rows: InterpolationAxis<T>, columns: InterpolationAxis<T>) -> [T] {
        let outH = rows.index0.count, outW = columns.index0.count
        return gy.withUnsafeBufferPointer { pg in
            uninitializedArray(count: planes * height * width) { po in
                nonisolated(unsafe) let pg = pg.baseAddress!, po = po
                TensorRuntime.parallelSplit(planes, grain: Swift.max(1, elementwiseGrain / Swift.max(1, outH * outW))) { range in
                    for plane in range {
                        let target = po + plane * height * width
                        target.initialize(repeating: 0, count: height * width)
                        var source = pg + plane * outH * outW
                        for oy in 0..<outH {
                            let row0 = target + rows.index0[oy] * width, row1 = target + rows.index1[oy] * width
                            let (h0, h1) = (rows.lambda0[oy], rows.lambda1[oy])
                            if nearest {
                                for ox in 0..<outW { row0[columns.index0[ox]] += source[ox] }
                            } else {
                                for ox in 0..<outW {
                                    let (w0, w1) = (columns.lambda0[ox], columns.lambda1[ox])
                                    let (i0, i1) = (columns.index0[ox], columns.index1[ox])
                                    let g = source[ox]
                                    row0[i0] += h0 * w0 * g
                                    row0[i1] += h0 * w1 * g
                                    row1[i0] += h1 * w0 * g
                                    row1[i1] += h1 * w1 * g
                                }
                            }
                            source += outW
                        }
                    }
                }
            }
        }
    }
}
