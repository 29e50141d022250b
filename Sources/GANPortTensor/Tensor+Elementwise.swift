/// Element-wise functions with differentiable pullbacks.
extension Tensor {
    func unary(_ operation: UnaryOperation, _ name: String, _ pullback: @escaping (_ g: Tensor, _ y: Tensor) -> Tensor) -> Tensor {
        let values = Kernels.unary(operation, scalars)
        return Tensor.make(shape, values, name, [self]) { g, y, _ in [pullback(g, y)] }
    }

    /// A constant (never differentiated) tensor of the same shape computed element-wise from `self`.
    func constantMap(_ operation: UnaryOperation) -> Tensor {
        Tensor(shape: shape, scalars: Kernels.unary(operation, scalars))
    }

    public func exp() -> Tensor { unary(.exp, "exp") { g, y in g * y } }
    public func log() -> Tensor { unary(.log, "log") { g, _ in g / self } }
    public func sqrt() -> Tensor { unary(.sqrt, "sqrt") { g, y in g / y.scaled(by: 2) } }
    /// `1 / sqrt(x)`.
    public func rsqrt() -> Tensor { unary(.rsqrt, "rsqrt") { g, y in g * (y * y * y).scaled(by: -0.5) } }
    public func square() -> Tensor { unary(.square, "square") { g, _ in g * self.scaled(by: 2) } }
    public func sin() -> Tensor { unary(.sin, "sin") { g, _ in g * self.cos() } }
    public func cos() -> Tensor { unary(.cos, "cos") { g, _ in -(g * self.sin()) } }
    public func tanh() -> Tensor { unary(.tanh, "tanh") { g, y in g * (1 - y.square()) } }
    public func sigmoid() -> Tensor { unary(.sigmoid, "sigmoid") { g, y in g * (y * (1 - y)) } }
    /// `log(1 + e^x)` (PyTorch `softplus` with beta 1, threshold 20).
    public func softplus() -> Tensor { unary(.softplus, "softplus") { g, _ in g * self.sigmoid() } }
    public func abs() -> Tensor { unary(.abs, "abs") { g, _ in g * self.constantMap(.sign) } }
    public func reciprocal() -> Tensor { unary(.reciprocal, "reciprocal") { g, y in -(g * y.square()) } }
    /// `x^p` for a constant exponent.
    public func pow(_ p: Double) -> Tensor {
        unary(.power(p), "pow") { g, _ in g * self.pow(p - 1).scaled(by: p) }
    }
    public func relu() -> Tensor { unary(.relu, "relu") { g, _ in g * self.constantMap(.leakyReluSlope(alpha: 0)) } }
    /// `x` where `x > 0`, `alpha · x` elsewhere.
    public func leakyRelu(_ alpha: Double = 0.01) -> Tensor {
        unary(.leakyRelu(alpha: alpha), "leakyRelu") { g, _ in g * self.constantMap(.leakyReluSlope(alpha: alpha)) }
    }
    /// `min(max(x, lower), upper)`; the gradient passes where `lower ≤ x ≤ upper` (as PyTorch).
    public func clamped(min lower: Double, max upper: Double) -> Tensor {
        unary(.clamp(lower: lower, upper: upper), "clamp") { g, _ in
            g * self.constantMap(.clampMask(lower: lower, upper: upper))
        }
    }
    /// PyTorch `elu` (alpha 1).
    public func elu() -> Tensor { eluFamily(alpha: 1, scale: 1) }
    /// PyTorch `selu`.
    public func selu() -> Tensor {
        eluFamily(alpha: 1.6732632423543772848170429916717, scale: 1.0507009873554804934193349852946)
    }
    /// `x · sigmoid(x)`.
    public func swish() -> Tensor { self.sigmoid() * self }

    /// `x > 0 ? scale·x : scale·alpha·(e^x − 1)` (`e^x − 1` rounded as PyTorch's CPU kernel does).
    func eluFamily(alpha: Double, scale: Double) -> Tensor {
        let positive = constantMap(.leakyReluSlope(alpha: 0))
        let values = zip(scalars, positive.scalars).map { x, p in
            p == 1 ? x * Scalar(scale) : (Scalar.exp(x) - 1) * Scalar(alpha * scale)
        }
        return Tensor.make(shape, values, "elu", [self]) { g, _, _ in
            let slope = positive.scaled(by: scale) + (1 - positive) * self.exp().scaled(by: alpha * scale)
            return [g * slope]
        }
    }

    /// PyTorch `lerp` with a weight tensor: `self + t·(end − self)` where `|t| < 0.5`, else
    /// `end − (end − self)·(1 − t)`, element by element (broadcasting).
    public func lerp(to end: Tensor, weight t: Tensor) -> Tensor {
        let near = t.constantMap(.magnitudeBelow(0.5))
        let difference = end - self
        return near * (self + t * difference) + (1 - near) * (end - difference * (1 - t))
    }
    /// PyTorch `lerp` with a constant weight: `self + t·(end − self)` for `|t| < 0.5`,
    /// else `end − (end − self)·(1 − t)` (its rounding-friendly form).
    public func lerp(to end: Tensor, weight t: Double) -> Tensor {
        Swift.abs(t) < 0.5 ? self + (end - self).scaled(by: t) : end - (end - self).scaled(by: 1 - t)
    }
}
