/// A rule a `.npy` file or `.npz` member broke, or an array `.npy` cannot hold. One case per
/// rule; `name` is the file or `archive.npz/member.npy`.
public enum NumPyError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with `\x93NUMPY`.
    case badMagic(name: String)
    /// A format version other than 1.0, 2.0 or 3.0.
    case unsupportedVersion(name: String, major: UInt8, minor: UInt8)
    /// The file ends inside the magic, the header length or the header.
    case truncatedHeader(name: String, needed: Int, available: Int)
    /// The declared header length is over `NPYHeader.maxHeaderLength`.
    case headerTooLong(name: String, length: Int, limit: Int)
    /// The header is not a dict literal of strings, booleans and integer tuples.
    case malformedHeader(name: String, offset: Int, reason: String)
    /// One of `descr`, `fortran_order`, `shape` is absent.
    case missingKey(name: String, key: String)
    /// A key other than `descr`, `fortran_order`, `shape`.
    case unexpectedKey(name: String, key: String)
    /// A key appears twice.
    case duplicateKey(name: String, key: String)
    /// A key has a value of the wrong kind (`shape` not a tuple of non-negative ints, …).
    case invalidValue(name: String, key: String, reason: String)
    /// A dimension, the element count or the byte size overflows.
    case shapeOverflow(name: String)
    /// A byte-order character other than `<`, `>`, `|` (one-byte types only) or `=`.
    case unsupportedByteOrder(name: String, descr: String)
    /// A dtype GANPort does not hold (complex, unsigned wider than a byte, strings, dates, …).
    case unsupportedDType(name: String, descr: String)
    /// An object array (`|O`): its data is a pickle.
    case objectDType(name: String)
    /// A structured (record) dtype.
    case structuredDType(name: String)
    /// Fewer data bytes than shape × item size.
    case dataTooShort(name: String, expected: Int, actual: Int)
    /// More data bytes than shape × item size.
    case trailingBytes(name: String, expected: Int, actual: Int)
    /// An `.npz` member whose name does not end in `.npy`.
    case notAnArrayMember(name: String)
    /// The dtype has no `.npy` spelling (bfloat16).
    case cannotWriteDType(name: String, dtype: DType)

    public var description: String {
        switch self {
        case let .badMagic(name): return "\(name): not a .npy file (bad magic)"
        case let .unsupportedVersion(name, major, minor): return "\(name): unsupported .npy version \(major).\(minor)"
        case let .truncatedHeader(name, needed, available): return "\(name): header needs \(needed) bytes, \(available) present"
        case let .headerTooLong(name, length, limit): return "\(name): header of \(length) bytes is over the limit of \(limit)"
        case let .malformedHeader(name, offset, reason): return "\(name): malformed header at offset \(offset): \(reason)"
        case let .missingKey(name, key): return "\(name): header lacks '\(key)'"
        case let .unexpectedKey(name, key): return "\(name): unexpected header key '\(key)'"
        case let .duplicateKey(name, key): return "\(name): header key '\(key)' appears twice"
        case let .invalidValue(name, key, reason): return "\(name): header '\(key)' \(reason)"
        case let .shapeOverflow(name): return "\(name): shape size overflows"
        case let .unsupportedByteOrder(name, descr): return "\(name): unsupported byte order in dtype '\(descr)'"
        case let .unsupportedDType(name, descr): return "\(name): unsupported dtype '\(descr)'"
        case let .objectDType(name): return "\(name): object arrays hold pickles and are refused"
        case let .structuredDType(name): return "\(name): structured dtypes are not supported"
        case let .dataTooShort(name, expected, actual): return "\(name): data holds \(actual) bytes, shape needs \(expected)"
        case let .trailingBytes(name, expected, actual): return "\(name): \(actual - expected) bytes after the \(expected) data bytes"
        case let .notAnArrayMember(name): return "\(name): .npz member is not a .npy file"
        case let .cannotWriteDType(name, dtype): return "\(name): \(dtype.rawValue) cannot be written as .npy"
        }
    }
}
