import GANPortTensor

/// The order in which a fine-tuning run visits the dataset: a fresh permutation every epoch,
/// derived from the run's seed and the epoch number (`RandomState([seed, epoch]).permutation(n)`),
/// so the whole sampler state is the number of indices handed out, and a resumed run continues
/// with the same images.
///
/// (The official loop's `InfiniteSampler` shuffles with a sliding window over one permutation and
/// PyTorch's generator; GANPort does not reproduce its order, only its role.)
public struct EpochSampler: Sendable {
    /// Number of items in the dataset (with mirroring counted twice).
    public let count: Int
    /// The run's seed.
    public let seed: UInt32
    /// Indices handed out so far.
    public private(set) var position: Int
    private var order: (epoch: Int, indices: [Int])?

    /// A sampler over `count` items (`count` ≥ 1) seeded with `seed`, having handed out `position` indices.
    public init(count: Int, seed: UInt32, position: Int = 0) {
        precondition(count >= 1 && position >= 0, "a sampler needs at least one item and a non-negative position")
        self.count = count
        self.seed = seed
        self.position = position
    }

    /// The next `n` dataset indices.
    public mutating func next(_ n: Int) -> [Int] {
        (0..<n).map { _ in
            let epoch = position / count
            if order?.epoch != epoch { order = (epoch, Self.permutation(count: count, seed: seed, epoch: epoch)) }
            defer { position += 1 }
            return order?.indices[position % count] ?? 0
        }
    }

    static func permutation(count: Int, seed: UInt32, epoch: Int) -> [Int] {
        guard var state = try? NumPyRandomState(seedArray: [Int(seed), epoch & 0xFFFF_FFFF]) else { return Array(0..<count) }
        return state.permutation(count)
    }
}
