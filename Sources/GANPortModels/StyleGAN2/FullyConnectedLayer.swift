import Foundation
import GANPortTensor

extension StyleGAN2 {
    /// `FullyConnectedLayer`: `x · (weight · lr_multiplier/√in)ᵀ + bias · lr_multiplier`, then the
    /// activation through `bias_act`. Keys: `weight` [out, in], `bias` [out].
    public final class FullyConnectedLayer: Module {
        public let weight: Tensor<Float>
        public let bias: Tensor<Float>?
        public let activation: Activation
        /// `lr_multiplier / sqrt(in_features)`.
        public let weightGain: Double
        /// `lr_multiplier`.
        public let biasGain: Double

        /// Random initialization as in the official constructor (`randn / lr_multiplier`, bias `bias_init`).
        public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, activation: Activation = .linear,
                    lrMultiplier: Double = 1, biasInit: Double = 0, generator: inout SplitMix64) {
            weight = Tensor<Float>.randomNormal([outFeatures, inFeatures], using: &generator).scaled(by: 1 / lrMultiplier)
            self.bias = bias ? Tensor<Float>(repeating: Float(biasInit), shape: [outFeatures]) : nil
            self.activation = activation
            weightGain = lrMultiplier / Double(inFeatures).squareRoot()
            biasGain = lrMultiplier
            weight.requiresGrad = true
            self.bias?.requiresGrad = true
        }

        public var ownTensors: [ModuleTensor] {
            [.parameter("weight", weight)] + (bias.map { [.parameter("bias", $0)] } ?? [])
        }
        public var children: [(name: String, module: any Module)] { [] }

        /// Applies the layer to `x` [N, in].
        public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> {
            let w = weight.scaled(by: weightGain)
            var b = bias
            if let bias, biasGain != 1 { b = bias.scaled(by: biasGain) }
            if activation == .linear, let b { return Tensor.linear(x, weight: w, bias: b) }
            return Tensor.biasAct(Tensor.linear(x, weight: w), bias: b, activation: activation)
        }
    }
}
