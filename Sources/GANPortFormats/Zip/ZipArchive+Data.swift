extension ZipArchive {
    /// The uncompressed bytes of `entry`.
    ///
    /// Stored entries are a zero-copy slice of the archive, CRC-checked only when
    /// `verifyingCRC` is set (hashing a large mapped entry would defeat zero-copy inspection).
    /// Deflated entries are inflated into a buffer of exactly the declared size and always
    /// CRC-checked.
    public func data(of entry: ZipEntry, verifyingCRC: Bool = false) throws -> ByteSlice {
        let compressed = try compressedData(of: entry)
        switch entry.method {
        case .stored:
            if verifyingCRC { try ZipArchive.checkCRC(of: compressed, entry: entry) }
            return compressed
        case .deflated:
            let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(entry.uncompressedSize, 1), alignment: 64)
            let inflated = ByteBuffer(adopting: memory, count: entry.uncompressedSize).all
            _ = try compressed.withUnsafeBytes { input in
                try ZipInflater.inflate(input, into: UnsafeMutableRawBufferPointer(start: memory, count: entry.uncompressedSize),
                                        exact: true, entryName: entry.name)
            }
            try ZipArchive.checkCRC(of: inflated, entry: entry)
            return inflated
        }
    }

    /// The uncompressed bytes of the entry named `name`.
    public func data(named name: String, verifyingCRC: Bool = false) throws -> ByteSlice {
        guard let entry = entry(named: name) else { throw ZipError.entryNotFound(name: name) }
        return try data(of: entry, verifyingCRC: verifyingCRC)
    }

    /// Checks the CRC-32 of `entry`'s uncompressed bytes.
    public func verifyCRC(of entry: ZipEntry) throws {
        _ = try data(of: entry, verifyingCRC: true)
    }

    /// The first `count` uncompressed bytes of `entry` (fewer when the entry is shorter),
    /// inflating only as much as needed and without a CRC check: for reading headers.
    public func prefix(of entry: ZipEntry, count: Int) throws -> ByteSlice {
        let length = Swift.max(0, Swift.min(count, entry.uncompressedSize))
        let compressed = try compressedData(of: entry)
        switch entry.method {
        case .stored:
            return compressed.slice(0..<length) ?? compressed
        case .deflated:
            let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(length, 1), alignment: 64)
            let buffer = ByteBuffer(adopting: memory, count: length)
            let produced = try compressed.withUnsafeBytes { input in
                try ZipInflater.inflate(input, into: UnsafeMutableRawBufferPointer(start: memory, count: length),
                                        exact: false, entryName: entry.name)
            }
            return buffer.all.slice(0..<Swift.min(produced, length)) ?? buffer.all
        }
    }

    /// The entry's bytes as the archive holds them.
    private func compressedData(of entry: ZipEntry) throws -> ByteSlice {
        guard let slice = bytes.slice(entry.dataRange) else {
            throw ZipError.dataOutOfBounds(name: entry.name, start: entry.dataRange.lowerBound,
                                           end: entry.dataRange.upperBound, limit: bytes.count)
        }
        return slice
    }

    private static func checkCRC(of bytes: ByteSlice, entry: ZipEntry) throws {
        let actual = bytes.withUnsafeBytes { ZipCRC32.checksum($0) }
        guard actual == entry.crc32 else { throw ZipError.crcMismatch(name: entry.name, expected: entry.crc32, actual: actual) }
    }
}
