import GANPortTensor

extension StyleGAN2 {
    /// `SynthesisNetwork`: ws [N, num_ws, w_dim] → image [N, img_channels, R, R] (float32, nominally
    /// in [−1, 1], not clamped). Children `b4`, `b8`, …, `b{R}`.
    public final class SynthesisNetwork: Module {
        public let config: SynthesisNetworkConfig
        public let blocks: [SynthesisBlock]

        public convenience init(config: SynthesisNetworkConfig, seed: UInt64 = 0) {
            var generator = SplitMix64(seed: seed)
            self.init(config: config, generator: &generator)
        }

        public init(config: SynthesisNetworkConfig, generator: inout SplitMix64) {
            self.config = config
            let k = config.kwargs
            blocks = config.blockResolutions.map { res in
                SynthesisBlock(inChannels: res > 4 ? k.channels(at: res / 2) : 0, outChannels: k.channels(at: res),
                               wDim: config.wDim, resolution: res, imgChannels: config.imgChannels,
                               isLast: res == config.imgResolution, kwargs: k, generator: &generator)
            }
        }

        /// `num_ws`.
        public var numWs: Int { config.numWs }

        public var ownTensors: [ModuleTensor] { [] }
        public var children: [(name: String, module: any Module)] { blocks.map { ("b\($0.resolution)", $0 as any Module) } }

        /// `forward(ws, noise_mode, fused_modconv, force_fp32=True)`. `fusedModconv` nil is the
        /// official eval-mode float32 default (fused).
        public func callAsFunction(_ ws: Tensor<Float>, noiseMode: NoiseMode = .const, fusedModconv: Bool? = nil) -> Tensor<Float> {
            var sampler: NoiseSampler?
            if case let .random(seed) = noiseMode { sampler = NoiseSampler(seed: seed) }
            return run(ws, noiseMode: noiseMode, sampler: sampler, fusedModconv: fusedModconv)
        }

        /// `forward(ws, noise_mode='random', fused_modconv)` with the noise of every layer drawn from
        /// `noiseSource` in the official order (one `torch.randn([N, 1, res, res])` per synthesis
        /// layer that uses noise, block by block, `conv0` before `conv1`): the training-mode forward.
        /// The official training mode uses the non-fused modulated convolution (`fusedModconv` false).
        public func callAsFunction(_ ws: Tensor<Float>, noiseSource: RandomSource, fusedModconv: Bool = false) -> Tensor<Float> {
            run(ws, noiseMode: .random(seed: 0), sampler: NoiseSampler(source: noiseSource), fusedModconv: fusedModconv)
        }

        private func run(_ ws: Tensor<Float>, noiseMode: NoiseMode, sampler: NoiseSampler?, fusedModconv: Bool?) -> Tensor<Float> {
            precondition(ws.shape.count == 3 && ws.shape[1] == numWs && ws.shape[2] == config.wDim,
                         "ws must be [N, \(numWs), \(config.wDim)], got \(ws.shape)")
            let fused = fusedModconv ?? true
            let n = ws.shape[0]
            let perW = (0..<numWs).map { ws.sliced(axis: 1, start: $0, end: $0 + 1).reshaped([n, config.wDim]) }
            var x: Tensor<Float>?
            var img: Tensor<Float>?
            var wIndex = 0
            for block in blocks {
                let blockWs = Array(perW[wIndex..<(wIndex + block.numConv + block.numTorgb)])
                (x, img) = block(x, img, blockWs, noise: noiseMode, sampler: sampler, fusedModconv: fused)
                wIndex += block.numConv
            }
            guard let img else { preconditionFailure("the last synthesis block has no ToRGB layer") }
            return img
        }
    }

    /// `Generator`: `synthesis(mapping(z, c))`. Keys `synthesis.*` then `mapping.*` (the official
    /// registration order).
    public final class Generator: Module {
        public let config: GeneratorConfig
        public let synthesis: SynthesisNetwork
        public let mapping: MappingNetwork

        /// A randomly initialized generator (official initialization scheme, GANPort's random numbers).
        public convenience init(config: GeneratorConfig, seed: UInt64 = 0) {
            var generator = SplitMix64(seed: seed)
            self.init(config: config, generator: &generator)
        }

        public init(config: GeneratorConfig, generator: inout SplitMix64) {
            self.config = config
            synthesis = SynthesisNetwork(config: config.synthesisConfig, generator: &generator)
            mapping = MappingNetwork(config: config.mappingConfig, generator: &generator)
        }

        public var ownTensors: [ModuleTensor] { [] }
        public var children: [(name: String, module: any Module)] { [("synthesis", synthesis), ("mapping", mapping)] }

        /// `forward(z, c, truncation_psi, truncation_cutoff, noise_mode, fused_modconv)` with
        /// `force_fp32=True`: z [N, z_dim], c [N, c_dim] (nil when unconditional) → [N, C, R, R].
        public func callAsFunction(_ z: Tensor<Float>, _ c: Tensor<Float>? = nil, truncationPsi: Double = 1,
                                   truncationCutoff: Int? = nil, noiseMode: NoiseMode = .const,
                                   fusedModconv: Bool? = nil) -> Tensor<Float> {
            let ws = mapping(z, c, truncationPsi: truncationPsi, truncationCutoff: truncationCutoff)
            return synthesis(ws, noiseMode: noiseMode, fusedModconv: fusedModconv)
        }
    }
}
