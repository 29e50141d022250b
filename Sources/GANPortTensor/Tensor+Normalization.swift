/// Normalization layers, composed from differentiable ops (so every derivative order is available).
extension Tensor {
    /// Shape `[1, C, 1, …]` that broadcasts a per-channel vector along dimension 1 of this tensor.
    func channelShape() -> [Int] { (0..<rank).map { $0 == 1 ? -1 : 1 } }

    /// `F.instance_norm(x, weight=weight, bias=bias, eps=eps)` (as `nn.InstanceNorm2d` without
    /// running statistics): every (sample, channel) plane is normalized by its own mean and biased
    /// variance over the spatial dimensions, `(x − mean) / sqrt(var + eps)`, then scaled by `weight`
    /// and shifted by `bias` (per channel, both optional: `affine=False` passes neither).
    public static func instanceNorm(_ x: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
        precondition(x.rank >= 3, "instanceNorm needs [N, C, spatial…], got \(x.shape)")
        precondition(weight.map { $0.shape == [x.shape[1]] } ?? true && bias.map { $0.shape == [x.shape[1]] } ?? true,
                     "instanceNorm: weight/bias must have \(x.shape[1]) elements")
        let axes = Array(2..<x.rank)
        let centered = x - x.mean(axes: axes, keepDims: true)
        var y = centered * centered.square().mean(axes: axes, keepDims: true).adding(eps).rsqrt()
        if let weight { y = y * weight.reshaped(x.channelShape()) }
        if let bias { y = y + bias.reshaped(x.channelShape()) }
        return y
    }

    /// `F.batch_norm(x, running_mean, running_var, weight, bias, training=False, eps=eps)`: batch
    /// normalization in evaluation mode, with the running statistics, computed as PyTorch's CPU kernel
    /// does: `x · α + β` with `α = weight / sqrt(running_var + eps)` and `β = bias − running_mean · α`
    /// per channel (dimension 1). Gradients flow to `x`, `weight` and `bias` (and to the statistics
    /// when they require grad).
    public static func batchNorm(_ x: Tensor, runningMean: Tensor, runningVariance: Tensor, weight: Tensor? = nil,
                                 bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
        precondition(x.rank >= 2, "batchNorm needs [N, C, …], got \(x.shape)")
        let channels = x.shape[1]
        for (name, tensor) in [("running mean", runningMean), ("running variance", runningVariance), ("weight", weight),
                               ("bias", bias)] {
            precondition(tensor.map { $0.shape == [channels] } ?? true, "batchNorm: \(name) must have \(channels) elements")
        }
        var alpha = runningVariance.adding(eps).rsqrt()
        if let weight { alpha = weight * alpha }
        let beta = bias.map { $0 - runningMean * alpha } ?? -(runningMean * alpha)
        return x * alpha.reshaped(x.channelShape()) + beta.reshaped(x.channelShape())
    }

    /// StarGAN v2 `AdaIN(style_dim, num_features)`: `h = linear(style, fcWeight, fcBias)` [N, 2C]
    /// split into `gamma` (first C) and `beta` (last C), then `(1 + gamma) · instance_norm(x) + beta`
    /// with `InstanceNorm2d(C, affine=False)` (eps 1e-5). `fcWeight` is [2C, style_dim].
    public static func adaptiveInstanceNorm(_ x: Tensor, style: Tensor, fcWeight: Tensor, fcBias: Tensor? = nil,
                                            eps: Double = 1e-5) -> Tensor {
        precondition(x.rank == 4 && style.rank == 2 && style.shape[0] == x.shape[0] && fcWeight.shape == [2 * x.shape[1], style.shape[1]],
                     "adaptiveInstanceNorm: x \(x.shape), style \(style.shape), fc weight \(fcWeight.shape) do not match")
        let channels = x.shape[1]
        let h = linear(style, weight: fcWeight, bias: fcBias).reshaped([x.shape[0], 2 * channels, 1, 1])
        let gamma = h.sliced(axis: 1, start: 0, end: channels), beta = h.sliced(axis: 1, start: channels, end: 2 * channels)
        return (1 + gamma) * instanceNorm(x, eps: eps) + beta
    }
}
