import CHDF5

extension HDF5File {
    /// The dataset at `path` (`/a/b` or `a/b`): `objectNotFound` when nothing is listed there,
    /// `notADataset` when it is a group.
    public func dataset(at path: String) throws -> HDF5DatasetInfo {
        let absolute = HDF5File.absolute(path)
        if let found = datasets.first(where: { $0.path == absolute }) { return found }
        if groups.contains(absolute) { throw HDF5Error.notADataset(path: absolute) }
        throw HDF5Error.objectNotFound(path: absolute)
    }

    /// `/`-prefixed form of a path inside the file.
    static func absolute(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// Reads the type, dataspace and creation properties of the dataset at `path`.
    func datasetInfo(at path: String) throws -> HDF5DatasetInfo {
        HDF5Library.silence()
        let dataset = try HDF5Library.check(H5Dopen2(fileID, path, HDF5Library.defaultPlist), "H5Dopen2", path: path)
        defer { H5Dclose(dataset) }
        let type = try HDF5Library.check(H5Dget_type(dataset), "H5Dget_type", path: path)
        defer { H5Tclose(type) }
        let space = try HDF5Library.check(H5Dget_space(dataset), "H5Dget_space", path: path)
        defer { H5Sclose(space) }
        let plist = try HDF5Library.check(H5Dget_create_plist(dataset), "H5Dget_create_plist", path: path)
        defer { H5Pclose(plist) }
        let isNull = H5Sget_simple_extent_type(space) == H5S_NULL
        return HDF5DatasetInfo(
            path: path, tensorName: HDF5DatasetInfo.tensorName(forPath: path),
            elementType: HDF5ElementType.classify(type), shape: isNull ? [] : try dimensions(of: space, path: path),
            isNullDataspace: isNull, layout: try layout(of: plist, path: path), filters: filters(of: plist),
            storedBytes: Int(clamping: H5Dget_storage_size(dataset)))
    }

    /// The dimensions of a simple or scalar dataspace (a dimension past `Int.max` is clamped, and the
    /// size check before reading rejects it).
    func dimensions(of space: hid_t, path: String) throws -> [Int] {
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { throw HDF5Library.failure("H5Sget_simple_extent_ndims", path: path) }
        guard rank > 0 else { return [] }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else { throw HDF5Library.failure("H5Sget_simple_extent_dims", path: path) }
        return dims.map { Int(clamping: $0) }
    }

    private func layout(of plist: hid_t, path: String) throws -> HDF5Layout {
        switch H5Pget_layout(plist) {
        case H5D_COMPACT: return .compact
        case H5D_VIRTUAL: return .virtual
        case H5D_CHUNKED:
            var chunk = [hsize_t](repeating: 0, count: 32)
            let rank = H5Pget_chunk(plist, Int32(chunk.count), &chunk)
            guard rank >= 0 else { throw HDF5Library.failure("H5Pget_chunk", path: path) }
            return .chunked(chunk.prefix(Int(rank)).map { Int(clamping: $0) })
        default: return .contiguous
        }
    }

    private func filters(of plist: hid_t) -> [HDF5Filter] {
        let count = max(0, H5Pget_nfilters(plist))
        return (0..<UInt32(count)).compactMap { index in
            var flags: UInt32 = 0
            var parameterCount = 16
            var parameters = [UInt32](repeating: 0, count: parameterCount)
            var config: UInt32 = 0
            var name = [CChar](repeating: 0, count: 256)
            let id = H5Pget_filter2(plist, index, &flags, &parameterCount, &parameters, name.count, &name, &config)
            guard id >= 0 else { _ = HDF5Library.takeErrorMessage(); return nil }
            let available = H5Zfilter_avail(id) > 0
            _ = HDF5Library.takeErrorMessage()
            return HDF5Filter(
                id: id, name: String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self),
                parameters: Array(parameters.prefix(min(parameterCount, parameters.count))), isAvailable: available)
        }
    }
}
