/// Resource limits a `ZipArchive` enforces before any entry is inflated.
public struct ZipLimits: Equatable, Sendable {
    /// Largest sum of declared uncompressed sizes over all entries.
    public var maxTotalUncompressedSize: Int
    /// Largest declared uncompressed ÷ compressed size of a deflated entry. Deflate itself
    /// cannot exceed about 1032:1, so a larger claim can only be a lie or a bomb.
    public var maxCompressionRatio: Int

    public init(maxTotalUncompressedSize: Int = 64 << 30, maxCompressionRatio: Int = 1032) {
        self.maxTotalUncompressedSize = maxTotalUncompressedSize
        self.maxCompressionRatio = maxCompressionRatio
    }

    /// 64 GiB in total, 1032:1 per deflated entry.
    public static let `default` = ZipLimits()
}
