import GANPortTensor

extension StyleGAN2 {
    /// `SynthesisLayer`: style-modulated 3×3 convolution (optionally 2× upsampling), noise, bias,
    /// leaky ReLU and clamp. Keys: `weight`, `noise_strength`, `bias`, buffers `resample_filter`,
    /// `noise_const` [res, res], and `affine.*` (w → styles, bias init 1).
    public final class SynthesisLayer: Module {
        public let affine: FullyConnectedLayer
        public let weight: Tensor<Float>
        public let bias: Tensor<Float>
        public let noiseStrength: Tensor<Float>?
        public let noiseConst: Tensor<Float>?
        public let resampleFilter: Tensor<Float>
        public let resolution: Int
        public let up: Int
        public let activation: Activation
        public let convClamp: Double?
        public let padding: Int

        public init(inChannels: Int, outChannels: Int, wDim: Int, resolution: Int, kernelSize: Int = 3, up: Int = 1,
                    useNoise: Bool = true, activation: Activation = .lrelu, resampleFilter: [Double] = [1, 3, 3, 1],
                    convClamp: Double? = nil, generator: inout SplitMix64) {
            self.resolution = resolution
            self.up = up
            self.activation = activation
            self.convClamp = convClamp
            self.resampleFilter = StyleGAN2.preparedFilter(resampleFilter)
            padding = kernelSize / 2
            affine = FullyConnectedLayer(inFeatures: wDim, outFeatures: inChannels, biasInit: 1, generator: &generator)
            weight = Tensor<Float>.randomNormal([outChannels, inChannels, kernelSize, kernelSize], using: &generator)
            noiseConst = useNoise ? Tensor<Float>.randomNormal([resolution, resolution], using: &generator) : nil
            noiseStrength = useNoise ? Tensor<Float>.zeros([]) : nil
            bias = Tensor<Float>.zeros([outChannels])
            for parameter in [weight, bias] + (noiseStrength.map { [$0] } ?? []) { parameter.requiresGrad = true }
        }

        public var ownTensors: [ModuleTensor] {
            var out: [ModuleTensor] = [.buffer("resample_filter", resampleFilter), .parameter("weight", weight)]
            if let noiseConst, let noiseStrength {
                out += [.buffer("noise_const", noiseConst), .parameter("noise_strength", noiseStrength)]
            }
            return out + [.parameter("bias", bias)]
        }
        public var children: [(name: String, module: any Module)] { [("affine", affine)] }

        /// `forward(x, w, noise_mode, fused_modconv, gain)`.
        func callAsFunction(_ x: Tensor<Float>, _ w: Tensor<Float>, noise: NoiseMode, sampler: NoiseSampler?,
                            fusedModconv: Bool, gain: Double = 1) -> Tensor<Float> {
            let styles = affine(w)
            var noiseTensor: Tensor<Float>?
            if let noiseStrength, let noiseConst {
                switch noise {
                case .const: noiseTensor = noiseConst * noiseStrength
                case .random:
                    if let sampler { noiseTensor = sampler.normal([x.shape[0], 1, resolution, resolution]) * noiseStrength }
                case .none: break
                }
            }
            let y = Tensor.modulatedConv2d(x, weight: weight, styles: styles, noise: noiseTensor, up: up, padding: padding,
                                           filter: resampleFilter, flipWeight: up == 1, fusedModconv: fusedModconv)
            return Tensor.biasAct(y, bias: bias, activation: activation, gain: activation.defaultGain * gain,
                                  clamp: convClamp.map { $0 * gain })
        }
    }

    /// `ToRGBLayer`: style-modulated 1×1 convolution without demodulation, bias, clamp.
    /// Keys: `weight` [img_channels, in, k, k], `bias`, `affine.*`.
    public final class ToRGBLayer: Module {
        public let affine: FullyConnectedLayer
        public let weight: Tensor<Float>
        public let bias: Tensor<Float>
        public let convClamp: Double?
        /// `1 / sqrt(in_channels · kernel_size²)`, applied to the styles.
        public let weightGain: Double

        public init(inChannels: Int, outChannels: Int, wDim: Int, kernelSize: Int = 1, convClamp: Double? = nil,
                    generator: inout SplitMix64) {
            affine = FullyConnectedLayer(inFeatures: wDim, outFeatures: inChannels, biasInit: 1, generator: &generator)
            weight = Tensor<Float>.randomNormal([outChannels, inChannels, kernelSize, kernelSize], using: &generator)
            bias = Tensor<Float>.zeros([outChannels])
            self.convClamp = convClamp
            weightGain = 1 / Double(inChannels * kernelSize * kernelSize).squareRoot()
            weight.requiresGrad = true
            bias.requiresGrad = true
        }

        public var ownTensors: [ModuleTensor] { [.parameter("weight", weight), .parameter("bias", bias)] }
        public var children: [(name: String, module: any Module)] { [("affine", affine)] }

        /// `forward(x, w, fused_modconv)`.
        public func callAsFunction(_ x: Tensor<Float>, _ w: Tensor<Float>, fusedModconv: Bool = true) -> Tensor<Float> {
            let styles = affine(w).scaled(by: weightGain)
            let y = Tensor.modulatedConv2d(x, weight: weight, styles: styles, demodulate: false, fusedModconv: fusedModconv)
            return Tensor.biasAct(y, bias: bias, clamp: convClamp)
        }
    }
}
