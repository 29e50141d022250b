import Foundation

/// NumPy's legacy `numpy.random.RandomState`, bit for bit: MT19937 with NumPy's seeding, 53-bit
/// doubles, the polar Box–Muller Gaussian with its cached second value (`legacy_gauss`), masked
/// rejection for bounded integers and NumPy's shuffle.
///
/// The StyleGAN scripts draw latents with `np.random.RandomState(seed).randn(1, z_dim)`;
/// `NumPyRandomState.latents(seed:zDim:)` gives the same float64 values.
///
/// Values are computed with the platform `log` and `sqrt`; on glibc (as used by NumPy on Linux)
/// the Gaussians match NumPy exactly.
public struct NumPyRandomState: Sendable, Equatable {
    /// The bit generator.
    public internal(set) var generator: MT19937
    /// Whether a second Gaussian from the last polar draw is waiting (NumPy's `has_gauss`).
    public internal(set) var hasCachedGaussian = false
    /// The waiting Gaussian (NumPy's `gauss`; 0 when none waits).
    public internal(set) var cachedGaussian = 0.0

    /// `RandomState(seed)` for an integer seed (NumPy's `mt19937_seed`).
    public init(seed: UInt32) {
        generator = MT19937(seed: seed)
    }

    /// `RandomState(seed)` for a Python integer: refuses seeds outside 0...2^32 − 1 as NumPy does.
    public init(validatingSeed seed: Int) throws {
        guard let word = UInt32(exactly: seed) else { throw NumPyRandomStateError.seedOutOfRange(seed) }
        self.init(seed: word)
    }

    /// `RandomState([k0, k1, …])` for a Python list (or a NumPy array of two or more elements):
    /// NumPy's `init_by_array`. A list of one element differs from an integer seed, whereas a
    /// one-element NumPy array squeezes to one (`RandomState(np.array([5]))` is `RandomState(5)`).
    public init(seedArray: [Int]) throws {
        guard !seedArray.isEmpty else { throw NumPyRandomStateError.emptySeedArray }
        var words = [UInt32]()
        words.reserveCapacity(seedArray.count)
        for (index, value) in seedArray.enumerated() {
            guard let word = UInt32(exactly: value) else {
                throw NumPyRandomStateError.seedArrayElementOutOfRange(index: index, value: value)
            }
            words.append(word)
        }
        generator = MT19937(initKey: words)
    }

    /// The latent of StyleGAN's `generate.py` / `gen_images.py` for `seed`:
    /// `np.random.RandomState(seed).randn(1, z_dim)`, flattened (float64; the network casts it
    /// to float32).
    public static func latents(seed: UInt32, zDim: Int) -> [Double] {
        var state = NumPyRandomState(seed: seed)
        return state.randn(count: zDim)
    }

    /// `random_sample()`: a double in [0, 1) with 53 random bits.
    public mutating func randomSample() -> Double { generator.nextDouble() }

    /// `random_sample(count)`.
    public mutating func randomSample(count: Int) -> [Double] {
        (0..<Swift.max(count, 0)).map { _ in generator.nextDouble() }
    }

    /// `standard_normal()` / `randn()`: NumPy's `legacy_gauss` (polar Box–Muller; every second
    /// value comes from the cache filled by the previous draw).
    public mutating func standardNormal() -> Double {
        if hasCachedGaussian {
            let value = cachedGaussian
            hasCachedGaussian = false
            cachedGaussian = 0
            return value
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * generator.nextDouble() - 1.0
            x2 = 2.0 * generator.nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let factor = Foundation.sqrt(-2.0 * Foundation.log(r2) / r2)
        cachedGaussian = factor * x1
        hasCachedGaussian = true
        return factor * x2
    }

    /// `randn(d0, d1, …)` / `standard_normal(size)` flattened in C order: `count` Gaussians.
    public mutating func randn(count: Int) -> [Double] {
        (0..<Swift.max(count, 0)).map { _ in standardNormal() }
    }

    /// `uniform(low, high)`: `low + (high - low) * random_sample()`. Like legacy NumPy, `high`
    /// may be below `low`; returns nil when `high - low` is not finite (NumPy's OverflowError).
    public mutating func uniform(low: Double, high: Double) -> Double? {
        let range = high - low
        guard range.isFinite else { return nil }
        return low + range * generator.nextDouble()
    }

    /// `uniform(low, high, count)`; nil when `high - low` is not finite.
    public mutating func uniform(low: Double, high: Double, count: Int) -> [Double]? {
        let range = high - low
        guard range.isFinite else { return nil }
        return (0..<Swift.max(count, 0)).map { _ in low + range * generator.nextDouble() }
    }
}
