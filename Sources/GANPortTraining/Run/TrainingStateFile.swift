import GANPortFormats
import GANPortTensor

/// The training state of a snapshot: `training-state.json` (a `VersionedRecord`, by default
/// `TrainingState`, with the list of tensor names) and `training-state.safetensors` (named
/// float32 tensors such as optimizer moments, `__metadata__` `format: ganport-training-state`).
///
/// Both files are written atomically; reading checks that the tensors in the safetensors file
/// are exactly the ones the JSON lists, all float32, and returns them in the order written.
public enum TrainingStateFile {
    /// File name of the JSON record.
    public static let recordFileName = "training-state.json"
    /// File name of the tensors.
    public static let tensorsFileName = "training-state.safetensors"
    /// `format` metadata of the tensors file.
    public static let tensorsFormat = "ganport-training-state"

    /// Writes `record` and `tensors` into `directory`.
    public static func write<R: VersionedRecord>(_ record: R, tensors: [(String, Tensor<Float>)], to directory: String) throws {
        var seen = Set<String>()
        for (name, _) in tensors where !seen.insert(name).inserted { throw RunFileError.duplicateTensor(name: name) }
        let tensorsPath = RunFiles.join(directory, tensorsFileName)
        try RunFiles.writing(tensorsPath) {
            let named = try tensors.map { NamedTensor(name: $0.0, tensor: try $0.1.float32Stored()) }
            try SafetensorsWriter.write(named, metadata: [("format", tensorsFormat)], to: tensorsPath)
        }
        try VersionedRecordFile.write(record, tensors: tensors.map(\.0), to: RunFiles.join(directory, recordFileName))
    }

    /// Reads the record and tensors from `directory`.
    public static func read<R: VersionedRecord>(_ type: R.Type, from directory: String) throws
        -> (record: R, tensors: [(String, Tensor<Float>)]) {
        let recordPath = RunFiles.join(directory, recordFileName)
        let (record, names) = try VersionedRecordFile.read(R.self, from: recordPath)
        guard let names else { throw RunFileError.missingField(path: recordPath, field: "tensors") }
        let tensorsPath = RunFiles.join(directory, tensorsFileName)
        let file = try RunFiles.reading(tensorsPath) { try SafetensorsReader.read(path: tensorsPath) }
        let format = file.metadata.first(where: { $0.0 == "format" })?.1 ?? ""
        guard format == tensorsFormat else { throw RunFileError.wrongFormat(path: tensorsPath, found: format, expected: tensorsFormat) }
        let tensors = try RunTensors.float32(file.tensors, path: tensorsPath)
        let listed = Set(names)
        if let extra = tensors.first(where: { !listed.contains($0.key) }) {
            throw RunFileError.unexpectedTensor(path: tensorsPath, name: extra.key)
        }
        let ordered = try names.map { name -> (String, Tensor<Float>) in
            guard let tensor = tensors[name] else { throw RunFileError.missingTensor(path: tensorsPath, name: name) }
            return (name, tensor)
        }
        return (record, ordered)
    }
}

/// Conversion of stored tensors read from run files.
enum RunTensors {
    /// The float32 tensors of `tensors` by name; any other dtype is an error naming the tensor.
    static func float32(_ tensors: [NamedTensor], path: String) throws -> [String: Tensor<Float>] {
        var out: [String: Tensor<Float>] = [:]
        for named in tensors {
            guard named.tensor.dtype == .f32 else {
                throw RunFileError.notFloat32(path: path, name: named.name, dtype: named.tensor.dtype.rawValue)
            }
            let tensor = try RunFiles.reading(path) { try Tensor<Float>(named.tensor) }
            guard out.updateValue(tensor, forKey: named.name) == nil else { throw RunFileError.duplicateTensor(name: named.name) }
        }
        return out
    }
}
