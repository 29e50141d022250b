import GANPortTensor

/// The tensors one phase passes to the official `training_stats.report`, by name
/// (`Loss/G/loss`, `Loss/G/reg`, `Loss/D/loss`, `Loss/D/reg`, `Loss/r1_penalty`, `Loss/pl_penalty`,
/// `Loss/scores/fake`, `Loss/scores/real`, `Loss/signs/fake`, `Loss/signs/real`), detached.
public struct LossStatistics {
    /// Reported tensors by name, in report order.
    public private(set) var entries: [(name: String, value: Tensor<Float>)] = []

    public init() {}

    /// Records `value` (detached) under `name`.
    mutating func report(_ name: String, _ value: Tensor<Float>) { entries.append((name, value.detached())) }

    /// Adds the reports of another accumulation round: a name reported again gets its values
    /// concatenated along the batch axis (the official statistics average over every report).
    mutating func append(_ other: LossStatistics) {
        for (name, value) in other.entries {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                entries[index].value = Tensor.concatenated([entries[index].value, value], axis: 0)
            } else {
                entries.append((name, value))
            }
        }
    }

    /// The tensor reported under `name` (all rounds of an iteration, concatenated), if any.
    public subscript(name: String) -> Tensor<Float>? { entries.first(where: { $0.name == name })?.value }

    /// The mean of the tensor reported under `name` (what the official statistics average).
    public func mean(_ name: String) -> Double? {
        guard let value = self[name], value.count > 0 else { return nil }
        return value.scalars.reduce(0.0) { $0 + Double($1) } / Double(value.count)
    }
}
