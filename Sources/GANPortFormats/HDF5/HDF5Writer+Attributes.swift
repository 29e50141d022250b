import CHDF5
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HDF5Writer {
    /// Sets attribute `name` on the group or dataset at `path` (`/` for the root), replacing an
    /// existing one. Strings become variable-length UTF-8 (as h5py writes `str`), integers
    /// 64-bit signed, doubles 64-bit floats, bools h5py's enum; arrays of one kind become 1-D
    /// arrays (ints mixed with doubles become doubles; `[]` becomes an empty float64 array, as in h5py).
    public func setAttribute(_ name: String, _ value: JSONValue, at path: String = "/") throws {
        let absolute = try objectPath(path)
        guard try exists(absolute) else { throw HDF5Error.objectNotFound(path: absolute) }
        let (kind, elements, shape) = try HDF5Writer.attributeLayout(of: value, name: name, path: absolute)
        let object = try HDF5Library.check(H5Oopen(openFile(), absolute, HDF5Library.defaultPlist), "H5Oopen", path: absolute)
        defer { H5Oclose(object) }
        let existing = H5Aexists(object, name)
        guard existing >= 0 else { throw HDF5Library.failure("H5Aexists", path: absolute) }
        if existing > 0 { try HDF5Library.check(H5Adelete(object, name), "H5Adelete", path: absolute) }
        let type = try HDF5Library.check(HDF5Writer.makeAttributeType(kind), "H5Tcreate", path: absolute)
        defer { H5Tclose(type) }
        let space = try makeSpace(shape: shape, path: absolute)
        defer { H5Sclose(space) }
        let attribute = try HDF5Library.check(
            H5Acreate2(object, name, type, space, HDF5Library.defaultPlist, HDF5Library.defaultPlist), "H5Acreate2", path: absolute)
        defer { H5Aclose(attribute) }
        let status = try HDF5Writer.withAttributeBuffer(kind, elements) { H5Awrite(attribute, type, $0) }
        try HDF5Library.check(status, "H5Awrite", path: absolute)
    }

    enum AttributeKind { case string, int, double, bool }

    /// The element kind, the elements and the shape (`[]` scalar, `[n]` array) of a JSON value.
    static func attributeLayout(of value: JSONValue, name: String, path: String) throws -> (AttributeKind, [JSONValue], [Int]) {
        func kind(of element: JSONValue) -> AttributeKind? {
            switch element {
            case .string: return .string
            case .int: return .int
            case .double: return .double
            case .bool: return .bool
            default: return nil
            }
        }
        guard case let .array(items) = value else {
            guard let scalar = kind(of: value) else {
                throw HDF5Error.unsupportedAttributeValue(path: path, name: name, reason: "null and objects have no HDF5 attribute form")
            }
            return (scalar, [value], [])
        }
        let kinds = Set(try items.map { item -> AttributeKind in
            guard let itemKind = kind(of: item) else {
                throw HDF5Error.unsupportedAttributeValue(path: path, name: name, reason: "array elements must be strings, numbers or bools")
            }
            return itemKind
        })
        switch kinds {
        case []: return (.double, items, [0])
        case [.int, .double]: return (.double, items, [items.count])
        case let single where single.count == 1: return (single.first ?? .double, items, [items.count])
        default: throw HDF5Error.unsupportedAttributeValue(path: path, name: name, reason: "array mixes element types")
        }
    }

    static func makeAttributeType(_ kind: AttributeKind) -> hid_t {
        switch kind {
        case .int: return H5Tcopy(ganport_h5t_std_i64le())
        case .double: return H5Tcopy(ganport_h5t_ieee_f64le())
        case .bool: return HDF5ElementType.makeType(for: .bool)
        case .string:
            let type = H5Tcopy(ganport_h5t_c_s1())
            guard type >= 0, H5Tset_size(type, ganport_h5t_variable()) >= 0, H5Tset_cset(type, H5T_CSET_UTF8) >= 0 else {
                if type >= 0 { H5Tclose(type) }
                return -1
            }
            return type
        }
    }

    /// Calls `body` with the elements laid out as `kind`'s memory type expects.
    static func withAttributeBuffer(_ kind: AttributeKind, _ elements: [JSONValue], _ body: (UnsafeRawPointer?) -> herr_t) throws -> herr_t {
        switch kind {
        case .int:
            let values = elements.map { $0.intValue ?? 0 }
            return values.withUnsafeBytes { body($0.baseAddress) }
        case .double:
            let values = elements.map { $0.doubleValue ?? 0 }
            return values.withUnsafeBytes { body($0.baseAddress) }
        case .bool:
            let values = elements.map { Int8($0.boolValue == true ? 1 : 0) }
            return values.withUnsafeBytes { body($0.baseAddress) }
        case .string:
            let copies = elements.map { strdup($0.stringValue ?? "") }
            defer { copies.forEach { free($0) } }
            return copies.withUnsafeBytes { body($0.baseAddress) }
        }
    }
}
