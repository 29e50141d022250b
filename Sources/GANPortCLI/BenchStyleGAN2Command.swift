import ArgumentParser
import Foundation
import GANPortFormats
import GANPortModels

/// `ganport bench stylegan2`: whole-network timings at an official training configuration.
struct BenchStyleGAN2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stylegan2",
        abstract: "Time StyleGAN2-ADA G and D forward and forward+backward (medians in seconds, peak RSS).",
        discussion: """
        Random weights from fixed seeds; no checkpoint is read. paper256 is the official \
        train.py --cfg=paper256 network pair at 256² (channel_base 16384, channel_max 512, 8 mapping \
        layers, mbstd group 8 → min(8, batch)), computed in float32. Backward = gradients of Σ output \
        with respect to every parameter. tools/bench_stylegan2.py compares with PyTorch.
        """
    )

    @Option(help: "Network preset: paper256 or tiny.")
    var preset: BenchPreset = .paper256

    @Option(help: "Batch size.")
    var batch = 4

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Option(help: "Timed repetitions per pass (the median is reported; one warm-up run first).")
    var repetitions = 3

    @Flag(help: "Print one JSON object (the default output is a short table).")
    var json = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
        guard StyleGAN2Benchmark.batchFits(batch, preset: preset.preset) else {
            throw ValidationError("--batch \(batch) does not split into minibatch-std groups of min(group size, batch)")
        }
    }

    /// Runs the benchmark and returns its JSON object.
    func report() -> JSONValue {
        StyleGAN2Benchmark.run(preset: preset.preset, batch: batch, threads: threads, repetitions: repetitions).json
    }

    func run() throws {
        let document = report()
        if json {
            print(document.serialized())
            return
        }
        for key in ["G_forward_s", "G_forward_backward_s", "D_forward_s", "D_forward_backward_s", "peak_rss_mib"] {
            print(key.padding(toLength: 22, withPad: " ", startingAt: 0) + (document[key]?.serialized() ?? "null"))
        }
    }
}

/// `--preset` values (`StyleGAN2Benchmark.Preset`).
enum BenchPreset: String, ExpressibleByArgument, CaseIterable {
    case paper256, tiny
    var preset: StyleGAN2Benchmark.Preset { self == .paper256 ? .paper256 : .tiny }
}
