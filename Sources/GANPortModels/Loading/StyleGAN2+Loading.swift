import GANPortFormats
import GANPortTensor

extension StyleGAN2 {
    /// A StyleGAN2-ADA network built from a decoded NVIDIA pickle module: configuration from its
    /// `_init_kwargs`, then its state dict (official keys, every tensor checked).
    public static func module(from network: NetworkModule, entry: String = "") throws -> any Module {
        let module: any Module
        let stateDict = try StateDicts.floats(network.stateDict())
        switch network.className {
        case "Generator": module = try Generator(config: try GeneratorConfig(initKwargs: network.initKwargs), stateDict: stateDict)
        case "Discriminator": module = try Discriminator(config: try DiscriminatorConfig(initKwargs: network.initKwargs), stateDict: stateDict)
        case "MappingNetwork":
            let config = try MappingNetworkConfig(initKwargs: network.initKwargs)
            let (inferred, zDim, cDim, wDim) = try MappingKwargs.inferred(ShapeTable(stateDict), prefix: "")
            let fits = inferred.signature(cDim: cDim, wDim: wDim) == config.kwargs.signature(cDim: config.cDim, wDim: config.wDim)
                && (zDim, cDim, wDim) == (config.zDim, config.cDim, config.wDim)
            guard fits else { throw ModelLoadError.configDoesNotFit(["mapping widths"]) }
            module = MappingNetwork(config: config)
        case "SynthesisNetwork":
            let config = try SynthesisNetworkConfig(initKwargs: network.initKwargs)
            let prefixed = stateDict.map { (name: "synthesis." + $0.name, tensor: $0.tensor) }
            let inferred = try GeneratorConfig(inferringFrom: prefixed + Self.placeholderMapping(wDim: config.wDim))
            var asGenerator = inferred
            asGenerator.synthesis = config.kwargs
            asGenerator.imgResolution = config.imgResolution
            asGenerator.imgChannels = config.imgChannels
            asGenerator.wDim = config.wDim
            try asGenerator.checkFits(inferred)
            module = SynthesisNetwork(config: config)
        default:
            throw ModelLoadError.wrongClass(entry: entry, expected: "Generator, MappingNetwork, SynthesisNetwork or Discriminator",
                                            found: network.className)
        }
        if !(module is Generator || module is Discriminator) { try module.load(stateDict: stateDict) }
        return module
    }

    /// The module at a dotted entry of a network pickle (`G_ema`, `G_ema.mapping`, `D`).
    public static func module(from pickle: NetworkPickle, entry: String) throws -> any Module {
        try module(from: try networkModule(in: pickle, entry: entry), entry: entry)
    }

    /// The decoded module at a dotted entry of a network pickle.
    static func networkModule(in pickle: NetworkPickle, entry: String) throws -> NetworkModule {
        let parts = entry.split(separator: ".", maxSplits: 1).map(String.init)
        guard let key = parts.first, let network = pickle.network(key) else {
            throw ModelLoadError.entryNotFound(entry, available: pickle.networks.map(\.key))
        }
        guard let target = parts.count > 1 ? network.module(at: parts[1]) : network else {
            throw ModelLoadError.entryNotFound(entry, available: network.children.map { key + "." + $0.name })
        }
        return target
    }

    /// A minimal mapping state dict so a synthesis-only state dict can go through generator inference.
    static func placeholderMapping(wDim: Int) -> StateDict {
        [(name: "mapping.fc0.weight", tensor: Tensor<Float>.zeros([wDim, 1]))]
    }

    /// Decodes the NVIDIA network pickle at `path` (nothing in it is executed).
    static func networkPickle(path: String) throws -> NetworkPickle {
        let bytes = try ByteBuffer.map(path: path).all
        guard case let .networkPickle(pickle) = try PickleFileReader.decode(bytes).content else {
            throw ModelLoadError.unsupportedContent("\(path): not an NVIDIA network pickle")
        }
        return pickle
    }

