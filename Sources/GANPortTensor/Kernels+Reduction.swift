extension Kernels {
    /// Sums `x` (of `shape`) over `axes` into the shape with those axes set to 1.
    /// Each output element adds its inputs in increasing input order, in a Double accumulator
    /// (deterministic, and at least as accurate as PyTorch's float sums). Output elements are
    /// independent and split over threads, which leaves every sum's order unchanged.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sum<T: TensorScalar>(_ x: [T], shape: [Int], axes: Set<Int>) -> [T] {
        let outShape = shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
        let outCount = outShape.reduce(1, *)
        if x.isEmpty { return [T](repeating: 0, count: outCount) }
        let merged = coalesce(shape, [broadcastStrides(shape, to: shape), broadcastStrides(outShape, to: shape)])
        let rank = merged.shape.count
        let inner = merged.shape[rank - 1], innerKept = merged.strides[1][rank - 1] != 0
        // Outer dimensions, split into kept ones (row-major over the output) and reduced ones.
        var keptShape: [Int] = [], keptStrides: [Int] = [], reducedShape: [Int] = [], reducedStrides: [Int] = []
        for dim in 0..<(rank - 1) {
            if merged.strides[1][dim] != 0 {
                keptShape.append(merged.shape[dim]); keptStrides.append(merged.strides[0][dim])
            } else {
                reducedShape.append(merged.shape[dim]); reducedStrides.append(merged.strides[0][dim])
            }
        }
        let keptCount = keptShape.reduce(1, *), reducedCount = reducedShape.reduce(1, *)
        let chunk = innerKept ? Swift.min(inner, 4096) : 1
        let chunksPerRow = innerKept ? (inner + chunk - 1) / chunk : 1
        let units = keptCount * chunksPerRow
        let work = Swift.max(1, reducedCount * (innerKept ? chunk : inner))
        return x.withUnsafeBufferPointer { px in
            uninitializedArray(count: outCount) { po in
                nonisolated(unsafe) let px = px.baseAddress!, po = po
                TensorRuntime.parallelSplit(units, grain: Swift.max(1, elementwiseGrain / work)) { range in
                    var accumulator = [Double](repeating: 0, count: chunk)
                    var kept = OuterWalker(shape: keptShape, strides: [keptStrides], start: range.lowerBound / chunksPerRow)
                    var keptPosition = range.lowerBound / chunksPerRow
                    var reduced = OuterWalker(shape: reducedShape, strides: [reducedStrides], start: 0)
                    accumulator.withUnsafeMutableBufferPointer { acc in
                        for unit in range {
                            let keptIndex = unit / chunksPerRow, piece = unit % chunksPerRow
                            while keptPosition < keptIndex { kept.advance(); keptPosition += 1 }
                            reduced.reset()
                            if innerKept {
                                let start = piece * chunk, length = Swift.min(chunk, inner - start)
                                for j in 0..<length { acc[j] = 0 }
                                for _ in 0..<reducedCount {
                                    let source = px + kept.offsets[0] + reduced.offsets[0] + start
                                    for j in 0..<length { acc[j] += Double(source[j]) }
                                    reduced.advance()
                                }
                                let target = po + keptIndex * inner + start
                                for j in 0..<length { target[j] = T(acc[j]) }
                            } else {
                                var total = 0.0
                                for _ in 0..<reducedCount {
                                    let source = px + kept.offsets[0] + reduced.offsets[0]
                                    for j in 0..<inner { total += Double(source[j]) }
                                    reduced.advance()
                                }
                                po[keptIndex] = T(total)
                            }
                        }
                    }
                }
            }
        }
    }
}
