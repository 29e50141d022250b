/// Resource limits a PNG decoder enforces before allocating anything for the image.
public struct PNGLimits: Equatable, Sendable {
    /// Largest chunk data length accepted (the format allows up to 2^31 − 1).
    public var maxChunkLength: Int
    /// Largest `width × height`.
    public var maxPixels: Int

    public init(maxChunkLength: Int = 1 << 30, maxPixels: Int = 1 << 28) {
        self.maxChunkLength = maxChunkLength
        self.maxPixels = maxPixels
    }

    /// Chunks up to 1 GiB, images up to 2^28 pixels (16384 × 16384).
    public static let `default` = PNGLimits()
}
