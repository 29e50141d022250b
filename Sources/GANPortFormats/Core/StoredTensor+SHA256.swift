import Crypto

extension StoredTensor {
    /// SHA-256 (lowercase hex) of the elements in C order, little-endian, in the stored dtype —
    /// the `sha256` of `inspect --json` manifests. Streams the bytes; a strided view is hashed
    /// as its contiguous copy without materialising it whole.
    public func sha256Hex() throws -> String {
        var hasher = SHA256()
        try forEachContiguousChunk { hasher.update(bufferPointer: $0) }
        return hasher.finalize().hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex digits.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
