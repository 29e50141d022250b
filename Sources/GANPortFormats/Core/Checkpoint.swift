/// A tensor with its flattened name (see SPEC.md, "Flattened names").
public struct NamedTensor: @unchecked Sendable {
    /// Flattened name, e.g. `G_ema.synthesis.b4.const`.
    public let name: String
    /// The stored tensor.
    public let tensor: StoredTensor
    public init(name: String, tensor: StoredTensor) {
        self.name = name
        self.tensor = tensor
    }
}

/// Everything GANPort reads from a checkpoint file: its format, its tensors (in file order),
/// metadata worth showing, and security findings.
public struct Checkpoint: @unchecked Sendable {
    /// The detected container format.
    public var format: CheckpointFormat
    /// Tensors in the order the file holds them.
    public var tensors: [NamedTensor]
    /// Metadata (constructor kwargs, safetensors `__metadata__`, HDF5 attributes, …).
    public var metadata: [(String, JSONValue)]
    /// Security findings; empty for a file that loads without running code in Python.
    public var findings: [SecurityFinding]

    public init(format: CheckpointFormat, tensors: [NamedTensor], metadata: [(String, JSONValue)] = [], findings: [SecurityFinding] = []) {
        self.format = format
        self.tensors = tensors
        self.metadata = metadata
        self.findings = findings
    }

    /// Tensors sorted by name (the manifest order).
    public var sortedTensors: [NamedTensor] { tensors.sorted { $0.name < $1.name } }

    /// The tensor with this name, or nil.
    public func tensor(named name: String) -> StoredTensor? { tensors.first(where: { $0.name == name })?.tensor }
}
