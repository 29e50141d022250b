/// Output formats of `convert`, chosen by the output file's extension.
public enum OutputFormat: String, Sendable {
    case safetensors
    case hdf5
    case torchZip = "torch-zip"

    /// The format for an output path's extension, or nil.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".safetensors") { self = .safetensors }
        else if lower.hasSuffix(".h5") || lower.hasSuffix(".hdf5") { self = .hdf5 }
        else if lower.hasSuffix(".pt") || lower.hasSuffix(".pth") { self = .torchZip }
        else { return nil }
    }
}

/// Errors specific to writing converted checkpoints.
public enum CheckpointWriterError: Error, Equatable, CustomStringConvertible {
    /// Two names map to the same HDF5 path, or one name is a group of another.
    case hdf5NameCollision(String, String)
    /// A name cannot become an HDF5 path (empty component).
    case invalidHDF5Name(String)

    public var description: String {
        switch self {
        case let .hdf5NameCollision(a, b): return "tensor names \(a) and \(b) collide as HDF5 paths"
        case let .invalidHDF5Name(name): return "tensor name '\(name)' has an empty path component"
        }
    }
}

/// Writes named tensors in one of the output formats, streaming tensor by tensor; each writer
/// writes a temporary file and renames it, so nothing is left behind on failure.
public enum CheckpointWriter {
    /// Writes `tensors` to `path` in `format`; `metadata` becomes safetensors `__metadata__` or
    /// HDF5 root attributes (a torch state dict has no place for it).
    public static func write(_ tensors: [NamedTensor], metadata: [(String, String)], format: OutputFormat, to path: String,
                             progress: ((Int, Int) -> Void)? = nil) throws {
        switch format {
        case .safetensors:
            try SafetensorsWriter.write(tensors, metadata: metadata, to: path, releasingStorage: true, progress: progress)
        case .torchZip:
            try TorchZipWriter.write(tensors, to: path, progress: progress)
        case .hdf5:
            let paths = try hdf5Paths(for: tensors.map(\.name))
            let writer = try HDF5Writer(path: path)
            let total = tensors.reduce(0) { $0 + $1.tensor.byteCount }
            var done = 0
            for (key, value) in metadata { try writer.setAttribute(key, .string(value), at: "/") }
            for (tensor, datasetPath) in zip(tensors, paths) {
                try writer.writeDataset(path: datasetPath, tensor: tensor.tensor)
                tensor.tensor.storage.evict()
                done += tensor.tensor.byteCount
                progress?(done, total)
            }
            try writer.close()
        }
    }

    /// HDF5 dataset paths for flattened names: `.` and `/` both separate groups, so a PyTorch
    /// name reads back unchanged (`G_ema.mapping.fc0.weight` ↔ `G_ema/mapping/fc0/weight`).
    public static func hdf5Paths(for names: [String]) throws -> [String] {
        var owner: [String: String] = [:]
        var groups: [String: String] = [:]
        var paths: [String] = []
        for name in names {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
                .flatMap { $0.split(separator: "/", omittingEmptySubsequences: false) }
            guard !parts.contains(where: \.isEmpty) else { throw CheckpointWriterError.invalidHDF5Name(name) }
            let path = parts.joined(separator: "/")
            if let other = owner[path] ?? groups[path] { throw CheckpointWriterError.hdf5NameCollision(other, name) }
            var prefix = ""
            for part in parts.dropLast() {
                prefix += (prefix.isEmpty ? "" : "/") + part
                if let other = owner[prefix] { throw CheckpointWriterError.hdf5NameCollision(other, name) }
                groups[prefix] = groups[prefix] ?? name
            }
            owner[path] = name
            paths.append(path)
        }
        return paths
    }
}
