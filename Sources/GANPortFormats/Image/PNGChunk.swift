/// One chunk of a PNG file: its type, its data (a view into the file) and where it starts.
struct PNGChunk {
    /// Byte offset of the chunk's length field.
    let offset: Int
    /// The four-letter type.
    let type: String
    /// The chunk data.
    let data: ByteSlice

    /// Bytes the chunk occupies: length, type, data and CRC.
    var totalLength: Int { 12 + data.count }

    /// A critical chunk has an upper-case first letter.
    var isCritical: Bool { type.utf8.first.map { $0 & 0x20 == 0 } ?? false }

    /// The 8-byte PNG signature.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads and checks the chunk starting at `offset` of `bytes`: length within limits, type
    /// letters, every byte present, CRC-32 over type and data.
    static func read(_ bytes: ByteSlice, at offset: Int, limits: PNGLimits) throws -> PNGChunk {
        let available = bytes.count - offset
        guard available >= 8 else { throw PNGError.truncatedChunk(offset: offset, needed: 8, available: available) }
        let length = Int(bigEndian32(bytes, offset))
        let typeBytes = (4..<8).map { bytes[offset + $0] }
        guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw PNGError.invalidChunkType(offset: offset)
        }
        let type = String(decoding: typeBytes, as: UTF8.self)
        let limit = Swift.min(limits.maxChunkLength, Int(Int32.max))
        guard length <= limit else { throw PNGError.chunkTooLong(offset: offset, type: type, length: length, limit: limit) }
        guard available - 12 >= length else {
            throw PNGError.truncatedChunk(offset: offset, needed: 12 + length, available: available)
        }
        let start = bytes.range.lowerBound + offset
        let data = ByteSlice(buffer: bytes.buffer, range: (start + 8)..<(start + 8 + length))
        let stored = bigEndian32(bytes, offset + 8 + length)
        let computed = ByteSlice(buffer: bytes.buffer, range: (start + 4)..<(start + 8 + length))
            .withUnsafeBytes { ZipCRC32.checksum($0) }
        guard stored == computed else {
            throw PNGError.crcMismatch(offset: offset, type: type, stored: stored, computed: computed)
        }
        return PNGChunk(offset: offset, type: type, data: data)
    }

    /// The big-endian 32-bit word at `offset` (the caller checked that four bytes are there).
    static func bigEndian32(_ bytes: ByteSlice, _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }
}
