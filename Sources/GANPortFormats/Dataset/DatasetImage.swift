/// One dataset image as the official loader returns it: 8-bit samples in CHW order
/// (`channels` planes of `resolution` rows of `resolution` samples).
public struct DatasetImage: Equatable, Sendable {
    /// Channels: 1 (gray) or 3 (RGB).
    public let channels: Int
    /// Rows.
    public let height: Int
    /// Samples per row.
    public let width: Int
    /// `channels × height × width` samples, plane after plane.
    public let pixels: [UInt8]

    /// `[C, H, W]`.
    public var shape: [Int] { [channels, height, width] }

    public init(channels: Int, height: Int, width: Int, pixels: [UInt8]) {
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    /// The HWC raster of a decoded file, transposed to CHW.
    init(interleaved image: PNGImage, pixels interleaved: [UInt8]) {
        let (c, h, w) = (image.layout.channels, image.height, image.width)
        var planar = [UInt8](repeating: 0, count: interleaved.count)
        interleaved.withUnsafeBufferPointer { source in
            planar.withUnsafeMutableBufferPointer { target in
                for y in 0..<h {
                    for x in 0..<w {
                        let from = (y * w + x) * c
                        for channel in 0..<c { target[(channel * h + y) * w + x] = source[from + channel] }
                    }
                }
            }
        }
        self.init(channels: c, height: h, width: w, pixels: planar)
    }

    /// The image mirrored left to right (`image[:, :, ::-1]`).
    public func mirrored() -> DatasetImage {
        var out = pixels
        for row in 0..<(channels * height) {
            let start = row * width
            out[start..<(start + width)].reverse()
        }
        return DatasetImage(channels: channels, height: height, width: width, pixels: out)
    }

    /// Decodes PNG or JPEG bytes, chosen by their signature, into CHW samples.
    static func decode(_ bytes: ByteSlice, file: String, maxPixels: Int) throws -> DatasetImage {
        let image: PNGImage
        if bytes.count >= 8, (0..<8).allSatisfy({ bytes[$0] == PNGChunk.signature[$0] }) {
            do {
                image = try PNGDecoder.decode(bytes, limits: PNGLimits(maxPixels: maxPixels))
            } catch let error as PNGError {
                throw ImageDatasetError.invalidPNG(file: file, error)
            }
        } else if JPEGDecoder.hasSignature(bytes) {
            do {
                image = try JPEGDecoder.decode(bytes, limits: JPEGLimits(maxPixels: maxPixels))
            } catch let error as JPEGError {
                throw ImageDatasetError.invalidJPEG(file: file, error)
            }
        } else {
            throw ImageDatasetError.unrecognizedImageFormat(file: file, firstBytes: FormatSniffer.hexPrefix(bytes))
        }
        guard let samples = image.pixels else { throw ImageDatasetError.unsupportedBitDepth(file: file, bits: image.samples.bitDepth) }
        return DatasetImage(interleaved: image, pixels: samples)
    }
}
