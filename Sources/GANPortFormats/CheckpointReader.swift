/// Options for reading a checkpoint.
public struct ReadOptions: Sendable {
    /// Limits for every pickle stream in the file.
    public var pickleLimits: PickleLimits
    public init(pickleLimits: PickleLimits = PickleLimits()) {
        self.pickleLimits = pickleLimits
    }
}

/// Reads any supported checkpoint file, choosing the reader by magic bytes.
public enum CheckpointReader {
    /// The format of the file at `path`, from its content.
    public static func detectFormat(path: String) throws -> CheckpointFormat {
        let bytes = try ByteBuffer.map(path: path).all
        return try detectFormat(bytes, path: path)
    }

    /// The format of mapped bytes (`path` only names the file in errors).
    public static func detectFormat(_ bytes: ByteSlice, path: String) throws -> CheckpointFormat {
        guard bytes.count > 0 else { throw FormatError.emptyFile(path: path) }
        switch FormatSniffer.container(of: bytes) {
        case .zip:
            let archive = try ZipArchive(bytes)
            if TorchZipReader.isTorchArchive(archive) { return .torchZip }
            if !archive.entries.isEmpty, archive.entries.allSatisfy({ $0.name.hasSuffix(".npy") }) { return .npz }
            throw FormatError.unrecognizedZip(path: path)
        case .npy: return .npy
        case .hdf5: return .hdf5
        case .torchLegacy: return .torchLegacy
        case .safetensors: return .safetensors
        case .pickle: return .pickle
        case .tar: throw FormatError.tarArchive(path: path)
        case nil: throw FormatError.unknownFormat(path: path, firstBytes: FormatSniffer.hexPrefix(bytes))
        }
    }

    /// Reads the checkpoint at `path`. Pickle-based files report security findings instead of
    /// failing on them; callers decide (`convert` refuses files with findings).
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws -> Checkpoint {
        let bytes = try ByteBuffer.map(path: path).all
        let limits = options.pickleLimits
        switch try detectFormat(bytes, path: path) {
        case .torchZip: return try TorchZipReader.read(try ZipArchive(bytes), limits: limits)
        case .npz: return Checkpoint(format: .npz, tensors: try NPZReader.read(bytes, name: path))
        case .npy: return Checkpoint(format: .npy, tensors: [NamedTensor(name: "array", tensor: try NPYReader.read(bytes, name: path))])
        case .hdf5:
            return try HDF5File(path: path).checkpoint()
        case .torchLegacy: return try TorchLegacyReader.read(bytes, limits: limits)
        case .safetensors:
            return try SafetensorsReader.read(bytes).checkpoint
        case .pickle, .nvidiaNetworkPickle, .nvidiaTFPickle: return try PickleFileReader.read(bytes, limits: limits)
        }
    }
}
