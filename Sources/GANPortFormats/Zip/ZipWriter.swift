/// Streams a ZIP archive of stored entries to a file, the way `torch.save` lays them out.
///
/// Every entry's data starts at a multiple of `alignment` (64 by default, as PyTorch writes),
/// padded by an `FB` extra field of `Z` bytes in the local header. CRC-32 is computed while
/// streaming and the local header is patched afterwards, so an entry never has to be held in
/// memory. ZIP64 records are written when a size or offset reaches `0xFFFFFFFF` or there are
/// 65,535 entries or more. Output goes to `path + ".tmp-<random>"`, is synced and renamed
/// onto `path` by `finish()`; a writer dropped before `finish()` deletes it.
///
/// ```swift
/// let writer = try ZipWriter(path: "model.pt")
/// try writer.addEntry(name: "model/data.pkl", data: pickleBytes)
/// try writer.beginEntry(name: "model/data/0", size: tensor.byteCount)
/// try tensor.forEachContiguousChunk { try writer.write($0) }
/// try writer.endEntry()
/// try writer.finish()
/// ```
public final class ZipWriter {
    /// Data alignment of every entry, in bytes.
    public let alignment: Int
    /// Sizes and offsets at or over this value use ZIP64 fields (lowered only by tests).
    let zip64Threshold: Int
    private var output: SiblingTemporaryFile?
    private var written: [WrittenEntry] = []
    private var names = Set<String>()
    private var open: OpenEntry?

    private struct OpenEntry {
        let name: String
        let nameBytes: [UInt8]
        let headerOffset: Int
        let declaredSize: Int?
        let zip64: Bool
        var crc32: UInt32 = 0
        var size = 0
    }

    /// Starts writing an archive that will appear at `path` on `finish()`.
    public convenience init(path: String, alignment: Int = 64) throws {
        try self.init(path: path, alignment: alignment, zip64Threshold: Int(ZipRecord.saturated32))
    }

    init(path: String, alignment: Int, zip64Threshold: Int) throws {
        guard alignment > 0, alignment <= 4096, alignment & (alignment - 1) == 0 else {
            throw ZipWriterError.invalidAlignment(alignment)
        }
        self.alignment = alignment
        self.zip64Threshold = zip64Threshold
        self.output = try SiblingTemporaryFile(destination: path)
    }

    /// Writes a whole entry from `data`.
    public func addEntry(name: String, data: ByteSlice) throws {
        try beginEntry(name: name, size: data.count)
        try data.withUnsafeBytes { try write($0) }
        try endEntry()
    }

    /// Writes a whole entry from `bytes`.
    public func addEntry(name: String, bytes: [UInt8]) throws {
        try beginEntry(name: name, size: bytes.count)
        try bytes.withUnsafeBytes { try write($0) }
        try endEntry()
    }

    /// Starts an entry. Give `size` when it is known (the local header then needs a ZIP64
    /// field only for entries of 4 GiB or more); without it a ZIP64 field is always reserved.
    public func beginEntry(name: String, size: Int? = nil) throws {
        let output = try liveOutput()
        if let open { throw ZipWriterError.entryAlreadyOpen(name: open.name) }
        let nameBytes = Array(name.utf8)
        do {
            _ = try ZipEntryName.validate(nameBytes, flags: ZipRecord.flagUTF8, offset: 0)
        } catch let ZipError.unsafeEntryName(_, problem, _) {
            throw ZipWriterError.invalidEntryName(name: name, reason: problem.rawValue)
        }
        guard nameBytes.count <= 0xFFFF else { throw ZipWriterError.invalidEntryName(name: name, reason: "longer than 65535 bytes") }
        guard !names.contains(name) else { throw ZipWriterError.duplicateEntryName(name: name) }
        let zip64 = size.map { $0 >= zip64Threshold } ?? true
        let header = ZipWriter.localHeader(nameBytes: nameBytes, headerOffset: output.position, zip64: zip64, alignment: alignment)
        open = OpenEntry(name: name, nameBytes: nameBytes, headerOffset: output.position, declaredSize: size, zip64: zip64)
        try guarded { try output.write(header) }
        names.insert(name)
    }

    /// Appends bytes to the open entry.
    public func write(_ chunk: UnsafeRawBufferPointer) throws {
        let output = try liveOutput()
        guard var entry = open else { throw ZipWriterError.noOpenEntry }
        try guarded { try output.write(chunk) }
        entry.crc32 = ZipCRC32.update(entry.crc32, chunk)
        entry.size += chunk.count
        open = entry
    }

    /// Closes the open entry: checks its size and patches CRC and sizes into its local header.
    public func endEntry() throws {
        let output = try liveOutput()
        guard let entry = open else { throw ZipWriterError.noOpenEntry }
        if let declared = entry.declaredSize, declared != entry.size {
            self.output = nil
            throw ZipWriterError.sizeMismatch(name: entry.name, declared: declared, written: entry.size)
        }
        var fields = ZipRecordBytes()
        fields.u32(entry.crc32)
        if !entry.zip64 {
            fields.u32(UInt32(entry.size))
            fields.u32(UInt32(entry.size))
        }
        try guarded {
            try output.overwrite(fields.bytes, at: entry.headerOffset + 14)
            if entry.zip64 {
                var sizes = ZipRecordBytes()
                sizes.u64(UInt64(entry.size))
                sizes.u64(UInt64(entry.size))
                let zip64Data = entry.headerOffset + ZipRecord.localHeaderSize + entry.nameBytes.count + 4
                try output.overwrite(sizes.bytes, at: zip64Data)
            }
        }
        written.append(WrittenEntry(nameBytes: entry.nameBytes, headerOffset: entry.headerOffset, size: entry.size, crc32: entry.crc32))
        open = nil
    }

    /// Writes the central directory and end records, syncs, and moves the file to its path.
    public func finish() throws {
        let output = try liveOutput()
        if let open { throw ZipWriterError.entryAlreadyOpen(name: open.name) }
        let directoryOffset = output.position
        try guarded {
            for entry in written { try output.write(ZipWriter.centralRecord(entry, threshold: zip64Threshold)) }
            let directorySize = output.position - directoryOffset
            try output.write(ZipWriter.endRecords(entryCount: written.count, directoryOffset: directoryOffset,
                                                  directorySize: directorySize, threshold: zip64Threshold))
            try output.commit()
        }
        self.output = nil
    }

    private func liveOutput() throws -> SiblingTemporaryFile {
        guard let output else { throw ZipWriterError.writerClosed }
        return output
    }

    /// Runs `body`; on failure the partial file is deleted and the writer closed.
    private func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch {
            output?.discard()
            output = nil
            throw error
        }
    }
}
