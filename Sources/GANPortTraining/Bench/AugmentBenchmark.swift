import GANPortFormats
import GANPortModels
import GANPortTensor

/// Wall-clock timings of `AugmentPipe` (the `ganport bench augment` command) at a training shape.
/// `tools/bench_augment.py` times the official PyTorch `AugmentPipe` with the same settings and
/// compares the two.
///
/// For each strength `p`, two passes, each run once to warm up and then `repetitions` times:
/// forward (images without gradient) and forward + gradient of Σ output w.r.t. the images.
/// Images are uniform in [−1, 1) from a fixed seed; every call draws fresh transform parameters
/// from one seeded `NumPyRandomSource`, as the training loop does.
public enum AugmentBenchmark {
    /// Timings (seconds) of one strength.
    public struct Timings: Sendable {
        public var p: Float
        public var forward: [Double]
        public var forwardBackward: [Double]
    }

    /// The samples of every strength and the process's peak RSS.
    public struct Result: Sendable {
        public var preset: AugmentPreset
        public var batch: Int
        public var resolution: Int
        public var threads: Int
        public var repetitions: Int
        public var timings: [Timings]
        public var peakRSSMiB: Double?

        /// One JSON object: the configuration, per strength `p`, `forward_s` and
        /// `forward_backward_s` (medians), `forward_min_s`, `forward_backward_min_s` and every
        /// sample, and `peak_rss_mib`.
        public var json: JSONValue {
            func samples(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.double)) }
            let entries = timings.map { t -> JSONValue in
                .object([("p", .double(Double("\(t.p)") ?? Double(t.p))),
                         ("forward_s", .double(BenchmarkTiming.median(t.forward))), ("forward_min_s", .double(t.forward.min() ?? 0)),
                         ("forward_backward_s", .double(BenchmarkTiming.median(t.forwardBackward))),
                         ("forward_backward_min_s", .double(t.forwardBackward.min() ?? 0)),
                         ("samples_s", .object([("forward", samples(t.forward)),
                                                ("forward_backward", samples(t.forwardBackward))]))])
            }
            return .object([
                ("engine", .string("GANPort")), ("augpipe", .string(preset.rawValue)), ("batch", .int(Int64(batch))),
                ("resolution", .int(Int64(resolution))), ("threads", .int(Int64(threads))),
                ("repetitions", .int(Int64(repetitions))), ("strengths", .array(entries)),
                ("peak_rss_mib", peakRSSMiB.map(JSONValue.double) ?? .null),
            ])
        }
    }

    /// Times the pipe `preset` on `batch` RGB images of `resolution`² at each strength in `strengths`.
    public static func run(preset: AugmentPreset, strengths: [Float], batch: Int, resolution: Int,
                           threads: Int, repetitions: Int) -> Result {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        var generator = SplitMix64(seed: 1)
        let shape = [batch, 3, resolution, resolution]
        let values = Tensor<Float>.randomUniform(shape, in: -1..<1, using: &generator).scalars
        let constant = Tensor<Float>(shape: shape, scalars: values)
        let leaf = Tensor<Float>(shape: shape, scalars: values, requiresGrad: true)
        let random = NumPyRandomSource(seed: 2)
        let count = Swift.max(1, repetitions)
        let timings = strengths.map { p -> Timings in
            let pipe = AugmentPipe(preset: preset, p: p)
            let forward = BenchmarkTiming.samples(count) { withNoGrad { _ = pipe(constant, random: random) } }
            let backward = BenchmarkTiming.samples(count) {
                let y = pipe(leaf, random: random)
                _ = Tensor.gradients(of: [y], wrt: [leaf], cotangents: [Tensor.ones(y.shape)])
            }
            return Timings(p: p, forward: forward, forwardBackward: backward)
        }
        return Result(preset: preset, batch: batch, resolution: resolution, threads: threads, repetitions: count,
                      timings: timings, peakRSSMiB: PeakMemory.residentMiB)
    }
}
