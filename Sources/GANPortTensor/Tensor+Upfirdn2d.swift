/// NVIDIA `upfirdn2d` and its wrappers (StyleGAN2-ADA / StyleGAN3 `torch_utils.ops.upfirdn2d`),
/// with the semantics of the reference (`impl='ref'`) path.
extension Tensor {
    /// `setup_filter(f, normalize, flip_filter, gain, separable)`: a rank-0/1/2 filter becomes a
    /// 1-D separable filter (when `separable`, default: rank 1 with at least 8 taps) or a 2-D filter
    /// (the outer product of a 1-D one); then `f /= f.sum()`, optional flip, `f *= gain^(rank/2)`.
    /// Arithmetic is in the scalar type (Float like the reference's float32).
    public static func setupFilter(_ f: Tensor? = nil, normalize: Bool = true, flipFilter: Bool = false,
                                   gain: Double = 1, separable: Bool? = nil) -> Tensor {
        var filter = f?.detached() ?? Tensor(1)
        precondition(filter.rank <= 2 && filter.count > 0, "setupFilter needs a non-empty rank-0, 1 or 2 filter")
        if filter.rank == 0 { filter = filter.reshaped([1]) }
        let isSeparable = separable ?? (filter.rank == 1 && filter.count >= 8)
        if filter.rank == 1 && !isSeparable {
            let taps = filter.scalars
            filter = Tensor(shape: [taps.count, taps.count], scalars: taps.flatMap { a in taps.map { a * $0 } })
        }
        precondition(filter.rank == (isSeparable ? 1 : 2), "a 2-D filter cannot be made separable")
        if normalize {
            var total = Scalar(0)
            for value in filter.scalars { total += value }
            filter = Tensor(shape: filter.shape, scalars: filter.scalars.map { $0 / total })
        }
        if flipFilter { filter = filter.flipped(Array(0..<filter.rank)) }
        let scale = Scalar(_pow(gain, Double(filter.rank) / 2))
        return Tensor(shape: filter.shape, scalars: filter.scalars.map { $0 * scale })
    }

    /// Pad, upsample, filter and downsample each channel of NCHW `x` (NVIDIA `upfirdn2d`):
    /// zero insertion by `up`, zero padding by `padding` (negative crops; relative to the upsampled
    /// image), FIR with `filter` (a true convolution unless `flipFilter`; 1-D filters are applied
    /// separably, one pass per axis with `gain^0.5` each), keeping every `down`-th sample, times `gain`.
    /// `up`/`down`: `[s]` or `[sx, sy]`; `padding`: `[p]`, `[px, py]` or `[x0, x1, y0, y1]`.
    /// `filter` nil is the 1×1 identity.
    public static func upfirdn2d(_ x: Tensor, filter: Tensor?, up: [Int] = [1], down: [Int] = [1], padding: [Int] = [0],
                                 flipFilter: Bool = false, gain: Double = 1) -> Tensor {
        upfirdn2d(x, filter: filter, parseResampling(up: up, down: down, padding: padding), flipFilter: flipFilter, gain: gain)
    }

    static func parseResampling(up: [Int], down: [Int], padding: [Int]) -> Resampling {
        precondition([1, 2].contains(up.count) && [1, 2].contains(down.count) && [1, 2, 4].contains(padding.count),
                     "up/down need 1 or 2 values, padding 1, 2 or 4")
        precondition(up.allSatisfy { $0 >= 1 } && down.allSatisfy { $0 >= 1 }, "up/down factors must be ≥ 1")
        let pad = padding.count == 4 ? padding : padding.count == 2
            ? [padding[0], padding[0], padding[1], padding[1]] : [Int](repeating: padding[0], count: 4)
        return Resampling(upX: up[0], upY: up.last!, downX: down[0], downY: down.last!,
                          padX0: pad[0], padX1: pad[1], padY0: pad[2], padY1: pad[3])
    }

