import GANPortTensor

extension StyleGAN2 {
    /// `MappingNetwork`: z (and an embedded label c) → w, broadcast to `num_ws` and truncated.
    /// Keys: buffer `w_avg` [w_dim] (when tracked), `embed.*` (conditional), `fc0.*` … `fc{L-1}.*`.
    public final class MappingNetwork: Module {
        public let config: MappingNetworkConfig
        public let embed: FullyConnectedLayer?
        public let layers: [FullyConnectedLayer]
        /// Moving average of w (`w_avg`), nil when `num_ws` or `w_avg_beta` is None.
        public let wAvg: Tensor<Float>?

        public convenience init(config: MappingNetworkConfig, seed: UInt64 = 0) {
            var generator = SplitMix64(seed: seed)
            self.init(config: config, generator: &generator)
        }

        public init(config: MappingNetworkConfig, generator: inout SplitMix64) {
            self.config = config
            let k = config.kwargs
            let embedFeatures = config.cDim == 0 ? 0 : (k.embedFeatures ?? config.wDim)
            let layerFeatures = k.layerFeatures ?? config.wDim
            let features = [config.zDim + embedFeatures] + [Int](repeating: layerFeatures, count: Swift.max(k.numLayers - 1, 0)) + [config.wDim]
            embed = config.cDim > 0 ? FullyConnectedLayer(inFeatures: config.cDim, outFeatures: embedFeatures, generator: &generator) : nil
            var layers: [FullyConnectedLayer] = []
            for index in 0..<k.numLayers {
                layers.append(FullyConnectedLayer(inFeatures: features[index], outFeatures: features[index + 1],
                                                  activation: k.activation, lrMultiplier: k.lrMultiplier, generator: &generator))
            }
            self.layers = layers
            wAvg = config.numWs != nil && k.wAvgBeta != nil ? Tensor<Float>.zeros([config.wDim]) : nil
        }

        public var ownTensors: [ModuleTensor] { wAvg.map { [.buffer("w_avg", $0)] } ?? [] }
        public var children: [(name: String, module: any Module)] {
            (embed.map { [("embed", $0 as any Module)] } ?? []) + layers.enumerated().map { ("fc\($0.offset)", $0.element as any Module) }
        }

        /// `forward(z, c, truncation_psi, truncation_cutoff)`: ws [N, num_ws, w_dim] (or [N, w_dim]
        /// without `num_ws`). `truncationCutoff` nil truncates every w; otherwise the first
        /// `truncationCutoff` (Python slice semantics). With `updateWAvg` (the official training-mode
        /// behaviour) the batch mean of w moves `w_avg` by `w_avg_beta` before broadcasting.
        public func callAsFunction(_ z: Tensor<Float>?, _ c: Tensor<Float>?, truncationPsi: Double = 1,
                                   truncationCutoff: Int? = nil, updateWAvg: Bool = false) -> Tensor<Float> {
            precondition(config.cDim == 0 || c != nil, "c [N, \(config.cDim)] is required (c_dim = \(config.cDim))")
            precondition(config.zDim == 0 || z != nil, "z [N, \(config.zDim)] is required (z_dim = \(config.zDim))")
            var x: Tensor<Float>?
            if config.zDim > 0, let z {
                precondition(z.shape.count == 2 && z.shape[1] == config.zDim, "z must be [N, \(config.zDim)], got \(z.shape)")
                x = Tensor.normalize2ndMoment(z)
            }
            if let embed, let c {
                precondition(c.shape.count == 2 && c.shape[1] == config.cDim, "c must be [N, \(config.cDim)], got \(c.shape)")
                let y = Tensor.normalize2ndMoment(embed(c))
                x = x.map { Tensor.concatenated([$0, y], axis: 1) } ?? y
            }
            guard var h = x else { preconditionFailure("MappingNetwork needs z (z_dim > 0) or c (c_dim > 0)") }
            for layer in layers { h = layer(h) }
            if updateWAvg, let wAvg, let beta = config.kwargs.wAvgBeta {
                let mean = h.detached().mean(axes: [0])
                let updated = Tensor.torchLerp(mean, wAvg, weight: beta).scalars
                wAvg.assign { $0 = updated }
            }
            if let numWs = config.numWs { h = h.unsqueezed(1).repeated([1, numWs, 1]) }
            guard truncationPsi != 1 else { return h }
            guard let wAvg else { preconditionFailure("truncation needs w_avg (w_avg_beta is None)") }
            guard let numWs = config.numWs, let cutoff = truncationCutoff else {
                return Tensor.torchLerp(wAvg, h, weight: truncationPsi)
            }
            let end = Swift.max(0, Swift.min(numWs, cutoff < 0 ? numWs + cutoff : cutoff))
            if end == 0 { return h }
            let head = Tensor.torchLerp(wAvg, h.sliced(axis: 1, start: 0, end: end), weight: truncationPsi)
            if end == numWs { return head }
            return Tensor.concatenated([head, h.sliced(axis: 1, start: end, end: numWs)], axis: 1)
        }
    }
}
