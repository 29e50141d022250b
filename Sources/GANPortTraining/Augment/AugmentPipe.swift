import GANPortFormats
import GANPortTensor

/// The ADA augmentation pipeline of stylegan2-ada-pytorch (`training/augment.py`, `AugmentPipe`):
/// pixel blitting, general geometric transforms, color transforms, image-space filtering and
/// corruptions, each applied per image with probability `multiplier · p`.
///
/// Every random number comes from the `RandomSource` passed in, drawn in the official order and
/// shapes (`torch.rand` → `uniform`, `torch.randn` → `normal`); parameters and transform matrices
/// are computed in float32 with the official expressions. Like the official pipe, an enabled
/// transform draws its numbers even when `p` = 0, and enabled geometric transforms always resample
/// the images (pad, upsample, `grid_sample`, downsample — close to, not exactly, the identity at
/// p = 0). Differentiable in the images to any order (R1 on augmented reals).
public final class AugmentPipe: ImageAugmentation {
    /// The constructor arguments.
    public let settings: AugmentSettings
    /// The overall probability multiplier (the official `p` buffer), set by the ADA controller.
    public var p: Float
    /// `Hz_geom`, the low-pass filter of the geometric resampling [12].
    public let geometryFilter: Tensor<Float>
    /// `Hz_fbank`, the image-space filter bank [4, 43].
    public let filterBank: [[Float]]

    /// A pipe with `settings` and strength `p` (the official buffer starts at 1; training sets it).
    public init(settings: AugmentSettings, p: Float = 1) {
        self.settings = settings
        self.p = p
        self.geometryFilter = Tensor(AugmentFilters.geometry)
        self.filterBank = AugmentFilters.filterBank
    }

    /// A named official pipeline (`bgc`, …).
    public convenience init(preset: AugmentPreset, p: Float = 1) {
        self.init(settings: preset.settings, p: p)
    }

    /// A pipe from the official keyword arguments (e.g. an NVIDIA pickle's
    /// `augment_pipe._init_kwargs`); a `p` key, when present, sets the strength.
    public convenience init(kwargs: JSONValue) throws {
        let settings = try AugmentSettings(kwargs: kwargs)
        var p: Float = 1
        if let value = kwargs["p"] {
            guard let number = value.doubleValue, number.isFinite else {
                throw AugmentSettingsError.invalidValue(key: "p", expected: "a finite number")
            }
            p = Float(number)
        }
        self.init(settings: settings, p: p)
    }

    /// Augments `images` [N, C, H, W] (C = 1 or 3 when color transforms are enabled).
    public func callAsFunction(_ images: Tensor<Float>, random: RandomSource) -> Tensor<Float> {
        precondition(images.rank == 4, "AugmentPipe needs NCHW images, got \(images.shape)")
        var x = images
        if let inverse = geometricTransform(batch: x.shape[0], height: x.shape[2], width: x.shape[3], random: random) {
            x = resample(x, inverse: inverse)
        }
        if let color = colorTransform(batch: x.shape[0], channels: x.shape[1], random: random) {
            x = applyColor(x, color)
        }
        if settings.imgfilter > 0 { x = filterImages(x, random: random) }
        if settings.noise > 0 { x = addNoise(x, random: random) }
        if settings.cutout > 0 { x = cutOut(x, random: random) }
        return x
    }

    /// `multiplier · p` in float32, the official threshold of a transform's probability draw.
    func threshold(_ multiplier: Double) -> Float { Float(multiplier) * p }

    /// `torch.where(rand(shape) < threshold, value, otherwise)` per batch entry (the condition's
    /// draw has one value per image).
    func gate(_ values: [Float], per count: Int = 1, threshold: Float, otherwise: Float, shape: [Int],
              random: RandomSource) -> [Float] {
        let draws = random.uniform(shape).scalars
        return values.enumerated().map { index, value in draws[index / count] < threshold ? value : otherwise }
    }
}
