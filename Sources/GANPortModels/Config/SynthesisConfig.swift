import GANPortFormats
import GANPortTensor

extension StyleGAN2 {
    /// The `synthesis_kwargs` of `SynthesisNetwork` (network, block and layer arguments) with the
    /// official defaults.
    public struct SynthesisKwargs: Equatable, Sendable {
        /// `channel_base` (32768).
        public var channelBase = 32768
        /// `channel_max` (512).
        public var channelMax = 512
        /// `num_fp16_res` (0). Recorded; GANPort computes every block in float32 (see `StyleGAN2`).
        public var numFp16Res = 0
        /// `architecture` (`skip`).
        public var architecture = Architecture.skip
        /// `resample_filter` taps ([1, 3, 3, 1]); loading uses the stored prepared buffers.
        public var resampleFilter: [Double] = [1, 3, 3, 1]
        /// `conv_clamp` (nil: no clamping).
        public var convClamp: Double?
        /// `fp16_channels_last` (False; memory layout only).
        public var fp16ChannelsLast = false
        /// Layer `kernel_size` (3).
        public var kernelSize = 3
        /// Layer `use_noise` (True).
        public var useNoise = true
        /// Layer `activation` (`lrelu`).
        public var activation = Activation.lrelu

        public init() {}

        mutating func read(_ reader: inout KwargsReader) throws {
            channelBase = try reader.int("channel_base", default: channelBase)
            channelMax = try reader.int("channel_max", default: channelMax)
            numFp16Res = try reader.int("num_fp16_res", default: numFp16Res)
            let arch = try reader.string("architecture", default: architecture.rawValue, allowed: Architecture.allCases.map(\.rawValue))
            architecture = Architecture(rawValue: arch) ?? architecture
            resampleFilter = try reader.doubles("resample_filter", default: resampleFilter)
            convClamp = try reader.optionalDouble("conv_clamp", default: convClamp)
            fp16ChannelsLast = try reader.bool("fp16_channels_last", default: fp16ChannelsLast)
            kernelSize = try reader.int("kernel_size", default: kernelSize)
            useNoise = try reader.bool("use_noise", default: useNoise)
            activation = try reader.activation("activation", default: activation)
            guard channelBase >= 1, channelMax >= 1, numFp16Res >= 0, kernelSize >= 1, resampleFilter.count <= 64 else {
                throw ModelConfigError.invalidArgument(reader.path.isEmpty ? "synthesis" : reader.path,
                                                       expected: "positive channel_base/channel_max/kernel_size")
            }
        }

        var jsonPairs: [(String, JSONValue)] {
            [("channel_base", .int(Int64(channelBase))), ("channel_max", .int(Int64(channelMax))),
             ("num_fp16_res", .int(Int64(numFp16Res))), ("architecture", .string(architecture.rawValue)),
             ("resample_filter", .array(resampleFilter.map(JSONValue.double))), ("conv_clamp", convClamp.map(JSONValue.double) ?? .null),
             ("fp16_channels_last", .bool(fp16ChannelsLast)), ("kernel_size", .int(Int64(kernelSize))),
             ("use_noise", .bool(useNoise)), ("activation", .string(activation.rawValue))]
        }

        /// `min(channel_base // res, channel_max)`.
        public func channels(at resolution: Int) -> Int { Swift.min(channelBase / resolution, channelMax) }
    }

    /// Constructor arguments of `SynthesisNetwork(w_dim, img_resolution, img_channels, **synthesis_kwargs)`.
    public struct SynthesisNetworkConfig: Equatable, Sendable {
        public var wDim: Int
        public var imgResolution: Int
        public var imgChannels: Int
        public var kwargs: SynthesisKwargs

        public init(wDim: Int, imgResolution: Int, imgChannels: Int, kwargs: SynthesisKwargs = SynthesisKwargs()) {
            self.wDim = wDim
            self.imgResolution = imgResolution
            self.imgChannels = imgChannels
            self.kwargs = kwargs
        }

        /// From the module's recorded `_init_kwargs`.
        public init(initKwargs: JSONValue) throws {
            var reader = try KwargsReader(initKwargs, path: "")
            wDim = try reader.int("w_dim")
            imgResolution = try reader.int("img_resolution")
            imgChannels = try reader.int("img_channels")
            kwargs = SynthesisKwargs()
            try kwargs.read(&reader)
            try reader.finish()
            try validate()
        }

        func validate() throws {
            guard imgResolution >= 4, imgResolution & (imgResolution - 1) == 0, imgResolution <= 1 << 16 else {
                throw ModelConfigError.invalidArgument("img_resolution", expected: "a power of two ≥ 4")
            }
            guard wDim >= 1, imgChannels >= 1 else { throw ModelConfigError.invalidArgument("w_dim/img_channels", expected: "positive") }
        }

        /// Block resolutions 4, 8, …, `img_resolution`.
        public var blockResolutions: [Int] { Array(sequence(first: 4) { $0 * 2 }.prefix { $0 <= imgResolution }) }

        /// `num_ws`: one per conv layer plus the last ToRGB.
        public var numWs: Int { 2 * blockResolutions.count }

        public var initKwargs: JSONValue {
            .object([("w_dim", .int(Int64(wDim))), ("img_resolution", .int(Int64(imgResolution))),
                     ("img_channels", .int(Int64(imgChannels)))] + kwargs.jsonPairs)
        }
    }
}
