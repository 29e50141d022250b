/// Errors reading or writing the files of a run directory. Every case names the file (or
/// directory) concerned, so a damaged run tells the user exactly what to look at.
public enum RunFileError: Error, Equatable, CustomStringConvertible {
    /// A file the run needs does not exist.
    case missingFile(path: String)
    /// A file exists but could not be read or parsed by its format reader.
    case unreadableFile(path: String, reason: String)
    /// A file could not be written (or a directory created or renamed).
    case writeFailed(path: String, reason: String)
    /// The JSON text is not valid JSON, or a value has the wrong type.
    case malformedJSON(path: String, reason: String)
    /// A required field is absent (dotted key path).
    case missingField(path: String, field: String)
    /// A field this version does not know is present (dotted key path).
    case unknownField(path: String, field: String)
    /// A field has an invalid value.
    case invalidField(path: String, field: String, reason: String)
    /// The file declares another format than the one expected.
    case wrongFormat(path: String, found: String, expected: String)
    /// The file was written by a newer (or unknown) version of its schema.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A tensor listed by the run's records is absent from the file.
    case missingTensor(path: String, name: String)
    /// The file holds a tensor its records do not list.
    case unexpectedTensor(path: String, name: String)
    /// A tensor is not float32.
    case notFloat32(path: String, name: String, dtype: String)
    /// Two tensors share a name.
    case duplicateTensor(name: String)
    /// A snapshot for this image count already exists.
    case snapshotExists(path: String)
    /// A line of the metrics log is not a JSON object of numbers (1-based line number).
    case malformedMetricsLine(path: String, line: Int, reason: String)
    /// An argument passed to a writer is invalid (negative image count, empty series, ...).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .missingFile(path): return "\(path): file is missing"
        case let .unreadableFile(path, reason): return "\(path): cannot read: \(reason)"
        case let .writeFailed(path, reason): return "\(path): cannot write: \(reason)"
        case let .malformedJSON(path, reason): return "\(path): malformed JSON: \(reason)"
        case let .missingField(path, field): return "\(path): required field '\(field)' is missing"
        case let .unknownField(path, field): return "\(path): unknown field '\(field)'"
        case let .invalidField(path, field, reason): return "\(path): field '\(field)' is invalid: \(reason)"
        case let .wrongFormat(path, found, expected): return "\(path): format is '\(found)', expected '\(expected)'"
        case let .unsupportedVersion(path, found, supported):
            return "\(path): version \(found) is not supported (this build reads versions up to \(supported))"
        case let .missingTensor(path, name): return "\(path): tensor '\(name)' is missing"
        case let .unexpectedTensor(path, name): return "\(path): unexpected tensor '\(name)'"
        case let .notFloat32(path, name, dtype): return "\(path): tensor '\(name)' is \(dtype), expected F32"
        case let .duplicateTensor(name): return "tensor name '\(name)' is used twice"
        case let .snapshotExists(path): return "\(path): a snapshot with this image count already exists"
        case let .malformedMetricsLine(path, line, reason): return "\(path):\(line): malformed metrics entry: \(reason)"
        case let .invalidArgument(what): return "invalid argument: \(what)"
        }
    }
}

extension RunFileError {
    /// Whether the error is about writing (the disk, not the input): `writeFailed`, `snapshotExists`.
    public var isWriteFailure: Bool {
        switch self {
        case .writeFailed, .snapshotExists: return true
        default: return false
        }
    }
}
