/// Why a safetensors file was rejected: one case per validation rule, each with the byte offset
/// (counted from the start of the file) or the tensor name where the rule failed.
///
/// The cases of the reference implementation come first, in the order it checks them; the cases
/// marked *strict* are GANPort's additions to the JSON rules (see SPEC.md, "safetensors").
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file is shorter than the 8-byte header length.
    case headerTooSmall(fileSize: Int)
    /// The declared header length exceeds the 100 000 000-byte limit.
    case headerTooLarge(declaredLength: UInt64, limit: Int)
    /// The declared header length runs past the end of the file.
    case invalidHeaderLength(declaredLength: UInt64, fileSize: Int)
    /// The header is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The header is not well-formed JSON (bad token, bad escape, unterminated value…).
    case malformedJSON(offset: Int, reason: String)
    /// Something other than whitespace follows the header object (e.g. NUL padding).
    case trailingCharacters(offset: Int)
    /// A value has the wrong JSON type (`context` says which value).
    case wrongType(context: String, expected: String, offset: Int)
    /// A `__metadata__` value is not a string.
    case nonStringMetadataValue(key: String, offset: Int)
    /// A tensor entry lacks `dtype`, `shape` or `data_offsets`.
    case missingField(tensor: String, field: String)
    /// A dtype string that safetensors does not define.
    case unknownDType(tensor: String, dtype: String)
    /// *Strict:* the same key appears twice in one JSON object (`context` names the object).
    case duplicateKey(key: String, context: String, offset: Int)
    /// *Strict:* a tensor entry has a field other than `dtype`, `shape`, `data_offsets`.
    case unknownField(tensor: String, field: String, offset: Int)
    /// *Strict:* a number in `shape` or `data_offsets` is not a plain non-negative integer
    /// (fraction, exponent, sign, leading zero).
    case notAnInteger(tensor: String, field: String, offset: Int)
    /// *Strict:* an integer in `shape` or `data_offsets` exceeds 2^53.
    case integerTooLarge(tensor: String, field: String, offset: Int)
    /// *Strict:* `data_offsets` does not hold exactly two integers.
    case dataOffsetsArity(tensor: String, count: Int, offset: Int)
    /// Offsets (sorted by begin) do not start at 0, leave a gap, overlap, or end before they begin.
    case invalidOffset(tensor: String, begin: Int, end: Int, expectedBegin: Int)
    /// The element count or bit size of a shape overflows.
    case validationOverflow(tensor: String, shape: [Int])
    /// The tensor's size in bits is not a whole number of bytes.
    case misalignedSlice(tensor: String, dtype: String, elementCount: Int)
    /// `end − begin` differs from the byte size implied by dtype and shape.
    case tensorInvalidInfo(tensor: String, expectedBytes: Int, actualBytes: Int)
    /// The tensors do not cover the byte buffer exactly (truncated file or trailing bytes).
    case incompleteBuffer(dataEnd: Int, fileSize: Int)
    /// A valid safetensors dtype that GANPort cannot represent (F8_*, U16, U32, U64, C64, F4, F6_*).
    case unsupportedDType(tensor: String, dtype: String)

    public var description: String {
        switch self {
        case let .headerTooSmall(size):
            return "file has \(size) bytes, fewer than the 8-byte safetensors header length"
        case let .headerTooLarge(length, limit):
            return "declared header length \(length) exceeds the safetensors limit of \(limit) bytes"
        case let .invalidHeaderLength(length, size):
            return "declared header length \(length) runs past the end of the \(size)-byte file"
        case let .invalidUTF8(offset):
            return "header is not valid UTF-8 at byte \(offset)"
        case let .malformedJSON(offset, reason):
            return "header JSON is malformed at byte \(offset): \(reason)"
        case let .trailingCharacters(offset):
            return "header has non-whitespace after the JSON object at byte \(offset)"
        case let .wrongType(context, expected, offset):
            return "\(context) must be \(expected) (byte \(offset))"
        case let .nonStringMetadataValue(key, offset):
            return "__metadata__ value of \"\(key)\" is not a string (byte \(offset))"
        case let .missingField(tensor, field):
            return "tensor \"\(tensor)\" has no \"\(field)\" field"
        case let .unknownDType(tensor, dtype):
            return "tensor \"\(tensor)\" has unknown dtype \"\(dtype)\""
        case let .duplicateKey(key, context, offset):
            return "duplicate key \"\(key)\" in \(context) (byte \(offset))"
        case let .unknownField(tensor, field, offset):
            return "tensor \"\(tensor)\" has unknown field \"\(field)\" (byte \(offset))"
        case let .notAnInteger(tensor, field, offset):
            return "\(field) of tensor \"\(tensor)\" holds a number that is not a non-negative integer (byte \(offset))"
        case let .integerTooLarge(tensor, field, offset):
            return "\(field) of tensor \"\(tensor)\" holds an integer above 2^53 (byte \(offset))"
        case let .dataOffsetsArity(tensor, count, offset):
            return "data_offsets of tensor \"\(tensor)\" has \(count) entries instead of 2 (byte \(offset))"
        case let .invalidOffset(tensor, begin, end, expected):
            return "tensor \"\(tensor)\" has data_offsets [\(begin), \(end)] but the next tensor must begin at \(expected) and end at or after it"
        case let .validationOverflow(tensor, shape):
            return "size of tensor \"\(tensor)\" with shape \(shape) overflows"
        case let .misalignedSlice(tensor, dtype, count):
            return "tensor \"\(tensor)\" (\(count) elements of \(dtype)) is not a whole number of bytes"
        case let .tensorInvalidInfo(tensor, expected, actual):
            return "tensor \"\(tensor)\" spans \(actual) bytes but its dtype and shape need \(expected)"
        case let .incompleteBuffer(dataEnd, size) where dataEnd < size:
            return "tensor data ends at byte \(dataEnd) but the file has \(size) bytes (trailing bytes are not allowed)"
        case let .incompleteBuffer(dataEnd, size):
            return "tensor data ends at byte \(dataEnd) but the file has only \(size) bytes (truncated)"
        case let .unsupportedDType(tensor, dtype):
            return "tensor \"\(tensor)\": dtype \(dtype) is not supported by GANPort"
        }
    }
}
