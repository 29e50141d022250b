import GANPortFormats
import GANPortTensor

extension StyleGAN2 {
    /// Constructor arguments of `Discriminator(c_dim, img_resolution, img_channels, architecture,
    /// channel_base, channel_max, num_fp16_res, conv_clamp, cmap_dim, block_kwargs, mapping_kwargs,
    /// epilogue_kwargs)`, with the defaults of the official constructors.
    public struct DiscriminatorConfig: Equatable, Sendable {
        public var cDim: Int
        public var imgResolution: Int
        public var imgChannels: Int
        public var architecture = Architecture.resnet
        public var channelBase = 32768
        public var channelMax = 512
        /// Recorded; GANPort computes every block in float32.
        public var numFp16Res = 0
        public var convClamp: Double?
        /// `cmap_dim` (nil: the channels at 4×4); 0 when unconditional.
        public var cmapDim: Int?
        /// `block_kwargs.activation`.
        public var blockActivation = Activation.lrelu
        /// `block_kwargs.resample_filter`.
        public var resampleFilter: [Double] = [1, 3, 3, 1]
        /// `block_kwargs.fp16_channels_last` (memory layout only).
        public var fp16ChannelsLast = false
        /// `block_kwargs.freeze_layers`: the first layers hold their weights as buffers.
        public var freezeLayers = 0
        /// `mapping_kwargs` of the conditioning mapping (`w_avg_beta` is always None there).
        public var mapping = MappingKwargs(wAvgBeta: nil)
        /// `epilogue_kwargs.mbstd_group_size` (4; nil: the whole minibatch).
        public var mbstdGroupSize: Int? = 4
        /// `epilogue_kwargs.mbstd_num_channels` (1; 0 disables the layer).
        public var mbstdNumChannels = 1
        /// `epilogue_kwargs.activation`.
        public var epilogueActivation = Activation.lrelu

        public init(cDim: Int = 0, imgResolution: Int, imgChannels: Int = 3) {
            self.cDim = cDim
            self.imgResolution = imgResolution
            self.imgChannels = imgChannels
        }

        /// From a pickled `Discriminator`'s `_init_kwargs` (or a config JSON of the same form).
        public init(initKwargs: JSONValue) throws {
            var reader = try KwargsReader(initKwargs, path: "")
            cDim = try reader.int("c_dim")
            imgResolution = try reader.int("img_resolution")
            imgChannels = try reader.int("img_channels")
            let arch = try reader.string("architecture", default: "resnet", allowed: Architecture.allCases.map(\.rawValue))
            architecture = Architecture(rawValue: arch) ?? .resnet
            channelBase = try reader.int("channel_base", default: channelBase)
            channelMax = try reader.int("channel_max", default: channelMax)
            numFp16Res = try reader.int("num_fp16_res", default: numFp16Res)
            convClamp = try reader.optionalDouble("conv_clamp", default: nil)
            cmapDim = try reader.optionalInt("cmap_dim", default: nil)
            var block = try reader.nested("block_kwargs")
            blockActivation = try block.activation("activation", default: blockActivation)
            resampleFilter = try block.doubles("resample_filter", default: resampleFilter)
            fp16ChannelsLast = try block.bool("fp16_channels_last", default: false)
            freezeLayers = try block.int("freeze_layers", default: 0)
            try block.finish()
            var mappingReader = try reader.nested("mapping_kwargs")
            try mapping.read(&mappingReader, allowWAvgBeta: false)
            try mappingReader.finish()
            var epilogue = try reader.nested("epilogue_kwargs")
            mbstdGroupSize = try epilogue.optionalInt("mbstd_group_size", default: 4)
            mbstdNumChannels = try epilogue.int("mbstd_num_channels", default: 1)
            epilogueActivation = try epilogue.activation("activation", default: epilogueActivation)
            try epilogue.finish()
            _ = reader.has("class_name") ? try reader.string("class_name", default: "", allowed: ["training.networks.Discriminator", "Discriminator"]) : ""
            try reader.finish()
            try validate()
        }

        /// From config JSON text: the `_init_kwargs` object (optionally with `class_name`).
        public init(json: String) throws { try self.init(initKwargs: try JSONText.parse(json)) }

        func validate() throws {
            guard imgResolution >= 4, imgResolution & (imgResolution - 1) == 0, imgResolution <= 1 << 16 else {
                throw ModelConfigError.invalidArgument("img_resolution", expected: "a power of two ≥ 4")
            }
            guard cDim >= 0, imgChannels >= 1, channelBase >= 1, channelMax >= 1, mbstdNumChannels >= 0, freezeLayers >= 0 else {
                throw ModelConfigError.invalidArgument("c_dim/img_channels/channel_base/channel_max", expected: "non-negative")
            }
            if let g = mbstdGroupSize, g < 1 { throw ModelConfigError.invalidArgument("epilogue_kwargs.mbstd_group_size", expected: "positive or null") }
            if let c = cmapDim, c < 0 { throw ModelConfigError.invalidArgument("cmap_dim", expected: "non-negative or null") }
        }

        /// Block resolutions `img_resolution`, …, 8 (the 4×4 epilogue comes after).
        public var blockResolutions: [Int] { Array(sequence(first: imgResolution) { $0 / 2 }.prefix { $0 >= 8 }) }

        /// `min(channel_base // res, channel_max)`.
        public func channels(at resolution: Int) -> Int { Swift.min(channelBase / resolution, channelMax) }

        /// The effective `cmap_dim`: 0 without conditioning, else `cmap_dim` or the channels at 4×4.
        public var effectiveCmapDim: Int { cDim == 0 ? 0 : (cmapDim ?? channels(at: 4)) }

        /// The explicit keyword arguments, in the official nesting.
        public var initKwargs: JSONValue {
            .object([("c_dim", .int(Int64(cDim))), ("img_resolution", .int(Int64(imgResolution))),
                     ("img_channels", .int(Int64(imgChannels))), ("architecture", .string(architecture.rawValue)),
                     ("channel_base", .int(Int64(channelBase))), ("channel_max", .int(Int64(channelMax))),
                     ("num_fp16_res", .int(Int64(numFp16Res))), ("conv_clamp", convClamp.map(JSONValue.double) ?? .null),
                     ("cmap_dim", cmapDim.map { .int(Int64($0)) } ?? .null),
                     ("block_kwargs", .object([("activation", .string(blockActivation.rawValue)),
                                               ("resample_filter", .array(resampleFilter.map(JSONValue.double))),
                                               ("fp16_channels_last", .bool(fp16ChannelsLast)),
                                               ("freeze_layers", .int(Int64(freezeLayers)))])),
                     ("mapping_kwargs", .object(mapping.jsonPairs.filter { $0.0 != "w_avg_beta" })),
                     ("epilogue_kwargs", .object([("mbstd_group_size", mbstdGroupSize.map { .int(Int64($0)) } ?? .null),
                                                  ("mbstd_num_channels", .int(Int64(mbstdNumChannels))),
                                                  ("activation", .string(epilogueActivation.rawValue))]))])
        }
    }
}
