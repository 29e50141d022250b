/// One file inside a ZIP archive, as its central-directory record and local header describe it.
public struct ZipEntry: Equatable, Sendable {
    /// How the entry's bytes are stored.
    public enum Method: UInt16, Sendable {
        /// Uncompressed (method 0); read zero-copy.
        case stored = 0
        /// Raw deflate (method 8).
        case deflated = 8
    }

    /// Entry name (`archive/data.pkl`, `weights.npy`), validated as a safe relative path.
    public let name: String
    /// Compression method.
    public let method: Method
    /// Size of the bytes in the archive.
    public let compressedSize: Int
    /// Size after inflating (equal to `compressedSize` for stored entries).
    public let uncompressedSize: Int
    /// Declared CRC-32 of the uncompressed bytes.
    public let crc32: UInt32
    /// Offset of the local file header in the archive.
    public let localHeaderOffset: Int
    /// Range of the (compressed) data in the archive.
    public let dataRange: Range<Int>

    public init(name: String, method: Method, compressedSize: Int, uncompressedSize: Int, crc32: UInt32,
                localHeaderOffset: Int, dataRange: Range<Int>) {
        self.name = name
        self.method = method
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.crc32 = crc32
        self.localHeaderOffset = localHeaderOffset
        self.dataRange = dataRange
    }
}
