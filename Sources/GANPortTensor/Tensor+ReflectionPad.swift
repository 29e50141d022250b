/// Reflection padding (PyTorch `F.pad(mode='reflect')`).
extension Tensor {
    /// Pads the last two dimensions by mirroring without repeating the edge (`[c b | a b c d | c b]`),
    /// as `F.pad(x, [left, right, top, bottom], mode='reflect')`. Each amount must be below the
    /// size of its dimension. Built from slices, flips and concatenation, so differentiable to any order.
    public func reflectionPadded(top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        precondition(rank >= 2, "reflectionPadded needs at least two dimensions, got \(shape)")
        func extend(_ x: Tensor, axis: Int, before: Int, after: Int) -> Tensor {
            let size = x.shape[axis]
            precondition(before >= 0 && after >= 0 && before < size && after < size,
                         "reflection padding \(before), \(after) needs amounts in 0..<\(size)")
            guard before > 0 || after > 0 else { return x }
            var parts: [Tensor] = []
            if before > 0 { parts.append(x.sliced(axis: axis, start: 1, end: before + 1).flipped([axis])) }
            parts.append(x)
            if after > 0 { parts.append(x.sliced(axis: axis, start: size - 1 - after, end: size - 1).flipped([axis])) }
            return Tensor.concatenated(parts, axis: axis)
        }
        return extend(extend(self, axis: rank - 1, before: left, after: right), axis: rank - 2, before: top, after: bottom)
    }
}
