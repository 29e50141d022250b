/// The `--cfg` presets of the official `train.py` (StyleGAN2-ADA), with the `auto` formulas.
public struct TrainingPreset: Equatable, Sendable {
    /// The preset names `train.py` accepts.
    public enum Name: String, CaseIterable, Codable, Sendable {
        case auto, stylegan2, paper256, paper512, paper1024, cifar
    }

    /// `ref_gpus`: the GPU count the preset was tuned for (`auto`: the GPUs in use).
    public var referenceGPUs: Int
    /// `kimg`: training length in thousands of real images.
    public var kimg: Int
    /// `mb`: batch size.
    public var batchSize: Int
    /// `mbstd`: minibatch-std group size of D.
    public var mbstdGroupSize: Int
    /// `fmaps`: `channel_base = fmaps · 32768`.
    public var fmaps: Double
    /// `lrate`: Adam learning rate of G and D.
    public var learningRate: Double
    /// `gamma`: R1 weight.
    public var gamma: Double
    /// `ema`: G_ema half-life in kimg.
    public var emaKimg: Double
    /// `ramp`: G_ema ramp-up (nil: none).
    public var emaRampup: Double?
    /// `map`: mapping network depth.
    public var mappingLayers: Int

    /// The preset `name` for a dataset of `resolution` on `gpus` GPUs (only `auto` depends on them):
    /// `mb = max(min(gpus·min(4096 // res, 32), 64), gpus)`, `mbstd = min(mb // gpus, 4)`,
    /// `fmaps = 1 if res ≥ 512 else 0.5`, `lrate = 0.002 if res ≥ 1024 else 0.0025`,
    /// `gamma = 0.0002·res² / mb`, `ema = mb·10 / 32`.
    public static func named(_ name: Name, resolution: Int, gpus: Int = 1) -> TrainingPreset {
        switch name {
        case .auto:
            let mb = Swift.max(Swift.min(gpus * Swift.min(4096 / resolution, 32), 64), gpus)
            return TrainingPreset(referenceGPUs: gpus, kimg: 25000, batchSize: mb, mbstdGroupSize: Swift.min(mb / gpus, 4),
                                  fmaps: resolution >= 512 ? 1 : 0.5, learningRate: resolution >= 1024 ? 0.002 : 0.0025,
                                  gamma: 0.0002 * Double(resolution * resolution) / Double(mb), emaKimg: Double(mb) * 10 / 32,
                                  emaRampup: 0.05, mappingLayers: 2)
        case .stylegan2:
            return TrainingPreset(referenceGPUs: 8, kimg: 25000, batchSize: 32, mbstdGroupSize: 4, fmaps: 1, learningRate: 0.002,
                                  gamma: 10, emaKimg: 10, emaRampup: nil, mappingLayers: 8)
        case .paper256:
            return TrainingPreset(referenceGPUs: 8, kimg: 25000, batchSize: 64, mbstdGroupSize: 8, fmaps: 0.5, learningRate: 0.0025,
                                  gamma: 1, emaKimg: 20, emaRampup: nil, mappingLayers: 8)
        case .paper512:
            return TrainingPreset(referenceGPUs: 8, kimg: 25000, batchSize: 64, mbstdGroupSize: 8, fmaps: 1, learningRate: 0.0025,
                                  gamma: 0.5, emaKimg: 20, emaRampup: nil, mappingLayers: 8)
        case .paper1024:
            return TrainingPreset(referenceGPUs: 8, kimg: 25000, batchSize: 32, mbstdGroupSize: 4, fmaps: 1, learningRate: 0.002,
                                  gamma: 2, emaKimg: 10, emaRampup: nil, mappingLayers: 8)
        case .cifar:
            return TrainingPreset(referenceGPUs: 2, kimg: 100000, batchSize: 64, mbstdGroupSize: 32, fmaps: 1, learningRate: 0.0025,
                                  gamma: 0.01, emaKimg: 500, emaRampup: 0.05, mappingLayers: 2)
        }
    }

    /// `channel_base` of G and D: `int(fmaps · 32768)`.
    public var channelBase: Int { Int(fmaps * 32768) }
    /// `channel_max` of G and D (every preset).
    public static let channelMax = 512
    /// `num_fp16_res` of G and D (every preset; GANPort computes float32 regardless).
    public static let numFP16Res = 4
    /// `conv_clamp` of G and D (every preset).
    public static let convClamp = 256.0
}
