import GANPortFormats

/// The constructor arguments of the official `AugmentPipe` (stylegan2-ada-pytorch
/// `training/augment.py`): a probability multiplier per transform (0 disables it; the chance of
/// applying it is `multiplier · p`) and the ranges of their random parameters. Defaults are the
/// official ones; every multiplier defaults to 0.
public struct AugmentSettings: Equatable, Sendable {
    // Pixel blitting.
    /// x-flip.
    public var xflip: Double = 0
    /// Rotation by a multiple of 90°.
    public var rotate90: Double = 0
    /// Integer translation.
    public var xint: Double = 0
    /// Range of integer translation, relative to the image size.
    public var xintMax: Double = 0.125

    // General geometric transformations.
    /// Isotropic scaling.
    public var scale: Double = 0
    /// Arbitrary rotation.
    public var rotate: Double = 0
    /// Anisotropic scaling.
    public var aniso: Double = 0
    /// Fractional translation.
    public var xfrac: Double = 0
    /// Log2 standard deviation of isotropic scaling.
    public var scaleStd: Double = 0.2
    /// Range of arbitrary rotation, 1 = full circle.
    public var rotateMax: Double = 1
    /// Log2 standard deviation of anisotropic scaling.
    public var anisoStd: Double = 0.2
    /// Standard deviation of fractional translation, relative to the image size.
    public var xfracStd: Double = 0.125

    // Color transformations.
    /// Brightness.
    public var brightness: Double = 0
    /// Contrast.
    public var contrast: Double = 0
    /// Luma flip.
    public var lumaflip: Double = 0
    /// Hue rotation.
    public var hue: Double = 0
    /// Saturation.
    public var saturation: Double = 0
    /// Standard deviation of brightness.
    public var brightnessStd: Double = 0.2
    /// Log2 standard deviation of contrast.
    public var contrastStd: Double = 0.5
    /// Range of hue rotation, 1 = full circle.
    public var hueMax: Double = 1
    /// Log2 standard deviation of saturation.
    public var saturationStd: Double = 1

    // Image-space filtering.
    /// Image-space filtering.
    public var imgfilter: Double = 0
    /// Probability multipliers of the four frequency bands.
    public var imgfilterBands: [Double] = [1, 1, 1, 1]
    /// Log2 standard deviation of a band's amplification.
    public var imgfilterStd: Double = 1

    // Image-space corruptions.
    /// Additive RGB noise.
    public var noise: Double = 0
    /// Cutout.
    public var cutout: Double = 0
    /// Standard deviation of the additive noise.
    public var noiseStd: Double = 0.1
    /// Size of the cutout rectangle, relative to the image size.
    public var cutoutSize: Double = 0.5

    /// All transforms disabled (the official defaults).
    public init() {}

    /// The official keyword names with their key paths, in constructor order.
    static let numberKeys: [(String, WritableKeyPath<AugmentSettings, Double>)] = [
        ("xflip", \.xflip), ("rotate90", \.rotate90), ("xint", \.xint), ("xint_max", \.xintMax),
        ("scale", \.scale), ("rotate", \.rotate), ("aniso", \.aniso), ("xfrac", \.xfrac),
        ("scale_std", \.scaleStd), ("rotate_max", \.rotateMax), ("aniso_std", \.anisoStd), ("xfrac_std", \.xfracStd),
        ("brightness", \.brightness), ("contrast", \.contrast), ("lumaflip", \.lumaflip), ("hue", \.hue),
        ("saturation", \.saturation), ("brightness_std", \.brightnessStd), ("contrast_std", \.contrastStd),
        ("hue_max", \.hueMax), ("saturation_std", \.saturationStd),
        ("imgfilter", \.imgfilter), ("imgfilter_std", \.imgfilterStd),
        ("noise", \.noise), ("cutout", \.cutout), ("noise_std", \.noiseStd), ("cutout_size", \.cutoutSize),
    ]

    /// Settings from the official keyword arguments, e.g. an NVIDIA pickle's
    /// `augment_pipe._init_kwargs` or a golden fixture's `call` (a `p` key is ignored here).
    /// Bound like Python binds them: unknown keys and non-numeric values are errors, absent keys
    /// keep the official defaults.
    public init(kwargs: JSONValue) throws {
        guard let pairs = kwargs.objectValue else { throw AugmentSettingsError.notAnObject }
        self.init()
        for (key, value) in pairs {
            if key == "p" { continue }
            if key == "imgfilter_bands" {
                guard let items = value.arrayValue else { throw AugmentSettingsError.invalidValue(key: key, expected: "a list of 4 numbers") }
                let bands = items.compactMap { $0.boolValue == nil ? $0.doubleValue : nil }
                guard bands.count == items.count, bands.count == 4 else {
                    throw AugmentSettingsError.invalidValue(key: key, expected: "a list of 4 numbers")
                }
                imgfilterBands = bands
                continue
            }
            guard let path = AugmentSettings.numberKeys.first(where: { $0.0 == key })?.1 else {
                throw AugmentSettingsError.unknownArgument(key)
            }
            guard let number = value.doubleValue, number.isFinite else {
                throw AugmentSettingsError.invalidValue(key: key, expected: "a finite number")
            }
            self[keyPath: path] = number
        }
    }

    /// The official keyword arguments of these settings (every key, constructor order).
    public var kwargs: JSONValue {
        var pairs = AugmentSettings.numberKeys.map { ($0.0, JSONValue.double(self[keyPath: $0.1])) }
        pairs.insert(("imgfilter_bands", .array(imgfilterBands.map { .double($0) })), at: 22)
        return .object(pairs)
    }

    /// Whether any geometric transform is enabled (then the images are resampled even when no
    /// transform fires, as in the official code).
    var hasGeometry: Bool { [xflip, rotate90, xint, scale, rotate, aniso, xfrac].contains { $0 > 0 } }
}

/// Errors binding `AugmentPipe` keyword arguments.
public enum AugmentSettingsError: Error, Equatable, CustomStringConvertible {
    /// The keyword arguments are not a JSON object.
    case notAnObject
    /// A keyword the official constructor does not take.
    case unknownArgument(String)
    /// A keyword with a value of the wrong kind.
    case invalidValue(key: String, expected: String)
    /// A name that is not one of the official `--augpipe` presets.
    case unknownPreset(String)

    public var description: String {
        switch self {
        case .notAnObject: return "augment pipe kwargs are not an object"
        case let .unknownArgument(key): return "augment pipe kwargs: unknown argument '\(key)'"
        case let .invalidValue(key, expected): return "augment pipe kwargs: '\(key)' must be \(expected)"
        case let .unknownPreset(name):
            return "unknown augment pipe '\(name)' (one of \(AugmentPreset.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}
