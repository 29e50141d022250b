/// One `torch.nn.Module` of an NVIDIA network pickle, rebuilt as inert data.
///
/// Holds what the official `state_dict()` holds (parameters, persistent buffers, children, in
/// registration order) plus the constructor arguments the persistence layer records, so a
/// model's configuration is recovered exactly without running the embedded source.
public final class NetworkModule: @unchecked Sendable {
    /// The class name (`Generator`, `SynthesisLayer`, …).
    public let className: String
    /// Parameters in registration order (`None` parameters omitted, as `state_dict()` omits them).
    public let parameters: [NamedTensor]
    /// Persistent buffers in registration order (`None` and non-persistent buffers omitted).
    public let buffers: [NamedTensor]
    /// Names of registered buffers that are `None` or non-persistent (absent from the state dict).
    public let omittedBuffers: [String]
    /// Child modules in registration order (`None` children omitted).
    public let children: [(name: String, module: NetworkModule)]
    /// The class's own plain attributes (`z_dim`, `architecture`, …) as JSON.
    public let attributes: [(String, JSONValue)]
    /// Constructor positional arguments (`_init_args`), JSON.
    public let initArgs: JSONValue
    /// Constructor keyword arguments (`_init_kwargs`), JSON with nested `EasyDict`s as objects.
    public let initKwargs: JSONValue
    /// Index into `NetworkPickle.embeddedSources` of the module source this class came from.
    public let sourceIndex: Int?

    init(className: String, parameters: [NamedTensor], buffers: [NamedTensor], omittedBuffers: [String],
         children: [(name: String, module: NetworkModule)], attributes: [(String, JSONValue)],
         initArgs: JSONValue, initKwargs: JSONValue, sourceIndex: Int?) {
        self.className = className
        self.parameters = parameters
        self.buffers = buffers
        self.omittedBuffers = omittedBuffers
        self.children = children
        self.attributes = attributes
        self.initArgs = initArgs
        self.initKwargs = initKwargs
        self.sourceIndex = sourceIndex
    }

    /// The state dict in the official order: own parameters, own buffers, then each child's.
    public func stateDict(prefix: String = "") -> [NamedTensor] {
        var out: [NamedTensor] = []
        appendStateDict(prefix: prefix, into: &out)
        return out
    }

    private func appendStateDict(prefix: String, into out: inout [NamedTensor]) {
        for entry in parameters + buffers { out.append(NamedTensor(name: prefix + entry.name, tensor: entry.tensor)) }
        for child in children { child.module.appendStateDict(prefix: prefix + child.name + ".", into: &out) }
    }

    /// The child module at a dotted path (`synthesis.b4`), or nil.
    public func module(at path: String) -> NetworkModule? {
        var current: NetworkModule? = self
        for part in path.split(separator: ".") where !part.isEmpty {
            current = current?.children.first(where: { $0.name == part })?.module
        }
        return current
    }

    /// The attribute with this name, or nil.
    public func attribute(_ name: String) -> JSONValue? { attributes.first(where: { $0.0 == name })?.1 }
}

/// Python source embedded in an NVIDIA network pickle (`meta['module_src']`).
/// GANPort treats it as data: it is reported, hashed and kept for export, never executed.
public struct EmbeddedSource: Sendable {
    /// The source text's UTF-8 bytes.
    public let text: String
    /// Classes defined from this source (`Generator`, …), in first-use order.
    public internal(set) var classNames: [String]
    /// SHA-256 of the UTF-8 text, hex.
    public let sha256: String
}
