import ArgumentParser
import GANPortFormats
import GANPortModels
import GANPortTensor

/// `--noise-mode`: the official choices.
enum NoiseModeOption: String, ExpressibleByArgument, CaseIterable {
    case const, random, none

    /// The mode for one synthesis call; `random` draws GANPort's reproducible noise from `seed`
    /// (not the numbers `torch.randn` would give).
    func mode(seed: UInt64) -> StyleGAN2.NoiseMode {
        switch self {
        case .const: return .const
        case .random: return .random(seed: seed)
        case .none: return .none
        }
    }
}

/// The official scripts' image pipeline on a loaded generator: latents from seeds, the one-hot
/// label, truncation, synthesis in float32 and the uint8 conversion of `generate.py`.
struct ImageSynthesis {
    let generator: StyleGAN2.Generator
    /// The one-hot label row (empty when unconditional).
    let labelRow: [Float]

    /// Checks `classIndex` against the network as `generate.py` does: required when conditional
    /// (unless `needsLabel` is false: synthesis from given ws), ignored (with `warn`) when not.
    init(generator: StyleGAN2.Generator, classIndex: Int?, needsLabel: Bool = true, warn: (String) -> Void) throws {
        self.generator = generator
        let cDim = generator.config.cDim
        guard [1, 3, 4].contains(generator.config.imgChannels) else {
            throw ImageCommandError.unsupportedChannels(generator.config.imgChannels)
        }
        var row = [Float](repeating: 0, count: cDim)
        if cDim != 0 && (needsLabel || classIndex != nil) {
            guard let classIndex else { throw ImageCommandError.classRequired(cDim: cDim) }
            guard (0..<cDim).contains(classIndex) else { throw ImageCommandError.classOutOfRange(classIndex, cDim: cDim) }
            row[classIndex] = 1
        } else if classIndex != nil {
            warn("warning: --class ignored when running on an unconditional network")
        }
        labelRow = row
    }

    var zDim: Int { generator.config.zDim }
    var numWs: Int { generator.synthesis.numWs }
    var wDim: Int { generator.config.wDim }

    /// Throws unless truncation by `psi` is possible (it needs `w_avg`).
    func checkTruncation(_ psi: Double) throws {
        if psi != 1 && generator.mapping.wAvg == nil { throw ImageCommandError.truncationWithoutWAvg }
    }

    /// `np.random.RandomState(seed).randn(1, z_dim)` per seed, stacked to [N, z_dim] and cast to
    /// float32 as the mapping network casts its float64 input (round to nearest).
    func latents(seeds: [Int]) -> Tensor<Float> {
        let values = seeds.flatMap { seed in NumPyRandomState.latents(seed: UInt32(truncatingIfNeeded: seed), zDim: zDim).map(Float.init) }
        return Tensor(shape: [seeds.count, zDim], scalars: values)
    }

    /// The label batch [N, c_dim], or nil when unconditional.
    func labels(count: Int) -> Tensor<Float>? {
        labelRow.isEmpty ? nil : Tensor(shape: [count, labelRow.count], scalars: Array([[Float]](repeating: labelRow, count: count).joined()))
    }

    /// `G(z, label, truncation_psi, truncation_cutoff, noise_mode)` for one seed, as a PNG image.
    func image(seed: Int, truncationPsi: Double, truncationCutoff: Int?, noise: NoiseModeOption) throws -> PNGImage {
        let img = withNoGrad {
            generator(latents(seeds: [seed]), labels(count: 1), truncationPsi: truncationPsi, truncationCutoff: truncationCutoff,
                      noiseMode: noise.mode(seed: UInt64(seed)))
        }
        return try images(img)[0]
    }

    /// `G.synthesis(ws, noise_mode)` as PNG images.
    func synthesize(_ ws: Tensor<Float>, noise: StyleGAN2.NoiseMode) throws -> [PNGImage] {
        try images(withNoGrad { generator.synthesis(ws, noiseMode: noise) })
    }

    /// `(img.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8)` per batch element.
    func images(_ img: Tensor<Float>) throws -> [PNGImage] {
        try StyleGANImageConversion.generatorImages(img.scalars, shape: img.shape)
    }
}
