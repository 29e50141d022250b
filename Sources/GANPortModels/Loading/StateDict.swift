import GANPortFormats
import GANPortTensor

/// A state dict of float tensors with official keys, as modules load it.
public typealias StateDict = [(name: String, tensor: Tensor<Float>)]

enum StateDicts {
    /// Float32 tensors of stored tensors (F16/BF16/F64 converted), names kept.
    static func floats(_ tensors: [NamedTensor]) throws -> StateDict {
        try tensors.map { entry in
            guard entry.tensor.dtype.isFloatingPoint else { throw ModelLoadError.notFloatingPoint(entry.name) }
            return (entry.name, try Tensor<Float>(entry.tensor))
        }
    }

    /// The tensors under `prefix.` with the prefix removed, or all tensors when none has the prefix.
    static func scoped(_ tensors: [NamedTensor], prefix: String) -> [NamedTensor] {
        let dotted = prefix + "."
        let scoped = tensors.filter { $0.name.hasPrefix(dotted) }
        guard !scoped.isEmpty else { return tensors }
        return scoped.map { NamedTensor(name: String($0.name.dropFirst(dotted.count)), tensor: $0.tensor) }
    }
}
