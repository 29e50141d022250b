/// The channels of a decoded or to-be-encoded image, interleaved in this order.
public enum PNGPixelLayout: Int, Sendable, CaseIterable {
    case gray = 1, grayAlpha = 2, rgb = 3, rgba = 4

    /// Samples per pixel.
    public var channels: Int { rawValue }

    /// The PNG colour type that stores this layout without a palette.
    var colorType: UInt8 {
        switch self {
        case .gray: return 0
        case .grayAlpha: return 4
        case .rgb: return 2
        case .rgba: return 6
        }
    }
}

/// Samples of an image: 8-bit, or 16-bit (native integers, not the file's big-endian bytes).
public enum PNGSamples: Equatable, Sendable {
    case uint8([UInt8])
    case uint16([UInt16])

    /// Number of samples.
    public var count: Int {
        switch self {
        case let .uint8(values): return values.count
        case let .uint16(values): return values.count
        }
    }

    /// Bits per sample: 8 or 16.
    public var bitDepth: Int {
        if case .uint16 = self { return 16 }
        return 8
    }
}

/// A raster image: `height` rows of `width` pixels, each `layout.channels` interleaved samples,
/// row-major, top row first (the `H × W × C` array that NumPy/PIL hold).
///
/// Decoding expands palettes to RGB (RGBA when the file has a `tRNS` chunk) and scales gray of
/// depth 1, 2 or 4 to 0...255; transparency chunks of gray and RGB images are ignored, as
/// `np.asarray(PIL.Image.open(path))` does.
public struct PNGImage: Equatable, Sendable {
    /// Pixels per row.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Channels of each pixel.
    public var layout: PNGPixelLayout
    /// `width × height × layout.channels` samples.
    public var samples: PNGSamples

    /// An image; the encoder checks that the sample count fits the dimensions.
    public init(width: Int, height: Int, layout: PNGPixelLayout, samples: PNGSamples) {
        self.width = width
        self.height = height
        self.layout = layout
        self.samples = samples
    }

    /// An 8-bit image.
    public init(width: Int, height: Int, layout: PNGPixelLayout, pixels: [UInt8]) {
        self.init(width: width, height: height, layout: layout, samples: .uint8(pixels))
    }

    /// The 8-bit samples, or nil for a 16-bit image.
    public var pixels: [UInt8]? {
        if case let .uint8(values) = samples { return values }
        return nil
    }
}
