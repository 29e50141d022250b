/// Shape operations: reshape, permute, slice, pad, concat, repeat, flip, roll.
extension Tensor {
    /// Row-major strides of this tensor's shape.
    var contiguousStrides: [Int] { broadcastStrides(shape, to: shape) }

    /// The same elements in a new shape (one dimension may be -1). Shares the elements.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if resolved == shape { return self }
        let original = shape
        return Tensor.make(resolved, scalars, "reshape", [self]) { g, _, _ in [g.reshaped(original)] }
    }

    /// Inserts a size-1 dimension at `axis`.
    public func unsqueezed(_ axis: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(newShape)
    }

    /// Flattens dimensions from `startAxis` on (PyTorch `flatten(start_dim)`).
    public func flattened(from startAxis: Int = 0) -> Tensor {
        reshaped(Array(shape[..<startAxis]) + [shape[startAxis...].reduce(1, *)])
    }

    /// Dimensions reordered: result dimension `i` is input dimension `order[i]` (copies).
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "invalid permutation \(order) for rank \(rank)")
        let strides = contiguousStrides
        let values = Kernels.gather(scalars, offset: 0, shape: order.map { shape[$0] }, strides: order.map { strides[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (index, axis) in order.enumerated() { inverse[axis] = index }
        return Tensor.make(order.map { shape[$0] }, values, "permute", [self]) { g, _, _ in [g.permuted(inverse)] }
    }

    /// Swaps two dimensions.
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(a, b)
        return permuted(order)
    }

    /// Elements `start, start+step, …` below `end` along `axis` (PyTorch `x[..., start:end:step]`).
    public func sliced(axis: Int, start: Int, end: Int, step: Int = 1) -> Tensor {
        let axis = axis < 0 ? axis + rank : axis
        precondition(step >= 1 && start >= 0 && end <= shape[axis] && start <= end, "invalid slice \(start)..<\(end) step \(step) of \(shape[axis])")
        var newShape = shape
        newShape[axis] = (end - start + step - 1) / step
        var strides = contiguousStrides
        let offset = start * strides[axis]
        strides[axis] *= step
        let values = Kernels.gather(scalars, offset: offset, shape: newShape, strides: strides)
        let inputShape = shape
        return Tensor.make(newShape, values, "slice", [self]) { g, _, _ in
            [g.embedded(inShape: inputShape, axis: axis, start: start, step: step)]
        }
    }

    /// The adjoint of `sliced`: `self` placed at `start, start+step, …` along `axis` of zeros of `inShape`.
    func embedded(inShape: [Int], axis: Int, start: Int, step: Int) -> Tensor {
        var strides = broadcastStrides(inShape, to: inShape)
        let offset = start * strides[axis]
        strides[axis] *= step
        let values = Kernels.scatter(scalars, shape: shape, into: inShape.reduce(1, *), offset: offset, strides: strides)
        let end = start + (shape[axis] - 1) * step + 1
        return Tensor.make(inShape, values, "embed", [self]) { g, _, _ in
            [g.sliced(axis: axis, start: start, end: end, step: step)]
        }
    }

    /// Zero padding (negative amounts crop), `padding[i] = (before, after)` for the last
    /// `padding.count` dimensions in order (e.g. `[(top, bottom), (left, right)]` for NCHW).
    public func padded(_ padding: [(before: Int, after: Int)]) -> Tensor {
        var result = self
        for (index, amount) in padding.enumerated() {
            let axis = rank - padding.count + index
            let cropBefore = Swift.max(-amount.before, 0), cropAfter = Swift.max(-amount.after, 0)
            if cropBefore > 0 || cropAfter > 0 {
                result = result.sliced(axis: axis, start: cropBefore, end: result.shape[axis] - cropAfter)
            }
            let padBefore = Swift.max(amount.before, 0), padAfter = Swift.max(amount.after, 0)
            if padBefore > 0 || padAfter > 0 {
                var bigger = result.shape
                bigger[axis] += padBefore + padAfter
                result = result.embedded(inShape: bigger, axis: axis, start: padBefore, step: 1)
            }
        }
        return result
    }

    /// Replication padding of the last two dimensions (PyTorch `F.pad(mode='replicate')`).
    public func replicationPadded(top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        func extend(_ x: Tensor, axis: Int, before: Int, after: Int) -> Tensor {
            var parts: [Tensor] = []
            let size = x.shape[axis]
            if before > 0 {
                var target = x.shape
                target[axis] = before
                parts.append(x.sliced(axis: axis, start: 0, end: 1).expanded(to: target))
            }
            parts.append(x)
            if after > 0 {
                var target = x.shape
                target[axis] = after
                parts.append(x.sliced(axis: axis, start: size - 1, end: size).expanded(to: target))
            }
            return parts.count == 1 ? x : Tensor.concatenated(parts, axis: axis)
        }
        return extend(extend(self, axis: rank - 1, before: left, after: right), axis: rank - 2, before: top, after: bottom)
    }

    /// Tensors joined along `axis` (all other dimensions equal).
    public static func concatenated(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concatenated needs at least one tensor")
        let first = tensors[0]
        let axis = axis < 0 ? axis + first.rank : axis
        for tensor in tensors {
            precondition(tensor.rank == first.rank && tensor.shape.indices.allSatisfy { $0 == axis || tensor.shape[$0] == first.shape[$0] },
                         "cannot concatenate \(tensor.shape) with \(first.shape) along \(axis)")
        }
        let outer = first.shape[..<axis].reduce(1, *)
        let inner = first.shape[(axis + 1)...].reduce(1, *)
        let sizes = tensors.map { $0.shape[axis] }
        let total = sizes.reduce(0, +)
        var shape = first.shape
        shape[axis] = total
        var values: [Scalar] = Kernels.uninitializedArray(count: outer * total * inner) { _ in }
        var start = 0
        for tensor in tensors {
            let block = tensor.shape[axis] * inner
            tensor.scalars.withUnsafeBufferPointer { source in
                values.withUnsafeMutableBufferPointer { target in
                    for o in 0..<outer {
                        (target.baseAddress! + o * total * inner + start * inner)
                            .update(from: source.baseAddress! + o * block, count: block)
                    }
                }
            }
            start += tensor.shape[axis]
        }
        return make(shape, values, "concatenate", tensors) { g, _, needs in
            var offset = 0
            return zip(sizes, needs).map { size, need in
                defer { offset += size }
                return need ? g.sliced(axis: axis, start: offset, end: offset + size) : nil
            }
        }
    }

    /// Tiles the tensor `repeats[i]` times along dimension `i` (PyTorch `repeat`; extra leading
    /// repeats add dimensions).
    public func repeated(_ repeats: [Int]) -> Tensor {
        precondition(repeats.count >= rank, "repeat needs at least \(rank) counts")
        let full = [Int](repeating: 1, count: repeats.count - rank) + shape
        var interleaved: [Int] = [], tiled: [Int] = [], final: [Int] = []
        for (size, times) in zip(full, repeats) {
            interleaved += [1, size]
            tiled += [times, size]
            final.append(times * size)
        }
        return reshaped(interleaved).expanded(to: tiled).reshaped(final)
    }

    /// Reverses the order of elements along `axes`.
    public func flipped(_ axes: [Int]) -> Tensor {
        let axisSet = normalizedAxes(axes)
        var strides = contiguousStrides
        var offset = 0
        for axis in axisSet where shape[axis] > 0 {
            offset += (shape[axis] - 1) * strides[axis]
            strides[axis] = -strides[axis]
        }
        let values = Kernels.gather(scalars, offset: offset, shape: shape, strides: strides)
        return Tensor.make(shape, values, "flip", [self]) { g, _, _ in [g.flipped(axes)] }
    }

    /// Rotates elements by `shift` along `axis` (PyTorch `roll`): element `i` moves to `(i + shift) mod n`.
    public func rolled(_ shift: Int, axis: Int) -> Tensor {
        let axis = axis < 0 ? axis + rank : axis
        let size = shape[axis]
        guard size > 0 else { return self }
        let amount = ((shift % size) + size) % size
        if amount == 0 { return self }
        return Tensor.concatenated([sliced(axis: axis, start: size - amount, end: size),
                                    sliced(axis: axis, start: 0, end: size - amount)], axis: axis)
    }
}
