/// One tensor entry of a safetensors header, as declared (not yet validated against the buffer).
struct SafetensorsHeaderEntry {
    /// Tensor name (the JSON key).
    let name: String
    /// Declared dtype.
    let dtype: SafetensorsDType
    /// Declared shape.
    let shape: [Int]
    /// Start of the tensor's bytes, relative to the byte buffer.
    let begin: Int
    /// End (exclusive) of the tensor's bytes, relative to the byte buffer.
    let end: Int
}

/// A parsed safetensors header: optional `__metadata__` and the tensor entries in header order.
struct SafetensorsHeader {
    /// `__metadata__` pairs in header order; nil when the key is absent (or `null`).
    var metadata: [(String, String)]?
    /// Tensor entries in the order the header lists them.
    var entries: [SafetensorsHeaderEntry]
}
