/// Checks an entry's local file header against its central-directory record and locates its data.
enum ZipLocalHeader {
    /// The entry, with its data range, once the local header at `record.localHeaderOffset`
    /// agrees with `record` and the header and data lie before `limit` (the central directory).
    static func entry(for record: ZipCentralRecord, reader: ZipFieldReader, limit: Int) throws -> ZipEntry {
        let name = record.name, start = record.localHeaderOffset
        let outOfBounds = { (end: Int) in ZipError.dataOutOfBounds(name: name, start: start, end: end, limit: limit) }
        guard start <= limit, limit - start >= ZipRecord.localHeaderSize else {
            throw outOfBounds(start.addingReportingOverflow(ZipRecord.localHeaderSize).partialValue)
        }
        guard reader.u32(start) == ZipRecord.localHeaderSignature else {
            throw ZipError.badLocalHeaderSignature(name: name, offset: start)
        }
        let flags = reader.u16(start + 6), method = reader.u16(start + 8)
        let nameLength = Int(reader.u16(start + 26)), extraLength = Int(reader.u16(start + 28))
        let nameStart = start + ZipRecord.localHeaderSize
        let dataStart = nameStart + nameLength + extraLength
        guard dataStart <= limit else { throw outOfBounds(dataStart) }
        let dataEnd = dataStart.addingReportingOverflow(record.compressedSize)
        guard !dataEnd.overflow, dataEnd.partialValue <= limit else { throw outOfBounds(dataEnd.partialValue) }

        let mismatch = { (field: ZipHeaderField) in ZipError.localHeaderMismatch(name: name, field: field) }
        guard reader.array(nameStart, nameLength) == record.nameBytes else { throw mismatch(.name) }
        guard method == record.method.rawValue else { throw mismatch(.method) }
        let encryption = ZipRecord.flagEncrypted | ZipRecord.flagStrongEncryption | ZipRecord.flagMaskedHeader
        guard flags & encryption == 0 else { throw mismatch(.flags) }
        if flags & ZipRecord.flagDataDescriptor == 0 {
            guard reader.u32(start + 14) == record.crc32 else { throw mismatch(.crc32) }
            let extras = try ZipExtraFields(reader, range: (nameStart + nameLength)..<dataStart, entryName: name)
            let sizes = try extras.resolve([reader.u32(start + 22), reader.u32(start + 18)], reader: reader, entryName: name)
            guard sizes[1] == record.compressedSize else { throw mismatch(.compressedSize) }
            guard sizes[0] == record.uncompressedSize else { throw mismatch(.uncompressedSize) }
        }
        return ZipEntry(name: name, method: record.method, compressedSize: record.compressedSize,
                        uncompressedSize: record.uncompressedSize, crc32: record.crc32,
                        localHeaderOffset: start, dataRange: dataStart..<dataEnd.partialValue)
    }
}
