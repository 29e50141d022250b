import GANPortTensor

/// One tensor a module owns directly: a trainable parameter or a buffer, under its own
/// (unprefixed) state-dict name.
public struct ModuleTensor {
    /// The module-local name (`weight`, `noise_const`).
    public let name: String
    /// The tensor (a leaf; parameters have `requiresGrad` set).
    public let tensor: Tensor<Float>
    /// Whether this is a trainable parameter (PyTorch `Parameter`) rather than a buffer.
    public let isParameter: Bool

    /// A trainable parameter (modules set `requiresGrad` on their parameters when they create them).
    public static func parameter(_ name: String, _ tensor: Tensor<Float>) -> ModuleTensor {
        ModuleTensor(name: name, tensor: tensor, isParameter: true)
    }

    /// A buffer: state that is saved and loaded but not trained.
    public static func buffer(_ name: String, _ tensor: Tensor<Float>) -> ModuleTensor {
        ModuleTensor(name: name, tensor: tensor, isParameter: false)
    }
}

/// A network module: named parameters and buffers plus named child modules, like a
/// `torch.nn.Module`. State-dict keys are the official ones: a module's own parameters (in
/// registration order), then its own buffers, then each child's entries prefixed `child.`.
///
/// Parameters are leaf tensors; loading replaces their elements in place, so a module's
/// tensors keep their identity (optimizers and gradient lookups may hold them).
public protocol Module: AnyObject {
    /// Tensors owned directly, in registration order (parameters and buffers interleaved as registered).
    var ownTensors: [ModuleTensor] { get }
    /// Child modules in registration order.
    var children: [(name: String, module: any Module)] { get }
}

extension Module {
    /// Every parameter and buffer, dot-prefixed, in the official `state_dict()` order.
    public func stateDict(prefix: String = "") -> [(name: String, tensor: Tensor<Float>)] {
        var out: [(name: String, tensor: Tensor<Float>)] = []
        visit(prefix: prefix) { name, entry in out.append((name, entry.tensor)) }
        return out
    }

    /// Trainable parameters with their state-dict names, in state-dict order.
    public func namedParameters(prefix: String = "") -> [(name: String, tensor: Tensor<Float>)] {
        var out: [(name: String, tensor: Tensor<Float>)] = []
        visit(prefix: prefix) { name, entry in if entry.isParameter { out.append((name, entry.tensor)) } }
        return out
    }

    /// Buffers with their state-dict names, in state-dict order.
    public func namedBuffers(prefix: String = "") -> [(name: String, tensor: Tensor<Float>)] {
        var out: [(name: String, tensor: Tensor<Float>)] = []
        visit(prefix: prefix) { name, entry in if !entry.isParameter { out.append((name, entry.tensor)) } }
        return out
    }

    /// Trainable parameters (leaf tensors that require grad), in state-dict order.
    public var parameters: [Tensor<Float>] { namedParameters().map(\.tensor) }

    /// Sets `requiresGrad` on every trainable parameter (PyTorch `requires_grad_`).
    public func requiresGrad(_ enabled: Bool) {
        for (_, tensor) in namedParameters() { tensor.requiresGrad = enabled }
    }

    /// Replaces every parameter and buffer with the tensor of the same state-dict name.
    /// All problems (missing keys, unexpected keys, shape mismatches) are reported together in one
    /// `StateDictError`, and nothing is changed unless the whole state dict fits.
    public func load(stateDict: [(name: String, tensor: Tensor<Float>)]) throws {
        let targets = self.stateDict()
        var given: [String: Tensor<Float>] = [:]
        var duplicates: [String] = []
        for (name, tensor) in stateDict {
            if given.updateValue(tensor, forKey: name) != nil { duplicates.append(name) }
        }
        var problems = StateDictError(duplicate: duplicates)
        let expected = Set(targets.map(\.name))
        problems.unexpected = stateDict.map(\.name).filter { !expected.contains($0) }
        for (name, target) in targets {
            guard let source = given[name] else { problems.missing.append(name); continue }
            if source.shape != target.shape {
                problems.shapeMismatches.append(.init(name: name, expected: target.shape, found: source.shape))
            }
        }
        guard problems.isEmpty else { throw problems }
        for (name, target) in targets {
            guard let values = given[name]?.scalars else { continue }
            target.assign { $0 = values }
        }
    }

    private func visit(prefix: String, _ body: (String, ModuleTensor) -> Void) {
        let own = ownTensors
        for entry in own where entry.isParameter { body(prefix + entry.name, entry) }
        for entry in own where !entry.isParameter { body(prefix + entry.name, entry) }
        for (name, child) in children { child.visit(prefix: prefix + name + ".", body) }
    }
}
