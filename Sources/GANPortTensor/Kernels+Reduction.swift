extension Kernels {
    /// Sums `x` (of `shape`) over `axes` into the shape with those axes set to 1.
    /// Each output element adds its inputs in increasing input order, in a Double accumulator
    /// (deterministic, and at least as accurate as PyTorch's float sums).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sum<T: TensorScalar>(_ x: [T], shape: [Int], axes: Set<Int>) -> [T] {
        let outShape = shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
        let outCount = outShape.reduce(1, *)
        var accumulator = [Double](repeating: 0, count: outCount)
        if x.isEmpty { return [T](repeating: 0, count: outCount) }
        let inStrides = broadcastStrides(shape, to: shape)
        let outStrides = broadcastStrides(outShape, to: shape)
        let merged = coalesce(shape, [inStrides, outStrides])
        let inner = merged.shape.last!
        let innerOut = merged.strides[1].last!
        let outerShape = Array(merged.shape.dropLast())
        let outerOut = Array(merged.strides[1].dropLast())
        x.withUnsafeBufferPointer { px in
            accumulator.withUnsafeMutableBufferPointer { pa in
                let px = px.baseAddress!, pa = pa.baseAddress!
                var index = [Int](repeating: 0, count: outerShape.count)
                var offOut = 0
                for row in 0..<(x.count / inner) {
                    let source = px + row * inner
                    if innerOut == 0 {
                        var total = pa[offOut]
                        for j in 0..<inner { total += Double(source[j]) }
                        pa[offOut] = total
                    } else {
                        let target = pa + offOut
                        for j in 0..<inner { target[j] += Double(source[j]) }
                    }
                    var dim = outerShape.count - 1
                    while dim >= 0 {
                        index[dim] += 1
                        offOut += outerOut[dim]
                        if index[dim] < outerShape[dim] { break }
                        offOut -= outerOut[dim] * outerShape[dim]
                        index[dim] = 0
                        dim -= 1
                    }
                }
            }
        }
        return accumulator.map { T($0) }
    }
}
