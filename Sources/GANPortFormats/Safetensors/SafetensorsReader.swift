/// Reads safetensors files with the reference implementation's checks, in its order, plus a strict
/// header scanner (see `SafetensorsHeaderScanner`).
///
/// Nothing is allocated from a declared size: the header length is checked against the limit and
/// the file before the header is touched, and tensors are slices of the input bytes.
public enum SafetensorsReader {
    /// Largest header the format allows (the reference's `MAX_HEADER_SIZE`).
    public static let maximumHeaderLength = 100_000_000

    /// Maps the file at `path` and reads it (tensors stay zero-copy slices of the mapping).
    public static func read(path: String) throws -> SafetensorsFile {
        try read(ByteBuffer.map(path: path).all)
    }

    /// Reads a whole safetensors file held in `bytes`.
    public static func read(_ bytes: ByteSlice) throws -> SafetensorsFile {
        let fileSize = bytes.count
        guard fileSize >= 8 else { throw SafetensorsError.headerTooSmall(fileSize: fileSize) }
        let declared = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard declared <= UInt64(maximumHeaderLength) else {
            throw SafetensorsError.headerTooLarge(declaredLength: declared, limit: maximumHeaderLength)
        }
        let headerLength = Int(declared)
        let dataStart = 8 + headerLength
        guard dataStart <= fileSize else {
            throw SafetensorsError.invalidHeaderLength(declaredLength: declared, fileSize: fileSize)
        }
        let header = try bytes.withUnsafeBytes { raw -> SafetensorsHeader in
            let headerBytes = UnsafeRawBufferPointer(rebasing: raw[8..<dataStart])
            if let bad = SafetensorsUTF8.firstInvalidIndex(headerBytes) {
                throw SafetensorsError.invalidUTF8(offset: 8 + bad)
            }
            return try SafetensorsHeaderScanner.scan(headerBytes, fileOffset: 8)
        }
        let entries = try validatedEntries(header.entries)
        let dataEnd = (entries.last?.end ?? 0).addingReportingOverflow(dataStart)
        guard !dataEnd.overflow, dataEnd.partialValue == fileSize else {
            throw SafetensorsError.incompleteBuffer(dataEnd: dataEnd.overflow ? Int.max : dataEnd.partialValue, fileSize: fileSize)
        }
        var tensors: [NamedTensor] = []
        tensors.reserveCapacity(entries.count)
        for entry in entries {
            guard let dtype = entry.dtype.ganportDType else {
                throw SafetensorsError.unsupportedDType(tensor: entry.name, dtype: entry.dtype.rawValue)
            }
            guard let slice = bytes.slice((dataStart + entry.begin)..<(dataStart + entry.end)) else {
                throw SafetensorsError.incompleteBuffer(dataEnd: dataStart + entry.end, fileSize: fileSize)
            }
            tensors.append(NamedTensor(name: entry.name, tensor: try StoredTensor(dtype: dtype, shape: entry.shape, bytes: slice)))
        }
        return SafetensorsFile(tensors: tensors, metadata: header.metadata ?? [])
    }

    /// Sorts entries by `data_offsets` and applies the reference's layout rules: contiguous offsets
    /// from 0 without gaps or overlaps, checked sizes in bits, whole bytes, sizes matching offsets.
    static func validatedEntries(_ entries: [SafetensorsHeaderEntry]) throws -> [SafetensorsHeaderEntry] {
        // Stable sort, so entries with equal offsets (empty tensors) keep their header order.
        let sorted = entries.enumerated().sorted {
            ($0.element.begin, $0.element.end, $0.offset) < ($1.element.begin, $1.element.end, $1.offset)
        }.map(\.element)
        var start = 0
        for entry in sorted {
            guard entry.begin == start, entry.end >= entry.begin else {
                throw SafetensorsError.invalidOffset(tensor: entry.name, begin: entry.begin, end: entry.end, expectedBegin: start)
            }
            start = entry.end
            guard let count = StoredTensor.checkedElementCount(entry.shape) else {
                throw SafetensorsError.validationOverflow(tensor: entry.name, shape: entry.shape)
            }
            let bits = count.multipliedReportingOverflow(by: entry.dtype.bitSize)
            guard !bits.overflow else { throw SafetensorsError.validationOverflow(tensor: entry.name, shape: entry.shape) }
            guard bits.partialValue % 8 == 0 else {
                throw SafetensorsError.misalignedSlice(tensor: entry.name, dtype: entry.dtype.rawValue, elementCount: count)
            }
            let size = bits.partialValue / 8
            guard entry.end - entry.begin == size else {
                throw SafetensorsError.tensorInvalidInfo(tensor: entry.name, expectedBytes: size, actualBytes: entry.end - entry.begin)
            }
        }
        return sorted
    }
}
