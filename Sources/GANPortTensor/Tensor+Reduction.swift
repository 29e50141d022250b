/// Sums, means and variances over axes (fixed summation order, Double accumulators).
extension Tensor {
    func normalizedAxes(_ axes: [Int]) -> Set<Int> {
        Set(axes.map { axis in
            let resolved = axis < 0 ? axis + rank : axis
            precondition(resolved >= 0 && resolved < rank, "axis \(axis) out of range for rank \(rank)")
            return resolved
        })
    }

    /// Sum over `axes` (all axes when nil); `keepDims` keeps them as size 1.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axisSet = axes.map(normalizedAxes) ?? Set(0..<rank)
        let keptShape = shape.indices.map { axisSet.contains($0) ? 1 : shape[$0] }
        let values = Kernels.sum(scalars, shape: shape, axes: axisSet)
        let summed = Tensor.make(keptShape, values, "sum", [self]) { g, _, _ in [g.expanded(to: self.shape)] }
        return keepDims ? summed : summed.reshaped(shape.indices.filter { !axisSet.contains($0) }.map { shape[$0] })
    }

    /// Mean over `axes` (all axes when nil): the sum divided by the count (as PyTorch).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axisSet = axes.map(normalizedAxes) ?? Set(0..<rank)
        let count = axisSet.reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) / Scalar(count)
    }

    /// Variance over `axes` with `correction` (1 = unbiased, PyTorch's default; 0 = population).
    public func variance(axes: [Int]? = nil, correction: Int = 1, keepDims: Bool = false) -> Tensor {
        let axisSet = axes.map(normalizedAxes) ?? Set(0..<rank)
        let count = axisSet.reduce(1) { $0 * shape[$1] }
        let centered = self - mean(axes: axes, keepDims: true)
        return centered.square().sum(axes: axes, keepDims: keepDims) / Scalar(Swift.max(count - correction, 0))
    }

    /// Sums broadcast dimensions away so the result has `target` shape (the adjoint of broadcasting).
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        precondition(lead >= 0, "cannot sum shape \(shape) to \(target)")
        var axes = Array(0..<lead)
        for (index, size) in target.enumerated() where size == 1 && shape[lead + index] != 1 { axes.append(lead + index) }
        let reduced = axes.isEmpty ? self : sum(axes: axes, keepDims: true)
        return reduced.reshaped(target)
    }

    /// Broadcasts to `target` shape, copying (PyTorch `expand` followed by `contiguous`).
    public func expanded(to target: [Int]) -> Tensor {
        if shape == target { return self }
        guard broadcastShape(shape, target) == target else {
            preconditionFailure("cannot expand shape \(shape) to \(target)")
        }
        let values = Kernels.binary(.multiply, scalars, shape, [1], [], outShape: target)
        return Tensor.make(target, values, "expand", [self]) { g, _, _ in [g.summed(toShape: self.shape)] }
    }
}
