/// A tensor storage as `torch.save` refers to it from the pickle: a persistent id
/// `('storage', torch.<Type>Storage, key, location, numel)` (zip format) with a trailing
/// `None` view-metadata slot in the legacy format.
public struct TorchStorageReference: Equatable, Sendable {
    /// Storage class name in module `torch` (`FloatStorage`, `HalfStorage`, …).
    public var storageType: String
    /// Storage key: the entry name under `data/` in the zip format (`"0"`, `"1"`, …).
    public var key: String
    /// Device tag (`cpu`, `cuda:0`).
    public var location: String
    /// Number of elements in the storage.
    public var elementCount: Int64
    /// Legacy (pre-zip) persistent ids carry a sixth item, `None`.
    public var legacyFormat: Bool

    public init(storageType: String, key: String, location: String = "cpu", elementCount: Int64, legacyFormat: Bool = false) {
        self.storageType = storageType
        self.key = key
        self.location = location
        self.elementCount = elementCount
        self.legacyFormat = legacyFormat
    }

    /// The persistent id value.
    public var persistentID: PickleValue {
        var items: [PickleValue] = [
            .string("storage"), .global(PickleGlobal("torch", storageType)), .string(key), .string(location),
            .int(elementCount),
        ]
        if legacyFormat { items.append(.none) }
        return .persistentID(.tuple(items))
    }
}

extension PickleValue {
    /// `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
    /// OrderedDict())` exactly as `Tensor.__reduce_ex__` gives it to `torch.save`.
    /// Written by `PickleWriter` it is byte-identical to torch's own `data.pkl` entries.
    public static func torchTensorV2(storage: TorchStorageReference, storageOffset: Int64 = 0, size: [Int64],
                                     stride: [Int64], requiresGrad: Bool = false) -> PickleValue {
        let arguments: PickleValue = .tuple([
            storage.persistentID, .int(storageOffset), .tuple(size.map(PickleValue.int)),
            .tuple(stride.map(PickleValue.int)), .bool(requiresGrad),
            .dict(PickleDict(type: PickleGlobal("collections", "OrderedDict"))),
        ])
        return .object(PickleObject(callee: .global(PickleGlobal("torch._utils", "_rebuild_tensor_v2")),
                                    arguments: arguments, creation: .reduce, byteOffset: 0))
    }

    /// Row-major (C-contiguous) element strides for `shape`.
    public static func contiguousStrides(_ shape: [Int64]) -> [Int64] {
        var strides = [Int64](repeating: 1, count: shape.count)
        var running: Int64 = 1
        for axis in shape.indices.reversed() {
            strides[axis] = running
            running = running.multipliedReportingOverflow(by: Swift.max(shape[axis], 1)).partialValue
        }
        return strides
    }
}

extension PickleWriter {
    /// Writes one `_rebuild_tensor_v2` call (see `PickleValue.torchTensorV2`); the result is memoized.
    public mutating func writeTensorRebuildV2(storage: TorchStorageReference, storageOffset: Int64 = 0, size: [Int64],
                                              stride: [Int64], requiresGrad: Bool = false) throws {
        try write(value: .torchTensorV2(storage: storage, storageOffset: storageOffset, size: size, stride: stride,
                                        requiresGrad: requiresGrad))
    }
}
