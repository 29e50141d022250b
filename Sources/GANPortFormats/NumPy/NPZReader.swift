/// Reads `.npz` archives as `numpy.savez` (stored) and `numpy.savez_compressed` (deflated)
/// write them: one `.npy` member per array, named `<key>.npy`.
///
/// Stored members are zero-copy slices of the archive. Deflated members are not inflated
/// here: only their header is, and the data is inflated (and CRC-checked) when a command
/// first asks the tensor's storage for its bytes.
public enum NPZReader {
    /// The arrays in `bytes`, in archive order, named by their member names minus `.npy`.
    public static func read(_ bytes: ByteSlice, name: String = "arrays.npz", limits: ZipLimits = .default) throws -> [NamedTensor] {
        let archive = try ZipArchive(bytes, limits: limits)
        return try archive.entries.map { entry in
            let memberName = "\(name)/\(entry.name)"
            guard entry.name.hasSuffix(".npy") else { throw NumPyError.notAnArrayMember(name: memberName) }
            let key = String(entry.name.dropLast(4))
            return NamedTensor(name: key, tensor: try tensor(of: entry, in: archive, name: memberName))
        }
    }

    /// Maps and reads the `.npz` file at `path`.
    public static func read(contentsOf path: String, limits: ZipLimits = .default) throws -> [NamedTensor] {
        try read(ByteBuffer.map(path: path).all, name: path, limits: limits)
    }

    private static func tensor(of entry: ZipEntry, in archive: ZipArchive, name: String) throws -> StoredTensor {
        if entry.method == .stored { return try NPYReader.read(archive.data(of: entry), name: name) }
        let lead = try archive.prefix(of: entry, count: 12)
        let headerEnd = headerLength(lead)
        let header = try NPYHeader.parse(archive.prefix(of: entry, count: headerEnd), name: name)
        try header.checkDataSize(totalSize: entry.uncompressedSize, name: name)
        let storage = TensorStorage(byteCount: header.dataByteCount) {
            let whole = try archive.data(of: entry)
            guard let data = whole.slice(header.dataOffset..<whole.count) else {
                throw NumPyError.dataTooShort(name: name, expected: header.dataByteCount, actual: 0)
            }
            return header.littleEndian(data)
        }
        return try header.tensor(over: storage)
    }

    /// Total header size announced by the first bytes (magic, version, length), capped by
    /// `NPYHeader.maxHeaderLength`; malformed starts are left for `NPYHeader.parse` to report.
    private static func headerLength(_ lead: ByteSlice) -> Int {
        guard lead.count >= 10 else { return lead.count }
        let lengthSize = lead[6] == 1 ? 2 : 4
        guard lead.count >= 8 + lengthSize else { return lead.count }
        let length = (0..<lengthSize).reduce(0) { $0 | Int(lead[8 + $1]) << (8 * $1) }
        return 8 + lengthSize + Swift.min(length, NPYHeader.maxHeaderLength + 1)
    }
}
