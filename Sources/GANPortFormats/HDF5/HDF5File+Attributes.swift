import CHDF5

extension HDF5File {
    /// Names of the attributes of the group or dataset at `path`, in name order.
    public func attributeNames(at path: String) throws -> [String] {
        let object = try openObject(path)
        defer { H5Oclose(object.id) }
        var count: hsize_t = 0
        try HDF5Library.check(ganport_h5o_attribute_count(object.id, &count), "H5Oget_info", path: object.path)
        return try (0..<count).map { index in
            let length = H5Aget_name_by_idx(object.id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, HDF5Library.defaultPlist)
            guard length >= 0 else { throw HDF5Library.failure("H5Aget_name_by_idx", path: object.path) }
            return HDF5Library.string(length: length) { buffer, size in
                H5Aget_name_by_idx(object.id, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, HDF5Library.defaultPlist)
            }
        }
    }

    /// The attribute `name` of the group or dataset at `path` as JSON: strings (fixed- or
    /// variable-length), integers, floats and h5py bools; scalars as values, arrays as (nested)
    /// JSON arrays, empty attributes as `null`.
    public func attribute(_ name: String, at path: String) throws -> JSONValue {
        let object = try openObject(path)
        defer { H5Oclose(object.id) }
        let exists = H5Aexists(object.id, name)
        guard exists > 0 else {
            if exists < 0 { throw HDF5Library.failure("H5Aexists", path: object.path) }
            throw HDF5Error.attributeNotFound(path: object.path, name: name)
        }
        let attribute = try HDF5Library.check(H5Aopen(object.id, name, HDF5Library.defaultPlist), "H5Aopen", path: object.path)
        defer { H5Aclose(attribute) }
        return try HDF5AttributeReader(attribute: attribute, path: object.path, name: name, fileSize: fileSize).read()
    }

    /// All attributes of the group or dataset at `path`, in name order.
    public func attributes(at path: String) throws -> [(String, JSONValue)] {
        try attributeNames(at: path).map { ($0, try attribute($0, at: path)) }
    }

    /// Opens a group or dataset that the walk reached through hard links (never through soft or
    /// external links).
    private func openObject(_ path: String) throws -> (id: hid_t, path: String) {
        let absolute = HDF5File.absolute(path)
        guard groups.contains(absolute) || datasets.contains(where: { $0.path == absolute }) else {
            throw HDF5Error.objectNotFound(path: absolute)
        }
        HDF5Library.silence()
        let id = try HDF5Library.check(H5Oopen(fileID, absolute, HDF5Library.defaultPlist), "H5Oopen", path: absolute)
        return (id, absolute)
    }
}

/// Reads one attribute's values into JSON.
struct HDF5AttributeReader {
    let attribute: hid_t
    let path: String
    let name: String
    let fileSize: Int

    func read() throws -> JSONValue {
        let space = try HDF5Library.check(H5Aget_space(attribute), "H5Aget_space", path: path)
        defer { H5Sclose(space) }
        let type = try HDF5Library.check(H5Aget_type(attribute), "H5Aget_type", path: path)
        defer { H5Tclose(type) }
        if H5Sget_simple_extent_type(space) == H5S_NULL { return .null }
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { throw HDF5Library.failure("H5Sget_simple_extent_ndims", path: path) }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0, H5Sget_simple_extent_dims(space, &dims, nil) < 0 { throw HDF5Library.failure("H5Sget_simple_extent_dims", path: path) }
        let shape = dims.map { Int(clamping: $0) }
        let declared = StoredTensor.checkedElementCount(shape).flatMap {
            let bytes = $0.multipliedReportingOverflow(by: max(H5Tget_size(type), 1))
            return bytes.overflow ? nil : bytes.partialValue
        }
        guard let count = StoredTensor.checkedElementCount(shape), let declared, declared <= max(fileSize, 4096) else {
            throw HDF5Error.attributeTooLarge(path: path, name: name, bytes: Int.max)
        }
        let values = try elements(type: type, space: space, count: count)
        return shape.isEmpty ? (values.first ?? .null) : HDF5AttributeReader.nest(values[...], shape: shape[...])
    }

