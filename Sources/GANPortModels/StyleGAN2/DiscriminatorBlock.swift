import GANPortTensor

extension StyleGAN2 {
    /// `DiscriminatorBlock` at one resolution: `fromrgb` (first block, or every block in `skip`),
    /// `conv0` (3×3), `conv1` (3×3, 2× downsampling) and the resnet `skip` (1×1, 2× downsampling).
    public final class DiscriminatorBlock: Module {
        public let inChannels: Int
        public let resolution: Int
        public let architecture: Architecture
        /// The block's prepared filter for downsampling the running image (`skip`).
        public let resampleFilter: Tensor<Float>
        public let fromrgb: Conv2dLayer?
        public let conv0: Conv2dLayer
        public let conv1: Conv2dLayer
        public let skip: Conv2dLayer?
        /// Layers in this block (for Freeze-D numbering).
        public let numLayers: Int

        public init(inChannels: Int, tmpChannels: Int, outChannels: Int, resolution: Int, imgChannels: Int, firstLayerIndex: Int,
                    config: DiscriminatorConfig, generator: inout SplitMix64) {
            self.inChannels = inChannels
            self.resolution = resolution
            architecture = config.architecture
            resampleFilter = StyleGAN2.preparedFilter(config.resampleFilter)
            var layerIndex = firstLayerIndex
            func trainable() -> Bool {
                defer { layerIndex += 1 }
                return layerIndex >= config.freezeLayers
            }
            let act = config.blockActivation
            fromrgb = inChannels == 0 || config.architecture == .skip
                ? Conv2dLayer(inChannels: imgChannels, outChannels: tmpChannels, kernelSize: 1, activation: act,
                              convClamp: config.convClamp, trainable: trainable(), generator: &generator)
                : nil
            conv0 = Conv2dLayer(inChannels: tmpChannels, outChannels: tmpChannels, kernelSize: 3, activation: act,
                                convClamp: config.convClamp, trainable: trainable(), generator: &generator)
            conv1 = Conv2dLayer(inChannels: tmpChannels, outChannels: outChannels, kernelSize: 3, activation: act, down: 2,
                                resampleFilter: config.resampleFilter, convClamp: config.convClamp, trainable: trainable(),
                                generator: &generator)
            skip = config.architecture == .resnet
                ? Conv2dLayer(inChannels: tmpChannels, outChannels: outChannels, kernelSize: 1, bias: false, down: 2,
                              resampleFilter: config.resampleFilter, trainable: trainable(), generator: &generator)
                : nil
            numLayers = layerIndex - firstLayerIndex
        }

        public var ownTensors: [ModuleTensor] { [.buffer("resample_filter", resampleFilter)] }
        public var children: [(name: String, module: any Module)] {
            var out: [(name: String, module: any Module)] = []
            if let fromrgb { out.append(("fromrgb", fromrgb)) }
            out += [("conv0", conv0), ("conv1", conv1)]
            if let skip { out.append(("skip", skip)) }
            return out
        }

        func callAsFunction(_ x: Tensor<Float>?, _ img: Tensor<Float>?) -> (x: Tensor<Float>, img: Tensor<Float>?) {
            var h = x
            var image = img
            if let fromrgb, let source = img {
                let y = fromrgb(source)
                h = h.map { $0 + y } ?? y
                image = architecture == .skip ? Tensor.downsample2d(source, filter: resampleFilter) : nil
            }
            guard var features = h else { preconditionFailure("DiscriminatorBlock b\(resolution) needs features or an image") }
            if let skip {
                let y = skip(features, gain: StyleGAN2.residualGain)
                features = conv0(features)
                features = conv1(features, gain: StyleGAN2.residualGain)
                features = y + features
            } else {
                features = conv1(conv0(features))
            }
            return (features, image)
        }
    }

    /// `MinibatchStdLayer(group_size, num_channels)`: appends the standard deviation over groups of
    /// samples as extra channels. No parameters.
    public final class MinibatchStdLayer: Module {
        /// `group_size` (nil: the whole minibatch).
        public let groupSize: Int?
        public let numChannels: Int

        public init(groupSize: Int?, numChannels: Int = 1) {
            self.groupSize = groupSize
            self.numChannels = numChannels
        }

        public var ownTensors: [ModuleTensor] { [] }
        public var children: [(name: String, module: any Module)] { [] }

        public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> {
            Tensor.minibatchStd(x, groupSize: groupSize, numChannels: numChannels)
        }
    }

    /// `DiscriminatorEpilogue` (`b4`): optional `fromrgb` (skip), minibatch std, `conv` (3×3),
    /// `fc`, `out`, and the projection onto the mapped label `cmap`.
    public final class DiscriminatorEpilogue: Module {
        public let inChannels: Int
        public let cmapDim: Int
        public let resolution: Int
        public let fromrgb: Conv2dLayer?
        public let mbstd: MinibatchStdLayer?
        public let conv: Conv2dLayer
        public let fc: FullyConnectedLayer
        public let out: FullyConnectedLayer

