import GANPortFormats
import GANPortTensor

extension StyleGAN2 {
    /// Block architecture of the generator and discriminator.
    public enum Architecture: String, CaseIterable, Sendable {
        case orig, skip, resnet
    }

    /// The `mapping_kwargs` of `MappingNetwork` with the official defaults.
    public struct MappingKwargs: Equatable, Sendable {
        /// `num_layers` (8).
        public var numLayers = 8
        /// `embed_features` (nil: `w_dim`).
        public var embedFeatures: Int?
        /// `layer_features` (nil: `w_dim`).
        public var layerFeatures: Int?
        /// `activation` (`lrelu`).
        public var activation = Activation.lrelu
        /// `lr_multiplier` (0.01).
        public var lrMultiplier = 0.01
        /// `w_avg_beta` (0.995; nil: no `w_avg` tracking).
        public var wAvgBeta: Double? = 0.995

        public init(numLayers: Int = 8, embedFeatures: Int? = nil, layerFeatures: Int? = nil, activation: Activation = .lrelu,
                    lrMultiplier: Double = 0.01, wAvgBeta: Double? = 0.995) {
            self.numLayers = numLayers
            self.embedFeatures = embedFeatures
            self.layerFeatures = layerFeatures
            self.activation = activation
            self.lrMultiplier = lrMultiplier
            self.wAvgBeta = wAvgBeta
        }

        /// Reads the keys this struct holds from `reader` (the discriminator's mapping cannot take `w_avg_beta`).
        mutating func read(_ reader: inout KwargsReader, allowWAvgBeta: Bool = true) throws {
            numLayers = try reader.int("num_layers", default: numLayers)
            embedFeatures = try reader.optionalInt("embed_features", default: embedFeatures)
            layerFeatures = try reader.optionalInt("layer_features", default: layerFeatures)
            activation = try reader.activation("activation", default: activation)
            lrMultiplier = try reader.double("lr_multiplier", default: lrMultiplier)
            if allowWAvgBeta { wAvgBeta = try reader.optionalDouble("w_avg_beta", default: wAvgBeta) }
            guard numLayers >= 0 else { throw ModelConfigError.invalidArgument(reader.path + ".num_layers", expected: "non-negative") }
            for (key, value) in [("embed_features", embedFeatures), ("layer_features", layerFeatures)] {
                if let value, value < 1 { throw ModelConfigError.invalidArgument(reader.path + "." + key, expected: "positive") }
            }
        }

        var jsonPairs: [(String, JSONValue)] {
            [("num_layers", .int(Int64(numLayers))), ("embed_features", embedFeatures.map { .int(Int64($0)) } ?? .null),
             ("layer_features", layerFeatures.map { .int(Int64($0)) } ?? .null), ("activation", .string(activation.rawValue)),
             ("lr_multiplier", .double(lrMultiplier)), ("w_avg_beta", wAvgBeta.map(JSONValue.double) ?? .null)]
        }
    }

    /// Constructor arguments of `MappingNetwork(z_dim, c_dim, w_dim, num_ws, **mapping_kwargs)`.
    public struct MappingNetworkConfig: Equatable, Sendable {
        public var zDim: Int
        public var cDim: Int
        public var wDim: Int
        /// `num_ws` (nil: output [N, w_dim] without broadcasting).
        public var numWs: Int?
        public var kwargs: MappingKwargs

        public init(zDim: Int, cDim: Int, wDim: Int, numWs: Int?, kwargs: MappingKwargs = MappingKwargs()) {
            self.zDim = zDim
            self.cDim = cDim
            self.wDim = wDim
            self.numWs = numWs
            self.kwargs = kwargs
        }

        /// From the module's recorded `_init_kwargs`, exactly as the official constructor binds them.
        public init(initKwargs: JSONValue) throws {
            var reader = try KwargsReader(initKwargs, path: "")
            zDim = try reader.int("z_dim")
            cDim = try reader.int("c_dim")
            wDim = try reader.int("w_dim")
            numWs = try reader.optionalInt("num_ws", default: nil)
            guard reader.has("num_ws") else { throw ModelConfigError.missingArgument("num_ws") }
            kwargs = MappingKwargs()
            try kwargs.read(&reader)
            try reader.finish()
            try validate()
        }

        func validate() throws {
            guard zDim >= 0, cDim >= 0, wDim >= 1, zDim + cDim > 0 else {
                throw ModelConfigError.invalidArgument("z_dim/c_dim/w_dim", expected: "w_dim ≥ 1 and z_dim + c_dim ≥ 1")
            }
            if let numWs, numWs < 1 { throw ModelConfigError.invalidArgument("num_ws", expected: "positive or null") }
        }

        /// The explicit keyword arguments (every default spelled out).
        public var initKwargs: JSONValue {
            .object([("z_dim", .int(Int64(zDim))), ("c_dim", .int(Int64(cDim))), ("w_dim", .int(Int64(wDim))),
                     ("num_ws", numWs.map { .int(Int64($0)) } ?? .null)] + kwargs.jsonPairs)
        }
    }
}
