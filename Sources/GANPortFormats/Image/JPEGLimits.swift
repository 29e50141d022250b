/// Resource limits a JPEG decoder enforces before allocating the image.
public struct JPEGLimits: Equatable, Sendable {
    /// Largest `width × height`.
    public var maxPixels: Int
    /// Most scans a progressive file may hold (libjpeg-turbo's `djpeg -maxscans` guard).
    public var maxScans: Int

    public init(maxPixels: Int = 1 << 28, maxScans: Int = 1000) {
        self.maxPixels = maxPixels
        self.maxScans = maxScans
    }

    /// Images up to 2^28 pixels (16384 × 16384), 1000 scans.
    public static let `default` = JPEGLimits()
}
