/// Turns the tensor-rebuild records of an inert pickle tree into `StoredTensor`s.
///
/// Meaning is given only to `torch._utils._rebuild_tensor{,_v2,_v3}`,
/// `_rebuild_parameter{,_with_state}` and `torch._tensor._rebuild_from_type_v2`; the storage
/// argument is handed to `resolveStorage`, which knows the container (zip records, legacy
/// data section, or a nested `_load_from_bytes` stream).
struct TorchTensorDecoder {
    /// Resolves a storage argument to bytes and dtype; the string is the tensor path for errors.
    let resolveStorage: (PickleValue, String) throws -> TorchStorageRef

    /// Whether `value` is a tensor-rebuild record.
    static func isTensorRecord(_ value: PickleValue) -> Bool {
        guard let global = value.object?.global else { return false }
        switch (global.module, global.name) {
        case ("torch._utils", "_rebuild_tensor"), ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor_v3"),
             ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"),
             ("torch._tensor", "_rebuild_from_type_v2"):
            return true
        default:
            return false
        }
    }

    /// The tensor `value` rebuilds, or nil when it is not a tensor record.
    func tensor(from value: PickleValue, path: String) throws -> StoredTensor? {
        guard TorchTensorDecoder.isTensorRecord(value), let object = value.object, let global = object.global else { return nil }
        guard let args = object.arguments.tuple else { throw TorchError.malformedTensor("arguments are not a tuple", path: path) }
        switch global.name {
        case "_rebuild_parameter", "_rebuild_parameter_with_state":
            guard let data = args.first, let inner = try tensor(from: data, path: path) else {
                throw TorchError.malformedTensor("parameter without tensor data", path: path)
            }
            return inner
        case "_rebuild_from_type_v2":
            // (func, type, args, state): func is itself a rebuild function applied to args.
            guard args.count >= 3, case let .global(function) = args[0], function.module == "torch._utils",
                  function.name.hasPrefix("_rebuild_tensor") || function.name.hasPrefix("_rebuild_parameter") else {
                throw TorchError.malformedTensor("unsupported _rebuild_from_type_v2 call", path: path)
            }
            let inner = PickleValue.object(PickleObject(callee: args[0], arguments: args[2], creation: .reduce, byteOffset: object.byteOffset))
            return try tensor(from: inner, path: path)
        default:
            guard args.count >= 4 else { throw TorchError.malformedTensor("rebuild call needs storage, offset, size, stride", path: path) }
            let ref = try resolveStorage(args[0], path)
            let offset = try TorchTensorDecoder.integer(args[1], what: "storage offset", path: path)
            let shape = try TorchTensorDecoder.integers(args[2], what: "size", path: path)
            let strides = try TorchTensorDecoder.integers(args[3], what: "stride", path: path)
            var dtype = ref.dtype
            if global.name == "_rebuild_tensor_v3", args.count >= 7 {
                guard case let .global(dtypeGlobal) = args[6], dtypeGlobal.module == "torch",
                      let declared = DType(torchDTypeName: dtypeGlobal.name) else {
                    throw TorchError.malformedTensor("unknown dtype argument", path: path)
                }
                dtype = declared
            }
            guard dtype.byteSize == ref.dtype.byteSize || ref.dtype == .u8 else {
                throw TorchError.malformedTensor("dtype \(dtype.rawValue) does not match storage \(ref.dtype.rawValue)", path: path)
            }
            do {
                if ref.dtype == .u8 && dtype != .u8 {
                    // Untyped storage: the count was in bytes; the offset is in elements of `dtype`.
                    return try StoredTensor(dtype: dtype, shape: shape, strides: strides, storageOffset: offset, storage: ref.storage)
                }
                return try StoredTensor(dtype: dtype, shape: shape, strides: strides, storageOffset: offset, storage: ref.storage)
            } catch let error as TensorLayoutError {
                throw TorchError.invalidTensorLayout(path: path, reason: error.description)
            }
        }
    }

    static func integer(_ value: PickleValue, what: String, path: String) throws -> Int {
        guard case let .int(v) = value, let i = Int(exactly: v) else {
            throw TorchError.malformedTensor("\(what) is not an integer", path: path)
        }
        return i
    }

    static func integers(_ value: PickleValue, what: String, path: String) throws -> [Int] {
        // A `torch.Size` may appear as an object wrapping the tuple.
        if let object = value.object, object.global == PickleGlobal("torch", "Size"),
           let inner = object.arguments.tuple?.first {
            return try integers(inner, what: what, path: path)
        }
        guard let items = value.sequence else { throw TorchError.malformedTensor("\(what) is not a tuple", path: path) }
        return try items.map { try integer($0, what: what, path: path) }
    }
}
