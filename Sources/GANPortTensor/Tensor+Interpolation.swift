/// Resampling modes of `Tensor.interpolate` (PyTorch `F.interpolate` `mode`).
public enum InterpolationMode: String, Sendable, CaseIterable {
    /// `'nearest'` (the legacy PyTorch rule, `⌊o · in/out⌋`).
    case nearest
    /// `'bilinear'`.
    case bilinear
}

/// Resizing of NCHW images.
extension Tensor {
    /// `F.interpolate(x, size=size, scale_factor=scaleFactor, mode=mode, align_corners=alignCorners)`
    /// for NCHW tensors (`recompute_scale_factor` unset, no antialiasing). Give exactly one of `size`
    /// (`[h, w]` or `[s]`) and `scaleFactor` (`[sy, sx]` or `[s]`; the output is `⌊in · s⌋` and the
    /// sampling uses `1/s`, as PyTorch does). `alignCorners` applies to `bilinear` only.
    public static func interpolate(_ x: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil,
                                   mode: InterpolationMode = .nearest, alignCorners: Bool = false) -> Tensor {
        precondition(x.rank == 4, "interpolate needs an NCHW tensor, got \(x.shape)")
        precondition((size == nil) != (scaleFactor == nil), "interpolate: give either size or scaleFactor")
        precondition(mode == .bilinear || !alignCorners, "interpolate: alignCorners needs bilinear mode")
        let (h, w) = (x.shape[2], x.shape[3])
        var outH: Int, outW: Int, scaleY: Double?, scaleX: Double?
        if let size {
            precondition([1, 2].contains(size.count) && size.allSatisfy { $0 > 0 }, "interpolate: invalid size \(size)")
            (outH, outW, scaleY, scaleX) = (size[0], size.last!, nil, nil)
        } else {
            let factors = scaleFactor!
            precondition([1, 2].contains(factors.count) && factors.allSatisfy { $0 > 0 }, "interpolate: invalid scale factor \(factors)")
            (scaleY, scaleX) = (factors[0], factors.last!)
            (outH, outW) = (Int((Double(h) * scaleY!).rounded(.down)), Int((Double(w) * scaleX!).rounded(.down)))
            precondition(outH > 0 && outW > 0, "interpolate: empty output for \(x.shape) and scale \(factors)")
        }
        let rows: InterpolationAxis<Scalar>, columns: InterpolationAxis<Scalar>
        switch mode {
        case .nearest:
            rows = .nearest(input: h, output: outH, scaleFactor: scaleY)
            columns = .nearest(input: w, output: outW, scaleFactor: scaleX)
        case .bilinear:
            rows = .linear(input: h, output: outH, alignCorners: alignCorners, scaleFactor: scaleY)
            columns = .linear(input: w, output: outW, alignCorners: alignCorners, scaleFactor: scaleX)
        }
        return resampled(x, nearest: mode == .nearest, rows: rows, columns: columns)
    }

    static func resampled(_ x: Tensor, nearest: Bool, rows: InterpolationAxis<Scalar>, columns: InterpolationAxis<Scalar>) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let values = Kernels.interpolate(x.scalars, planes: n * c, height: h, width: w, nearest: nearest, rows: rows, columns: columns)
        let shape = [n, c, rows.index0.count, columns.index0.count]
        return make(shape, values, nearest ? "interpolateNearest" : "interpolateBilinear", [x]) { g, _, _ in
            [resampledAdjoint(g, inputShape: x.shape, nearest: nearest, rows: rows, columns: columns)]
        }
    }

    /// The adjoint of `resampled` (its pullback; differentiable in turn).
    static func resampledAdjoint(_ g: Tensor, inputShape: [Int], nearest: Bool,
                                 rows: InterpolationAxis<Scalar>, columns: InterpolationAxis<Scalar>) -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let values = Kernels.interpolateAdjoint(g.scalars, planes: n * c, height: h, width: w, nearest: nearest,
                                                rows: rows, columns: columns)
        return make(inputShape, values, "interpolateAdjoint", [g]) { gx, _, _ in
            [resampled(gx, nearest: nearest, rows: rows, columns: columns)]
        }
    }
}
