import GANPortFormats

extension StyleGAN2 {
    /// Constructor arguments of `Generator(z_dim, c_dim, w_dim, img_resolution, img_channels,
    /// mapping_kwargs, synthesis_kwargs)`, with the defaults of the official constructors.
    public struct GeneratorConfig: Equatable, Sendable {
        public var zDim: Int
        public var cDim: Int
        public var wDim: Int
        public var imgResolution: Int
        public var imgChannels: Int
        public var mapping: MappingKwargs
        public var synthesis: SynthesisKwargs

        public init(zDim: Int = 512, cDim: Int = 0, wDim: Int = 512, imgResolution: Int, imgChannels: Int = 3,
                    mapping: MappingKwargs = MappingKwargs(), synthesis: SynthesisKwargs = SynthesisKwargs()) {
            self.zDim = zDim
            self.cDim = cDim
            self.wDim = wDim
            self.imgResolution = imgResolution
            self.imgChannels = imgChannels
            self.mapping = mapping
            self.synthesis = synthesis
        }

        /// From a pickled `Generator`'s `_init_kwargs` (or a config JSON of the same form), exactly as
        /// the official constructors bind them: unknown arguments are errors, absent ones take defaults.
        public init(initKwargs: JSONValue) throws {
            var reader = try KwargsReader(initKwargs, path: "")
            zDim = try reader.int("z_dim")
            cDim = try reader.int("c_dim")
            wDim = try reader.int("w_dim")
            imgResolution = try reader.int("img_resolution")
            imgChannels = try reader.int("img_channels")
            var mappingReader = try reader.nested("mapping_kwargs")
            mapping = MappingKwargs()
            try mapping.read(&mappingReader)
            try mappingReader.finish()
            var synthesisReader = try reader.nested("synthesis_kwargs")
            synthesis = SynthesisKwargs()
            try synthesis.read(&synthesisReader)
            try synthesisReader.finish()
            _ = reader.has("class_name") ? try reader.string("class_name", default: "", allowed: ["training.networks.Generator", "Generator"]) : ""
            try reader.finish()
            try synthesisConfig.validate()
            try mappingConfig.validate()
        }

        /// From config JSON text: the `_init_kwargs` object (optionally with `class_name`).
        public init(json: String) throws { try self.init(initKwargs: try JSONText.parse(json)) }

        /// The synthesis network's arguments.
        public var synthesisConfig: SynthesisNetworkConfig {
            SynthesisNetworkConfig(wDim: wDim, imgResolution: imgResolution, imgChannels: imgChannels, kwargs: synthesis)
        }

        /// The mapping network's arguments (`num_ws` from the synthesis network).
        public var mappingConfig: MappingNetworkConfig {
            MappingNetworkConfig(zDim: zDim, cDim: cDim, wDim: wDim, numWs: synthesisConfig.numWs, kwargs: mapping)
        }

        /// The explicit keyword arguments, in the official nesting.
        public var initKwargs: JSONValue {
            .object([("z_dim", .int(Int64(zDim))), ("c_dim", .int(Int64(cDim))), ("w_dim", .int(Int64(wDim))),
                     ("img_resolution", .int(Int64(imgResolution))), ("img_channels", .int(Int64(imgChannels))),
                     ("mapping_kwargs", .object(mapping.jsonPairs)), ("synthesis_kwargs", .object(synthesis.jsonPairs))])
        }
    }
}
