/// Reads `torch.save` zip archives (PyTorch ≥ 1.6).
///
/// The archive root folder may have any name (`archive/`, or the file stem). Storages are
/// `<root>/data/<key>` records: stored records are read zero-copy from the mapped file,
/// deflated ones are inflated on first use. TorchScript archives are refused.
public enum TorchZipReader {
    /// Reads a mapped zip file as a `torch.save` archive.
    public static func read(_ bytes: ByteSlice, limits: PickleLimits = PickleLimits()) throws -> Checkpoint {
        let archive = try ZipArchive(bytes)
        return try read(archive, limits: limits)
    }

    /// Reads an already opened zip archive as a `torch.save` archive.
    public static func read(_ archive: ZipArchive, limits: PickleLimits = PickleLimits()) throws -> Checkpoint {
        let root = try archiveRoot(archive)
        var recordsByName: [String: ZipEntry] = [:]
        for entry in archive.entries { recordsByName[entry.name] = entry }

        if let byteOrderEntry = recordsByName[root + "byteorder"] {
            let text = String(decoding: try archive.data(of: byteOrderEntry).array, as: UTF8.self)
            guard text == "little" else { throw TorchError.unsupportedByteOrder(text) }
        }
        guard let pickleEntry = recordsByName[root + "data.pkl"] else { throw TorchError.missingDataPickle }
        var unpickler = Unpickler(try archive.data(of: pickleEntry), limits: limits, streamName: pickleEntry.name)
        let result = try MalformedPickleWithFindings.load(&unpickler)
        let findings = FindingCollector()
        findings.add(result.findings)

        let resolver = TorchStorageResolver(provide: { declaration in
            guard let entry = recordsByName[root + "data/" + declaration.key] else { throw TorchError.missingStorage(key: declaration.key) }
            let declared = try declaration.byteCount()
            guard entry.uncompressedSize == declared else {
                throw TorchError.storageSizeMismatch(key: declaration.key, declared: declared, stored: entry.uncompressedSize)
            }
            return TensorStorage(byteCount: declared) { try archive.data(of: entry) }
        }, nested: { nestedBytes, path in
            try TorchLegacyStream.nestedStorage(nestedBytes, path: path, limits: limits, findings: findings)
        })
        var flattener = PickleTreeFlattener(decoder: TorchTensorDecoder(resolveStorage: resolver.resolve), maxDepth: limits.maxDepth)
        try flattener.flatten(result.value)
        return Checkpoint(format: .torchZip, tensors: flattener.tensors, metadata: flattener.metadata, findings: findings.findings)
    }

    /// Whether the archive looks like a `torch.save` archive (has a `data.pkl` record one level down or at the top).
    public static func isTorchArchive(_ archive: ZipArchive) -> Bool {
        archive.entries.contains { $0.name == "data.pkl" || ($0.name.hasSuffix("/data.pkl") && $0.name.split(separator: "/").count == 2) }
    }

    /// The folder prefix (`archive/`) that holds `data.pkl`; refuses TorchScript archives.
    static func archiveRoot(_ archive: ZipArchive) throws -> String {
        var roots: [String] = []
        for entry in archive.entries {
            let parts = entry.name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count <= 2, parts.last == "data.pkl" {
                roots.append(parts.count == 2 ? String(parts[0]) + "/" : "")
            }
        }
        guard !roots.isEmpty else { throw TorchError.missingDataPickle }
        guard roots.count == 1 else { throw TorchError.ambiguousArchiveRoot(roots) }
        let root = roots[0]
        for entry in archive.entries {
            let inner = entry.name.dropFirst(root.count)
            if entry.name.hasPrefix(root), inner == "constants.pkl" || inner.hasPrefix("code/") {
                throw TorchError.torchScriptArchive(entry: entry.name)
            }
        }
        return root
    }
}
