/// Options of an export into a network-pickle template.
public struct NetworkPickleExportOptions: Sendable {
    /// Template tensors the source lacks keep the template's values (otherwise an error).
    public var keepMissing: Bool
    /// Accept a template or source with security findings.
    public var allowUnsafe: Bool

    public init(keepMissing: Bool = false, allowUnsafe: Bool = false) {
        self.keepMissing = keepMissing
        self.allowUnsafe = allowUnsafe
    }
}

/// What an export did.
public struct NetworkPickleExportSummary: Equatable, Sendable {
    /// Template tensors whose values came from the source, in template order.
    public let replaced: [String]
    /// Template tensors that kept the template's values (`keepMissing`).
    public let kept: [String]
    /// Source tensors of an optional network the template does not hold (`augment_pipe.*` when the
    /// template stores `augment_pipe = None`), left out.
    public var skipped: [String] = []
    /// Bytes of the output (always the template's size).
    public let byteCount: Int
}

/// Writes a checkpoint's tensors into an NVIDIA network pickle by template.
///
/// The output is the template's byte stream with only tensor element bytes replaced: opcodes,
/// memo, embedded module sources, constructor kwargs and every storage header stay byte for
/// byte. Each tensor of an NVIDIA pickle lives in a `BINBYTES` blob holding a legacy
/// `torch.save` stream; the reader already resolves every tensor to a slice of the mapped
/// template file, so its elements are overwritten in place (same dtype and shape, so no size
/// or offset moves). Matching is by flattened name (`G_ema.synthesis.b4.const`).
public struct NetworkPickleExporter {
    /// The template file's bytes (mapped).
    public let template: ByteSlice
    /// Template tensors in file order.
    public let templateTensors: [NamedTensor]

    /// Entries of a network pickle that may be `None` (the official `legacy.py` conversions and
    /// `*-noaug.pkl` files store `augment_pipe = None`); a source's tensors for them are left out
    /// when the template has none, since the official `--resume` never reads them.
    public static let optionalNetworks = ["augment_pipe"]

    /// Reads and checks the template at `path`.
    public init(templatePath path: String, options: NetworkPickleExportOptions = NetworkPickleExportOptions()) throws {
        let bytes = try ByteBuffer.map(path: path).all
        let (content, findings) = try PickleFileReader.decode(bytes)
        if !findings.isEmpty, !options.allowUnsafe { throw NetworkPickleExportError.templateHasFindings(findings) }
        switch content {
        case let .networkPickle(network): templateTensors = network.tensors
        case .tfNetworkPickle: throw NetworkPickleExportError.templateNotANetworkPickle("a TensorFlow-era pickle")
        case .generic: throw NetworkPickleExportError.templateNotANetworkPickle("a generic pickle")
        }
        template = bytes
    }

    /// One contiguous run of output bytes taken from a source tensor.
    struct Patch {
        let start: Int
        let bytes: ByteSlice
        let name: String
        var end: Int { start + bytes.count }
    }

    /// Checks `source` against the template and lists the byte runs to overwrite; every
    /// problem is reported at once.
    func patches(for source: [NamedTensor], options: NetworkPickleExportOptions) throws -> (patches: [Patch], summary: NetworkPickleExportSummary) {
        var problems: [NetworkPickleExportProblem] = []
        var sourceByName: [String: StoredTensor] = [:]
        for named in source where sourceByName.updateValue(named.tensor, forKey: named.name) != nil {
            problems.append(.duplicateSourceTensor(named.name))
        }
        let templateNames = Set(templateTensors.map(\.name))
        let absentNetworks = NetworkPickleExporter.optionalNetworks.filter { key in
            !templateNames.contains { $0.hasPrefix(key + ".") }
        }
        let skipped = source.map(\.name).filter { name in absentNetworks.contains { name.hasPrefix($0 + ".") } }
        let skippedNames = Set(skipped)
        problems += source.map(\.name).filter { !templateNames.contains($0) && !skippedNames.contains($0) }
            .map(NetworkPickleExportProblem.unknownTensor)
        var patches: [Patch] = []
        var replaced: [String] = []
        var kept: [String] = []
        for named in templateTensors {
            let target = named.tensor
            guard let value = sourceByName[named.name] else {
                if options.keepMissing { kept.append(named.name) } else { problems.append(.missingTensor(named.name)) }
                continue
            }
            guard value.dtype == target.dtype else {
                problems.append(.dtypeMismatch(named.name, template: target.dtype, source: value.dtype))
                continue
            }
            guard value.shape == target.shape else {
                problems.append(.shapeMismatch(named.name, template: target.shape, source: value.shape))
                continue
            }
            replaced.append(named.name)
            patches += try runs(of: target, name: named.name, values: try value.contiguousBytes())
        }
        patches.sort { $0.start < $1.start }
        problems += NetworkPickleExporter.conflicts(in: patches)
        guard problems.isEmpty else { throw NetworkPickleExportError.mismatch(problems) }
        return (patches, NetworkPickleExportSummary(replaced: replaced, kept: kept, skipped: skipped, byteCount: template.count))
    }

