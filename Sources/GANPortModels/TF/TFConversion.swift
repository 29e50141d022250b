import GANPortFormats
import GANPortTensor

/// Errors converting a TensorFlow-era NVIDIA pickle.
public enum TFConversionError: Error, Equatable, CustomStringConvertible {
    /// `legacy.py` refuses state versions below 4.
    case versionTooLow(network: String, version: Int64)
    /// A static kwarg `legacy.py` does not know.
    case unknownKwarg(network: String, name: String)
    /// The build function is not a StyleGAN2 generator or discriminator.
    case unsupportedNetwork(network: String, buildFunction: String)
    /// Progressive-growing (`ToRGB_lod*` / `FromRGB_lod*`) networks, which `legacy.py` cannot convert either.
    case progressiveGrowing(network: String)
    /// Official keys without a rule, TF variables a rule needs but the pickle lacks, shape mismatches
    /// and unused TF variables, all at once.
    case incomplete(network: String, StateDictError)

    public var description: String {
        switch self {
        case let .versionTooLow(network, version): return "TF network \(network): state version \(version) is below 4"
        case let .unknownKwarg(network, name): return "TF network \(network): unknown static kwarg '\(name)'"
        case let .unsupportedNetwork(network, function): return "TF network \(network): build function '\(function)' is not supported"
        case let .progressiveGrowing(network): return "TF network \(network): progressive-growing (lod) layers are not supported"
        case let .incomplete(network, problems): return "TF network \(network): \(problems.description)"
        }
    }
}

/// Converts TF-era NVIDIA pickles into the official PyTorch networks the way the official
/// `legacy.py` does: constructor kwargs from the TF `static_kwargs`, then every official
/// state-dict key filled from one TF variable by the declarative rule table `TFRule`.
public enum TFConversion {
    /// The constructor kwargs (official nesting) and the state dict of network `key`
    /// (`G_ema` or `Gs`, `G`, `D`).
    public static func convert(_ pickle: TFNetworkPickle, key: String) throws -> (kwargs: JSONValue, stateDict: StateDict) {
        let tfKey = key == "G_ema" ? "Gs" : key
        guard let network = pickle.network(tfKey) ?? pickle.network(key) else {
            throw ModelLoadError.entryNotFound(key, available: pickle.networks.map { $0.key == "Gs" ? "G_ema" : $0.key })
        }
        guard network.version >= 4 else { throw TFConversionError.versionTooLow(network: tfKey, version: network.version) }
        let variables = network.flattenedVariables()
        if variables.contains(where: { $0.name.contains("_lod") }) { throw TFConversionError.progressiveGrowing(network: tfKey) }
        switch network.buildFunctionName {
        case "G_main":
            let kwargs = try generatorKwargs(network.staticKwargs, network: tfKey)
            let model = StyleGAN2.Generator(config: try StyleGAN2.GeneratorConfig(initKwargs: kwargs))
            return (kwargs, try fill(model, rules: TFRule.generator, variables: variables, network: tfKey))
        case "D_stylegan2":
            let kwargs = try discriminatorKwargs(network.staticKwargs, network: tfKey)
            let model = StyleGAN2.Discriminator(config: try StyleGAN2.DiscriminatorConfig(initKwargs: kwargs))
            return (kwargs, try fill(model, rules: TFRule.discriminator, variables: variables, network: tfKey))
        default:
            throw TFConversionError.unsupportedNetwork(network: tfKey, buildFunction: network.buildFunctionName)
        }
    }

    /// Every key of `model`'s state dict from its rule; resample filters keep the constructor's value.
    static func fill(_ model: any Module, rules: [TFRule], variables: [NamedTensor], network: String) throws -> StateDict {
        var byName: [String: StoredTensor] = [:]
        for variable in variables { byName[variable.name] = variable.tensor }
        var used = Set<String>()
        var problems = StateDictError()
        var out: StateDict = []
        for (name, current) in model.stateDict() {
            guard let (rule, captures) = TFRule.match(name, in: rules) else {
                problems.missing.append(name)
                continue
            }
            guard let source = rule.source else { out.append((name, current)); continue }
            let tfName = source(captures)
            guard let stored = byName[tfName] else {
                problems.missing.append("\(name) (TF \(tfName))")
                continue
            }
            used.insert(tfName)
            let value = rule.transform.apply(try Tensor<Float>(stored))
            guard value.shape == current.shape else {
                problems.shapeMismatches.append(.init(name: "\(name) (TF \(tfName))", expected: current.shape, found: value.shape))
                continue
            }
            out.append((name, value))
        }
        problems.unexpected = variables.map(\.name).filter { !used.contains($0) && !TFRule.ignoredVariables.contains($0) }
        guard problems.isEmpty else { throw TFConversionError.incomplete(network: network, problems) }
        return out
    }
}
