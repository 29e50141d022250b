/// One `dnnlib.tflib.network.Network` of a TensorFlow-era NVIDIA pickle, decoded as data.
public final class TFNetwork: @unchecked Sendable {
    /// The network's name (`G`, `G_mapping`, …).
    public let name: String
    /// State format version (2–4).
    public let version: Int64
    /// The build function (`G_main`, `G_synthesis_stylegan2`, `D_stylegan2`, …).
    public let buildFunctionName: String
    /// Keyword arguments of the build function, JSON.
    public let staticKwargs: JSONValue
    /// Own variables in file order (`Dense0/weight`, …), NumPy arrays decoded exactly.
    public let variables: [NamedTensor]
    /// Sub-networks (`mapping`, `synthesis`).
    public let components: [(name: String, network: TFNetwork)]

    init(name: String, version: Int64, buildFunctionName: String, staticKwargs: JSONValue, variables: [NamedTensor],
         components: [(name: String, network: TFNetwork)]) {
        self.name = name
        self.version = version
        self.buildFunctionName = buildFunctionName
        self.staticKwargs = staticKwargs
        self.variables = variables
        self.components = components
    }

    /// Variables flattened the way the official `legacy.py` does: own ones, then each
    /// component's with `<component>/` prefixed (`mapping/Dense0/weight`).
    public func flattenedVariables(prefix: String = "") -> [NamedTensor] {
        variables.map { NamedTensor(name: prefix + $0.name, tensor: $0.tensor) }
            + components.flatMap { $0.network.flattenedVariables(prefix: prefix + $0.name + "/") }
    }

    /// The flattened variable with this name (`synthesis/4x4/Const/const`), or nil.
    public func variable(_ name: String) -> StoredTensor? { flattenedVariables().first(where: { $0.name == name })?.tensor }

    var metadata: JSONValue {
        .object([
            ("name", .string(name)), ("version", .int(version)), ("build_func_name", .string(buildFunctionName)),
            ("static_kwargs", staticKwargs),
            ("components", .object(components.map { ($0.name, $0.network.metadata) })),
        ])
    }
}

/// A TensorFlow-era NVIDIA pickle: `(G, D, Gs)` (or a dict of networks).
public struct TFNetworkPickle: @unchecked Sendable {
    /// Networks by name (`G`, `D`, `Gs`) in file order.
    public let networks: [(key: String, network: TFNetwork)]

    /// The network under `key`, or nil.
    public func network(_ key: String) -> TFNetwork? { networks.first(where: { $0.key == key })?.network }

    /// `<G|D|Gs>.<flattened variable>` for every variable.
    public var tensors: [NamedTensor] {
        networks.flatMap { entry in entry.network.flattenedVariables().map { NamedTensor(name: entry.key + "." + $0.name, tensor: $0.tensor) } }
    }

    /// Per-network build function, version and static kwargs.
    public var metadata: [(String, JSONValue)] { [("networks", .object(networks.map { ($0.key, $0.network.metadata) }))] }

    static let networkClass = PickleGlobal("dnnlib.tflib.network", "Network")

    static func isNetwork(_ value: PickleValue) -> Bool { value.object?.global == networkClass }

    /// Whether `root` is a tuple or dict of TF networks.
    static func looksLikeTFPickle(_ root: PickleValue) -> Bool {
        if let items = root.tuple { return !items.isEmpty && items.allSatisfy(isNetwork) }
        if let dict = root.dict { return dict.entries.contains { isNetwork($0.value) } }
        return false
    }

    /// Decodes the networks of a TF-era pickle.
    static func decode(_ root: PickleValue, maxDepth: Int) throws -> TFNetworkPickle {
        var networks: [(key: String, network: TFNetwork)] = []
        if let items = root.tuple {
            let names = items.count == 3 ? ["G", "D", "Gs"] : items.indices.map(String.init)
            for (name, item) in zip(names, items) { networks.append((name, try network(item, path: name, depth: 0, maxDepth: maxDepth))) }
        } else if let dict = root.dict {
            for entry in dict.entries where isNetwork(entry.value) {
                let key = PickleValue.keyString(entry.key)
                networks.append((key, try network(entry.value, path: key, depth: 0, maxDepth: maxDepth)))
            }
        }
        guard !networks.isEmpty else { throw NetworkPickleError.notANetworkPickle("no TensorFlow networks found") }
        return TFNetworkPickle(networks: networks)
    }

    static func network(_ value: PickleValue, path: String, depth: Int, maxDepth: Int) throws -> TFNetwork {
        guard depth <= maxDepth else { throw NetworkPickleError.nestingTooDeep(path: path) }
        guard let state = value.object?.state?.dict else { throw NetworkPickleError.malformedTFNetwork("no state dict", path: path) }
        guard let version = state["version"]?.int else { throw NetworkPickleError.malformedTFNetwork("no version", path: path) }
        guard (2...4).contains(version) else { throw NetworkPickleError.unsupportedTFNetworkVersion(version, path: path) }
        guard let name = state["name"]?.string else { throw NetworkPickleError.malformedTFNetwork("no name", path: path) }
        guard let variableList = state["variables"]?.sequence else { throw NetworkPickleError.malformedTFNetwork("no variables list", path: path) }
        var variables: [NamedTensor] = []
        for item in variableList {
            guard let pair = item.sequence, pair.count == 2, let varName = pair[0].string else {
                throw NetworkPickleError.malformedTFNetwork("variable entry is not (name, array)", path: path)
            }
            guard PickledNumPy.isArrayOrScalar(pair[1]) else {
                throw NetworkPickleError.malformedTFNetwork("variable \(varName) is not a numpy array", path: path)
            }
            variables.append(NamedTensor(name: varName, tensor: try PickledNumPy.tensor(pair[1], path: "\(path).\(varName)")))
        }
        var components: [(name: String, network: TFNetwork)] = []
        if let componentDict = state["components"]?.dict {
            for entry in componentDict.entries {
                let key = PickleValue.keyString(entry.key)
                components.append((key, try network(entry.value, path: "\(path)/\(key)", depth: depth + 1, maxDepth: maxDepth)))
            }
        }
        return TFNetwork(
            name: name, version: version, buildFunctionName: state["build_func_name"]?.string ?? "",
            staticKwargs: state["static_kwargs"]?.jsonValue() ?? .object([]), variables: variables, components: components)
    }
}
