/// Broadcasting arithmetic (NumPy/PyTorch rules) with differentiable pullbacks.
extension Tensor {
    static func binary(_ operation: BinaryOperation, _ a: Tensor, _ b: Tensor, _ name: String,
                       _ pullback: @escaping Pullback) -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            preconditionFailure("\(name): shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let values = Kernels.binary(operation, a.scalars, a.shape, b.scalars, b.shape, outShape: shape)
        return make(shape, values, name, [a, b], pullback)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binary(.add, a, b, "add") { g, _, needs in
            [needs[0] ? g.summed(toShape: a.shape) : nil, needs[1] ? g.summed(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binary(.subtract, a, b, "subtract") { g, _, needs in
            [needs[0] ? g.summed(toShape: a.shape) : nil, needs[1] ? (-g).summed(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binary(.multiply, a, b, "multiply") { g, _, needs in
            [needs[0] ? (g * b).summed(toShape: a.shape) : nil, needs[1] ? (g * a).summed(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binary(.divide, a, b, "divide") { g, _, needs in
            [needs[0] ? (g / b).summed(toShape: a.shape) : nil,
             needs[1] ? (-(g * a) / (b * b)).summed(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor { x.unary(.negate, "negate") { g, _ in -g } }

    public static func * (x: Tensor, c: Scalar) -> Tensor { x.scaled(by: Double(c)) }
    public static func * (c: Scalar, x: Tensor) -> Tensor { x.scaled(by: Double(c)) }
    public static func / (x: Tensor, c: Scalar) -> Tensor { x / Tensor(c) }
    public static func + (x: Tensor, c: Scalar) -> Tensor { x.adding(Double(c)) }
    public static func + (c: Scalar, x: Tensor) -> Tensor { x.adding(Double(c)) }
    public static func - (x: Tensor, c: Scalar) -> Tensor { x.adding(-Double(c)) }
    public static func - (c: Scalar, x: Tensor) -> Tensor { (-x).adding(Double(c)) }
    public static func / (c: Scalar, x: Tensor) -> Tensor { x.reciprocal().scaled(by: Double(c)) }

    /// `x · c` with `c` rounded to the scalar type first (as PyTorch does for a Python float).
    public func scaled(by c: Double) -> Tensor {
        unary(.scale(c), "scale") { g, _ in g.scaled(by: c) }
    }

    /// `x + c` with `c` rounded to the scalar type first.
    public func adding(_ c: Double) -> Tensor { unary(.addScalar(c), "addScalar") { g, _ in g } }

}
