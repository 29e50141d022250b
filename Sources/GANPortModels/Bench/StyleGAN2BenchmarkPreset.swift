extension StyleGAN2Benchmark {
    /// Network sizes to time.
    public enum Preset: String, CaseIterable, Sendable {
        /// The official `train.py --cfg=paper256` networks at 256²: `channel_base` 16384 (fmaps 0.5),
        /// `channel_max` 512, z/w 512, 8 mapping layers, `num_fp16_res` 4 and `conv_clamp` 256 (run in
        /// float32), D `resnet` with `mbstd_group_size` 8 (min(8, batch) per group).
        case paper256
        /// A 32² network with few channels, for smoke runs and tests.
        case tiny

        /// The generator and discriminator configurations.
        public var configs: (generator: StyleGAN2.GeneratorConfig, discriminator: StyleGAN2.DiscriminatorConfig) {
            let resolution = self == .paper256 ? 256 : 32
            let channelBase = self == .paper256 ? 16384 : 256
            let channelMax = self == .paper256 ? 512 : 32
            let width = self == .paper256 ? 512 : 32
            var synthesis = StyleGAN2.SynthesisKwargs()
            synthesis.channelBase = channelBase
            synthesis.channelMax = channelMax
            synthesis.numFp16Res = 4
            synthesis.convClamp = 256
            let generator = StyleGAN2.GeneratorConfig(zDim: width, cDim: 0, wDim: width, imgResolution: resolution, imgChannels: 3,
                                                      mapping: StyleGAN2.MappingKwargs(numLayers: self == .paper256 ? 8 : 2),
                                                      synthesis: synthesis)
            var discriminator = StyleGAN2.DiscriminatorConfig(cDim: 0, imgResolution: resolution, imgChannels: 3)
            discriminator.channelBase = channelBase
            discriminator.channelMax = channelMax
            discriminator.numFp16Res = 4
            discriminator.convClamp = 256
            discriminator.mbstdGroupSize = self == .paper256 ? 8 : 4
            return (generator, discriminator)
        }
    }
}
