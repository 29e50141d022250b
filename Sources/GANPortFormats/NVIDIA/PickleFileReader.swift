/// What a plain pickle file turned out to hold.
public enum PickleFileContent: @unchecked Sendable {
    /// An NVIDIA PyTorch-era network pickle.
    case networkPickle(NetworkPickle)
    /// An NVIDIA TensorFlow-era pickle.
    case tfNetworkPickle(TFNetworkPickle)
    /// Anything else: tensors and scalars found by flattening.
    case generic(tensors: [NamedTensor], metadata: [(String, JSONValue)])
}

/// A pickle stream that failed to load after security findings had already been seen in it
/// (a payload followed by deliberately broken bytes). The findings are kept so a scanner
/// cannot be silenced by breaking the file.
public struct MalformedPickleWithFindings: Error, CustomStringConvertible {
    /// Why the stream could not be read.
    public let underlying: Error
    /// Findings met before the failure.
    public let findings: [SecurityFinding]

    public var description: String { "\(underlying) (after \(findings.count) security finding(s))" }

    /// Loads `unpickler`, attaching the findings seen so far to a failure.
    static func load(_ unpickler: inout Unpickler) throws -> PickleResult {
        do {
            return try unpickler.load()
        } catch {
            if unpickler.findings.isEmpty { throw error }
            throw MalformedPickleWithFindings(underlying: error, findings: unpickler.findings)
        }
    }
}

/// Reads plain pickle files (no zip, no legacy header): NVIDIA network pickles, TF-era
/// pickles and generic pickles of dicts of tensors or NumPy arrays.
public enum PickleFileReader {
    /// Decodes a mapped pickle file; findings of every stream (nested storages included) are returned too.
    public static func decode(_ bytes: ByteSlice, limits: PickleLimits = PickleLimits()) throws -> (content: PickleFileContent, findings: [SecurityFinding]) {
        var unpickler = Unpickler(bytes, limits: limits, streamName: "")
        let result = try MalformedPickleWithFindings.load(&unpickler)
        let findings = FindingCollector()
        findings.add(result.findings)
        let resolver = TorchStorageResolver(provide: { declaration in
            throw TorchError.missingStorage(key: declaration.key)
        }, nested: { nestedBytes, path in
            try TorchLegacyStream.nestedStorage(nestedBytes, path: path, limits: limits, findings: findings)
        })
        let decoder = TorchTensorDecoder(resolveStorage: resolver.resolve)
        let content: PickleFileContent
        if NetworkPickle.looksLikeNetworkPickle(result.value) {
            content = .networkPickle(try NetworkPickle.decode(result.value, decoder: decoder, maxDepth: limits.maxDepth))
        } else if TFNetworkPickle.looksLikeTFPickle(result.value) {
            content = .tfNetworkPickle(try TFNetworkPickle.decode(result.value, maxDepth: limits.maxDepth))
        } else {
            var flattener = PickleTreeFlattener(decoder: decoder, maxDepth: limits.maxDepth)
            try flattener.flatten(result.value)
            content = .generic(tensors: flattener.tensors, metadata: flattener.metadata)
        }
        return (content, findings.findings)
    }

    /// Reads a mapped pickle file into a checkpoint.
    public static func read(_ bytes: ByteSlice, limits: PickleLimits = PickleLimits()) throws -> Checkpoint {
        let (content, findings) = try decode(bytes, limits: limits)
        switch content {
        case let .networkPickle(network):
            return Checkpoint(format: .nvidiaNetworkPickle, tensors: network.tensors, metadata: network.metadata, findings: findings)
        case let .tfNetworkPickle(network):
            return Checkpoint(format: .nvidiaTFPickle, tensors: network.tensors, metadata: network.metadata, findings: findings)
        case let .generic(tensors, metadata):
            return Checkpoint(format: .pickle, tensors: tensors, metadata: metadata, findings: findings)
        }
    }
}
