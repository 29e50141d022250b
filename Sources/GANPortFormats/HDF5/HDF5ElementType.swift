import CHDF5

/// The element type of an HDF5 dataset as GANPort sees it.
public enum HDF5ElementType: Equatable, Sendable, CustomStringConvertible {
    /// A type GANPort reads into this `DType` (h5py's bool enum reads as `.bool`).
    case supported(DType)
    /// A type without a `DType` (`uint32`, `compound`, `string`, …), with a short description.
    case unsupported(String)

    /// The GANPort dtype, or nil when unsupported.
    public var dtype: DType? { if case let .supported(dtype) = self { return dtype }; return nil }

    public var description: String {
        switch self {
        case let .supported(dtype): return dtype.rawValue
        case let .unsupported(text): return text
        }
    }

    /// Classifies an HDF5 datatype (file or memory).
    static func classify(_ type: hid_t) -> HDF5ElementType {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_FLOAT: return classifyFloat(type, size: size)
        case H5T_INTEGER:
            let signed = H5Tget_sign(type) == H5T_SGN_2
            guard H5Tget_precision(type) == size * 8, H5Tget_offset(type) == 0, isPlainByteOrder(type) else {
                return .unsupported("integer with \(H5Tget_precision(type))-bit precision")
            }
            switch (size, signed) {
            case (1, true): return .supported(.i8)
            case (2, true): return .supported(.i16)
            case (4, true): return .supported(.i32)
            case (8, true): return .supported(.i64)
            case (1, false): return .supported(.u8)
            default: return .unsupported("\(signed ? "int" : "uint")\(size * 8)")
            }
        case H5T_ENUM: return isBoolEnum(type) ? .supported(.bool) : .unsupported("enum")
        case H5T_STRING: return .unsupported("string")
        case H5T_COMPOUND: return .unsupported("compound")
        case H5T_ARRAY: return .unsupported("array")
        case H5T_VLEN: return .unsupported("variable-length sequence")
        case H5T_OPAQUE: return .unsupported("opaque")
        case H5T_REFERENCE: return .unsupported("reference")
        case H5T_BITFIELD: return .unsupported("bitfield")
        case H5T_TIME: return .unsupported("time")
        default: return .unsupported("unknown type class")
        }
    }

    private static func classifyFloat(_ type: hid_t, size: Int) -> HDF5ElementType {
        var spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0
        guard H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) >= 0, isPlainByteOrder(type),
              H5Tget_offset(type) == 0, H5Tget_norm(type) == H5T_NORM_IMPLIED else {
            return .unsupported("float (\(size * 8)-bit, custom layout)")
        }
        let layout = [size, spos, epos, esize, mpos, msize, Int(H5Tget_ebias(type))]
        switch layout {
        case [8, 63, 52, 11, 0, 52, 1023]: return .supported(.f64)
        case [4, 31, 23, 8, 0, 23, 127]: return .supported(.f32)
        case [2, 15, 10, 5, 0, 10, 15]: return .supported(.f16)
        case [2, 15, 7, 8, 0, 7, 127]: return .supported(.bf16)
        default: return .unsupported("float (\(size * 8)-bit, custom layout)")
        }
    }

    private static func isPlainByteOrder(_ type: hid_t) -> Bool {
        let order = H5Tget_order(type)
        return order == H5T_ORDER_LE || order == H5T_ORDER_BE || order == H5T_ORDER_NONE
    }

    /// h5py's bool: a 1-byte integer enum with exactly the members FALSE = 0 and TRUE = 1.
    static func isBoolEnum(_ type: hid_t) -> Bool {
        guard H5Tget_class(type) == H5T_ENUM, H5Tget_nmembers(type) == 2, H5Tget_size(type) == 1 else { return false }
        var members: [String: Int8] = [:]
        for index in 0..<UInt32(2) {
            guard let name = H5Tget_member_name(type, index) else { return false }
            defer { H5free_memory(name) }
            var value: Int8 = -1
            guard H5Tget_member_value(type, index, &value) >= 0 else { return false }
            members[String(cString: name)] = value
        }
        return members == ["FALSE": 0, "TRUE": 1]
    }

    /// A new datatype with `dtype`'s little-endian layout (close it with `H5Tclose`): the memory type
    /// GANPort reads into and the file type it writes (bool as h5py's int8 enum).
    static func makeType(for dtype: DType) -> hid_t {
        switch dtype {
        case .f64: return H5Tcopy(ganport_h5t_ieee_f64le())
        case .f32: return H5Tcopy(ganport_h5t_ieee_f32le())
        case .f16: return ganport_h5t_ieee_f16le_create()
        case .bf16: return ganport_h5t_bf16le_create()
        case .i64: return H5Tcopy(ganport_h5t_std_i64le())
        case .i32: return H5Tcopy(ganport_h5t_std_i32le())
        case .i16: return H5Tcopy(ganport_h5t_std_i16le())
        case .i8: return H5Tcopy(ganport_h5t_std_i8le())
        case .u8: return H5Tcopy(ganport_h5t_std_u8le())
        case .bool:
            let type = H5Tenum_create(ganport_h5t_native_int8())
            guard type >= 0 else { return type }
            var no: Int8 = 0
            var yes: Int8 = 1
            guard H5Tenum_insert(type, "FALSE", &no) >= 0, H5Tenum_insert(type, "TRUE", &yes) >= 0 else {
                H5Tclose(type)
                return -1
            }
            return type
        }
    }
}
