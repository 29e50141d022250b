import Foundation

/// A small deterministic random generator (SplitMix64) for tests, benchmarks and noise inputs.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence depends only on `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Tensor {
    /// Standard normal samples (Box–Muller in Double), reproducible for a given generator state.
    public static func randomNormal<G: RandomNumberGenerator>(_ shape: [Int], using generator: inout G) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(count)
        while values.count < count {
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = Double.random(in: 0..<1, using: &generator)
            let radius = Foundation.sqrt(-2 * Foundation.log(u1))
            values.append(Scalar(radius * Foundation.cos(2 * Double.pi * u2)))
            if values.count < count { values.append(Scalar(radius * Foundation.sin(2 * Double.pi * u2))) }
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Uniform samples in `range`.
    public static func randomUniform<G: RandomNumberGenerator>(_ shape: [Int], in range: Range<Double> = 0..<1,
                                                               using generator: inout G) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(Double.random(in: range, using: &generator)) })
    }
}