    /// Loads the module at `entry` of any checkpoint `path` as class `T`.
    static func load<T: Module>(_ type: T.Type, className: String, path: String, entry: String,
                                build: (JSONValue?, StateDict) throws -> T) throws -> T {
        let bytes = try ByteBuffer.map(path: path).all
        if try CheckpointReader.detectFormat(bytes, path: path) == .pickle {
            switch try PickleFileReader.decode(bytes).content {
            case let .networkPickle(pickle):
                let network = try networkModule(in: pickle, entry: entry)
                guard network.className == className else {
                    throw ModelLoadError.wrongClass(entry: entry, expected: className, found: network.className)
                }
                return try build(network.initKwargs, try StateDicts.floats(network.stateDict()))
            case let .tfNetworkPickle(pickle):
                let converted = try TFConversion.convert(pickle, key: entry)
                return try build(converted.kwargs, converted.stateDict)
            case let .generic(tensors, _):
                return try build(nil, try StateDicts.floats(StateDicts.scoped(tensors, prefix: entry)))
            }
        }
        let checkpoint = try CheckpointReader.read(path: path)
        return try build(recordedKwargs(checkpoint.metadata, entry: entry), try StateDicts.floats(StateDicts.scoped(checkpoint.tensors, prefix: entry)))
    }

    /// Constructor kwargs recorded by `ganport convert` (`ganport.source_metadata` → networks → entry → init_kwargs).
    static func recordedKwargs(_ metadata: [(String, JSONValue)], entry: String) -> JSONValue? {
        guard let text = metadata.first(where: { $0.0 == "ganport.source_metadata" })?.1.stringValue,
              let source = try? JSONText.parse(text) else { return nil }
        return source["networks"]?[entry]?["init_kwargs"]
    }
}

extension StyleGAN2.Generator {
    /// Builds a generator with `config` and loads `stateDict` (official keys).
    /// The sizes of `config` are checked against the tensors before anything is allocated.
    public convenience init(config: StyleGAN2.GeneratorConfig, stateDict: StateDict) throws {
        try config.checkFits(try StyleGAN2.GeneratorConfig(inferringFrom: stateDict))
        self.init(config: config)
        try load(stateDict: stateDict)
    }

    /// Loads a generator from any checkpoint: an NVIDIA network pickle (config from the pickled
    /// constructor arguments; `key` such as `G_ema` or `G`), a TF-era NVIDIA pickle (converted by
    /// the official `legacy.py` rules; `G_ema` = `Gs`), or a state dict (safetensors, PyTorch,
    /// HDF5, NumPy; keys with or without the `key.` prefix) whose config comes from `config`,
    /// from the metadata `ganport convert` records, or from the tensor shapes.
    public static func load(path: String, key: String = "G_ema", config: StyleGAN2.GeneratorConfig? = nil) throws -> StyleGAN2.Generator {
        try StyleGAN2.load(StyleGAN2.Generator.self, className: "Generator", path: path, entry: key) { kwargs, stateDict in
            let resolved = try config ?? kwargs.map(StyleGAN2.GeneratorConfig.init(initKwargs:))
                ?? StyleGAN2.GeneratorConfig(inferringFrom: stateDict)
            return try StyleGAN2.Generator(config: resolved, stateDict: stateDict)
        }
    }
}

extension StyleGAN2.Discriminator {
    /// Builds a discriminator with `config` and loads `stateDict` (official keys).
    /// The sizes of `config` are checked against the tensors before anything is allocated.
    public convenience init(config: StyleGAN2.DiscriminatorConfig, stateDict: StateDict) throws {
        try config.checkFits(try StyleGAN2.DiscriminatorConfig(inferringFrom: stateDict))
        self.init(config: config)
        try load(stateDict: stateDict)
    }

    /// Loads a discriminator (`key` `D`) from any checkpoint; see `Generator.load(path:key:config:)`.
    public static func load(path: String, key: String = "D", config: StyleGAN2.DiscriminatorConfig? = nil) throws -> StyleGAN2.Discriminator {
        try StyleGAN2.load(StyleGAN2.Discriminator.self, className: "Discriminator", path: path, entry: key) { kwargs, stateDict in
            let resolved = try config ?? kwargs.map(StyleGAN2.DiscriminatorConfig.init(initKwargs:))
                ?? StyleGAN2.DiscriminatorConfig(inferringFrom: stateDict)
            return try StyleGAN2.Discriminator(config: resolved, stateDict: stateDict)
        }
    }
}
