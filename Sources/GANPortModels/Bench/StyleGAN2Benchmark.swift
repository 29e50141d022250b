import GANPortFormats
import GANPortTensor

/// Wall-clock timings of whole StyleGAN2-ADA networks (the `ganport bench stylegan2` command),
/// randomly initialized from fixed seeds. `tools/bench_stylegan2.py` times the official PyTorch
/// networks of the same configuration and compares the two.
///
/// Four passes, each run once to warm up and then `repetitions` times (medians reported):
/// G forward (no graph), G forward + gradients of Σ img w.r.t. every G parameter, and the same for
/// D on random images. Networks run as the official ones in eval mode with `force_fp32=True`,
/// `noise_mode='const'` and the default (fused) modulated convolution; `w_avg` is not updated.
public enum StyleGAN2Benchmark {
    /// Medians in seconds of the four passes and the process's peak RSS.
    public struct Result: Sendable {
        public var preset: Preset
        public var batch: Int
        public var threads: Int
        public var repetitions: Int
        public var generatorForward: [Double]
        public var generatorForwardBackward: [Double]
        public var discriminatorForward: [Double]
        public var discriminatorForwardBackward: [Double]
        public var generatorParameters: Int
        public var discriminatorParameters: Int
        public var peakRSSMiB: Double?

        /// One JSON object: `G_forward_s`, `G_forward_backward_s`, `D_forward_s`, `D_forward_backward_s`
        /// (medians), `peak_rss_mib`, the configuration and every sample.
        public var json: JSONValue {
            func samples(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.double)) }
            return .object([
                ("engine", .string("GANPort")), ("preset", .string(preset.rawValue)), ("batch", .int(Int64(batch))),
                ("threads", .int(Int64(threads))), ("repetitions", .int(Int64(repetitions))),
                ("G_forward_s", .double(BenchmarkTiming.median(generatorForward))),
                ("G_forward_backward_s", .double(BenchmarkTiming.median(generatorForwardBackward))),
                ("D_forward_s", .double(BenchmarkTiming.median(discriminatorForward))),
                ("D_forward_backward_s", .double(BenchmarkTiming.median(discriminatorForwardBackward))),
                ("peak_rss_mib", peakRSSMiB.map(JSONValue.double) ?? .null),
                ("G_parameters", .int(Int64(generatorParameters))), ("D_parameters", .int(Int64(discriminatorParameters))),
                ("samples_s", .object([("G_forward", samples(generatorForward)),
                                       ("G_forward_backward", samples(generatorForwardBackward)),
                                       ("D_forward", samples(discriminatorForward)),
                                       ("D_forward_backward", samples(discriminatorForwardBackward))])),
            ])
        }
    }

    /// Whether `batch` fits the preset's minibatch-std groups (`min(group, batch)` must divide it).
    public static func batchFits(_ batch: Int, preset: Preset) -> Bool {
        guard batch >= 1 else { return false }
        let group = Swift.min(preset.configs.discriminator.mbstdGroupSize ?? batch, batch)
        return batch % group == 0
    }

    /// Builds the networks (weights from fixed seeds) and times the four passes.
    /// `batch` must satisfy `batchFits`.
    public static func run(preset: Preset, batch: Int, threads: Int, repetitions: Int) -> Result {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        let (gConfig, dConfig) = preset.configs
        let generator = StyleGAN2.Generator(config: gConfig, seed: 1)
        let discriminator = StyleGAN2.Discriminator(config: dConfig, seed: 2)
        var random = SplitMix64(seed: 3)
        let z = Tensor<Float>.randomNormal([batch, gConfig.zDim], using: &random)
        let images = Tensor<Float>.randomNormal([batch, dConfig.imgChannels, dConfig.imgResolution, dConfig.imgResolution], using: &random)
        let gParameters = generator.parameters, dParameters = discriminator.parameters
        let count = Swift.max(1, repetitions)

        let gForward = BenchmarkTiming.samples(count) { withNoGrad { _ = generator(z, noiseMode: .const) } }
        generator.requiresGrad(true)
        let gBackward = BenchmarkTiming.samples(count) {
            let img = generator(z, noiseMode: .const)
            _ = Tensor.gradients(of: [img], wrt: gParameters, cotangents: [Tensor.ones(img.shape)])
        }
        generator.requiresGrad(false)
        let dForward = BenchmarkTiming.samples(count) { withNoGrad { _ = discriminator(images) } }
        discriminator.requiresGrad(true)
        let dBackward = BenchmarkTiming.samples(count) {
            let logits = discriminator(images)
            _ = Tensor.gradients(of: [logits], wrt: dParameters, cotangents: [Tensor.ones(logits.shape)])
        }
        discriminator.requiresGrad(false)
        return Result(preset: preset, batch: batch, threads: threads, repetitions: count,
                      generatorForward: gForward, generatorForwardBackward: gBackward,
                      discriminatorForward: dForward, discriminatorForwardBackward: dBackward,
                      generatorParameters: gParameters.reduce(0) { $0 + $1.count },
                      discriminatorParameters: dParameters.reduce(0) { $0 + $1.count },
                      peakRSSMiB: PeakMemory.residentMiB)
    }
}
