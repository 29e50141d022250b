import GANPortTensor

/// Recovers configurations from the tensor shapes of a bare state dict (official keys).
///
/// Shapes determine the architecture, every width and resolution, the mapping depth, the
/// conditioning, the kernel size, noise inputs and the resample filter (from its stored buffer).
/// What shapes cannot tell takes the official constructor defaults: `conv_clamp` (None),
/// `num_fp16_res` (0), `lr_multiplier` (0.01), `w_avg_beta` (0.995), activations (`lrelu`),
/// `mbstd_group_size` (4), `freeze_layers` (0). Pass a config (or config JSON) when these differ:
/// `conv_clamp` in particular changes the numbers (official training configs use 256).
struct ShapeTable {
    let shapes: [String: [Int]]
    let filters: [String: Tensor<Float>]

    init(_ stateDict: StateDict) {
        shapes = Dictionary(stateDict.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { first, _ in first })
        filters = Dictionary(stateDict.filter { $0.name.hasSuffix("resample_filter") }.map { ($0.name, $0.tensor) },
                             uniquingKeysWith: { first, _ in first })
    }

    func shape(_ key: String, rank: Int) throws -> [Int] {
        guard let shape = shapes[key] else { throw ModelConfigError.cannotInfer("no tensor '\(key)'") }
        guard shape.count == rank else { throw ModelConfigError.cannotInfer("'\(key)' has shape \(shape), expected rank \(rank)") }
        return shape
    }

    func has(_ key: String) -> Bool { shapes[key] != nil }

    /// Resolutions r with a key `<prefix>b{r}.<suffix>`.
    func resolutions(prefix: String, suffix: String) -> [Int] {
        shapes.keys.compactMap { key -> Int? in
            guard key.hasPrefix(prefix + "b"), key.hasSuffix("." + suffix) else { return nil }
            let middle = key.dropFirst(prefix.count + 1).dropLast(suffix.count + 1)
            return Int(middle)
        }.sorted()
    }

    /// Count of consecutive `<prefix>fc{i}.weight`.
    func fcCount(prefix: String) -> Int {
        var count = 0
        while has("\(prefix)fc\(count).weight") { count += 1 }
        return count
    }

    /// Taps of a stored prepared filter (`setup_filter` output): 2-D `[n, n]` → its first row scaled to start at 1;
    /// 1-D (separable) → itself scaled the same way.
    func filterTaps(_ key: String) -> [Double]? {
        guard let filter = filters[key], filter.count > 0 else { return nil }
        let row = filter.rank == 2 ? Array(filter.scalars.prefix(filter.shape[1])) : filter.scalars
        guard let first = row.first, first != 0 else { return row.map(Double.init) }
        return row.map { Double($0) / Double(first) }
    }

    /// `(channel_base, channel_max)` such that `min(base // r, max)` reproduces `channels[r]`.
    static func channelBaseAndMax(_ channels: [Int: Int]) throws -> (Int, Int) {
        guard let channelMax = channels.values.max() else { throw ModelConfigError.cannotInfer("no blocks") }
        var lower = 1, upper = Int.max
        for (r, c) in channels {
            if c < channelMax {
                lower = Swift.max(lower, c * r)
                upper = Swift.min(upper, c * r + r - 1)
            } else {
                lower = Swift.max(lower, channelMax * r)
            }
        }
        guard lower <= upper else {
            throw ModelConfigError.cannotInfer("channel widths \(channels.sorted { $0.key < $1.key }) are not min(channel_base // res, channel_max)")
        }
        return (lower, channelMax)
    }
}

extension StyleGAN2.MappingKwargs {
    /// Mapping depth and widths from `<prefix>embed.*` / `<prefix>fc{i}.*`; returns (kwargs, z_dim, c_dim, w_dim).
    static func inferred(_ table: ShapeTable, prefix: String) throws -> (StyleGAN2.MappingKwargs, zDim: Int, cDim: Int, wDim: Int) {
        var kwargs = StyleGAN2.MappingKwargs()
        kwargs.numLayers = table.fcCount(prefix: prefix)
        guard kwargs.numLayers > 0 else {
            // No mapping layers: w is the normalized label embedding (the discriminator's mapping of TF-converted nets).
            guard table.has(prefix + "embed.weight") else { throw ModelConfigError.cannotInfer("no '\(prefix)fc0.weight'") }
            let embed = try table.shape(prefix + "embed.weight", rank: 2)
            kwargs.embedFeatures = embed[0]
            kwargs.wAvgBeta = nil
            return (kwargs, 0, embed[1], embed[0])
        }
        var cDim = 0, embedFeatures = 0
        if table.has(prefix + "embed.weight") {
            let embed = try table.shape(prefix + "embed.weight", rank: 2)
            (embedFeatures, cDim) = (embed[0], embed[1])
            kwargs.embedFeatures = embedFeatures
        }
        let first = try table.shape(prefix + "fc0.weight", rank: 2)
        let last = try table.shape("\(prefix)fc\(kwargs.numLayers - 1).weight", rank: 2)
        if kwargs.numLayers > 1 { kwargs.layerFeatures = first[0] }
        kwargs.wAvgBeta = table.has(prefix + "w_avg") ? 0.995 : nil
        return (kwargs, first[1] - embedFeatures, cDim, last[0])
    }
}

