import Dispatch
import GANPortFormats

/// Timings of forward + backward passes of the engine's hot ops at StyleGAN shapes
/// (the `ganport bench ops` command). The same shapes are timed on the PyTorch side by
/// `tools/bench_ops.py`, so the two reports compare as ratios on one machine.
public enum OpBenchmarks {
    /// One benchmark case: a name, the shapes in words, and a closure running forward + backward once.
    struct Case {
        let name: String
        let shape: String
        let flops: Double
        let run: () -> Void
    }

    /// Runs every case `repetitions` times (after one warm-up) on `threads` threads and returns a JSON
    /// report: per case the median and minimum wall time in seconds (and GFLOP/s for convolutions).
    /// `quick` shrinks every shape (for tests).
    public static func run(threads: Int = 2, repetitions: Int = 3, quick: Bool = false) -> JSONValue {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        var results: [JSONValue] = []
        for benchmark in cases(quick: quick) {
            benchmark.run()
            var times: [Double] = []
            for _ in 0..<Swift.max(1, repetitions) {
                let start = DispatchTime.now().uptimeNanoseconds
                benchmark.run()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            times.sort()
            var entry: [(String, JSONValue)] = [("name", .string(benchmark.name)), ("shape", .string(benchmark.shape)),
                                                ("median_s", .double(times[times.count / 2])), ("min_s", .double(times[0]))]
            if benchmark.flops > 0 { entry.append(("gflops_per_s", .double(benchmark.flops / times[0] / 1e9))) }
            results.append(.object(entry))
        }
        return .object([("engine", .string("GANPortTensor")), ("threads", .int(Int64(threads))),
                        ("pass", .string("forward+backward")), ("dtype", .string("float32")), ("cases", .array(results))])
    }

    static func cases(quick: Bool) -> [Case] {
        var generator = SplitMix64(seed: 1)
        let channels = quick ? 16 : 512, batch = quick ? 2 : 4
        func tensor(_ shape: [Int], grad: Bool = true) -> Tensor<Float> {
            let t = Tensor<Float>.randomNormal(shape, using: &generator)
            return Tensor(shape: shape, scalars: t.scalars, requiresGrad: grad)
        }
        func backward(_ y: Tensor<Float>, _ inputs: [Tensor<Float>]) {
            _ = Tensor.gradients(of: [y], wrt: inputs, cotangents: [Tensor.ones(y.shape)])
        }
        var list: [Case] = []
        for size in quick ? [8, 16] : [32, 64] {
            let x = tensor([batch, channels, size, size]), w = tensor([channels, channels, 3, 3])
            let flops = 3 * 2 * Double(batch * channels * channels * 9 * size * size)
            list.append(Case(name: "conv2d_3x3", shape: "N\(batch) \(channels)→\(channels) \(size)²", flops: flops) {
                backward(Tensor.conv2d(x, w, padding: [1]), [x, w])
            })
        }
        let size = quick ? 8 : 32
        let x = tensor([batch, channels, size, size]), w = tensor([channels, channels, 3, 3]), styles = tensor([batch, channels])
        let filter = Tensor<Float>.setupFilter(Tensor([1, 3, 3, 1]))
        list.append(Case(name: "modulated_conv2d_fused", shape: "N\(batch) \(channels)→\(channels) 3×3 \(size)²",
                         flops: 3 * 2 * Double(batch * channels * channels * 9 * size * size)) {
            backward(Tensor.modulatedConv2d(x, weight: w, styles: styles, padding: 1), [x, w, styles])
        })
        list.append(Case(name: "modulated_conv2d_up2_fused", shape: "N\(batch) \(channels)→\(channels) 3×3 \(size)²→\(2 * size)²",
                         flops: 0) {
            backward(Tensor.modulatedConv2d(x, weight: w, styles: styles, up: 2, padding: 1, filter: filter, flipWeight: false), [x, w, styles])
        })
        let image = quick ? 32 : 256
        for upChannels in [3, quick ? 16 : 512] {
            let input = tensor([1, upChannels, image, image])
            list.append(Case(name: "upsample2d", shape: "N1 C\(upChannels) \(image)²→\(2 * image)² [1,3,3,1]", flops: 0) {
                backward(Tensor.upsample2d(input, filter: filter), [input])
            })
        }
        return list
    }
}
