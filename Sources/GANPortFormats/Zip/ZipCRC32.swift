import CZlib

/// CRC-32 (the ZIP polynomial) through zlib, in chunks that fit zlib's 32-bit lengths.
enum ZipCRC32 {
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        var value = uLong(crc)
        var offset = 0
        while offset < bytes.count {
            let length = Swift.min(bytes.count - offset, 1 << 30)
            value = CZlib.crc32(value, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: value)
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 { update(0, bytes) }
}
