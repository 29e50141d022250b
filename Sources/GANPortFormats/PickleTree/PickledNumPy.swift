/// Errors decoding NumPy values inside pickles (TF-era variables, StyleGAN attributes).
public enum PickledNumPyError: Error, Equatable, CustomStringConvertible {
    /// The `numpy.dtype` record is malformed or names a type GANPort does not hold.
    case unsupportedDType(String, path: String)
    /// The array's `BUILD` state is not `(version, shape, dtype, fortran, data)`.
    case malformedArray(String, path: String)
    /// The array holds Python objects (its payload would be more pickle): refused.
    case objectArray(path: String)
    /// The data byte count disagrees with shape × item size.
    case sizeMismatch(path: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case let .unsupportedDType(d, path): return "\(path): unsupported numpy dtype \(d)"
        case let .malformedArray(what, path): return "\(path): malformed numpy array (\(what))"
        case let .objectArray(path): return "\(path): numpy object array refused"
        case let .sizeMismatch(path, expected, actual): return "\(path): numpy data has \(actual) bytes, shape needs \(expected)"
        }
    }
}

/// Decodes `numpy.core.multiarray._reconstruct` arrays and `numpy.core.multiarray.scalar`
/// values from an inert pickle tree (both `numpy.core` and `numpy._core` spellings).
enum PickledNumPy {
    static let multiarrayModules: Set<String> = ["numpy.core.multiarray", "numpy._core.multiarray"]

    /// Whether `value` is an ndarray record.
    static func isArray(_ value: PickleValue) -> Bool {
        guard let global = value.object?.global else { return false }
        return multiarrayModules.contains(global.module) && global.name == "_reconstruct"
    }

    /// Whether `value` is a NumPy scalar record.
    static func isScalar(_ value: PickleValue) -> Bool {
        guard let global = value.object?.global else { return false }
        return multiarrayModules.contains(global.module) && global.name == "scalar"
    }

    /// The dtype and byte order of a `numpy.dtype(...)` record: (dtype, bigEndian).
    static func dtype(_ value: PickleValue, path: String) throws -> (DType, Bool) {
        guard let object = value.object, object.global == PickleGlobal("numpy", "dtype"),
              let descr = object.arguments.tuple?.first?.string else {
            throw PickledNumPyError.unsupportedDType("not a numpy.dtype record", path: path)
        }
        if descr == "O" || descr.hasPrefix("O") { throw PickledNumPyError.objectArray(path: path) }
        guard let dtype = DType(numpyKind: descr) else { throw PickledNumPyError.unsupportedDType(descr, path: path) }
        var bigEndian = false
        if let state = object.state?.tuple, state.count > 1, let order = state[1].string {
            bigEndian = order == ">"
        }
        return (dtype, bigEndian && dtype.byteSize > 1)
    }

    /// The array an `_reconstruct` record builds (zero-copy for little-endian data).
    static func array(_ value: PickleValue, path: String) throws -> StoredTensor {
        guard let object = value.object, let state = object.state?.tuple, state.count == 5 else {
            throw PickledNumPyError.malformedArray("BUILD state is not a 5-tuple", path: path)
        }
        let shape = try TorchTensorDecoder.integers(state[1], what: "numpy shape", path: path)
        let (dtype, bigEndian) = try dtype(state[2], path: path)
        guard let fortran = state[3].int else { throw PickledNumPyError.malformedArray("fortran flag", path: path) }
        guard case let .bytes(data) = state[4] else {
            if state[4].listItems != nil { throw PickledNumPyError.objectArray(path: path) }
            throw PickledNumPyError.malformedArray("payload is not bytes", path: path)
        }
        guard let count = StoredTensor.checkedElementCount(shape), !count.multipliedReportingOverflow(by: dtype.byteSize).overflow else {
            throw PickledNumPyError.malformedArray("shape overflows", path: path)
        }
        let expected = count * dtype.byteSize
        guard expected == data.count else { throw PickledNumPyError.sizeMismatch(path: path, expected: expected, actual: data.count) }
        let bytes = bigEndian ? byteSwapped(data, itemSize: dtype.byteSize) : data
        var strides = StoredTensor.contiguousStrides(for: shape)
        if fortran != 0 {
            strides = StoredTensor.contiguousStrides(for: shape.reversed()).reversed()
        }
        return try StoredTensor(dtype: dtype, shape: shape, strides: strides, storage: TensorStorage(bytes))
    }

    /// The value of a NumPy scalar record as JSON (numbers and booleans).
    static func scalar(_ value: PickleValue, path: String) throws -> JSONValue {
        guard let object = value.object, let args = object.arguments.tuple, args.count == 2,
              case let .bytes(data) = args[1] else {
            throw PickledNumPyError.malformedArray("scalar record", path: path)
        }
        let (dtype, bigEndian) = try dtype(args[0], path: path)
        guard data.count == dtype.byteSize else { throw PickledNumPyError.sizeMismatch(path: path, expected: dtype.byteSize, actual: data.count) }
        let bytes = bigEndian ? Array(data.array.reversed()) : data.array
        return ScalarDecoding.json(of: bytes, dtype: dtype)
    }

    static func byteSwapped(_ data: ByteSlice, itemSize: Int) -> ByteSlice {
        var swapped = data.array
        var index = 0
        while index + itemSize <= swapped.count {
            swapped[index..<(index + itemSize)].reverse()
            index += itemSize
        }
        return ByteSlice(swapped)
    }
}

/// Decoding of single little-endian scalars into JSON numbers.
enum ScalarDecoding {
    static func json(of bytes: [UInt8], dtype: DType) -> JSONValue {
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            var value: T = 0
            for (i, byte) in bytes.prefix(MemoryLayout<T>.size).enumerated() { value |= T(truncatingIfNeeded: byte) << (8 * i) }
            return value
        }
        switch dtype {
        case .f64: return .double(Double(bitPattern: load(UInt64.self)))
        case .f32: return .double(Double(Float(bitPattern: load(UInt32.self))))
        case .f16: return .double(Double(FloatConversion.halfToFloat(load(UInt16.self))))
        case .bf16: return .double(Double(Float(bitPattern: UInt32(load(UInt16.self)) << 16)))
        case .i64: return .int(load(Int64.self))
        case .i32: return .int(Int64(load(Int32.self)))
        case .i16: return .int(Int64(load(Int16.self)))
        case .i8: return .int(Int64(load(Int8.self)))
        case .u8: return .int(Int64(load(UInt8.self)))
        case .bool: return .bool(load(UInt8.self) != 0)
        }
    }
}
