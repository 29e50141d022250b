import GANPortTensor

extension StyleGAN2 {
    /// `Conv2dLayer`: equalized-lr convolution with optional FIR up/downsampling (`conv2d_resample`),
    /// then bias, activation, gain and clamp (`bias_act`). Keys: `weight` [out, in, k, k], `bias` [out]
    /// (absent without bias), buffer `resample_filter`. A non-trainable layer (Freeze-D) holds
    /// `weight` and `bias` as buffers under the same keys.
    public final class Conv2dLayer: Module {
        public let weight: Tensor<Float>
        public let bias: Tensor<Float>?
        /// The prepared FIR filter (`setup_filter(resample_filter)`); loading replaces it with the stored one.
        public let resampleFilter: Tensor<Float>
        public let activation: Activation
        public let up: Int
        public let down: Int
        public let convClamp: Double?
        public let trainable: Bool
        /// `kernel_size // 2`.
        public let padding: Int
        /// `1 / sqrt(in_channels · kernel_size²)`.
        public let weightGain: Double

        public init(inChannels: Int, outChannels: Int, kernelSize: Int, bias: Bool = true, activation: Activation = .linear,
                    up: Int = 1, down: Int = 1, resampleFilter: [Double] = [1, 3, 3, 1], convClamp: Double? = nil,
                    trainable: Bool = true, generator: inout SplitMix64) {
            weight = Tensor<Float>.randomNormal([outChannels, inChannels, kernelSize, kernelSize], using: &generator)
            self.bias = bias ? Tensor<Float>.zeros([outChannels]) : nil
            self.resampleFilter = StyleGAN2.preparedFilter(resampleFilter)
            self.activation = activation
            self.up = up
            self.down = down
            self.convClamp = convClamp
            self.trainable = trainable
            padding = kernelSize / 2
            weightGain = 1 / Double(inChannels * kernelSize * kernelSize).squareRoot()
            if trainable {
                weight.requiresGrad = true
                self.bias?.requiresGrad = true
            }
        }

        public var ownTensors: [ModuleTensor] {
            let kind: (String, Tensor<Float>) -> ModuleTensor = trainable ? ModuleTensor.parameter : ModuleTensor.buffer
            return [.buffer("resample_filter", resampleFilter), kind("weight", weight)] + (bias.map { [kind("bias", $0)] } ?? [])
        }
        public var children: [(name: String, module: any Module)] { [] }

        /// `forward(x, gain)`: the activation gain and the clamp are multiplied by `gain`.
        public func callAsFunction(_ x: Tensor<Float>, gain: Double = 1) -> Tensor<Float> {
            let w = weight.scaled(by: weightGain)
            let y = Tensor.conv2dResample(x, w, filter: resampleFilter, up: up, down: down, padding: [padding],
                                          flipWeight: up == 1)
            return Tensor.biasAct(y, bias: bias, activation: activation, gain: activation.defaultGain * gain,
                                  clamp: convClamp.map { $0 * gain })
        }
    }

    /// `upfirdn2d.setup_filter(taps)` in float32.
    static func preparedFilter(_ taps: [Double]) -> Tensor<Float> {
        Tensor<Float>.setupFilter(Tensor<Float>(taps.map { Float($0) }))
    }
}
