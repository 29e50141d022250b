import GANPortFormats
import GANPortModels
import GANPortTensor

/// Training throughput (the `ganport bench train` command): `iterations` official training
/// iterations (batch indices 0, 1, …: iteration 0 runs Gmain, Greg, Dmain and Dreg; G regularizes
/// every 4, D every 16) on random uint8 images, with the `paper256` loss settings (R1 γ 1, path
/// length 2, style mixing 0.9), `bgc` augmentation at a fixed p = 0.2, Adam with lazy-regularization
/// scaling and G_ema. `tools/bench_train.py` runs the official code on the same schedule.
public enum TrainingBenchmark {
    /// Seconds of each iteration and the process's peak RSS.
    public struct Result: Sendable {
        public var preset: StyleGAN2Benchmark.Preset
        public var batch: Int
        public var threads: Int
        public var iterationSeconds: [Double]
        public var peakRSSMiB: Double?

        /// `seconds`, `images_per_s`, `sec_per_kimg`, `iteration_s`, `peak_rss_mib` and the configuration.
        public var json: JSONValue {
            let total = iterationSeconds.reduce(0, +)
            let images = Double(batch * iterationSeconds.count)
            return .object([
                ("engine", .string("GANPort")), ("preset", .string(preset.rawValue)), ("batch", .int(Int64(batch))),
                ("threads", .int(Int64(threads))), ("iterations", .int(Int64(iterationSeconds.count))),
                ("iteration_s", .array(iterationSeconds.map(JSONValue.double))), ("seconds", .double(total)),
                ("images_per_s", .double(images / Swift.max(total, 1e-9))),
                ("sec_per_kimg", .double(total / Swift.max(images, 1) * 1000)),
                ("peak_rss_mib", peakRSSMiB.map(JSONValue.double) ?? .null),
            ])
        }
    }

    /// Builds the preset's networks (weights from fixed seeds) and times `iterations` iterations.
    public static func run(preset: StyleGAN2Benchmark.Preset, batch: Int, threads: Int, iterations: Int) -> Result {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        var (gConfig, dConfig) = preset.configs
        gConfig.synthesis.numFp16Res = 0
        dConfig.numFp16Res = 0
        let generator = StyleGAN2.Generator(config: gConfig, seed: 1)
        let discriminator = StyleGAN2.Discriminator(config: dConfig, seed: 2)
        let ema = StyleGAN2.Generator(config: gConfig, seed: 1)
        var options = TrainingStepOptions(batchSize: batch, generatorOptimizer: .styleGAN2(learningRate: 0.0025),
                                          discriminatorOptimizer: .styleGAN2(learningRate: 0.0025),
                                          loss: StyleGAN2LossOptions(r1Gamma: 1), emaKimg: 20, emaRampup: nil)
        options.batchGPU = batch
        let pipe = AugmentPipe(preset: .bgc, p: 0.2)
        let step = StyleGAN2TrainingStep(generator: generator, discriminator: discriminator, generatorEMA: ema,
                                         options: options, augmentation: pipe)
        let random = NumPyRandomSource(seed: 0)
        var pixels = SplitMix64(seed: 0)
        let resolution = gConfig.imgResolution
        let count = batch * gConfig.imgChannels * resolution * resolution
        var seconds: [Double] = []
        for batchIndex in 0..<Swift.max(1, iterations) {
            seconds.append(BenchmarkTiming.seconds {
                let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: pixels.next() >> 56) }
                let real = StyleGAN2TrainingStep.realImages(pixels: bytes, shape: [batch, gConfig.imgChannels, resolution, resolution])
                _ = step.run(realImages: real, realLabels: nil, generatorLabels: nil, batchIndex: batchIndex,
                             curNimg: batchIndex * batch, random: random)
            })
        }
        return Result(preset: preset, batch: batch, threads: threads, iterationSeconds: seconds, peakRSSMiB: PeakMemory.residentMiB)
    }
}
