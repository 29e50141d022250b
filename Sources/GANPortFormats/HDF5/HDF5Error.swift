/// Why an HDF5 file could not be read or written. Each case carries the file path or the path of
/// the object inside the file (`/group/dataset`).
public enum HDF5Error: Error, Equatable, CustomStringConvertible {
    /// The file has no HDF5 signature at offset 0, 512, 1024, 2048, ….
    case notHDF5(path: String)
    /// libhdf5 could not open the file (truncated, corrupt superblock, …).
    case cannotOpen(path: String, reason: String)
    /// No object exists at this path.
    case objectNotFound(path: String)
    /// The object at this path is not a dataset.
    case notADataset(path: String)
    /// The object at this path is neither a group nor a dataset (attributes cannot be read there).
    case notAGroupOrDataset(path: String)
    /// The dataset's element type has no GANPort `DType` (u16/u32/u64, compound, string, …).
    case unsupportedType(path: String, type: String)
    /// The dataset has a null dataspace (no shape, no values).
    case nullDataspace(path: String)
    /// The dataset needs a filter this libhdf5 cannot apply (e.g. h5py's lzf, id 32000).
    case filterUnavailable(path: String, filter: String)
    /// The dataset declares more bytes than its stored data can produce (allocation guard).
    case declaredSizeExceedsStorage(path: String, declared: Int, stored: Int)
    /// A boolean dataset holds a byte other than 0 or 1.
    case invalidBoolValue(path: String, value: UInt8)
    /// An attribute has a type GANPort does not turn into JSON (compound, reference, …).
    case unsupportedAttributeType(path: String, name: String, type: String)
    /// No attribute of this name exists on the object.
    case attributeNotFound(path: String, name: String)
    /// An attribute declares more bytes than the whole file holds.
    case attributeTooLarge(path: String, name: String, bytes: Int)
    /// A path to write has an empty, `.` or `..` component.
    case invalidPath(path: String)
    /// Something already exists at the path a dataset is written to.
    case alreadyExists(path: String)
    /// A JSON value that has no HDF5 attribute form (null, object, mixed or nested array).
    case unsupportedAttributeValue(path: String, name: String, reason: String)
    /// A chunk shape whose rank differs from the dataset's or with a dimension outside 1…size.
    case invalidChunkShape(path: String, chunk: [Int], shape: [Int])
    /// A gzip level outside 0…9.
    case invalidGzipLevel(path: String, level: Int)
    /// The writer was used after `close()` or `discard()`.
    case writerClosed(path: String)
    /// A libhdf5 call failed (`operation` names it; `message` is libhdf5's error stack).
    case library(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case let .notHDF5(path): return "\(path) is not an HDF5 file (no HDF5 signature)"
        case let .cannotOpen(path, reason): return "cannot open HDF5 file \(path): \(reason)"
        case let .objectNotFound(path): return "no HDF5 object at \(path)"
        case let .notADataset(path): return "HDF5 object \(path) is not a dataset"
        case let .notAGroupOrDataset(path): return "HDF5 object \(path) is neither a group nor a dataset"
        case let .unsupportedType(path, type): return "dataset \(path) has element type \(type), which GANPort does not support"
        case let .nullDataspace(path): return "dataset \(path) has a null dataspace (no values)"
        case let .filterUnavailable(path, filter): return "dataset \(path) needs filter \(filter), which this HDF5 library cannot decode"
        case let .declaredSizeExceedsStorage(path, declared, stored):
            return "dataset \(path) declares \(declared) bytes but stores only \(stored)"
        case let .invalidBoolValue(path, value): return "boolean dataset \(path) holds the value \(value)"
        case let .unsupportedAttributeType(path, name, type): return "attribute \(name) of \(path) has unsupported type \(type)"
        case let .attributeNotFound(path, name): return "\(path) has no attribute \(name)"
        case let .attributeTooLarge(path, name, bytes): return "attribute \(name) of \(path) declares \(bytes) bytes, more than the file holds"
        case let .invalidPath(path): return "invalid HDF5 path \"\(path)\""
        case let .alreadyExists(path): return "an HDF5 object already exists at \(path)"
        case let .unsupportedAttributeValue(path, name, reason): return "cannot write attribute \(name) on \(path): \(reason)"
        case let .invalidChunkShape(path, chunk, shape): return "chunk shape \(chunk) does not fit dataset \(path) of shape \(shape)"
        case let .invalidGzipLevel(path, level): return "gzip level \(level) for dataset \(path) is outside 0...9"
        case let .writerClosed(path): return "HDF5 writer for \(path) is already closed"
        case let .library(path, operation, message): return "\(operation) failed for \(path): \(message)"
        }
    }
}