    /// The file byte runs of `tensor`'s elements paired with the matching bytes of `values`
    /// (C order): one run for a contiguous view, one per unbroken stretch otherwise.
    private func runs(of tensor: StoredTensor, name: String, values: ByteSlice) throws -> [Patch] {
        let storage = try tensor.storage.bytes()
        guard storage.buffer === template.buffer else { throw NetworkPickleExportError.storageOutsideTemplate(name) }
        let item = tensor.dtype.byteSize
        let base = storage.range.lowerBound
        if tensor.isContiguous {
            return tensor.byteCount == 0 ? [] : [Patch(start: base + tensor.storageOffset * item, bytes: values, name: name)]
        }
        var out: [Patch] = []
        var runStart = -1, runLength = 0, consumed = 0
        func flush() {
            guard runLength > 0, let slice = values.slice((consumed - runLength)..<consumed) else { return }
            out.append(Patch(start: runStart, bytes: slice, name: name))
        }
        tensor.forEachElementOffset { element in
            let at = base + element * item
            if runLength > 0, at == runStart + runLength {
                runLength += item
            } else {
                flush()
                runStart = at
                runLength = item
            }
            consumed += item
        }
        flush()
        return out
    }

    /// Overlapping runs (shared storages, views) must agree byte for byte.
    static func conflicts(in sorted: [Patch]) -> [NetworkPickleExportProblem] {
        var problems: [NetworkPickleExportProblem] = []
        var reported = Set<String>()
        var reach: Patch?
        for patch in sorted {
            if let previous = reach, patch.start < previous.end {
                let overlapEnd = Swift.min(previous.end, patch.end)
                for offset in patch.start..<overlapEnd where previous.bytes[offset - previous.start] != patch.bytes[offset - patch.start] {
                    if reported.insert(previous.name + "\u{0}" + patch.name).inserted {
                        problems.append(.inconsistentSharedStorage(previous.name, other: patch.name, offset: offset))
                    }
                    break
                }
                if patch.end > previous.end { reach = patch }
            } else {
                reach = patch
            }
        }
        return problems
    }

    /// Writes the template with `checkpoint`'s tensors to `destination`; a checkpoint with
    /// security findings is refused unless `allowUnsafe` (its tensors are all that is used).
    @discardableResult
    public func export(_ checkpoint: Checkpoint, to destination: String,
                       options: NetworkPickleExportOptions = NetworkPickleExportOptions()) throws -> NetworkPickleExportSummary {
        if !checkpoint.findings.isEmpty, !options.allowUnsafe { throw NetworkPickleExportError.sourceHasFindings(checkpoint.findings) }
        return try export(checkpoint.tensors, to: destination, options: options)
    }

    /// Writes the template with `source`'s tensors to `destination` (atomically: a sibling
    /// temporary file renamed over it when complete).
    @discardableResult
    public func export(_ source: [NamedTensor], to destination: String,
                       options: NetworkPickleExportOptions = NetworkPickleExportOptions()) throws -> NetworkPickleExportSummary {
        let (patches, summary) = try patches(for: source, options: options)
        let file = try SiblingTemporaryFile(destination: destination)
        var cursor = 0
        func copyTemplate(upTo end: Int) throws {
            guard end > cursor, let slice = template.slice(cursor..<end) else { return }
            let stream = { try slice.withUnsafeBytes { try file.write($0) } }
            if let mapped = template.buffer.mappedFile {
                try file.appendCopy(ofFile: mapped, offset: template.range.lowerBound + cursor, count: slice.count, fallback: stream)
            } else {
                try stream()
            }
            cursor = end
        }
        for patch in patches where patch.end > cursor {
            try copyTemplate(upTo: patch.start)
            let skip = cursor - patch.start
            guard let tail = patch.bytes.slice(Swift.max(0, skip)..<patch.bytes.count) else { continue }
            try tail.withUnsafeBytes { try file.write($0) }
            cursor = patch.end
        }
        try copyTemplate(upTo: template.count)
        try file.commit()
        return summary
    }
}
