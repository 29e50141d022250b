import GANPortTensor

/// What one iteration reports: the statistics of each phase that ran, the G_ema decay used and
/// the signs of the real logits (the input of the ADA heuristic).
public struct TrainingStepResult {
    /// Phases that ran, in order, with what each reported.
    public var phases: [(kind: TrainingPhaseKind, statistics: LossStatistics)]
    /// `ema_beta` of this iteration.
    public var emaBeta: Double

    /// Every `Loss/signs/real` value reported in this iteration (Dmain and Dreg both report), in
    /// order: the official ADA collector averages these over `ada_interval` iterations.
    public var realSigns: [Float] {
        phases.flatMap { $0.statistics["Loss/signs/real"]?.scalars ?? [] }
    }

    /// The statistics of `kind`, if it ran.
    public func statistics(_ kind: TrainingPhaseKind) -> LossStatistics? {
        phases.first(where: { $0.kind == kind })?.statistics
    }
}
