/// 2-D convolutions (NCHW activations, OIHW weights, PyTorch semantics: correlation).
///
/// The three primitives — `conv2d`, `convTranspose2d` and the weight gradient — have pullbacks
/// written with each other, so every derivative is again differentiable (as `conv2d_gradfix`).
extension Tensor {
    /// `torch.nn.functional.conv2d(x, w, stride, padding, groups=groups)` (no bias; add it with broadcasting).
    /// `padding` and `stride` are `[y, x]` pairs or one value for both.
    public static func conv2d(_ x: Tensor, _ w: Tensor, stride: [Int] = [1], padding: [Int] = [0], groups: Int = 1) -> Tensor {
        let geometry = ConvGeometry(strideY: stride[0], strideX: stride.last!, padY: padding[0], padX: padding.last!, groups: groups)
        return conv2d(x, w, geometry)
    }

    /// `torch.nn.functional.conv_transpose2d(x, w, stride, padding, output_padding, groups)`; w is
    /// [in, out/groups, kh, kw].
    public static func convTranspose2d(_ x: Tensor, _ w: Tensor, stride: [Int] = [1], padding: [Int] = [0],
                                       outputPadding: [Int] = [0], groups: Int = 1) -> Tensor {
        let geometry = ConvGeometry(strideY: stride[0], strideX: stride.last!, padY: padding[0], padX: padding.last!,
                                    outputPadY: outputPadding[0], outputPadX: outputPadding.last!, groups: groups)
        return convTranspose2d(x, w, geometry)
    }

    static func conv2d(_ x: Tensor, _ w: Tensor, _ geometry: ConvGeometry) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4, "conv2d needs NCHW input and OIHW weight, got \(x.shape) and \(w.shape)")
        precondition(x.shape[1] == w.shape[1] * geometry.groups && w.shape[0] % geometry.groups == 0,
                     "conv2d: input \(x.shape) and weight \(w.shape) do not match for \(geometry.groups) groups")
        precondition(x.shape[2] + 2 * geometry.padY >= w.shape[2] && x.shape[3] + 2 * geometry.padX >= w.shape[3],
                     "conv2d: kernel \(w.shape) larger than padded input \(x.shape)")
        let (shape, values) = Kernels.conv2d(x.scalars, x.shape, w.scalars, w.shape, geometry)
        return make(shape, values, "conv2d", [x, w]) { g, _, needs in
            var transposed = geometry
            transposed.outputPadY = x.shape[2] - ((shape[2] - 1) * geometry.strideY - 2 * geometry.padY + w.shape[2])
            transposed.outputPadX = x.shape[3] - ((shape[3] - 1) * geometry.strideX - 2 * geometry.padX + w.shape[3])
            return [needs[0] ? convTranspose2d(g, w, transposed) : nil,
                    needs[1] ? conv2dWeightGradient(x, g, weightShape: w.shape, geometry) : nil]
        }
    }

    static func convTranspose2d(_ x: Tensor, _ w: Tensor, _ geometry: ConvGeometry) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4 && x.shape[1] == w.shape[0] && w.shape[0] % geometry.groups == 0,
                     "convTranspose2d: input \(x.shape) and weight \(w.shape) do not match for \(geometry.groups) groups")
        let (shape, values) = Kernels.convTranspose2d(x.scalars, x.shape, w.scalars, w.shape, geometry)
        var forward = geometry
        forward.outputPadY = 0
        forward.outputPadX = 0
        return make(shape, values, "convTranspose2d", [x, w]) { g, _, needs in
            [needs[0] ? conv2d(g, w, forward) : nil,
             needs[1] ? conv2dWeightGradient(g, x, weightShape: w.shape, forward) : nil]
        }
    }

    /// Gradient of `conv2d(x, w)` with respect to `w` for output cotangent `gy`.
    static func conv2dWeightGradient(_ x: Tensor, _ gy: Tensor, weightShape: [Int], _ geometry: ConvGeometry) -> Tensor {
        var forward = geometry
        forward.outputPadY = 0
        forward.outputPadX = 0
        let values = Kernels.conv2dWeightGradient(x.scalars, x.shape, gy.scalars, gy.shape, weightShape: weightShape, forward)
        return make(weightShape, values, "conv2dWeightGradient", [x, gy]) { g, _, needs in
            var transposed = forward
            transposed.outputPadY = x.shape[2] - ((gy.shape[2] - 1) * forward.strideY - 2 * forward.padY + weightShape[2])
            transposed.outputPadX = x.shape[3] - ((gy.shape[3] - 1) * forward.strideX - 2 * forward.padX + weightShape[3])
            return [needs[0] ? convTranspose2d(gy, g, transposed) : nil,
                    needs[1] ? conv2d(x, g, forward) : nil]
        }
    }
}
