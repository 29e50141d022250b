/// Activation functions of NVIDIA `bias_act`, with their default `alpha` and `gain`.
public enum Activation: String, CaseIterable, Sendable {
    case linear, relu, lrelu, tanh, sigmoid, elu, selu, softplus, swish

    /// `def_alpha`: 0.2 for `lrelu`, 0 otherwise.
    public var defaultAlpha: Double { self == .lrelu ? 0.2 : 0 }
    /// `def_gain`: √2 for `relu`, `lrelu` and `swish`, 1 otherwise.
    public var defaultGain: Double { [.relu, .lrelu, .swish].contains(self) ? 2.0.squareRoot() : 1 }
}

extension Kernels {
    /// Fused bias + piecewise-linear activation + gain + clamp, returning the output and the
    /// derivative mask (slope · gain, 0 where clamped).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func biasLeakyRelu<T: TensorScalar>(_ x: [T], bias: [T]?, channels: Int, inner: Int, alpha: Double?,
                                                gain: Double, clamp: Double) -> (values: [T], slopes: [T]) {
        var slopes = [T]()
        let a = T(alpha ?? 1), g = T(gain), c = T(clamp)
        let useGain = gain != 1, useClamp = clamp >= 0, active = alpha != nil
        let blocks = x.count / Swift.max(inner, 1)
        let values: [T] = x.withUnsafeBufferPointer { px in
            uninitializedArray(count: x.count) { pv in
                slopes = uninitializedArray(count: x.count) { ps in
                    nonisolated(unsafe) let px = px.baseAddress!, pv = pv, ps = ps
                    TensorRuntime.parallelSplit(blocks, grain: Swift.max(1, elementwiseGrain / Swift.max(inner, 1))) { range in
                        for block in range {
                            let b = bias.map { $0[block % channels] } ?? 0
                            let hasBias = bias != nil
                            for index in (block * inner)..<((block + 1) * inner) {
                                var v = hasBias ? px[index] + b : px[index]
                                var slope: T = 1
                                if active && !(v > 0) { v = v * a; slope = a }
                                if useGain { v = v * g; slope = slope * g }
                                if useClamp {
                                    if !(v >= -c && v <= c) { slope = 0 }
                                    v = Swift.min(Swift.max(v, -c), c)
                                }
                                pv[index] = v
                                ps[index] = slope
                            }
                        }
                    }
                }
            }
        }
        return (values, slopes)
    }
}

extension Tensor {
    /// NVIDIA `bias_act(x, b, dim, act, alpha, gain, clamp)`: add `bias` along `dim`, apply the
    /// activation, multiply by `gain` (skipped when 1), clamp to `±clamp`. nil arguments take the
    /// activation's defaults; `clamp` nil disables clamping. `linear`, `relu` and `lrelu` run fused
    /// (one pass; the pullback is a multiplication by the saved slope, so it is differentiable again);
    /// the smooth activations are composed from differentiable element-wise ops.
    public static func biasAct(_ x: Tensor, bias: Tensor? = nil, dim: Int = 1, activation: Activation = .linear,
                               alpha: Double? = nil, gain: Double? = nil, clamp: Double? = nil) -> Tensor {
        let alpha = alpha ?? activation.defaultAlpha
        let gain = gain ?? activation.defaultGain
        let clamp = clamp ?? -1
        precondition(bias == nil || (bias!.rank == 1 && dim >= 0 && dim < x.rank && bias!.shape[0] == x.shape[dim]),
                     "bias_act: bias \(bias?.shape ?? []) does not match dimension \(dim) of \(x.shape)")
        switch activation {
        case .linear where gain == 1 && clamp < 0:
            // Only the bias: a broadcast addition (no slope mask to store).
            guard let bias else { return x }
            return x + bias.reshaped((0..<x.rank).map { $0 == dim ? -1 : 1 })
        case .linear, .relu, .lrelu:
            let inner = x.shape[(dim + 1)...].reduce(1, *)
            let channels = x.rank > 0 ? x.shape[dim] : 1
            let slopeAlpha: Double? = activation == .linear ? nil : (activation == .relu ? 0 : alpha)
            let (values, slopes) = Kernels.biasLeakyRelu(x.scalars, bias: bias?.scalars, channels: channels, inner: inner,
                                                         alpha: slopeAlpha, gain: gain, clamp: clamp)
            let slope = Tensor(shape: x.shape, scalars: slopes)
            let parents = bias.map { [x, $0] } ?? [x]
            return make(x.shape, values, "biasAct", parents) { g, _, needs in
                let dx = g * slope
                var result: [Tensor?] = [needs[0] ? dx : nil]
                if needs.count > 1 {
                    result.append(needs[1] ? dx.sum(axes: (0..<x.rank).filter { $0 != dim }) : nil)
                }
                return result
            }
        default:
            var y = x
            if let bias { y = y + bias.reshaped((0..<x.rank).map { $0 == dim ? -1 : 1 }) }
            switch activation {
            case .tanh: y = y.tanh()
            case .sigmoid: y = y.sigmoid()
            case .elu: y = y.elu()
            case .selu: y = y.selu()
            case .softplus: y = y.softplus()
            default: y = y.swish()
            }
            if gain != 1 { y = y.scaled(by: gain) }
            if clamp >= 0 { y = y.clamped(min: -clamp, max: clamp) }
            return y
        }
    }
}
