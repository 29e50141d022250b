import GANPortTensor

extension StyleGAN2 {
    /// `SynthesisBlock` at one resolution: `const` (first block) or 2× upsampling `conv0`, then
    /// `conv1`, `torgb` (every block in `skip`, the last otherwise) and the resnet `skip` path.
    public final class SynthesisBlock: Module {
        public let inChannels: Int
        public let resolution: Int
        public let isLast: Bool
        public let architecture: Architecture
        /// The block's prepared filter for upsampling the running image.
        public let resampleFilter: Tensor<Float>
        public let const: Tensor<Float>?
        public let conv0: SynthesisLayer?
        public let conv1: SynthesisLayer
        public let torgb: ToRGBLayer?
        public let skip: Conv2dLayer?

        /// Number of ws consumed by convolutions (1 for the first block, else 2).
        public var numConv: Int { conv0 == nil ? 1 : 2 }
        /// Number of ws consumed by ToRGB (0 or 1).
        public var numTorgb: Int { torgb == nil ? 0 : 1 }

        public init(inChannels: Int, outChannels: Int, wDim: Int, resolution: Int, imgChannels: Int, isLast: Bool,
                    kwargs: SynthesisKwargs, generator: inout SplitMix64) {
            self.inChannels = inChannels
            self.resolution = resolution
            self.isLast = isLast
            architecture = kwargs.architecture
            resampleFilter = StyleGAN2.preparedFilter(kwargs.resampleFilter)
            if inChannels == 0 {
                const = Tensor<Float>.randomNormal([outChannels, resolution, resolution], using: &generator)
                const?.requiresGrad = true
                conv0 = nil
            } else {
                const = nil
                conv0 = SynthesisLayer(inChannels: inChannels, outChannels: outChannels, wDim: wDim, resolution: resolution,
                                       kernelSize: kwargs.kernelSize, up: 2, useNoise: kwargs.useNoise, activation: kwargs.activation,
                                       resampleFilter: kwargs.resampleFilter, convClamp: kwargs.convClamp, generator: &generator)
            }
            conv1 = SynthesisLayer(inChannels: outChannels, outChannels: outChannels, wDim: wDim, resolution: resolution,
                                   kernelSize: kwargs.kernelSize, useNoise: kwargs.useNoise, activation: kwargs.activation,
                                   convClamp: kwargs.convClamp, generator: &generator)  // official: default filter here
            torgb = isLast || kwargs.architecture == .skip
                ? ToRGBLayer(inChannels: outChannels, outChannels: imgChannels, wDim: wDim, convClamp: kwargs.convClamp, generator: &generator)
                : nil
            skip = inChannels != 0 && kwargs.architecture == .resnet
                ? Conv2dLayer(inChannels: inChannels, outChannels: outChannels, kernelSize: 1, bias: false, up: 2,
                              resampleFilter: kwargs.resampleFilter, generator: &generator)
                : nil
        }

        public var ownTensors: [ModuleTensor] {
            [.buffer("resample_filter", resampleFilter)] + (const.map { [.parameter("const", $0)] } ?? [])
        }
        public var children: [(name: String, module: any Module)] {
            var out: [(name: String, module: any Module)] = []
            if let conv0 { out.append(("conv0", conv0)) }
            out.append(("conv1", conv1))
            if let torgb { out.append(("torgb", torgb)) }
            if let skip { out.append(("skip", skip)) }
            return out
        }

        /// `forward(x, img, ws, fused_modconv, noise_mode)` with `ws` this block's slice, one [N, w_dim] per layer.
        func callAsFunction(_ x: Tensor<Float>?, _ img: Tensor<Float>?, _ ws: [Tensor<Float>], noise: NoiseMode,
                            sampler: NoiseSampler?, fusedModconv: Bool) -> (x: Tensor<Float>, img: Tensor<Float>?) {
            precondition(ws.count == numConv + numTorgb, "SynthesisBlock b\(resolution) needs \(numConv + numTorgb) ws")
            var h: Tensor<Float>
            if let const {
                h = const.unsqueezed(0).repeated([ws[0].shape[0], 1, 1, 1])
                h = conv1(h, ws[0], noise: noise, sampler: sampler, fusedModconv: fusedModconv)
            } else if let x, let conv0 {
                if let skip {
                    let y = skip(x, gain: StyleGAN2.residualGain)
                    h = conv0(x, ws[0], noise: noise, sampler: sampler, fusedModconv: fusedModconv)
                    h = conv1(h, ws[1], noise: noise, sampler: sampler, fusedModconv: fusedModconv, gain: StyleGAN2.residualGain)
                    h = y + h
                } else {
                    h = conv0(x, ws[0], noise: noise, sampler: sampler, fusedModconv: fusedModconv)
                    h = conv1(h, ws[1], noise: noise, sampler: sampler, fusedModconv: fusedModconv)
                }
            } else {
                preconditionFailure("SynthesisBlock b\(resolution) needs the previous block's features")
            }
            var image = img.map { Tensor.upsample2d($0, filter: resampleFilter) }
            if let torgb {
                let y = torgb(h, ws[numConv], fusedModconv: fusedModconv)
                image = image.map { $0 + y } ?? y
            }
            return (h, image)
        }
    }
}
