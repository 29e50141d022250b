/// A storage referenced by a tensor: its bytes and its element type.
public struct TorchStorageRef: @unchecked Sendable {
    /// The bytes (lazy).
    public let storage: TensorStorage
    /// Element type the storage class declares.
    public let dtype: DType
}

/// One declared storage of a `torch.save` file, parsed from a persistent id.
struct TorchStorageDeclaration: Equatable {
    /// The storage key (`'0'` in zip archives, a decimal pointer in legacy streams).
    let key: String
    /// Element type.
    let dtype: DType
    /// Element count (bytes for `UntypedStorage`).
    let elementCount: Int
    /// Legacy view metadata `(view_key, offset, size)`, when the id names a view of another storage.
    let view: View?

    struct View: Equatable {
        let key: String
        let offset: Int
        let size: Int
    }

    /// Declared byte size, with overflow checking.
    func byteCount() throws -> Int {
        let product = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
        guard !product.overflow else { throw TorchError.storageSizeMismatch(key: key, declared: Int.max, stored: 0) }
        return product.partialValue
    }

    /// Parses `('storage', StorageClass, key, location, numel[, view_metadata])`.
    init(persistentID: PickleValue, offset: Int) throws {
        guard let items = persistentID.tuple, items.count == 5 || items.count == 6,
              items[0].string == "storage" else {
            throw TorchError.malformedPersistentID("expected ('storage', type, key, location, numel)", offset: offset)
        }
        guard case let .global(type) = items[1] else {
            throw TorchError.malformedPersistentID("storage type is not a global", offset: offset)
        }
        dtype = try TorchStorageDeclaration.dtype(of: type)
        guard let key = items[2].string else { throw TorchError.malformedPersistentID("storage key is not a string", offset: offset) }
        self.key = key
        guard let location = items[3].string else { throw TorchError.malformedPersistentID("location is not a string", offset: offset) }
        guard TorchStorageDeclaration.isSupported(location: location) else {
            throw TorchError.unsupportedLocation(location, key: key)
        }
        guard case let .int(count) = items[4], count >= 0, let elementCount = Int(exactly: count) else {
            throw TorchError.malformedPersistentID("element count is not a non-negative integer", offset: offset)
        }
        self.elementCount = elementCount
        if items.count == 6, !items[5].isNone {
            guard let view = items[5].tuple, view.count == 3, let viewKey = view[0].string,
                  case let .int(viewOffset) = view[1], case let .int(viewSize) = view[2],
                  viewOffset >= 0, viewSize >= 0, let o = Int(exactly: viewOffset), let s = Int(exactly: viewSize) else {
                throw TorchError.malformedPersistentID("malformed view metadata", offset: offset)
            }
            self.view = View(key: viewKey, offset: o, size: s)
        } else {
            view = nil
        }
    }

    static func dtype(of type: PickleGlobal) throws -> DType {
        guard type.module == "torch" || type.module == "torch.storage" || type.module == "torch.cuda" else {
            throw TorchError.unknownStorageType(type.description)
        }
        if type.name == "UntypedStorage" || type.name == "_UntypedStorage" { return .u8 }
        guard let dtype = DType(torchStorageName: type.name) else { throw TorchError.unknownStorageType(type.description) }
        return dtype
    }

    static func isSupported(location: String) -> Bool {
        if location == "cpu" || location == "cuda" { return true }
        if location.hasPrefix("cuda:") {
            let index = location.dropFirst(5)
            return !index.isEmpty && index.allSatisfy(\.isASCII) && index.allSatisfy(\.isNumber)
        }
        return false
    }
}
