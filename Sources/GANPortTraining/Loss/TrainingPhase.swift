/// One phase of a training iteration (`phase.name` in `training_loop.py`).
public enum TrainingPhaseKind: String, CaseIterable, Sendable {
    /// Generator main loss only (lazy regularization on).
    case Gmain
    /// Generator path-length regularization only.
    case Greg
    /// Generator main loss and regularization together (`G_reg_interval` None).
    case Gboth
    /// Discriminator main loss only.
    case Dmain
    /// Discriminator R1 only.
    case Dreg
    /// Discriminator main loss and R1 together (`D_reg_interval` None).
    case Dboth

    /// Whether the phase trains the generator.
    public var trainsGenerator: Bool { self == .Gmain || self == .Greg || self == .Gboth }
    /// Whether the phase computes the main loss.
    public var doesMain: Bool { self == .Gmain || self == .Gboth || self == .Dmain || self == .Dboth }
    /// Whether the phase computes the regularizer.
    public var doesRegularization: Bool { self == .Greg || self == .Gboth || self == .Dreg || self == .Dboth }
}

/// A phase with its interval, in the order the official loop runs them.
public struct TrainingPhase: Equatable, Sendable {
    /// Which phase.
    public var kind: TrainingPhaseKind
    /// Runs at batch indices divisible by this (1 for main and combined phases); also the loss gain.
    public var interval: Int

    /// The official phase list: G phases then D phases; `Xmain` + `Xreg` (interval I) with lazy
    /// regularization, `Xboth` when the interval is nil.
    public static func schedule(generatorRegInterval: Int?, discriminatorRegInterval: Int?) -> [TrainingPhase] {
        var phases: [TrainingPhase] = []
        for (main, reg, both, interval) in [(TrainingPhaseKind.Gmain, TrainingPhaseKind.Greg, TrainingPhaseKind.Gboth, generatorRegInterval),
                                            (.Dmain, .Dreg, .Dboth, discriminatorRegInterval)] {
            if let interval {
                phases += [TrainingPhase(kind: main, interval: 1), TrainingPhase(kind: reg, interval: interval)]
            } else {
                phases.append(TrainingPhase(kind: both, interval: 1))
            }
        }
        return phases
    }

    /// Whether the phase runs at `batchIndex`.
    public func runs(atBatch batchIndex: Int) -> Bool { batchIndex % interval == 0 }
}
