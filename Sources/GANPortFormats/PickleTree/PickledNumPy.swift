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
    static let numericModules: Set<String> = ["numpy.core.numeric", "numpy._core.numeric"]

    /// Whether `value` is an ndarray record: `_reconstruct` + BUILD, or (protocol 5)
    /// `numeric._frombuffer(buffer, dtype, shape, order)`.
    static func isArray(_ value: PickleValue) -> Bool {
        guard let global = value.object?.global else { return false }
        return (multiarrayModules.contains(global.module) && global.name == "_reconstruct")
            || (numericModules.contains(global.module) && global.name == "_frombuffer")
    }

    /// Whether `value` is an array or a NumPy scalar (TF-era pickles store 0-d variables as scalars).
    static func isArrayOrScalar(_ value: PickleValue) -> Bool { isArray(value) || isScalar(value) }

    /// An array, or a NumPy scalar as a 0-d tensor.
    static func tensor(_ value: PickleValue, path: String) throws -> StoredTensor {
        guard isScalar(value) else { return try array(value, path: path) }
        guard let object = value.object, let args = object.arguments.tuple, args.count == 2, case let .bytes(data) = args[1] else {
            throw PickledNumPyError.malformedArray("scalar record", path: path)
        }
        let (dtype, bigEndian) = try dtype(args[0], path: path)
        guard data.count == dtype.byteSize else { throw PickledNumPyError.sizeMismatch(path: path, expected: dtype.byteSize, actual: data.count) }
        return try StoredTensor(dtype: dtype, shape: [], bytes: bigEndian ? byteSwapped(data, itemSize: dtype.byteSize) : data)
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
        guard let object = value.object else { throw PickledNumPyError.malformedArray("not an object", path: path) }
        let shapeValue, dtypeValue, payload: PickleValue
        let fortran: Bool
        if let global = object.global, global.name == "_frombuffer" {
            guard let args = object.arguments.tuple, args.count == 4, let order = args[3].string, order == "C" || order == "F" else {
                throw PickledNumPyError.malformedArray("_frombuffer arguments are not (buffer, dtype, shape, order)", path: path)
            }
            (payload, dtypeValue, shapeValue, fortran) = (args[0], args[1], args[2], order == "F")
        } else {
            guard let state = object.state?.tuple, state.count == 5, let flag = state[3].int else {
                throw PickledNumPyError.malformedArray("BUILD state is not (version, shape, dtype, fortran, data)", path: path)
            }
            (shapeValue, dtypeValue, fortran, payload) = (state[1], state[2], flag != 0, state[4])
        }
        let shape = try TorchTensorDecoder.integers(shapeValue, what: "numpy shape", path: path)
        let (dtype, bigEndian) = try dtype(dtypeValue, path: path)
        guard case let .bytes(data) = payload else {
            if payload.listItems != nil { throw PickledNumPyError.objectArray(path: path) }
            throw PickledNumPyError.malformedArray("payload is not bytes", path: path)
        }
        guard let count = StoredTensor.checkedElementCount(shape), !count.multipliedReportingOverflow(by: dtype.byteSize).overflow else {
            throw PickledNumPyError.malformedArray("shape overflows", path: path)
        }
        let expected = count * dtype.byteSize
        guard expected == data.count else { throw PickledNumPyError.sizeMismatch(path: path, expected: expected, actual: data.count) }
        let bytes = bigEndian ? byteSwapped(data, itemSize: dtype.byteSize) : data
        var strides = StoredTensor.contiguousStrides(for: shape)
        if fortran {
            strides = StoredTensor.contiguousStrides(for: shape.reversed()).reversed()
        }
        return try StoredTensor(dtype: dtype, shape: shape, strides: strides, storage: TensorStorage(bytes))
    }

    /// The value of a NumPy scalar record as JSON (numbers and booleans).
    static func scalar(_ value: PickleValue, path: String) throws -> JSONValue {
        try tensor(value, path: path).jsonElements().first ?? .null
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