    static func upfirdn2d(_ x: Tensor, filter: Tensor?, _ r: Resampling, flipFilter: Bool, gain: Double) -> Tensor {
        precondition(x.rank == 4, "upfirdn2d needs an NCHW tensor, got \(x.shape)")
        let f = filter ?? Tensor.ones([1, 1])
        precondition(f.rank == 1 || f.rank == 2, "upfirdn2d filter must be rank 1 or 2")
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let fh = f.shape[0], fw = f.shape.last!
        // Reference: f * gain^(ndim/2) in the filter's precision, flipped unless flip_filter (true convolution).
        let scale = Scalar(_pow(gain, Double(f.rank) / 2))
        var taps = f.scalars.map { $0 * scale }
        if !flipFilter { taps.reverse() }  // reversing the flat array flips every axis
        let values: [Scalar], outH: Int, outW: Int
        if f.rank == 2 {
            (outH, outW, values) = Kernels.fir2d(x.scalars, planes: n * c, height: h, width: w,
                                                 kernel: taps, kernelH: fh, kernelW: fw, r)
        } else {
            let horizontal = Resampling(upX: r.upX, upY: 1, downX: r.downX, downY: 1, padX0: r.padX0, padX1: r.padX1)
            let pass = Kernels.fir2d(x.scalars, planes: n * c, height: h, width: w,
                                     kernel: taps, kernelH: 1, kernelW: fw, horizontal)
            let vertical = Resampling(upX: 1, upY: r.upY, downX: 1, downY: r.downY, padY0: r.padY0, padY1: r.padY1)
            (outH, outW, values) = Kernels.fir2d(pass.values, planes: n * c, height: h, width: pass.outW,
                                                 kernel: taps, kernelH: fh, kernelW: 1, vertical)
        }
        return make([n, c, outH, outW], values, "upfirdn2d", [x]) { g, _, _ in
            // Adjoint: swap up and down, flip the filter, pad so the result has the input's size.
            let back = Resampling(upX: r.downX, upY: r.downY, downX: r.upX, downY: r.upY,
                                  padX0: fw - r.padX0 - 1, padX1: w * r.upX - outW * r.downX + r.padX0 - r.upX + 1,
                                  padY0: fh - r.padY0 - 1, padY1: h * r.upY - outH * r.downY + r.padY0 - r.upY + 1)
            return [upfirdn2d(g, filter: f, back, flipFilter: !flipFilter, gain: gain)]
        }
    }

    /// `filter2d(x, f, padding, flip_filter, gain)`: same-size filtering (plus optional padding).
    public static func filter2d(_ x: Tensor, filter: Tensor, padding: [Int] = [0], flipFilter: Bool = false, gain: Double = 1) -> Tensor {
        let p = parseResampling(up: [1], down: [1], padding: padding)
        let fh = filter.shape[0], fw = filter.shape.last!
        return upfirdn2d(x, filter: filter, padding: [p.padX0 + fw / 2, p.padX1 + (fw - 1) / 2, p.padY0 + fh / 2, p.padY1 + (fh - 1) / 2],
                         flipFilter: flipFilter, gain: gain)
    }

    /// `upsample2d(x, f, up, padding, flip_filter, gain)`: output `up` times larger, gain `gain·upx·upy`.
    public static func upsample2d(_ x: Tensor, filter: Tensor?, up: [Int] = [2], padding: [Int] = [0],
                                  flipFilter: Bool = false, gain: Double = 1) -> Tensor {
        let p = parseResampling(up: up, down: [1], padding: padding)
        let fh = filter?.shape[0] ?? 1, fw = filter?.shape.last! ?? 1
        let pads = [p.padX0 + (fw + p.upX - 1) / 2, p.padX1 + (fw - p.upX) / 2, p.padY0 + (fh + p.upY - 1) / 2, p.padY1 + (fh - p.upY) / 2]
        return upfirdn2d(x, filter: filter, up: up, padding: pads, flipFilter: flipFilter, gain: gain * Double(p.upX * p.upY))
    }

    /// `downsample2d(x, f, down, padding, flip_filter, gain)`: output `down` times smaller.
    public static func downsample2d(_ x: Tensor, filter: Tensor?, down: [Int] = [2], padding: [Int] = [0],
                                    flipFilter: Bool = false, gain: Double = 1) -> Tensor {
        let p = parseResampling(up: [1], down: down, padding: padding)
        let fh = filter?.shape[0] ?? 1, fw = filter?.shape.last! ?? 1
        let pads = [p.padX0 + (fw - p.downX + 1) / 2, p.padX1 + (fw - p.downX) / 2, p.padY0 + (fh - p.downY + 1) / 2, p.padY1 + (fh - p.downY) / 2]
        return upfirdn2d(x, filter: filter, down: down, padding: pads, flipFilter: flipFilter, gain: gain)
    }
}

/// `base^exponent` in Double (Python's `gain ** (ndim / 2)`).
@inline(__always) func _pow(_ base: Double, _ exponent: Double) -> Double { Double.pow(base, exponent) }
