/// One validated central-directory record, before its local header is checked.
struct ZipCentralRecord {
    let name: String
    let nameBytes: [UInt8]
    let flags: UInt16
    let method: ZipEntry.Method
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    /// Reads every record of the central directory described by `end`.
    static func readAll(_ reader: ZipFieldReader, end: ZipEndRecord) throws -> [ZipCentralRecord] {
        let directoryEnd = end.centralDirectoryOffset + end.centralDirectorySize
        var cursor = end.centralDirectoryOffset
        var records: [ZipCentralRecord] = []
        var seen = Set<String>()
        while cursor < directoryEnd {
            let (record, next) = try read(reader, at: cursor, directoryEnd: directoryEnd)
            guard seen.insert(record.name).inserted else { throw ZipError.duplicateEntryName(name: record.name, offset: cursor) }
            records.append(record)
            cursor = next
        }
        guard records.count == end.entryCount else {
            throw ZipError.entryCountMismatch(declared: end.entryCount, found: records.count)
        }
        return records
    }

    /// Reads the record at `offset`; returns it and the offset of the next one.
    private static func read(_ reader: ZipFieldReader, at offset: Int, directoryEnd: Int) throws -> (ZipCentralRecord, Int) {
        guard directoryEnd - offset >= ZipRecord.centralHeaderSize else {
            throw ZipError.truncatedRecord(record: "central directory record", offset: offset)
        }
        guard reader.u32(offset) == ZipRecord.centralHeaderSignature else {
            throw ZipError.badCentralDirectorySignature(offset: offset)
        }
        let flags = reader.u16(offset + 8), methodCode = reader.u16(offset + 10)
        let nameLength = Int(reader.u16(offset + 28)), extraLength = Int(reader.u16(offset + 30))
        let commentLength = Int(reader.u16(offset + 32))
        let nameStart = offset + ZipRecord.centralHeaderSize
        let next = nameStart + nameLength + extraLength + commentLength
        guard next <= directoryEnd else { throw ZipError.truncatedRecord(record: "central directory record", offset: offset) }
        let nameBytes = reader.array(nameStart, nameLength)
        let name = try ZipEntryName.validate(nameBytes, flags: flags, offset: offset)

        let encryption = ZipRecord.flagEncrypted | ZipRecord.flagStrongEncryption | ZipRecord.flagMaskedHeader
        guard flags & encryption == 0 else { throw ZipError.encryptedEntry(name: name) }
        guard let method = ZipEntry.Method(rawValue: methodCode) else {
            throw ZipError.unsupportedCompressionMethod(name: name, method: methodCode)
        }
        guard reader.u16(offset + 34) == 0 else { throw ZipError.multiDiskArchive(offset: offset) }
        let extras = try ZipExtraFields(reader, range: (nameStart + nameLength)..<(nameStart + nameLength + extraLength), entryName: name)
        let sizes = try extras.resolve([reader.u32(offset + 24), reader.u32(offset + 20), reader.u32(offset + 42)],
                                       reader: reader, entryName: name)
        if method == .stored, sizes[0] != sizes[1] {
            throw ZipError.storedSizeMismatch(name: name, compressedSize: sizes[1], uncompressedSize: sizes[0])
        }
        let record = ZipCentralRecord(name: name, nameBytes: nameBytes, flags: flags, method: method,
                                      crc32: reader.u32(offset + 16), compressedSize: sizes[1],
                                      uncompressedSize: sizes[0], localHeaderOffset: sizes[2])
        return (record, next)
    }
}
