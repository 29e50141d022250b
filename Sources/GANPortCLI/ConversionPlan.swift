import GANPortFormats

/// Errors in the selection of tensors to convert.
enum ConversionError: Error, CustomStringConvertible {
    case emptySelection(prefixes: [String])
    case duplicateName(String)

    var description: String {
        switch self {
        case let .emptySelection(prefixes): return "no tensor name starts with \(prefixes.joined(separator: " or "))"
        case let .duplicateName(name): return "two tensors would both be named \(name)"
        }
    }
}

/// Which tensors `convert` writes, under which names, in which dtype.
struct ConversionPlan {
    let source: Checkpoint
    let tensors: [NamedTensor]

    init(checkpoint: Checkpoint, selections: [String], stripPrefix: Bool, dtype: DType?) throws {
        source = checkpoint
        var chosen = checkpoint.tensors
        if !selections.isEmpty {
            chosen = chosen.filter { tensor in selections.contains { ConversionPlan.matches(tensor.name, prefix: $0) } }
            guard !chosen.isEmpty else { throw ConversionError.emptySelection(prefixes: selections) }
        }
        if stripPrefix, let prefix = selections.first {
            let cut = prefix.hasSuffix(".") ? prefix : prefix + "."
            chosen = chosen.map { NamedTensor(name: $0.name.hasPrefix(cut) ? String($0.name.dropFirst(cut.count)) : $0.name, tensor: $0.tensor) }
        }
        if let dtype {
            chosen = try chosen.map { NamedTensor(name: $0.name, tensor: try $0.tensor.lazilyConverted(to: dtype)) }
        }
        var seen = Set<String>()
        for tensor in chosen where !seen.insert(tensor.name).inserted { throw ConversionError.duplicateName(tensor.name) }
        tensors = chosen
    }

    /// `G_ema` matches `G_ema` and `G_ema.x`, not `G_ema2.x`; a prefix ending in `.` matches as written.
    static func matches(_ name: String, prefix: String) -> Bool {
        if prefix.hasSuffix(".") || prefix.isEmpty { return name.hasPrefix(prefix) }
        return name == prefix || name.hasPrefix(prefix + ".")
    }

    /// String metadata recorded in the output (safetensors `__metadata__`, HDF5 root attributes).
    func metadata(sourcePath: String) -> [(String, String)] {
        var out: [(String, String)] = [
            ("format", "pt"),
            ("ganport.version", GANPortVersion.current),
            ("ganport.source_format", source.format.rawValue),
        ]
        if !source.metadata.isEmpty {
            let kept = source.metadata.filter { $0.0 != "embedded_sources" }
            out.append(("ganport.source_metadata", JSONValue.object(kept).serialized()))
        }
        return out
    }
}
