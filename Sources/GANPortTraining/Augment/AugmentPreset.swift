/// The named augmentation pipelines of the official `train.py` (`--augpipe`).
public enum AugmentPreset: String, CaseIterable, Sendable {
    case blit, geom, color, filter, noise, cutout, bg, bgc, bgcf, bgcfn, bgcfnc

    /// The preset by its official name.
    public init(name: String) throws {
        guard let preset = AugmentPreset(rawValue: name) else { throw AugmentSettingsError.unknownPreset(name) }
        self = preset
    }

    /// The constructor arguments `train.py` passes for this preset.
    public var settings: AugmentSettings {
        var s = AugmentSettings()
        func blit() { s.xflip = 1; s.rotate90 = 1; s.xint = 1 }
        func geom() { s.scale = 1; s.rotate = 1; s.aniso = 1; s.xfrac = 1 }
        func color() { s.brightness = 1; s.contrast = 1; s.lumaflip = 1; s.hue = 1; s.saturation = 1 }
        switch self {
        case .blit: blit()
        case .geom: geom()
        case .color: color()
        case .filter: s.imgfilter = 1
        case .noise: s.noise = 1
        case .cutout: s.cutout = 1
        case .bg: blit(); geom()
        case .bgc: blit(); geom(); color()
        case .bgcf: blit(); geom(); color(); s.imgfilter = 1
        case .bgcfn: blit(); geom(); color(); s.imgfilter = 1; s.noise = 1
        case .bgcfnc: blit(); geom(); color(); s.imgfilter = 1; s.noise = 1; s.cutout = 1
        }
        return s
    }
}
