/// Collects security findings from every pickle stream read for one file, nested ones included.
final class FindingCollector {
    private(set) var findings: [SecurityFinding] = []
    func add(_ more: [SecurityFinding]) { findings += more }
}

/// Resolves the storage argument of a tensor-rebuild record.
///
/// A persistent id is looked up through `provide` (zip records or a legacy data section);
/// a `torch.storage._load_from_bytes(bytes)` record (how NVIDIA network pickles embed
/// tensors) is parsed as a nested legacy stream, one level deep at most.
struct TorchStorageResolver {
    /// Bytes of a declared storage (root storages; views are sliced here).
    let provide: (TorchStorageDeclaration) throws -> TensorStorage
    /// Parses a nested `_load_from_bytes` stream, or nil where nesting is not allowed.
    let nested: ((ByteSlice, String) throws -> TorchStorageRef)?
    private let cache = StorageCache()

    init(provide: @escaping (TorchStorageDeclaration) throws -> TensorStorage, nested: ((ByteSlice, String) throws -> TorchStorageRef)?) {
        self.provide = provide
        self.nested = nested
    }

    func resolve(_ value: PickleValue, path: String) throws -> TorchStorageRef {
        switch value {
        case let .persistentID(id):
            let declaration = try TorchStorageDeclaration(persistentID: id, offset: 0)
            return try storage(for: declaration)
        case let .object(object) where object.global == PickleGlobal("torch.storage", "_load_from_bytes"):
            guard let nested else { throw TorchError.nestedStorageStream(path: path) }
            guard let args = object.arguments.tuple, args.count == 1, case let .bytes(bytes) = args[0] else {
                throw TorchError.malformedTensor("_load_from_bytes argument is not bytes", path: path)
            }
            return try nested(bytes, path)
        default:
            throw TorchError.malformedTensor("storage argument is neither a persistent id nor _load_from_bytes", path: path)
        }
    }

    func storage(for declaration: TorchStorageDeclaration) throws -> TorchStorageRef {
        if let known = cache.declarations[declaration.key] {
            guard known.dtype == declaration.dtype, known.elementCount == declaration.elementCount else {
                throw TorchError.conflictingStorage(key: declaration.key)
            }
        } else {
            cache.declarations[declaration.key] = declaration
        }
        let root: TensorStorage
        if let cached = cache.storages[declaration.key] {
            root = cached
        } else {
            root = try provide(declaration)
            guard root.byteCount == (try declaration.byteCount()) else {
                throw TorchError.storageSizeMismatch(key: declaration.key, declared: try declaration.byteCount(), stored: root.byteCount)
            }
            cache.storages[declaration.key] = root
        }
        guard let view = declaration.view else { return TorchStorageRef(storage: root, dtype: declaration.dtype) }
        let size = declaration.dtype.byteSize
        let start = view.offset.multipliedReportingOverflow(by: size)
        let length = view.size.multipliedReportingOverflow(by: size)
        guard !start.overflow, !length.overflow, start.partialValue + length.partialValue <= root.byteCount else {
            throw TorchError.storageSizeMismatch(key: view.key, declared: view.offset + view.size, stored: root.byteCount / size)
        }
        let range = start.partialValue..<(start.partialValue + length.partialValue)
        let viewStorage = TensorStorage(byteCount: range.count) {
            guard let slice = try root.bytes().slice(range) else { throw TorchError.missingStorage(key: view.key) }
            return slice
        }
        return TorchStorageRef(storage: viewStorage, dtype: declaration.dtype)
    }

    private final class StorageCache {
        var declarations: [String: TorchStorageDeclaration] = [:]
        var storages: [String: TensorStorage] = [:]
    }
}
