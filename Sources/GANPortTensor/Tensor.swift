/// An n-dimensional array of `Float` or `Double` with reverse-mode differentiation.
///
/// Elements are contiguous in row-major (C) order; activations are NCHW and convolution weights
/// OIHW, as in PyTorch. A tensor is a reference (like a PyTorch tensor): results of operations
/// remember their inputs and a pullback while differentiation is recorded (see `Tensor+Autodiff`).
/// Views (`reshaped`, `permuted`, slices) return new tensors; reshape shares the elements,
/// the others copy.
public final class Tensor<Scalar: TensorScalar> {
    /// The pullback of one operation: cotangent of the output (and the output itself) to the
    /// cotangents of the parents, written with differentiable tensor ops. `needs[i]` tells whether
    /// parent `i` wants a gradient; a pullback may return nil for parents that do not.
    typealias Pullback = (_ cotangent: Tensor, _ output: Tensor, _ needs: [Bool]) -> [Tensor?]

    /// Size of each dimension (`[]` for a scalar).
    public let shape: [Int]
    /// The elements in row-major order.
    public private(set) var scalars: [Scalar]
    /// Accumulated gradient of a leaf after `backward()`; nil until then.
    public var grad: Tensor?
    /// Name of the operation that produced this tensor (`"leaf"` for inputs and parameters).
    public let operation: String
    private(set) var parents: [Tensor]
    private(set) var pullback: Pullback?
    private var leafRequiresGrad: Bool

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Scalar], requiresGrad: Bool = false) {
        precondition(!shape.contains { $0 < 0 }, "negative dimension in \(shape)")
        precondition(shape.reduce(1, *) == scalars.count, "\(scalars.count) elements do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
        self.operation = "leaf"
        self.parents = []
        self.pullback = nil
        self.leafRequiresGrad = requiresGrad
    }

    init(shape: [Int], scalars: [Scalar], operation: String, parents: [Tensor], pullback: @escaping Pullback) {
        self.shape = shape
        self.scalars = scalars
        self.operation = operation
        self.parents = parents
        self.pullback = pullback
        self.leafRequiresGrad = false
    }

    /// Whether gradients flow to this tensor. Settable on leaves (inputs, parameters); an operation's
    /// result requires grad when it was recorded, i.e. some input required grad outside `withNoGrad`.
    public var requiresGrad: Bool {
        get { pullback != nil || leafRequiresGrad }
        set {
            precondition(pullback == nil, "requiresGrad can only be set on leaf tensors")
            leafRequiresGrad = newValue
        }
    }

    /// Whether this tensor was not produced by a recorded operation.
    public var isLeaf: Bool { pullback == nil }

    /// Drops what only a backward pass needs (the pullback with the inputs it saved, and the links
    /// to the parents) once that pass has used it, as PyTorch frees a graph's saved tensors unless
    /// `retain_graph` is set. The tensor's own elements stay; a second backward pass through it is a
    /// programming error and stops with a message.
    func releaseGraph() {
        guard pullback != nil else { return }
        let name = operation
        parents = []
        pullback = { _, _, _ in
            preconditionFailure("backward through '\(name)' a second time: its graph was freed by the first pass "
                + "(pass retainGraph: true to the first one)")
        }
    }

    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { scalars.count }

    /// The single element of a one-element tensor.
    public var item: Scalar {
        precondition(scalars.count == 1, "item needs exactly one element, shape is \(shape)")
        return scalars[0]
    }

    /// The same elements, cut from the graph (PyTorch `detach()`).
    public func detached() -> Tensor { Tensor(shape: shape, scalars: scalars) }

    /// Replaces the elements of a leaf in place (optimizer steps, loading). The count must not change.
    public func assign(_ body: (inout [Scalar]) -> Void) {
        precondition(isLeaf, "only leaf tensors can be updated in place")
        let count = scalars.count
        body(&scalars)
        precondition(scalars.count == count, "in-place update changed the element count")
    }

    /// Records an operation result: with a graph when recording is on and a parent requires grad.
    static func make(_ shape: [Int], _ scalars: [Scalar], _ operation: String, _ parents: [Tensor],
                     _ pullback: @escaping Pullback) -> Tensor {
        if TensorRuntime.gradEnabled, parents.contains(where: { $0.requiresGrad }) {
            return Tensor(shape: shape, scalars: scalars, operation: operation, parents: parents, pullback: pullback)
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

extension Tensor {
    /// A rank-0 tensor.
    public convenience init(_ value: Scalar) { self.init(shape: [], scalars: [value]) }

    /// A rank-1 tensor.
    public convenience init(_ values: [Scalar], requiresGrad: Bool = false) {
        self.init(shape: [values.count], scalars: values, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with `value`.
    public convenience init(repeating value: Scalar, shape: [Int]) {
        self.init(shape: shape, scalars: [Scalar](repeating: value, count: shape.reduce(1, *)))
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    /// Ones of `shape`.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// The elements converted to another scalar type, as a new leaf (the graph is not carried over).
    public func converted<Other: TensorScalar>(to type: Other.Type) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other(Double($0)) })
    }
}
