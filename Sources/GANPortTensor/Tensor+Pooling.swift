/// Pooling (NCHW).
extension Tensor {
    /// `F.avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)`.
    /// `kernel`, `stride` (default: the kernel) and `padding` are `[s]` or `[y, x]`. Zero padding
    /// counts towards the divisor when `countIncludePad` (PyTorch's default).
    public static func avgPool2d(_ x: Tensor, kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                 ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil) -> Tensor {
        precondition(x.rank == 4, "avgPool2d needs an NCHW tensor, got \(x.shape)")
        let stride = stride ?? kernel
        precondition([kernel, stride, padding].allSatisfy { [1, 2].contains($0.count) }, "avgPool2d: 1 or 2 values per argument")
        let geometry = PoolGeometry(kernelY: kernel[0], kernelX: kernel.last!, strideY: stride[0], strideX: stride.last!,
                                    padY: padding[0], padX: padding.last!, ceilMode: ceilMode,
                                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        precondition(geometry.kernelY > 0 && geometry.kernelX > 0 && geometry.strideY > 0 && geometry.strideX > 0
                     && geometry.padY >= 0 && geometry.padX >= 0 && 2 * geometry.padY <= geometry.kernelY
                     && 2 * geometry.padX <= geometry.kernelX && (divisorOverride ?? 1) != 0,
                     "avgPool2d: invalid kernel \(kernel), stride \(stride), padding \(padding) (padding at most half the kernel)")
        return avgPool2d(x, geometry)
    }

    static func avgPool2d(_ x: Tensor, _ g: PoolGeometry) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outH = PoolGeometry.outputSize(h, kernel: g.kernelY, stride: g.strideY, pad: g.padY, ceilMode: g.ceilMode)
        let outW = PoolGeometry.outputSize(w, kernel: g.kernelX, stride: g.strideX, pad: g.padX, ceilMode: g.ceilMode)
        precondition(outH > 0 && outW > 0, "avgPool2d: empty output for input \(x.shape)")
        let values = Kernels.avgPool2d(x.scalars, planes: n * c, height: h, width: w, g, outH: outH, outW: outW)
        return make([n, c, outH, outW], values, "avgPool2d", [x]) { gy, _, _ in [avgPool2dAdjoint(gy, g, inputShape: x.shape)] }
    }

    /// The adjoint of `avgPool2d` for inputs of `inputShape` (its pullback; differentiable in turn).
    static func avgPool2dAdjoint(_ gy: Tensor, _ g: PoolGeometry, inputShape: [Int]) -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let values = Kernels.avgPool2dAdjoint(gy.scalars, planes: n * c, height: h, width: w, g, outH: gy.shape[2], outW: gy.shape[3])
        return make(inputShape, values, "avgPool2dAdjoint", [gy]) { gx, _, _ in [avgPool2d(gx, g)] }
    }
}
