/// The contents of a safetensors file: zero-copy tensors and the `__metadata__` strings.
public struct SafetensorsFile: @unchecked Sendable {
    /// Tensors in data-offset order; each is a slice of the file's bytes (no copy).
    public var tensors: [NamedTensor]
    /// `__metadata__` pairs in header order (empty when the header has none).
    public var metadata: [(String, String)]

    /// Creates a file value.
    public init(tensors: [NamedTensor], metadata: [(String, String)]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor with this name, or nil.
    public func tensor(named name: String) -> StoredTensor? {
        tensors.first(where: { $0.name.utf8.elementsEqual(name.utf8) })?.tensor
    }

    /// As a `Checkpoint` (format `.safetensors`, metadata values as JSON strings).
    public var checkpoint: Checkpoint {
        Checkpoint(format: .safetensors, tensors: tensors, metadata: metadata.map { ($0.0, JSONValue.string($0.1)) })
    }
}
