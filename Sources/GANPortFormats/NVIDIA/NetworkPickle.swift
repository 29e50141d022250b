import Crypto
import Foundation

/// An NVIDIA stylegan2-ada-pytorch / stylegan3 network pickle, decoded without running it.
///
/// The top level is a dict such as `{training_set_kwargs, G, D, G_ema, augment_pipe}`; each
/// network is a `torch_utils.persistence` object whose `meta` carries the class name, the
/// module's `__dict__` (parameters, buffers, children, `_init_kwargs`) and the module source.
public struct NetworkPickle: @unchecked Sendable {
    /// Networks by top-level key, in file order (`None` entries omitted).
    public let networks: [(key: String, module: NetworkModule)]
    /// Top-level entries that are not networks (`training_set_kwargs`, …), as JSON.
    public let otherEntries: [(String, JSONValue)]
    /// Distinct embedded module sources.
    public let embeddedSources: [EmbeddedSource]

    /// The network under `key` (`G_ema`), or nil.
    public func network(_ key: String) -> NetworkModule? { networks.first(where: { $0.key == key })?.module }

    /// Flattened tensors `<key>.<state_dict key>` over all networks, in file order.
    public var tensors: [NamedTensor] { networks.flatMap { $0.module.stateDict(prefix: $0.key + ".") } }

    /// Metadata for `inspect`: per-network class and constructor arguments, other entries, sources.
    public var metadata: [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        out.append(("networks", .object(networks.map { entry in
            (entry.key, .object([
                ("class_name", .string(entry.module.className)),
                ("init_args", entry.module.initArgs),
                ("init_kwargs", entry.module.initKwargs),
            ]))
        })))
        out += otherEntries
        out.append(("embedded_sources", .array(embeddedSources.map { source in
            .object([
                ("bytes", .int(Int64(source.text.utf8.count))), ("sha256", .string(source.sha256)),
                ("classes", .array(source.classNames.map(JSONValue.string))),
                ("note", .string("Python source that pickle.load executes; GANPort never runs it")),
            ])
        })))
        return out
    }

    /// Whether `root` has the shape of a network pickle (a dict with at least one persistent network).
    static func looksLikeNetworkPickle(_ root: PickleValue) -> Bool {
        guard let dict = root.dict else { return false }
        return dict.entries.contains { NetworkModuleDecoder.isModule($0.value) }
    }

    /// Decodes a network pickle from its inert tree; tensors are resolved through `decoder`.
    static func decode(_ root: PickleValue, decoder: TorchTensorDecoder, maxDepth: Int) throws -> NetworkPickle {
        guard let dict = root.dict else { throw NetworkPickleError.notANetworkPickle("top level is not a dict") }
        var moduleDecoder = NetworkModuleDecoder(decoder: decoder, maxDepth: maxDepth)
        var networks: [(key: String, module: NetworkModule)] = []
        var others: [(String, JSONValue)] = []
        for entry in dict.entries {
            let key = PickleValue.keyString(entry.key)
            if NetworkModuleDecoder.isModule(entry.value) {
                networks.append((key, try moduleDecoder.module(entry.value, path: key, depth: 0)))
            } else {
                others.append((key, entry.value.jsonValue()))
            }
        }
        guard !networks.isEmpty else { throw NetworkPickleError.notANetworkPickle("no networks found") }
        return NetworkPickle(networks: networks, otherEntries: others, embeddedSources: moduleDecoder.sources)
    }
}

/// Decodes module objects (persistent or plain `copyreg._reconstructor` ones) into `NetworkModule`s.
struct NetworkModuleDecoder {
    let decoder: TorchTensorDecoder
    let maxDepth: Int
    private(set) var sources: [EmbeddedSource] = []
    private var sourceIndexByText: [String: Int] = [:]

    init(decoder: TorchTensorDecoder, maxDepth: Int) {
        self.decoder = decoder
        self.maxDepth = maxDepth
    }

    static let persistentConstructor = PickleGlobal("torch_utils.persistence", "_reconstruct_persistent_obj")
    static let plainConstructor = PickleGlobal("copyreg", "_reconstructor")

    /// Whether `value` is a module object this decoder understands.
    static func isModule(_ value: PickleValue) -> Bool {
        guard let object = value.object, let global = object.global else { return false }
        if global == persistentConstructor { return true }
        if global == plainConstructor, let state = object.state?.dict { return state["_modules"] != nil }
        return false
    }

