/// A seeded `RandomSource` on NumPy's legacy `RandomState` (MT19937). Its whole state can be
/// saved and restored (`state`), so a resumed training run continues with the same numbers.
///
/// The values are not the ones `torch.randn` would draw for the same seed (PyTorch's CPU
/// generator differs); they are reproducible across runs, thread counts and resumes.
public final class NumPyRandomSource: RandomSource {
    private var generator: NumPyRandomState

    /// A source seeded like `numpy.random.RandomState(seed)`.
    public init(seed: UInt32) { generator = NumPyRandomState(seed: seed) }

    /// A source continuing from a saved state.
    public init(state: NumPyRandomState.State) throws { generator = try NumPyRandomState(state: state) }

    /// The complete generator state (key, position and the cached Gaussian).
    public var state: NumPyRandomState.State { generator.state }

    public func normal(_ shape: [Int]) -> Tensor<Float> {
        let count = shape.reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Float(generator.standardNormal())) }
        return Tensor(shape: shape, scalars: values)
    }

    public func uniform(_ shape: [Int]) -> Tensor<Float> {
        let count = shape.reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(count)
        // 24 random bits per value, exactly representable in float32 and strictly below 1.
        for _ in 0..<count { values.append(Float(generator.generator.next32() >> 8) * 0x1p-24) }
        return Tensor(shape: shape, scalars: values)
    }

    public func integers(low: Int, high: Int, shape: [Int]) -> [Int] {
        precondition(low < high, "integers(low: \(low), high: \(high)) needs low < high")
        let count = shape.reduce(1, *)
        return (0..<count).map { _ in (try? generator.randint(low: low, high: high)) ?? low }
    }
}
