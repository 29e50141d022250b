/// Spatial transformer sampling: PyTorch `F.affine_grid` and `F.grid_sample` (bilinear, zeros
/// padding, `align_corners=False`), as the official `grid_sample_gradfix` uses them.
extension Tensor {
    /// `F.grid_sample(x, grid, mode='bilinear', padding_mode='zeros', align_corners=False)`:
    /// `x` [N, C, H, W], `grid` [N, Hout, Wout, 2] (x then y, −1…1 spanning the input's outer
    /// pixel edges) → [N, C, Hout, Wout]. Pixels outside the input count as 0.
    ///
    /// Differentiable in `x` to any order: the input gradient is `gridSampleAdjoint`, linear in the
    /// cotangent, whose own pullback is `gridSample` again (the official `grid_sample_gradfix`
    /// scheme, which R1 on augmented images needs). The grid gradient is first order only: it is
    /// returned as a constant, as `grid_sample_gradfix` does (its double backward ignores the
    /// grid gradient's cotangent).
    public static func gridSample(_ x: Tensor, grid: Tensor) -> Tensor {
        precondition(x.rank == 4 && grid.rank == 4 && grid.shape[3] == 2 && grid.shape[0] == x.shape[0],
                     "gridSample needs x [N, C, H, W] and grid [N, Hout, Wout, 2], got \(x.shape) and \(grid.shape)")
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let table = GridSampleTable(grid: grid.scalars, batch: n, locations: grid.shape[1] * grid.shape[2], height: h, width: w)
        let values = Kernels.gridSample(x.scalars, channels: c, table: table)
        let inputShape = x.shape
        return make([n, c, grid.shape[1], grid.shape[2]], values, "gridSample", [x, grid]) { g, _, needs in
            let dx = needs[0] ? gridSampleAdjoint(g, grid: grid, table: table, inputShape: inputShape) : nil
            let dgrid = needs[1]
                ? Tensor(shape: grid.shape, scalars: Kernels.gridSampleGridGradient(g.scalars, x.scalars, grid: grid.scalars,
                                                                                        channels: c, table: table))
                : nil
            return [dx, dgrid]
        }
    }

    /// The adjoint of `gridSample` in its input (scatter of `g` into `inputShape`), itself
    /// differentiable in `g`: its pullback samples the cotangent with the same grid.
    public static func gridSampleAdjoint(_ g: Tensor, grid: Tensor, inputShape: [Int]) -> Tensor {
        precondition(inputShape.count == 4 && g.rank == 4 && g.shape[0] == inputShape[0] && g.shape[1] == inputShape[1]
                     && grid.shape == [inputShape[0], g.shape[2], g.shape[3], 2],
                     "gridSampleAdjoint: cotangent \(g.shape), grid \(grid.shape) and input shape \(inputShape) disagree")
        let table = GridSampleTable(grid: grid.scalars, batch: inputShape[0], locations: g.shape[2] * g.shape[3],
                                    height: inputShape[2], width: inputShape[3])
        return gridSampleAdjoint(g, grid: grid, table: table, inputShape: inputShape)
    }

    static func gridSampleAdjoint(_ g: Tensor, grid: Tensor, table: GridSampleTable<Scalar>, inputShape: [Int]) -> Tensor {
        let values = Kernels.gridSampleAdjoint(g.scalars, channels: inputShape[1], table: table)
        return make(inputShape, values, "gridSampleAdjoint", [g]) { gx, _, _ in
            [gridSample(gx, grid: grid.detached())]
        }
    }

    /// `F.affine_grid(theta, size, align_corners)` for 2-D: `theta` [N, 2, 3] and
    /// `size = [N, C, H, W]` → grid [N, H, W, 2], `grid[n, i, j] = theta[n] · (x_j, y_i, 1)` with the
    /// base coordinates of `torch.linspace(−1, 1, ·)` (times `(S−1)/S` unless `alignCorners`).
    /// Rounding follows PyTorch's CPU kernels: per-batch products of fewer than 400 multiply-adds
    /// are summed plainly, larger ones as fused multiply-adds (BLAS). Differentiable in `theta`.
    public static func affineGrid(theta: Tensor, size: [Int], alignCorners: Bool = false) -> Tensor {
        precondition(size.count == 4 && theta.shape == [size[0], 2, 3], "affineGrid needs theta [N, 2, 3] and size [N, C, H, W]")
        let (n, h, w) = (size[0], size[2], size[3])
        let xs = baseCoordinates(w, alignCorners: alignCorners), ys = baseCoordinates(h, alignCorners: alignCorners)
        let values = Kernels.affineGrid(theta.scalars, batch: n, xs: xs, ys: ys, fused: 3 * h * w * 2 >= 400)
        return make([n, h, w, 2], values, "affineGrid", [theta]) { g, _, _ in
            var base = [Scalar](), count = 0
            for y in ys { for x in xs { base += [x, y, 1]; count += 1 } }
            let locations = Tensor(shape: [1, count, 3], scalars: base).expanded(to: [n, count, 3])
            return [matmul(g.reshaped([n, count, 2]), locations, transposeA: true)]
        }
    }

    /// Base coordinates of `affine_grid` along one axis of `size` samples.
    static func baseCoordinates(_ size: Int, alignCorners: Bool) -> [Scalar] {
        guard size > 1 else { return [0] }
        let range = torchLinspace(start: -1, end: 1, count: size)
        return alignCorners ? range : range.map { ($0 * Scalar(size - 1)) / Scalar(size) }
    }

    /// `torch.linspace(start, end, count)` on the CPU, element for element: the first half counts
    /// up from `start`, the second down from `end` (each as one fused multiply-add); blocks of 8
    /// computed vectorized take the block's first value plus `k·step`.
    static func torchLinspace(start: Scalar, end: Scalar, count: Int) -> [Scalar] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (end - start) / Scalar(count - 1), halfway = count / 2, lanes = 8
        func scalarValue(_ i: Int) -> Scalar {
            i < halfway ? start.addingProduct(step, Scalar(i)) : end.addingProduct(-step, Scalar(count - i - 1))
        }
        var out = [Scalar](repeating: 0, count: count)
        var i = 0
        while i <= count - 2 * lanes {
            for _ in 0..<2 {
                let base = scalarValue(i)
                out[i] = base
                for k in 1..<lanes { out[i + k] = base + Scalar(k) * step }
                i += lanes
            }
        }
        while i < count { out[i] = scalarValue(i); i += 1 }
        return out
    }
}