extension StyleGAN2.GeneratorConfig {
    /// The configuration a generator state dict (keys `synthesis.*`, `mapping.*`) was built with,
    /// as far as shapes tell (see `ShapeTable` for the defaults taken).
    public init(inferringFrom stateDict: StateDict) throws {
        let table = ShapeTable(stateDict)
        let resolutions = table.resolutions(prefix: "synthesis.", suffix: "conv1.weight")
        guard let top = resolutions.last, resolutions.first == 4 else { throw ModelConfigError.cannotInfer("no 'synthesis.b4.conv1.weight'") }
        var channels: [Int: Int] = [:]
        for r in resolutions { channels[r] = try table.shape("synthesis.b\(r).conv1.weight", rank: 4)[0] }
        var synthesis = StyleGAN2.SynthesisKwargs()
        (synthesis.channelBase, synthesis.channelMax) = try ShapeTable.channelBaseAndMax(channels)
        synthesis.kernelSize = try table.shape("synthesis.b4.conv1.weight", rank: 4)[2]
        synthesis.useNoise = table.has("synthesis.b4.conv1.noise_strength")
        synthesis.architecture = table.has("synthesis.b\(Swift.max(top, 8)).skip.weight") ? .resnet
            : (top == 4 || table.has("synthesis.b4.torgb.weight") ? .skip : .orig)
        if let taps = table.filterTaps("synthesis.b4.resample_filter") { synthesis.resampleFilter = taps }
        let (mapping, zDim, cDim, wDim) = try StyleGAN2.MappingKwargs.inferred(table, prefix: "mapping.")
        let torgb = try table.shape("synthesis.b\(top).torgb.weight", rank: 4)
        self.init(zDim: zDim, cDim: cDim, wDim: wDim, imgResolution: top, imgChannels: torgb[0], mapping: mapping, synthesis: synthesis)
        try synthesisConfig.validate()
        try mappingConfig.validate()
    }
}

extension StyleGAN2.DiscriminatorConfig {
    /// The configuration a discriminator state dict (keys `b{r}.*`, `mapping.*`, `b4.*`) was built
    /// with, as far as shapes tell (see `ShapeTable` for the defaults taken).
    public init(inferringFrom stateDict: StateDict) throws {
        let table = ShapeTable(stateDict)
        let resolutions = table.resolutions(prefix: "", suffix: "conv0.weight")
        guard let top = resolutions.last else { throw ModelConfigError.cannotInfer("no 'b{res}.conv0.weight'") }
        let first = try table.shape("b\(top).fromrgb.weight", rank: 4)
        self.init(cDim: 0, imgResolution: top, imgChannels: first[1])
        var channels: [Int: Int] = [:]
        for r in resolutions { channels[r] = try table.shape("b\(r).conv0.weight", rank: 4)[0] }
        let epilogue = try table.shape("b4.conv.weight", rank: 4)
        channels[4] = epilogue[0]
        (channelBase, channelMax) = try ShapeTable.channelBaseAndMax(channels)
        mbstdNumChannels = epilogue[1] - epilogue[0]
        architecture = table.has("b\(top).skip.weight") ? .resnet : (table.has("b\(top / 2 >= 8 ? top / 2 : 4).fromrgb.weight") ? .skip : .orig)
        if let taps = table.filterTaps("b\(top).resample_filter") { resampleFilter = taps }
        if table.has("mapping.fc0.weight") || table.has("mapping.embed.weight") {
            let (kwargs, _, cDim, cmapDim) = try StyleGAN2.MappingKwargs.inferred(table, prefix: "mapping.")
            self.cDim = cDim
            self.cmapDim = cmapDim
            mapping = kwargs
            mapping.wAvgBeta = nil
            if kwargs.embedFeatures == cmapDim { mapping.embedFeatures = nil }
            if kwargs.layerFeatures == cmapDim { mapping.layerFeatures = nil }
        }
        try validate()
    }
}
