/// Little-endian field reads from archive bytes. Callers check that the record fits first.
struct ZipFieldReader {
    let bytes: ByteSlice

    /// Whether `count` bytes starting at `offset` lie inside the bytes.
    func contains(_ offset: Int, _ count: Int) -> Bool {
        guard offset >= 0, count >= 0 else { return false }
        let end = offset.addingReportingOverflow(count)
        return !end.overflow && end.partialValue <= bytes.count
    }

    func u16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32 {
        UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }

    func u64(_ offset: Int) -> UInt64 {
        UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }

    /// A copy of `count` bytes at `offset`.
    func array(_ offset: Int, _ count: Int) -> [UInt8] {
        (offset..<(offset + count)).map { bytes[$0] }
    }
}

/// Record signatures and sizes from the ZIP specification (APPNOTE.TXT).
enum ZipRecord {
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    static let centralHeaderSignature: UInt32 = 0x0201_4b50
    static let endSignature: UInt32 = 0x0605_4b50
    static let zip64EndSignature: UInt32 = 0x0606_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endSize = 22
    static let zip64EndSize = 56
    static let zip64LocatorSize = 20
    /// The end record plus the largest comment.
    static let endSearchWindow = endSize + 0xFFFF

    static let zip64ExtraID: UInt16 = 0x0001
    static let alignmentExtraID: UInt16 = 0x4246  // "FB", as PyTorch writes it
    static let saturated32: UInt32 = 0xFFFF_FFFF
    static let saturated16: UInt16 = 0xFFFF

    /// General-purpose flag bits.
    static let flagEncrypted: UInt16 = 1 << 0
    static let flagDataDescriptor: UInt16 = 1 << 3
    static let flagStrongEncryption: UInt16 = 1 << 6
    static let flagUTF8: UInt16 = 1 << 11
    static let flagMaskedHeader: UInt16 = 1 << 13
}
