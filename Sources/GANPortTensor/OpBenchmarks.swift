import Dispatch
import Foundation
import GANPortFormats

/// Timings of forward + backward passes of the engine's hot ops at StyleGAN shapes
/// (the `ganport bench ops` command). The same cases are timed on the PyTorch side by
/// `tools/bench_ops.py`, so the two reports compare as ratios on one machine.
public enum OpBenchmarks {
    /// One benchmark case: a name, the shapes in words, the FLOPs of one run (0: not counted),
    /// and a closure that creates the inputs and returns a closure running forward + backward once.
    struct Case {
        let name: String
        let shape: String
        let flops: Double
        let prepare: () -> () -> Void

        init(name: String, shape: String, flops: Double, prepare: @escaping () -> () -> Void) {
            (self.name, self.shape, self.flops, self.prepare) = (name, shape, flops, prepare)
        }
    }

    /// Names of the cases, in the order they run.
    public static var caseNames: [String] { cases(quick: true).map(\.name) }

    /// Runs the cases (all, or those named in `only`) `repetitions` times after one warm-up on
    /// `threads` threads and returns a JSON report: per case the median and minimum wall time in
    /// seconds, and GFLOP/s (from the median) for the matrix-product cases; with `measurePeak`
    /// (default: when running all cases), also the machine's SGEMM rate on 1 and `threads` threads
    /// (`sgemmPeak`). `quick` shrinks every shape (for tests).
    public static func run(threads: Int = 2, repetitions: Int = 5, quick: Bool = false, only: Set<String>? = nil,
                           measurePeak: Bool? = nil) -> JSONValue {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        var results: [JSONValue] = []
        for benchmark in cases(quick: quick) where only?.contains(benchmark.name) ?? true {
            let times = measure(repetitions: repetitions, benchmark.prepare())
            var entry: [(String, JSONValue)] = [("name", .string(benchmark.name)), ("shape", .string(benchmark.shape)),
                                                ("median_s", .double(times.median)), ("min_s", .double(times.min)),
                                                ("cpu_s", .double(times.cpu))]
            if benchmark.flops > 0 { entry.append(("gflops_per_s", .double(benchmark.flops / times.median / 1e9))) }
            results.append(.object(entry))
        }
        let peak = quick || !(measurePeak ?? (only == nil)) ? [] : [1, threads].map { count -> JSONValue in
            .object([("threads", .int(Int64(count))), ("gflops_per_s", .double(sgemmPeak(threads: count, repetitions: repetitions)))])
        }
        return .object([("engine", .string("GANPortTensor")), ("blas_core", .string(BLASCore.name)),
                        ("threads", .int(Int64(threads))), ("pass", .string("forward+backward")),
                        ("dtype", .string("float32")), ("sgemm_peak", .array(peak)), ("cases", .array(results))])
    }

