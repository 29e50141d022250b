/// StyleGAN layer building blocks with the official semantics (`training/networks.py`).
extension Tensor {
    /// `normalize_2nd_moment(x, dim, eps)`: `x · rsqrt(mean(x², dim) + eps)`.
    public static func normalize2ndMoment(_ x: Tensor, dim: Int = 1, eps: Double = 1e-8) -> Tensor {
        x * x.square().mean(axes: [dim], keepDims: true).adding(eps).rsqrt()
    }

    /// StyleGAN2 `modulated_conv2d` (float32 path): per-sample weights `weight · styles`, optional
    /// demodulation `rsqrt(Σ w² + 1e-8)`, then either the fused grouped convolution (groups = N)
    /// or the non-fused path (scale activations before and after a shared-weight convolution).
    /// `noise` is added (broadcast) after demodulation; `filter` is the resample filter.
    ///
    /// The demodulation coefficients are computed as a matrix product,
    /// `Σ_{i,k} (w[o,i,k]·s[n,i])² = Σ_i s[n,i]² · Σ_k w[o,i,k]²`, so the per-sample weights
    /// [N, O, I, kh, kw] are only built for the fused path (once, as `weight · (styles · dcoefs)`).
    /// This reassociates the reference's float sums: results agree within the reduction tolerance.
    public static func modulatedConv2d(_ x: Tensor, weight: Tensor, styles: Tensor, noise: Tensor? = nil,
                                       up: Int = 1, down: Int = 1, padding: Int = 0, filter: Tensor? = nil,
                                       demodulate: Bool = true, flipWeight: Bool = true, fusedModconv: Bool = true) -> Tensor {
        let n = x.shape[0]
        let (o, i, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        precondition(x.rank == 4 && x.shape[1] == i && styles.shape == [n, i],
                     "modulatedConv2d: x \(x.shape), weight \(weight.shape), styles \(styles.shape) do not match")
        let dcoefs = demodulate ? demodulationCoefficients(weight: weight, styles: styles) : nil
        if !fusedModconv {
            var y = x * styles.reshaped([n, -1, 1, 1])
            y = conv2dResample(y, weight, filter: filter, up: up, down: down, padding: [padding], flipWeight: flipWeight)
            if let dcoefs { y = y * dcoefs.reshaped([n, -1, 1, 1]) }
            if let noise { y = y + noise }
            return y
        }
        var scale = styles.reshaped([n, 1, i, 1, 1])
        if let dcoefs { scale = scale * dcoefs.reshaped([n, o, 1, 1, 1]) }
        let w = weight.unsqueezed(0) * scale
        let grouped = x.reshaped([1, n * i, x.shape[2], x.shape[3]])
        var y = conv2dResample(grouped, w.reshaped([n * o, i, kh, kw]), filter: filter, up: up, down: down,
                               padding: [padding], groups: n, flipWeight: flipWeight)
        y = y.reshaped([n, o, y.shape[2], y.shape[3]])
        if let noise { y = y + noise }
        return y
    }

    /// `rsqrt(Σ_{i,kh,kw} (weight[o,i,kh,kw] · styles[n,i])² + 1e-8)` as [N, O], computed as
    /// `styles² · (Σ_{kh,kw} weight²)ᵀ` (no per-sample weights).
    static func demodulationCoefficients(weight: Tensor, styles: Tensor) -> Tensor {
        matmul(styles.square(), weight.square().sum(axes: [2, 3]), transposeB: true).adding(1e-8).rsqrt()
    }

    /// StyleGAN3 `modulated_conv2d(x, w, s, demodulate, padding, input_gain)`: pre-normalized weight
    /// and styles, demodulation, optional per-input-channel gain, always one grouped correlation.
    public static func modulatedConv2dStyleGAN3(_ x: Tensor, weight: Tensor, styles: Tensor, demodulate: Bool = true,
                                                padding: Int = 0, inputGain: Tensor? = nil) -> Tensor {
        let n = x.shape[0]
        let (o, i, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        var weight = weight, styles = styles
        if demodulate {
            weight = weight * weight.square().mean(axes: [1, 2, 3], keepDims: true).rsqrt()
            styles = styles * styles.square().mean().rsqrt()
        }
        var w = weight.unsqueezed(0) * styles.unsqueezed(1).unsqueezed(3).unsqueezed(4)
        if demodulate {
            w = w * w.square().sum(axes: [2, 3, 4], keepDims: true).adding(1e-8).rsqrt()
        }
        if let inputGain {
            w = w * inputGain.expanded(to: [n, i]).unsqueezed(1).unsqueezed(3).unsqueezed(4)
        }
        let y = conv2d(x.reshaped([1, n * i, x.shape[2], x.shape[3]]), w.reshaped([n * o, i, kh, kw]),
                       padding: [padding], groups: n)
        return y.reshaped([n, o, y.shape[2], y.shape[3]])
    }

    /// `MinibatchStdLayer(group_size, num_channels)`: appends `numChannels` channels holding the
    /// standard deviation over groups of `min(groupSize, N)` samples (sample `g·(N/G) + m` is member
    /// `g` of group `m`), averaged over channels and pixels. `groupSize` nil uses the whole batch.
    public static func minibatchStd(_ x: Tensor, groupSize: Int?, numChannels: Int = 1) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let g = groupSize.map { Swift.min($0, n) } ?? n
        let f = numChannels
        precondition(n % g == 0 && c % f == 0, "minibatchStd: batch \(n) or channels \(c) not divisible")
        var y = x.reshaped([g, -1, f, c / f, h, w])
        y = y - y.mean(axes: [0])
        y = y.square().mean(axes: [0])
        y = y.adding(1e-8).sqrt()
        y = y.mean(axes: [2, 3, 4])
        y = y.reshaped([-1, f, 1, 1]).repeated([g, 1, h, w])
        return concatenated([x, y], axis: 1)
    }

    /// StyleGAN3 `filtered_lrelu` (reference path): bias, upsample with `fu` (gain up²), leaky
    /// ReLU with `slope`, `gain` and `clamp`, downsample with `fd`. `padding` as in `upfirdn2d`.
    public static func filteredLeakyRelu(_ x: Tensor, upFilter fu: Tensor? = nil, downFilter fd: Tensor? = nil,
                                         bias: Tensor? = nil, up: Int = 1, down: Int = 1, padding: [Int] = [0],
                                         gain: Double = 2.0.squareRoot(), slope: Double = 0.2, clamp: Double? = nil,
                                         flipFilter: Bool = false) -> Tensor {
        precondition(x.rank == 4 && up >= 1 && down >= 1 && gain > 0 && slope >= 0, "filteredLeakyRelu: invalid arguments")
        var y = biasAct(x, bias: bias)
        y = upfirdn2d(y, filter: fu, up: [up], padding: padding, flipFilter: flipFilter, gain: Double(up * up))
        y = biasAct(y, activation: .lrelu, alpha: slope, gain: gain, clamp: clamp)
        return upfirdn2d(y, filter: fd, down: [down], flipFilter: flipFilter)
    }
}
