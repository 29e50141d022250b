/// Writes safetensors files exactly as the reference `serialize_to_file` does, so the output is
/// byte-identical to `safetensors.torch.save_file` / `safetensors.numpy.save_file` for the same
/// tensors and metadata.
///
/// Tensors are sorted by descending dtype alignment (the reference's dtype order), then by name
/// (byte order); the compact header is padded with spaces to a multiple of 8 bytes. Tensor bytes
/// are streamed chunk by chunk into a temporary file in the destination's directory, which is
/// renamed over the destination only when everything was written.
///
/// The reference writes `__metadata__` from a hash map, so with two or more keys its key order
/// varies from run to run; this writer keeps the caller's order.
public enum SafetensorsWriter {
    /// Writes `tensors` and optional `metadata` (e.g. `[("format", "pt")]`) to `path`.
    /// `metadata: nil` omits `__metadata__`, as `save_file(…, metadata=None)` does.
    /// `progress` is called after each tensor with (bytes written, total bytes).
    /// With `releasingStorage`, each tensor's storage is evicted once written (for conversions
    /// whose tensors are loaded lazily, so peak memory stays about one tensor).
    public static func write(
        _ tensors: [NamedTensor], metadata: [(String, String)]? = nil, to path: String,
        releasingStorage: Bool = false, chunkBytes: Int = 1 << 22, progress: ((Int, Int) -> Void)? = nil
    ) throws {
        let (header, ordered) = try prepare(tensors, metadata: metadata)
        let headerBytes = header.serialized()
        guard headerBytes.count <= SafetensorsReader.maximumHeaderLength else {
            throw SafetensorsWriterError.headerTooLarge(length: headerBytes.count, limit: SafetensorsReader.maximumHeaderLength)
        }
        let output = try SiblingTemporaryFile(destination: path)
        do {
            var length = UInt64(headerBytes.count).littleEndian
            try withUnsafeBytes(of: &length) { try output.write($0) }
            try headerBytes.withUnsafeBytes { try output.write($0) }
            let total = ordered.reduce(0) { $0 + $1.tensor.byteCount }
            var done = 0
            for named in ordered {
                var written = 0
                let stream = {
                    try named.tensor.forEachContiguousChunk(chunkBytes: max(chunkBytes, 1)) { chunk in
                        try output.write(chunk)
                        written += chunk.count
                    }
                }
                if let (file, offset) = try named.tensor.mappedFileRange() {
                    // Stored bytes already in final form: copy them file to file inside the kernel.
                    try output.appendCopy(ofFile: file, offset: offset, count: named.tensor.byteCount, fallback: stream)
                    written = max(written, named.tensor.byteCount)
                } else {
                    try stream()
                }
                guard written == named.tensor.byteCount else {
                    throw SafetensorsWriterError.tensorByteCountMismatch(tensor: named.name, expected: named.tensor.byteCount, actual: written)
                }
                if releasingStorage { named.tensor.storage.evict() }
                done += written
                progress?(done, total)
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// The header the writer would produce and the tensors in file order.
    static func prepare(_ tensors: [NamedTensor], metadata: [(String, String)]?) throws -> (SafetensorsHeader, [NamedTensor]) {
        var names = Set<[UInt8]>()
        for named in tensors {
            guard named.name != "__metadata__" else { throw SafetensorsWriterError.reservedTensorName(named.name) }
            guard names.insert(Array(named.name.utf8)).inserted else { throw SafetensorsWriterError.duplicateTensorName(named.name) }
        }
        var keys = Set<[UInt8]>()
        for (key, _) in metadata ?? [] where !keys.insert(Array(key.utf8)).inserted {
            throw SafetensorsWriterError.duplicateMetadataKey(key)
        }
        let ordered = tensors.sorted { left, right in
            let leftRank = SafetensorsDType(left.tensor.dtype).rank
            let rightRank = SafetensorsDType(right.tensor.dtype).rank
            if leftRank != rightRank { return leftRank > rightRank }
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        var entries: [SafetensorsHeaderEntry] = []
        var offset = 0
        for named in ordered {
            let end = offset.addingReportingOverflow(named.tensor.byteCount)
            guard !end.overflow else { throw TensorLayoutError.sizeOverflow(shape: named.tensor.shape) }
            entries.append(SafetensorsHeaderEntry(
                name: named.name, dtype: SafetensorsDType(named.tensor.dtype), shape: named.tensor.shape,
                begin: offset, end: end.partialValue))
            offset = end.partialValue
        }
        return (SafetensorsHeader(metadata: metadata, entries: entries), ordered)
    }
}