    /// The machine's SGEMM rate in GFLOP/s (median of `repetitions`): `cblas_sgemm` 512×4608 · 4608×4096
    /// as one single-threaded call per thread, each thread taking an equal block of columns.
    public static func sgemmPeak(threads: Int, repetitions: Int = 5) -> Double {
        let (m, k, n) = (512, 4608, 4096)
        var generator = SplitMix64(seed: 2)
        let a = Tensor<Float>.randomUniform([m, k], in: -1..<1, using: &generator).scalars
        let b = Tensor<Float>.randomUniform([k, n], in: -1..<1, using: &generator).scalars
        var c = [Float](repeating: 0, count: m * n)
        let threads = Swift.max(1, threads)
        let time = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    nonisolated(unsafe) let pa = pa.baseAddress!, pb = pb.baseAddress!, pc = pc.baseAddress!
                    return measure(repetitions: repetitions) {
                        DispatchQueue.concurrentPerform(iterations: threads) { block in
                            let start = n * block / threads, columns = n * (block + 1) / threads - start
                            Kernels.gemmSerial(m: m, n: columns, k: k, a: pa, lda: k, b: pb + start, ldb: n,
                                               beta: 0, c: pc + start, ldc: n)
                        }
                    }.median
                }
            }
        }
        return 2 * Double(m * n * k) / time / 1e9
    }

    /// Timings of `repetitions` runs of `body` after one warm-up run: median and minimum wall
    /// seconds, and the median CPU seconds of the process (all threads; less sensitive to other load).
    static func measure(repetitions: Int, _ body: () -> Void) -> (median: Double, min: Double, cpu: Double) {
        body()
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<Swift.max(1, repetitions) {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(processCPUSeconds() - cpuStart)
        }
        times.sort()
        cpu.sort()
        return (times[times.count / 2], times[0], cpu[cpu.count / 2])
    }

    /// CPU time used by this process so far (user + system, all threads).
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func cases(quick: Bool) -> [Case] {
        let channels = quick ? 16 : 512, batch = quick ? 2 : 4
        var seed: UInt64 = 1
        func tensor(_ shape: [Int], grad: Bool = true) -> Tensor<Float> {
            var generator = SplitMix64(seed: seed)
            seed += 1
            return Tensor(shape: shape, scalars: Tensor<Float>.randomUniform(shape, in: -1..<1, using: &generator).scalars,
                          requiresGrad: grad)
        }
        func backward(_ y: Tensor<Float>, _ inputs: [Tensor<Float>]) {
            _ = Tensor.gradients(of: [y], wrt: inputs, cotangents: [Tensor.ones(y.shape)])
        }
        var list: [Case] = []

        // Plain products: the SGEMM of a 512→512 3×3 convolution at 64² (forward only) and a linear layer.
        let (m, k, n) = quick ? (32, 64, 48) : (512, 4608, 4096)
        list.append(Case(name: "sgemm", shape: "\(m)×\(k) · \(k)×\(n) (forward only)", flops: 2 * Double(m * n * k)) {
            let a = tensor([m, k], grad: false), b = tensor([k, n], grad: false)
            return { _ = a.matmul(b) }
        })
        let rowsLinear = quick ? 64 : 4096
        list.append(Case(name: "linear", shape: "N\(rowsLinear) \(channels)→\(channels)",
                         flops: 3 * 2 * Double(rowsLinear * channels * channels)) {
            let x = tensor([rowsLinear, channels]), w = tensor([channels, channels]), b = tensor([channels])
            return { backward(Tensor.linear(x, weight: w, bias: b), [x, w, b]) }
        })

        for size in quick ? [8, 16] : [32, 64] {
            list.append(Case(name: "conv2d_3x3_\(quick ? size * 4 : size)", shape: "N\(batch) \(channels)→\(channels) \(size)²",
                             flops: 3 * 2 * Double(batch * channels * channels * 9 * size * size)) {
                let x = tensor([batch, channels, size, size]), w = tensor([channels, channels, 3, 3])
                return { backward(Tensor.conv2d(x, w, padding: [1]), [x, w]) }
            })
        }

        let size = quick ? 8 : 32
        let convFlops = 3 * 2 * Double(batch * channels * channels * 9 * size * size)
        func modulated(up: Int, fused: Bool) -> () -> () -> Void {
            {
                let x = tensor([batch, channels, size, size]), w = tensor([channels, channels, 3, 3])
                let styles = tensor([batch, channels])
                let filter = Tensor<Float>.setupFilter(Tensor([1, 3, 3, 1]))
                return {
                    backward(Tensor.modulatedConv2d(x, weight: w, styles: styles, up: up, padding: 1,
                                                    filter: up > 1 ? filter : nil, flipWeight: up == 1, fusedModconv: fused),
                             [x, w, styles])
                }
            }
        }
        for fused in [true, false] {
            list.append(Case(name: "modulated_conv2d_\(fused ? "fused" : "nonfused")",
                             shape: "N\(batch) \(channels)→\(channels) 3×3 \(size)²", flops: convFlops,
                             prepare: modulated(up: 1, fused: fused)))
        }
        list.append(Case(name: "modulated_conv2d_up2_fused", shape: "N\(batch) \(channels)→\(channels) 3×3 \(size)²→\(2 * size)²",
                         flops: 0, prepare: modulated(up: 2, fused: true)))

        let image = quick ? 32 : 256
        for upChannels in [3, 512] {
            let planes = quick ? Swift.min(upChannels, 16) : upChannels
            list.append(Case(name: "upfirdn2d_up2_c\(upChannels)", shape: "N1 C\(planes) \(image)²→\(2 * image)² [1,3,3,1]",
                             flops: 0) {
                let input = tensor([1, planes, image, image]), filter = Tensor<Float>.setupFilter(Tensor([1, 3, 3, 1]))
                return { backward(Tensor.upsample2d(input, filter: filter), [input]) }
            })
        }

        // The resampling step of the ADA AugmentPipe at 256²: the padded, 2× upsampled image sampled on a
        // rotated and scaled affine grid (gradient w.r.t. the image only, as in the pipe).
        let (sampleIn, sampleOut) = quick ? (40, 24) : (1000, 524)
        list.append(Case(name: "grid_sample", shape: "N\(batch) C3 \(sampleIn)²→\(sampleOut)², affine_grid (rotation 0.5 rad, scale 0.6)",
                         flops: 0) {
            let x = tensor([batch, 3, sampleIn, sampleIn])
            let (c, s) = (Float(0.6 * 0.8775825618903728), Float(0.6 * 0.479425538604203))
            let theta = Tensor<Float>(shape: [batch, 2, 3], scalars: Array(repeating: [c, -s, 0.01, s, c, -0.02], count: batch).flatMap { $0 })
            return {
                let grid = Tensor.affineGrid(theta: theta, size: [batch, 3, sampleOut, sampleOut])
                backward(Tensor.gridSample(x, grid: grid), [x])
            }
        })

        let activationSize = quick ? 8 : 64
        list.append(Case(name: "bias_act_lrelu", shape: "N\(batch) C\(channels) \(activationSize)² (bias, lrelu, gain √2)",
                         flops: 0) {
            let x = tensor([batch, channels, activationSize, activationSize]), b = tensor([channels])
            return { backward(Tensor.biasAct(x, bias: b, activation: .lrelu), [x, b]) }
        })

        let flChannels = quick ? 8 : 128, flSize = quick ? 8 : 32
        list.append(Case(name: "filtered_lrelu", shape: "N\(batch) C\(flChannels) \(flSize)² up2 down2, 12 taps, padding 10",
                         flops: 0) {
            let window: [Float] = (1...12).map { Float(0.5 - 0.5 * _cos(2 * Double.pi * Double($0) / 13)) }
            let total = window.reduce(0, +)
            let taps = Tensor<Float>(window.map { $0 / total })
            let x = tensor([batch, flChannels, flSize, flSize]), b = tensor([flChannels])
            return {
                backward(Tensor.filteredLeakyRelu(x, upFilter: taps, downFilter: taps, bias: b, up: 2, down: 2, padding: [10]), [x, b])
            }
        })
        return list
    }
}

/// Cosine in Double (for building the benchmark's low-pass filter).
@inline(__always) private func _cos(_ x: Double) -> Double { Double.cos(x) }
