import GANPortModels
import GANPortTensor

extension AugmentPipe {
    /// The official `AugmentPipe.state_dict()`: buffers `p` (a scalar), `Hz_geom` [12] and
    /// `Hz_fbank` [4, 43], in registration order — what a snapshot stores under `augment_pipe.*`
    /// so that an exported network pickle carries the run's augmentation strength.
    public var stateDict: StateDict {
        let bank = AugmentFilters.filterBank
        return [
            (name: "p", tensor: Tensor<Float>(p)),
            (name: "Hz_geom", tensor: Tensor<Float>(AugmentFilters.geometry)),
            (name: "Hz_fbank", tensor: Tensor<Float>(shape: [bank.count, bank.first?.count ?? 0], scalars: bank.flatMap { $0 })),
        ]
    }
}
