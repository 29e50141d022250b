/// Why `SafetensorsWriter` refused to write (I/O failures are `FileOutputError`s).
public enum SafetensorsWriterError: Error, Equatable, CustomStringConvertible {
    /// Two tensors have the same name.
    case duplicateTensorName(String)
    /// A tensor is named `__metadata__`, the key reserved for metadata.
    case reservedTensorName(String)
    /// Two metadata pairs have the same key.
    case duplicateMetadataKey(String)
    /// The header would exceed the format's 100 000 000-byte limit.
    case headerTooLarge(length: Int, limit: Int)
    /// A tensor produced a different number of bytes than its shape declares.
    case tensorByteCountMismatch(tensor: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case let .duplicateTensorName(name): return "two tensors are named \"\(name)\""
        case let .reservedTensorName(name): return "tensor name \"\(name)\" is reserved for metadata"
        case let .duplicateMetadataKey(key): return "metadata key \"\(key)\" appears twice"
        case let .headerTooLarge(length, limit): return "header of \(length) bytes exceeds the safetensors limit of \(limit) bytes"
        case let .tensorByteCountMismatch(tensor, expected, actual):
            return "tensor \"\(tensor)\" produced \(actual) bytes instead of \(expected)"
        }
    }
}
