/// Errors in PyTorch checkpoints (`torch.save` zip and legacy streams, tensors rebuilt from pickles).
public enum TorchError: Error, Equatable, CustomStringConvertible {
    /// The legacy stream does not start with PyTorch's magic number.
    case badMagicNumber(offset: Int)
    /// The legacy stream's protocol version is not 1001.
    case unsupportedProtocolVersion(Int64, offset: Int)
    /// `sys_info` says the file was written big-endian or is malformed.
    case unsupportedSystemInfo(String)
    /// A persistent id is not `('storage', StorageClass, key, location, numel[, view])`.
    case malformedPersistentID(String, offset: Int)
    /// The storage class is not one GANPort knows (`torch.FloatStorage`, …).
    case unknownStorageType(String)
    /// A location other than `cpu`, `cuda` or `cuda:N`.
    case unsupportedLocation(String, key: String)
    /// The same storage key was declared twice with different types or sizes.
    case conflictingStorage(key: String)
    /// A persistent id names a storage whose bytes are not in the file.
    case missingStorage(key: String)
    /// The byte count stored for a storage disagrees with its declared element count.
    case storageSizeMismatch(key: String, declared: Int, stored: Int)
    /// The legacy data section ends before a storage's bytes.
    case truncatedStorageData(key: String, offset: Int)
    /// Bytes remain after the last storage of a legacy stream.
    case trailingBytes(offset: Int)
    /// The storage key list is not a list of strings.
    case malformedStorageKeyList(offset: Int)
    /// A tensor rebuild call has arguments of the wrong shape.
    case malformedTensor(String, path: String)
    /// A tensor's view does not fit its storage (wraps the layout error).
    case invalidTensorLayout(path: String, reason: String)
    /// `_load_from_bytes` found inside a nested storage stream (only one level is legal).
    case nestedStorageStream(path: String)
    /// The zip archive has no `*/data.pkl` record.
    case missingDataPickle
    /// The zip archive is a TorchScript program (`constants.pkl` / `code/`): refused, it carries code.
    case torchScriptArchive(entry: String)
    /// `byteorder` record holds something other than `little` or `big`.
    case unsupportedByteOrder(String)
    /// The archive has several `data.pkl` records under different roots.
    case ambiguousArchiveRoot([String])
    /// A structure nests deeper than the reader's limit.
    case nestingTooDeep(path: String)
    /// A torch 0.1-era tar checkpoint: not supported.
    case tarFormatUnsupported

    public var description: String {
        switch self {
        case let .badMagicNumber(offset): return "not a legacy torch.save stream: bad magic number at offset \(offset)"
        case let .unsupportedProtocolVersion(v, offset): return "legacy torch.save protocol version \(v) at offset \(offset) (expected 1001)"
        case let .unsupportedSystemInfo(s): return "unsupported legacy sys_info: \(s)"
        case let .malformedPersistentID(s, offset): return "malformed storage persistent id at offset \(offset): \(s)"
        case let .unknownStorageType(s): return "unknown storage type \(s)"
        case let .unsupportedLocation(loc, key): return "storage \(key) has unsupported location '\(loc)'"
        case let .conflictingStorage(key): return "storage \(key) is declared twice with different types or sizes"
        case let .missingStorage(key): return "storage \(key) is referenced but its bytes are missing"
        case let .storageSizeMismatch(key, declared, stored): return "storage \(key) declares \(declared) bytes but \(stored) are stored"
        case let .truncatedStorageData(key, offset): return "storage \(key) data truncated at offset \(offset)"
        case let .trailingBytes(offset): return "unexpected bytes after the last storage at offset \(offset)"
        case let .malformedStorageKeyList(offset): return "malformed storage key list at offset \(offset)"
        case let .malformedTensor(what, path): return "tensor \(path): \(what)"
        case let .invalidTensorLayout(path, reason): return "tensor \(path): \(reason)"
        case let .nestedStorageStream(path): return "\(path): storage stream nested inside a storage stream"
        case .missingDataPickle: return "zip archive has no data.pkl record: not a torch.save archive"
        case let .torchScriptArchive(entry): return "TorchScript archive (\(entry)) refused: it carries code"
        case let .unsupportedByteOrder(s): return "unsupported byteorder record '\(s)'"
        case let .ambiguousArchiveRoot(roots): return "several data.pkl records: \(roots.joined(separator: ", "))"
        case let .nestingTooDeep(path): return "structure nests too deeply at \(path)"
        case .tarFormatUnsupported: return "torch 0.1 tar checkpoints are not supported"
        }
    }
}