        public init(inChannels: Int, cmapDim: Int, resolution: Int, imgChannels: Int, config: DiscriminatorConfig,
                    generator: inout SplitMix64) {
            self.inChannels = inChannels
            self.cmapDim = cmapDim
            self.resolution = resolution
            let act = config.epilogueActivation
            fromrgb = config.architecture == .skip
                ? Conv2dLayer(inChannels: imgChannels, outChannels: inChannels, kernelSize: 1, activation: act, generator: &generator)
                : nil
            mbstd = config.mbstdNumChannels > 0 ? MinibatchStdLayer(groupSize: config.mbstdGroupSize, numChannels: config.mbstdNumChannels) : nil
            conv = Conv2dLayer(inChannels: inChannels + config.mbstdNumChannels, outChannels: inChannels, kernelSize: 3,
                               activation: act, convClamp: config.convClamp, generator: &generator)
            fc = FullyConnectedLayer(inFeatures: inChannels * resolution * resolution, outFeatures: inChannels, activation: act,
                                     generator: &generator)
            out = FullyConnectedLayer(inFeatures: inChannels, outFeatures: cmapDim == 0 ? 1 : cmapDim, generator: &generator)
        }

        public var ownTensors: [ModuleTensor] { [] }
        public var children: [(name: String, module: any Module)] {
            var result: [(name: String, module: any Module)] = []
            if let fromrgb { result.append(("fromrgb", fromrgb)) }
            if let mbstd { result.append(("mbstd", mbstd)) }
            return result + [("conv", conv), ("fc", fc), ("out", out)]
        }

        func callAsFunction(_ x: Tensor<Float>, _ img: Tensor<Float>?, cmap: Tensor<Float>?) -> Tensor<Float> {
            var h = x
            if let fromrgb, let img { h = h + fromrgb(img) }
            if let mbstd { h = mbstd(h) }
            h = conv(h)
            h = fc(h.flattened(from: 1))
            h = out(h)
            if cmapDim > 0, let cmap {
                h = (h * cmap).sum(axes: [1], keepDims: true).scaled(by: 1 / Double(cmapDim).squareRoot())
            }
            return h
        }
    }

    /// `Discriminator`: blocks `b{R}` … `b8`, the conditioning `mapping` (c → cmap, when
    /// `c_dim` > 0) and the epilogue `b4`; image [N, C, R, R] (and c [N, c_dim]) → logits [N, 1].
    public final class Discriminator: Module {
        public let config: DiscriminatorConfig
        public let blocks: [DiscriminatorBlock]
        public let mapping: MappingNetwork?
        public let epilogue: DiscriminatorEpilogue

        public convenience init(config: DiscriminatorConfig, seed: UInt64 = 0) {
            var generator = SplitMix64(seed: seed)
            self.init(config: config, generator: &generator)
        }

        public init(config: DiscriminatorConfig, generator: inout SplitMix64) {
            self.config = config
            var layerIndex = 0
            var blocks: [DiscriminatorBlock] = []
            for res in config.blockResolutions {
                let block = DiscriminatorBlock(inChannels: res < config.imgResolution ? config.channels(at: res) : 0,
                                               tmpChannels: config.channels(at: res), outChannels: config.channels(at: res / 2),
                                               resolution: res, imgChannels: config.imgChannels, firstLayerIndex: layerIndex,
                                               config: config, generator: &generator)
                layerIndex += block.numLayers
                blocks.append(block)
            }
            self.blocks = blocks
            let cmapDim = config.effectiveCmapDim
            mapping = config.cDim > 0
                ? MappingNetwork(config: MappingNetworkConfig(zDim: 0, cDim: config.cDim, wDim: cmapDim, numWs: nil,
                                                              kwargs: { var k = config.mapping; k.wAvgBeta = nil; return k }()),
                                 generator: &generator)
                : nil
            epilogue = DiscriminatorEpilogue(inChannels: config.channels(at: 4), cmapDim: cmapDim, resolution: 4,
                                             imgChannels: config.imgChannels, config: config, generator: &generator)
        }

        public var ownTensors: [ModuleTensor] { [] }
        public var children: [(name: String, module: any Module)] {
            blocks.map { ("b\($0.resolution)", $0 as any Module) } + (mapping.map { [("mapping", $0 as any Module)] } ?? [])
                + [("b4", epilogue)]
        }

        /// `forward(img, c, force_fp32=True)`: logits [N, 1].
        public func callAsFunction(_ img: Tensor<Float>, _ c: Tensor<Float>? = nil) -> Tensor<Float> {
            precondition(img.shape.count == 4 && img.shape[1] == config.imgChannels && img.shape[2] == config.imgResolution
                         && img.shape[3] == config.imgResolution,
                         "img must be [N, \(config.imgChannels), \(config.imgResolution), \(config.imgResolution)], got \(img.shape)")
            var x: Tensor<Float>?
            var image: Tensor<Float>? = img
            for block in blocks { (x, image) = block(x, image) }
            let cmap = mapping.map { $0(nil, c) }
            guard let features = x else { preconditionFailure("a discriminator needs img_resolution ≥ 8") }
            return epilogue(features, image, cmap: cmap)
        }
    }
}
