import GANPortTensor

extension StyleGAN2TrainingStep {
    /// State a resumed run needs besides the networks, as named tensors: `G_opt.<adam state>`,
    /// `D_opt.<adam state>` (see `Adam.exportState()`) and `pl_mean` (a float32 scalar).
    /// (The official `--resume` restores none of these; GANPort's own runs can.)
    public func exportState() -> [(name: String, tensor: Tensor<Float>)] {
        generatorOptimizer.exportState().map { ("G_opt." + $0.name, $0.tensor) }
            + discriminatorOptimizer.exportState().map { ("D_opt." + $0.name, $0.tensor) }
            + [("pl_mean", Tensor(loss.plMean))]
    }

    /// Restores what `exportState()` wrote; names of other prefixes are ignored.
    public func importState(_ tensors: [(name: String, tensor: Tensor<Float>)]) throws {
        func scoped(_ prefix: String) -> [(name: String, tensor: Tensor<Float>)] {
            tensors.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.tensor) }
        }
        try generatorOptimizer.importState(scoped("G_opt."))
        try discriminatorOptimizer.importState(scoped("D_opt."))
        if let plMean = tensors.first(where: { $0.name == "pl_mean" })?.tensor, plMean.count == 1 {
            loss.plMean = plMean.scalars[0]
        }
    }
}
