import CHDF5

extension HDF5File {
    /// Largest ratio of declared to stored bytes accepted for a filtered dataset (deflate cannot
    /// compress better than about 1032:1), so a tiny file cannot make GANPort allocate gigabytes.
    static let maximumExpansion = 1100
    /// Declared bytes always accepted, stored or not (small datasets that hold only fill values).
    static let unconditionalBytes = 1 << 20

    /// The dataset at `path` as a tensor whose values are read on first use (`H5Dread` into an
    /// owned buffer, converted to the little-endian `DType` layout). Checks the type, the
    /// dataspace, the filters and the declared size against the stored size first.
    /// The tensor's storage keeps this file open until it is released.
    public func tensor(at path: String) throws -> StoredTensor {
        try tensor(for: try dataset(at: path))
    }

    /// The tensor of a listed dataset (see `tensor(at:)`).
    func tensor(for info: HDF5DatasetInfo) throws -> StoredTensor {
        guard let dtype = info.dtype else { throw HDF5Error.unsupportedType(path: info.path, type: info.elementType.description) }
        guard !info.isNullDataspace else { throw HDF5Error.nullDataspace(path: info.path) }
        if let missing = info.filters.first(where: { !$0.isAvailable }) {
            throw HDF5Error.filterUnavailable(path: info.path, filter: "\(missing.name.isEmpty ? "filter" : missing.name) (id \(missing.id))")
        }
        guard let count = StoredTensor.checkedElementCount(info.shape),
              case let (byteCount, false) = count.multipliedReportingOverflow(by: dtype.byteSize) else {
            throw HDF5Error.declaredSizeExceedsStorage(path: info.path, declared: .max, stored: info.storedBytes)
        }
        let expansion = info.filters.isEmpty ? 1 : HDF5File.maximumExpansion
        let allowed = info.storedBytes.multipliedReportingOverflow(by: expansion)
        guard byteCount <= HDF5File.unconditionalBytes || allowed.overflow || byteCount <= allowed.partialValue else {
            throw HDF5Error.declaredSizeExceedsStorage(path: info.path, declared: byteCount, stored: info.storedBytes)
        }
        let storage = TensorStorage(byteCount: byteCount) { [self] in
            try readValues(of: info.path, dtype: dtype, byteCount: byteCount)
        }
        return try StoredTensor(dtype: dtype, shape: info.shape, storage: storage)
    }

    /// Every dataset as a named tensor (name: path with `/` → `.`), in walk order. Throws for the
    /// first dataset GANPort cannot represent; filter `datasets` by `dtype` to skip those instead.
    public func tensors() throws -> [NamedTensor] {
        try datasets.map { NamedTensor(name: $0.tensorName, tensor: try tensor(for: $0)) }
    }

    /// The file as a `Checkpoint`: every dataset as a tensor, the root attributes as metadata.
    public func checkpoint() throws -> Checkpoint {
        Checkpoint(format: .hdf5, tensors: try tensors(), metadata: try attributes(at: "/"))
    }

    /// Reads all values of a dataset into an owned buffer in `dtype`'s little-endian layout.
    func readValues(of path: String, dtype: DType, byteCount: Int) throws -> ByteSlice {
        HDF5Library.silence()
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
        var adopted = false
        defer { if !adopted { memory.deallocate() } }
        if byteCount > 0 {
            let dataset = try HDF5Library.check(H5Dopen2(fileID, path, HDF5Library.defaultPlist), "H5Dopen2", path: path)
            defer { H5Dclose(dataset) }
            let memoryType = try HDF5Library.check(HDF5ElementType.makeType(for: dtype), "H5Tcreate", path: path)
            defer { H5Tclose(memoryType) }
            let all = hid_t(ganport_h5s_all())
            try HDF5Library.check(H5Dread(dataset, memoryType, all, all, HDF5Library.defaultPlist, memory), "H5Dread", path: path)
            if dtype == .bool {
                let bytes = UnsafeRawBufferPointer(start: memory, count: byteCount)
                if let bad = bytes.first(where: { $0 > 1 }) { throw HDF5Error.invalidBoolValue(path: path, value: bad) }
            }
        }
        adopted = true
        return ByteBuffer(adopting: memory, count: byteCount).all
    }
}
