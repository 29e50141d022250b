/// Where the central directory lies, from the end-of-central-directory record (and its ZIP64
/// variant when present).
struct ZipEndRecord {
    /// Number of central-directory records.
    let entryCount: Int
    /// Offset of the first central-directory record.
    let centralDirectoryOffset: Int
    /// Size of the central directory in bytes.
    let centralDirectorySize: Int
    /// Offset where the end records start (the ZIP64 record, or the classic one): the central
    /// directory must end at or before it.
    let recordsStart: Int

    /// Finds and validates the end records. Only the last 65,557 bytes are searched; the last
    /// signature there is the end record (as Python's `zipfile` picks it), and its comment
    /// must reach exactly the end of the file.
    static func locate(in reader: ZipFieldReader) throws -> ZipEndRecord {
        let size = reader.bytes.count
        guard size >= ZipRecord.endSize else { throw ZipError.endOfCentralDirectoryNotFound(archiveSize: size) }
        let lowest = Swift.max(0, size - ZipRecord.endSearchWindow)
        var offset = size - ZipRecord.endSize
        while offset >= lowest, !(reader.bytes[offset] == 0x50 && reader.u32(offset) == ZipRecord.endSignature) {
            offset -= 1
        }
        guard offset >= lowest else { throw ZipError.endOfCentralDirectoryNotFound(archiveSize: size) }
        let commentEnd = offset + ZipRecord.endSize + Int(reader.u16(offset + 20))
        if commentEnd > size { throw ZipError.truncatedRecord(record: "end-of-central-directory comment", offset: offset) }
        if commentEnd < size { throw ZipError.trailingBytesAfterArchive(offset: commentEnd) }
        return try parse(reader, endOffset: offset)
    }

    private static func parse(_ reader: ZipFieldReader, endOffset: Int) throws -> ZipEndRecord {
        let disk = reader.u16(endOffset + 4), directoryDisk = reader.u16(endOffset + 6)
        let entriesOnDisk = reader.u16(endOffset + 8), entries = reader.u16(endOffset + 10)
        let directorySize = reader.u32(endOffset + 12), directoryOffset = reader.u32(endOffset + 16)
        let locatorOffset = endOffset - ZipRecord.zip64LocatorSize
        if locatorOffset >= 0, reader.u32(locatorOffset) == ZipRecord.zip64LocatorSignature {
            let record = try parseZip64(reader, locatorOffset: locatorOffset)
            let agrees = (entries == ZipRecord.saturated16 || Int(entries) == record.entryCount)
                && (directorySize == ZipRecord.saturated32 || Int(directorySize) == record.centralDirectorySize)
                && (directoryOffset == ZipRecord.saturated32 || Int(directoryOffset) == record.centralDirectoryOffset)
            guard agrees else {
                throw ZipError.malformedZip64EndRecord(offset: record.recordsStart, reason: "end record and ZIP64 end record disagree")
            }
            return try record.checkingBounds()
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else { throw ZipError.multiDiskArchive(offset: endOffset) }
        return try ZipEndRecord(entryCount: Int(entries), centralDirectoryOffset: Int(directoryOffset),
                                centralDirectorySize: Int(directorySize), recordsStart: endOffset).checkingBounds()
    }

    private static func parseZip64(_ reader: ZipFieldReader, locatorOffset: Int) throws -> ZipEndRecord {
        guard reader.u32(locatorOffset + 4) == 0, reader.u32(locatorOffset + 16) <= 1 else {
            throw ZipError.multiDiskArchive(offset: locatorOffset)
        }
        let malformed = { (offset: Int, reason: String) in ZipError.malformedZip64EndRecord(offset: offset, reason: reason) }
        guard let recordOffset = Int(exactly: reader.u64(locatorOffset + 8)),
              recordOffset <= locatorOffset - ZipRecord.zip64EndSize else {
            throw malformed(locatorOffset, "locator points outside the file")
        }
        guard reader.u32(recordOffset) == ZipRecord.zip64EndSignature else { throw malformed(recordOffset, "bad signature") }
        guard let recordSize = Int(exactly: reader.u64(recordOffset + 4)), recordSize >= ZipRecord.zip64EndSize - 12,
              recordSize == locatorOffset - recordOffset - 12 else {
            throw malformed(recordOffset, "record size does not reach the locator")
        }
        guard reader.u32(recordOffset + 16) == 0, reader.u32(recordOffset + 20) == 0,
              reader.u64(recordOffset + 24) == reader.u64(recordOffset + 32) else {
            throw ZipError.multiDiskArchive(offset: recordOffset)
        }
        guard let entries = Int(exactly: reader.u64(recordOffset + 32)),
              let size = Int(exactly: reader.u64(recordOffset + 40)),
              let offset = Int(exactly: reader.u64(recordOffset + 48)) else {
            throw malformed(recordOffset, "value does not fit in a signed 64-bit integer")
        }
        return ZipEndRecord(entryCount: entries, centralDirectoryOffset: offset, centralDirectorySize: size,
                            recordsStart: recordOffset)
    }

    /// Checks that the central directory lies before the end records.
    private func checkingBounds() throws -> ZipEndRecord {
        let end = centralDirectoryOffset.addingReportingOverflow(centralDirectorySize)
        guard !end.overflow, end.partialValue <= recordsStart else {
            throw ZipError.centralDirectoryOutOfBounds(offset: centralDirectoryOffset, size: centralDirectorySize, limit: recordsStart)
        }
        return self
    }
}