    private func elements(type: hid_t, space: hid_t, count: Int) throws -> [JSONValue] {
        switch H5Tget_class(type) {
        case H5T_INTEGER where H5Tget_sign(type) == H5T_SGN_NONE:
            let values: [UInt64] = try readNumbers(ganport_h5t_native_uint64(), count: count)
            return values.map { $0 <= UInt64(Int64.max) ? .int(Int64($0)) : .double(Double($0)) }
        case H5T_INTEGER:
            let values: [Int64] = try readNumbers(ganport_h5t_native_int64(), count: count)
            return values.map { .int($0) }
        case H5T_FLOAT:
            let values: [Double] = try readNumbers(ganport_h5t_native_double(), count: count)
            return values.map { .double($0) }
        case H5T_ENUM where HDF5ElementType.isBoolEnum(type):
            let boolType = try HDF5Library.check(HDF5ElementType.makeType(for: .bool), "H5Tenum_create", path: path)
            defer { H5Tclose(boolType) }
            let values: [Int8] = try readNumbers(boolType, count: count)
            return values.map { .bool($0 != 0) }
        case H5T_STRING where H5Tis_variable_str(type) > 0:
            return try readVariableStrings(type: type, space: space, count: count)
        case H5T_STRING:
            return try readFixedStrings(type: type, count: count)
        default:
            throw HDF5Error.unsupportedAttributeType(path: path, name: name, type: HDF5ElementType.classify(type).description)
        }
    }

    private func readNumbers<T: Numeric>(_ memoryType: hid_t, count: Int) throws -> [T] {
        var values = [T](repeating: 0, count: count)
        try HDF5Library.check(values.withUnsafeMutableBytes { H5Aread(attribute, memoryType, $0.baseAddress) }, "H5Aread", path: path)
        return values
    }

    private func readVariableStrings(type: hid_t, space: hid_t, count: Int) throws -> [JSONValue] {
        let memoryType = try HDF5Library.check(H5Tcopy(ganport_h5t_c_s1()), "H5Tcopy", path: path)
        defer { H5Tclose(memoryType) }
        H5Tset_size(memoryType, ganport_h5t_variable())
        H5Tset_cset(memoryType, H5Tget_cset(type))
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        try HDF5Library.check(pointers.withUnsafeMutableBytes { H5Aread(attribute, memoryType, $0.baseAddress) }, "H5Aread", path: path)
        defer { _ = pointers.withUnsafeMutableBytes { H5Dvlen_reclaim(memoryType, space, HDF5Library.defaultPlist, $0.baseAddress) } }
        return pointers.map { .string($0.map { String(cString: $0) } ?? "") }
    }

    private func readFixedStrings(type: hid_t, count: Int) throws -> [JSONValue] {
        let size = H5Tget_size(type)
        let memoryType = try HDF5Library.check(H5Tcopy(type), "H5Tcopy", path: path)
        defer { H5Tclose(memoryType) }
        var bytes = [UInt8](repeating: 0, count: max(count * size, 1))
        try HDF5Library.check(bytes.withUnsafeMutableBytes { H5Aread(attribute, memoryType, $0.baseAddress) }, "H5Aread", path: path)
        let spacePadded = H5Tget_strpad(type) == H5T_STR_SPACEPAD
        return (0..<count).map { index in
            var text = bytes[(index * size)..<((index + 1) * size)].prefix(while: { $0 != 0 })
            if spacePadded { while text.last == UInt8(ascii: " ") { text.removeLast() } }
            return .string(String(decoding: text, as: UTF8.self))
        }
    }

    /// Nests a flat C-order list into arrays of `shape`.
    static func nest(_ values: ArraySlice<JSONValue>, shape: ArraySlice<Int>) -> JSONValue {
        guard let first = shape.first else { return values.first ?? .null }
        let inner = shape.dropFirst()
        let step = inner.reduce(1, *)
        return .array((0..<first).map { index in
            let start = values.startIndex + index * step
            return inner.isEmpty ? values[start] : nest(values[start..<(start + step)], shape: inner)
        })
    }
}
