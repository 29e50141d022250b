/// Little-endian record assembly for `ZipWriter`.
struct ZipRecordBytes {
    private(set) var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    mutating func u32(_ value: UInt32) { u16(UInt16(value & 0xFFFF)); u16(UInt16(value >> 16)) }
    mutating func u64(_ value: UInt64) { u32(UInt32(value & 0xFFFF_FFFF)); u32(UInt32(value >> 32)) }
    mutating func append(_ more: [UInt8]) { bytes += more }

    /// `value` as a 32-bit field, or `0xFFFFFFFF` when it goes to the ZIP64 extra field.
    static func field32(_ value: Int, zip64At threshold: Int) -> UInt32 {
        value >= threshold ? ZipRecord.saturated32 : UInt32(value)
    }
}

extension ZipWriter {
    /// What the central directory needs of a written entry.
    struct WrittenEntry {
        let nameBytes: [UInt8]
        let headerOffset: Int
        let size: Int
        let crc32: UInt32
    }

    /// DOS date 1980-01-01, time 00:00: fixed so that output is reproducible.
    static let dosDate: UInt16 = 0x0021
    static let dosTime: UInt16 = 0

    /// The local header of a stored entry with CRC and sizes left zero (patched at `endEntry`),
    /// a ZIP64 field when `zip64` is set, and an `FB` field of `Z` bytes that moves the data
    /// start to a multiple of `alignment`, as PyTorch's `inline_container.cc` pads records.
    static func localHeader(nameBytes: [UInt8], headerOffset: Int, zip64: Bool, alignment: Int) -> [UInt8] {
        let zip64Length = zip64 ? 20 : 0
        let fixedEnd = headerOffset + ZipRecord.localHeaderSize + nameBytes.count + zip64Length + 4
        let padding = (alignment - fixedEnd % alignment) % alignment
        var record = ZipRecordBytes()
        record.u32(ZipRecord.localHeaderSignature)
        record.u16(zip64 ? 45 : 20)
        record.u16(ZipRecord.flagUTF8)
        record.u16(ZipEntry.Method.stored.rawValue)
        record.u16(dosTime)
        record.u16(dosDate)
        record.u32(0)
        record.u32(zip64 ? ZipRecord.saturated32 : 0)
        record.u32(zip64 ? ZipRecord.saturated32 : 0)
        record.u16(UInt16(nameBytes.count))
        record.u16(UInt16(zip64Length + 4 + padding))
        record.append(nameBytes)
        if zip64 {
            record.u16(ZipRecord.zip64ExtraID)
            record.u16(16)
            record.u64(0)
            record.u64(0)
        }
        record.u16(ZipRecord.alignmentExtraID)
        record.u16(UInt16(padding))
        record.append([UInt8](repeating: UInt8(ascii: "Z"), count: padding))
        return record.bytes
    }

    /// The central-directory record of `entry`; values at or over `threshold` go to a ZIP64 field.
    static func centralRecord(_ entry: WrittenEntry, threshold: Int) -> [UInt8] {
        var zip64 = ZipRecordBytes()
        if entry.size >= threshold { zip64.u64(UInt64(entry.size)); zip64.u64(UInt64(entry.size)) }
        if entry.headerOffset >= threshold { zip64.u64(UInt64(entry.headerOffset)) }
        let extra = zip64.bytes.isEmpty ? 0 : 4 + zip64.bytes.count
        let version: UInt16 = extra > 0 ? 45 : 20
        var record = ZipRecordBytes()
        record.u32(ZipRecord.centralHeaderSignature)
        record.u16(version)
        record.u16(version)
        record.u16(ZipRecord.flagUTF8)
        record.u16(ZipEntry.Method.stored.rawValue)
        record.u16(dosTime)
        record.u16(dosDate)
        record.u32(entry.crc32)
        record.u32(ZipRecordBytes.field32(entry.size, zip64At: threshold))
        record.u32(ZipRecordBytes.field32(entry.size, zip64At: threshold))
        record.u16(UInt16(entry.nameBytes.count))
        record.u16(UInt16(extra))
        record.u16(0)  // comment
        record.u16(0)  // disk
        record.u16(0)  // internal attributes
        record.u32(0)  // external attributes
        record.u32(ZipRecordBytes.field32(entry.headerOffset, zip64At: threshold))
        record.append(entry.nameBytes)
        if extra > 0 {
            record.u16(ZipRecord.zip64ExtraID)
            record.u16(UInt16(zip64.bytes.count))
            record.append(zip64.bytes)
        }
        return record.bytes
    }

    /// The end records: ZIP64 record and locator when a count or offset needs them, then the classic one.
    static func endRecords(entryCount: Int, directoryOffset: Int, directorySize: Int, threshold: Int) -> [UInt8] {
        var record = ZipRecordBytes()
        let countSaturates = entryCount >= Swift.min(threshold, Int(ZipRecord.saturated16))
        let needsZip64 = countSaturates || directoryOffset >= threshold || directorySize >= threshold
        if needsZip64 {
            let zip64Offset = directoryOffset + directorySize
            record.u32(ZipRecord.zip64EndSignature)
            record.u64(UInt64(ZipRecord.zip64EndSize - 12))
            record.u16(45)
            record.u16(45)
            record.u32(0)
            record.u32(0)
            record.u64(UInt64(entryCount))
            record.u64(UInt64(entryCount))
            record.u64(UInt64(directorySize))
            record.u64(UInt64(directoryOffset))
            record.u32(ZipRecord.zip64LocatorSignature)
            record.u32(0)
            record.u64(UInt64(zip64Offset))
            record.u32(1)
        }
        let count = countSaturates ? ZipRecord.saturated16 : UInt16(entryCount)
        record.u32(ZipRecord.endSignature)
        record.u16(0)
        record.u16(0)
        record.u16(count)
        record.u16(count)
        record.u32(ZipRecordBytes.field32(directorySize, zip64At: threshold))
        record.u32(ZipRecordBytes.field32(directoryOffset, zip64At: threshold))
        record.u16(0)
        return record.bytes
    }
}
