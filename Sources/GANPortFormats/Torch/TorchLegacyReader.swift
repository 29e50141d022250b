/// Reads pre-1.6 `torch.save` streams: five stacked pickles (magic number, protocol version,
/// `sys_info`, the object, the storage key list) followed by each storage's element count and
/// raw little-endian bytes.
///
/// StarGAN v2's released checkpoints use this format, and so do the storages embedded in
/// NVIDIA network pickles (`torch.storage._load_from_bytes`).
public struct TorchLegacyStream {
    /// The magic number `0x1950a86a20f9469cfc6c` as `LONG1` stores it (little-endian).
    static let magicBytes: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    /// The first 15 bytes of every legacy stream (PROTO 2, LONG1 magic, STOP).
    public static let signature: [UInt8] = [0x80, 0x02, 0x8A, 0x0A] + magicBytes + [0x2E]

    /// The main object's inert tree.
    public let root: PickleValue
    /// Storage bytes by key (zero-copy slices of the stream).
    let storages: [String: TensorStorage]
    /// Byte offset just after the last storage.
    let endOffset: Int

    /// Parses a legacy stream; `streamName` locates errors and findings.
    static func parse(_ bytes: ByteSlice, limits: PickleLimits, streamName: String, findings: FindingCollector) throws -> TorchLegacyStream {
        var offset = 0
        func next() throws -> PickleValue {
            guard let rest = bytes.slice(offset..<bytes.count) else { throw TorchError.trailingBytes(offset: offset) }
            var unpickler = Unpickler(rest, limits: limits, streamName: streamName)
            let result = try MalformedPickleWithFindings.load(&unpickler)
            findings.add(result.findings)
            offset += result.endOffset
            return result.value
        }
        let magicOffset = offset
        guard case let .bigInt(magic) = try next(), magic == magicBytes else { throw TorchError.badMagicNumber(offset: magicOffset) }
        let versionOffset = offset
        guard case let .int(version) = try next() else { throw TorchError.unsupportedProtocolVersion(-1, offset: versionOffset) }
        guard version == 1001 else { throw TorchError.unsupportedProtocolVersion(version, offset: versionOffset) }
        guard let sysInfo = try next().dict else { throw TorchError.unsupportedSystemInfo("sys_info is not a dict") }
        if let littleEndian = sysInfo["little_endian"], case .bool(false) = littleEndian {
            throw TorchError.unsupportedSystemInfo("written on a big-endian machine")
        }
        let root = try next()

        // Every storage declaration in the object, so the data section can be indexed.
        var declarations: [String: TorchStorageDeclaration] = [:]
        try root.walk(maxDepth: limits.maxDepth) { node, _ in
            guard case let .persistentID(id) = node else { return true }
            let declaration = try TorchStorageDeclaration(persistentID: id, offset: 0)
            if let known = declarations[declaration.key],
               known.dtype != declaration.dtype || known.elementCount != declaration.elementCount {
                throw TorchError.conflictingStorage(key: declaration.key)
            }
            declarations[declaration.key] = declaration
            return false
        }

        let keysOffset = offset
        guard let keyValues = try next().listItems else { throw TorchError.malformedStorageKeyList(offset: keysOffset) }
        var storages: [String: TensorStorage] = [:]
        for keyValue in keyValues {
            guard let key = keyValue.string else { throw TorchError.malformedStorageKeyList(offset: keysOffset) }
            guard let declaration = declarations[key] else { throw TorchError.missingStorage(key: key) }
            guard storages[key] == nil else { throw TorchError.conflictingStorage(key: key) }
            guard let countBytes = bytes.slice(offset..<(offset + 8)) else { throw TorchError.truncatedStorageData(key: key, offset: offset) }
            let count = countBytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
            guard count == Int64(declaration.elementCount) else {
                throw TorchError.storageSizeMismatch(key: key, declared: declaration.elementCount, stored: Int(clamping: count))
            }
            let byteCount = try declaration.byteCount()
            let start = offset + 8
            let (end, overflow) = start.addingReportingOverflow(byteCount)
            guard !overflow, let data = bytes.slice(start..<end) else { throw TorchError.truncatedStorageData(key: key, offset: start) }
            storages[key] = TensorStorage(data)
            offset = end
        }
        return TorchLegacyStream(root: root, storages: storages, endOffset: offset)
    }

    /// A resolver over this stream's storages.
    func resolver(nested: ((ByteSlice, String) throws -> TorchStorageRef)?) -> TorchStorageResolver {
        let storages = self.storages
        return TorchStorageResolver(provide: { declaration in
            guard let storage = storages[declaration.key] else { throw TorchError.missingStorage(key: declaration.key) }
            return storage
        }, nested: nested)
    }

    /// Parses a `_load_from_bytes` payload: a complete legacy stream whose object is one storage.
    static func nestedStorage(_ bytes: ByteSlice, path: String, limits: PickleLimits, findings: FindingCollector) throws -> TorchStorageRef {
        let stream = try parse(bytes, limits: limits, streamName: "storage of \(path)", findings: findings)
        guard stream.endOffset == bytes.count else { throw TorchError.trailingBytes(offset: stream.endOffset) }
        return try stream.resolver(nested: nil).resolve(stream.root, path: path)
    }
}

/// Reads a whole legacy `torch.save` file into a checkpoint.
public enum TorchLegacyReader {
    /// Reads `bytes` (a mapped file) as a legacy `torch.save` stream.
    public static func read(_ bytes: ByteSlice, limits: PickleLimits = PickleLimits()) throws -> Checkpoint {
        let findings = FindingCollector()
        let stream = try TorchLegacyStream.parse(bytes, limits: limits, streamName: "", findings: findings)
        guard stream.endOffset == bytes.count else { throw TorchError.trailingBytes(offset: stream.endOffset) }
        let resolver = stream.resolver(nested: { nestedBytes, path in
            try TorchLegacyStream.nestedStorage(nestedBytes, path: path, limits: limits, findings: findings)
        })
        var flattener = PickleTreeFlattener(decoder: TorchTensorDecoder(resolveStorage: resolver.resolve), maxDepth: limits.maxDepth)
        try flattener.flatten(stream.root)
        return Checkpoint(format: .torchLegacy, tensors: flattener.tensors, metadata: flattener.metadata, findings: findings.findings)
    }
}
