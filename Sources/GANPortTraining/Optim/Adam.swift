import Foundation
import GANPortTensor

/// `torch.optim.Adam` of PyTorch 1.13 (single-tensor CPU path, `foreach=False`, no weight decay,
/// no AMSGrad), element by element with the same float32 roundings:
///
/// ```
/// step += 1
/// m = m·β1 + g·(1 − β1)                      (fused multiply-add, as torch's vectorized add)
/// v = fma((1 − β2)·g, g, v·β2)               (torch's addcmul)
/// denom = sqrt(v) / sqrt(1 − β2^step) + eps   (float32, scalars computed in double)
/// p = p + (−lr / (1 − β1^step))·m / denom     (torch's addcdiv)
/// ```
///
/// Parameters whose `grad` is nil are skipped entirely (no step count, no moment decay), as
/// torch skips them after `zero_grad(set_to_none=True)`. Each parameter keeps its own step count.
public final class Adam {
    /// One parameter's optimizer state (`state[p]` in torch).
    public struct ParameterState: Equatable {
        /// Number of steps taken for this parameter (torch's `step`).
        public var step: Int
        /// First moment (`exp_avg`).
        public var expAvg: [Float]
        /// Second moment (`exp_avg_sq`).
        public var expAvgSq: [Float]
    }

    /// Hyperparameters (may be changed between steps, like a torch param group).
    public var options: AdamOptions
    /// The optimized parameters with their names, in order.
    public let parameters: [(name: String, tensor: Tensor<Float>)]
    /// State by parameter name; absent until the parameter's first step.
    public internal(set) var states: [String: ParameterState] = [:]

    /// An optimizer over `parameters` (leaf tensors; their `grad` is read by `step()`).
    public init(parameters: [(name: String, tensor: Tensor<Float>)], options: AdamOptions) {
        self.parameters = parameters
        self.options = options
    }

    /// `zero_grad(set_to_none=True)`: clears every parameter's gradient.
    public func zeroGrad() {
        for (_, tensor) in parameters { tensor.grad = nil }
    }

    /// One `step()` over every parameter with a gradient.
    public func step() {
        for (name, parameter) in parameters {
            guard let grad = parameter.grad else { continue }
            precondition(grad.shape == parameter.shape, "gradient of \(name) has shape \(grad.shape), parameter \(parameter.shape)")
            var state = states[name] ?? ParameterState(step: 0, expAvg: [Float](repeating: 0, count: parameter.count),
                                                       expAvgSq: [Float](repeating: 0, count: parameter.count))
            state.step += 1
            Adam.update(parameter, grad: grad.scalars, state: &state, options: options)
            states[name] = state
        }
    }

    /// The element-wise update of one parameter.
    static func update(_ parameter: Tensor<Float>, grad: [Float], state: inout ParameterState, options: AdamOptions) {
        let beta1 = Float(options.beta1), beta2 = Float(options.beta2)
        let oneMinusBeta1 = Float(1 - options.beta1), oneMinusBeta2 = Float(1 - options.beta2)
        let step = Double(state.step)
        let biasCorrection1 = 1 - Foundation.pow(options.beta1, step)
        let biasCorrection2 = 1 - Foundation.pow(options.beta2, step)
        let stepSize = Float(-(options.learningRate / biasCorrection1))
        let correction2Root = Float(biasCorrection2.squareRoot())
        let eps = Float(options.epsilon)
        parameter.assign { values in
            for i in values.indices {
                let g = grad[i]
                let expAvg = (state.expAvg[i] * beta1).addingProduct(g, oneMinusBeta1)
                let expAvgSq = (state.expAvgSq[i] * beta2).addingProduct(oneMinusBeta2 * g, g)
                state.expAvg[i] = expAvg
                state.expAvgSq[i] = expAvgSq
                let denom = expAvgSq.squareRoot() / correction2Root + eps
                values[i] = values[i] + stepSize * expAvg / denom
            }
        }
    }
}