    mutating func module(_ value: PickleValue, path: String, depth: Int) throws -> NetworkModule {
        guard depth <= maxDepth else { throw NetworkPickleError.nestingTooDeep(path: path) }
        guard let object = value.object, let global = object.global else {
            throw NetworkPickleError.malformedModuleState("not an object", path: path)
        }
        let className: String
        let state: PickleDict
        var sourceIndex: Int?
        if global == NetworkModuleDecoder.persistentConstructor {
            guard let meta = object.arguments.tuple?.first?.dict else {
                throw NetworkPickleError.malformedPersistentObject("meta is not a dict", path: path)
            }
            guard let version = meta["version"]?.int else { throw NetworkPickleError.malformedPersistentObject("no version", path: path) }
            guard version == 6 else { throw NetworkPickleError.unsupportedPersistenceVersion(version, path: path) }
            guard meta["type"]?.string == "class" else { throw NetworkPickleError.malformedPersistentObject("type is not 'class'", path: path) }
            guard let name = meta["class_name"]?.string else { throw NetworkPickleError.malformedPersistentObject("no class_name", path: path) }
            guard let metaState = meta["state"]?.dict else { throw NetworkPickleError.malformedPersistentObject("state is not a dict", path: path) }
            className = name
            state = metaState
            if let source = meta["module_src"]?.string { sourceIndex = record(source: source, className: name) }
        } else {
            guard let args = object.arguments.tuple, case let .global(cls)? = args.first else {
                throw NetworkPickleError.malformedModuleState("_reconstructor without a class", path: path)
            }
            guard let objectState = object.state?.dict else { throw NetworkPickleError.malformedModuleState("no state", path: path) }
            className = cls.name
            state = objectState
        }

        let parameters = try tensors(in: state["_parameters"], path: path, what: "_parameters").compactMap { $0 }
        let nonPersistent = Set(state["_non_persistent_buffers_set"]?.listItems?.compactMap(\.string) ?? [])
        var buffers: [NamedTensor] = []
        var omitted: [String] = []
        for (name, tensor) in try namedEntries(state["_buffers"], path: path, what: "_buffers") {
            if let tensor, !nonPersistent.contains(name) {
                buffers.append(NamedTensor(name: name, tensor: tensor))
            } else {
                omitted.append(name)
            }
        }
        var children: [(name: String, module: NetworkModule)] = []
        guard let modules = state["_modules"]?.dict else { throw NetworkPickleError.malformedModuleState("_modules is not a dict", path: path) }
        for entry in modules.entries {
            let name = PickleValue.keyString(entry.key)
            if entry.value.isNone { continue }
            children.append((name, try module(entry.value, path: "\(path).\(name)", depth: depth + 1)))
        }
        let attributes = state.entries.compactMap { entry -> (String, JSONValue)? in
            let key = PickleValue.keyString(entry.key)
            if key.hasPrefix("_") || key == "training" { return nil }
            return (key, entry.value.jsonValue())
        }
        return NetworkModule(
            className: className, parameters: parameters, buffers: buffers, omittedBuffers: omitted, children: children,
            attributes: attributes, initArgs: state["_init_args"]?.jsonValue() ?? .array([]),
            initKwargs: state["_init_kwargs"]?.jsonValue() ?? .object([]), sourceIndex: sourceIndex)
    }

    private func tensors(in value: PickleValue?, path: String, what: String) throws -> [NamedTensor?] {
        try namedEntries(value, path: path, what: what).map { name, tensor in tensor.map { NamedTensor(name: name, tensor: $0) } }
    }

    private func namedEntries(_ value: PickleValue?, path: String, what: String) throws -> [(String, StoredTensor?)] {
        guard let dict = value?.dict else { throw NetworkPickleError.malformedModuleState("\(what) is not a dict", path: path) }
        return try dict.entries.map { entry in
            let name = PickleValue.keyString(entry.key)
            if entry.value.isNone { return (name, nil) }
            guard let tensor = try decoder.tensor(from: entry.value, path: "\(path).\(name)") else {
                throw NetworkPickleError.malformedModuleState("\(what) entry \(name) is not a tensor", path: path)
            }
            return (name, tensor)
        }
    }

    private mutating func record(source: String, className: String) -> Int {
        if let index = sourceIndexByText[source] {
            if !sources[index].classNames.contains(className) { sources[index].classNames.append(className) }
            return index
        }
        let digest = SHA256.hash(data: Array(source.utf8)).map { String(format: "%02x", $0) }.joined()
        sources.append(EmbeddedSource(text: source, classNames: [className], sha256: digest))
        sourceIndexByText[source] = sources.count - 1
        return sources.count - 1
    }
}
