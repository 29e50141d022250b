import GANPortTensor

extension StyleGAN2.NoiseMode {
    /// The sampler of one call (random mode only).
    var sampler: NoiseSampler? {
        if case let .random(seed) = self { return NoiseSampler(seed: seed) }
        return nil
    }
}

extension StyleGAN2.SynthesisLayer {
    /// `forward(x, w, noise_mode, fused_modconv, gain)` on its own.
    public func callAsFunction(_ x: Tensor<Float>, _ w: Tensor<Float>, noiseMode: StyleGAN2.NoiseMode = .const,
                               fusedModconv: Bool = true, gain: Double = 1) -> Tensor<Float> {
        self(x, w, noise: noiseMode, sampler: noiseMode.sampler, fusedModconv: fusedModconv, gain: gain)
    }
}

extension StyleGAN2.SynthesisBlock {
    /// `forward(x, img, ws, noise_mode, fused_modconv)` with `ws` [N, num_conv + num_torgb, w_dim].
    public func callAsFunction(_ x: Tensor<Float>?, _ img: Tensor<Float>?, ws: Tensor<Float>, noiseMode: StyleGAN2.NoiseMode = .const,
                               fusedModconv: Bool = true) -> (x: Tensor<Float>, img: Tensor<Float>?) {
        precondition(ws.rank == 3 && ws.shape[1] == numConv + numTorgb, "ws must be [N, \(numConv + numTorgb), w_dim], got \(ws.shape)")
        let list = (0..<ws.shape[1]).map { ws.sliced(axis: 1, start: $0, end: $0 + 1).reshaped([ws.shape[0], ws.shape[2]]) }
        return self(x, img, list, noise: noiseMode, sampler: noiseMode.sampler, fusedModconv: fusedModconv)
    }
}

extension StyleGAN2.DiscriminatorBlock {
    /// `forward(x, img)`: features (nil for the first block) and the running image.
    public func callAsFunction(features x: Tensor<Float>?, image img: Tensor<Float>?) -> (x: Tensor<Float>, img: Tensor<Float>?) {
        self(x, img)
    }
}

extension StyleGAN2.DiscriminatorEpilogue {
    /// `forward(x, img, cmap)`: logits [N, 1].
    public func callAsFunction(features x: Tensor<Float>, image img: Tensor<Float>?, cmap: Tensor<Float>?) -> Tensor<Float> {
        self(x, img, cmap: cmap)
    }
}
