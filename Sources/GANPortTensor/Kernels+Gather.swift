extension Kernels {
    /// Copies the strided view (`offset`, `shape`, element `strides`, possibly negative or 0) of `x`
    /// into a new contiguous array.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gather<T: TensorScalar>(_ x: [T], offset: Int, shape: [Int], strides: [Int]) -> [T] {
        let count = shape.reduce(1, *)
        guard count > 0 else { return [] }
        let merged = coalesce(shape, [strides])
        let inner = merged.shape.last!, innerStride = merged.strides[0].last!
        let outerShape = Array(merged.shape.dropLast()), outerStrides = Array(merged.strides[0].dropLast())
        return x.withUnsafeBufferPointer { px in
            uninitializedArray(count: count) { po in
                nonisolated(unsafe) let px = px.baseAddress! + offset, po = po
                TensorRuntime.parallelSplit(count / inner, grain: Swift.max(1, elementwiseGrain / inner)) { range in
                    var walker = OuterWalker(shape: outerShape, strides: [outerStrides], start: range.lowerBound)
                    for row in range {
                        let target = po + row * inner, source = px + walker.offsets[0]
                        if innerStride == 1 {
                            target.initialize(from: source, count: inner)
                        } else {
                            for j in 0..<inner { target[j] = source[j * innerStride] }
                        }
                        walker.advance()
                    }
                }
            }
        }
    }

    /// Writes contiguous `x` (of `shape`) into the strided view (`offset`, `strides`) of a zero
    /// array of `outCount` elements: the adjoint of `gather` for views without repeated elements.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scatter<T: TensorScalar>(_ x: [T], shape: [Int], into outCount: Int, offset: Int, strides: [Int]) -> [T] {
        var out: [T] = zeroArray(count: outCount)
        guard !x.isEmpty else { return out }
        let merged = coalesce(shape, [strides])
        let inner = merged.shape.last!, innerStride = merged.strides[0].last!
        let outerShape = Array(merged.shape.dropLast()), outerStrides = Array(merged.strides[0].dropLast())
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                let px = px.baseAddress!, po = po.baseAddress!
                var index = [Int](repeating: 0, count: outerShape.count)
                var target = offset
                for row in 0..<(x.count / inner) {
                    let source = px + row * inner
                    for j in 0..<inner { po[target + j * innerStride] = source[j] }
                    var dim = outerShape.count - 1
                    while dim >= 0 {
                        index[dim] += 1
                        target += outerStrides[dim]
                        if index[dim] < outerShape[dim] { break }
                        target -= outerStrides[dim] * outerShape[dim]
                        index[dim] = 0
                        dim -= 1
                    }
                }
            }
        }
        return out
    }
}
