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

    @OptionGroup var network: BenchNetworkOptions

    @Option(help: "Timed repetitions per pass (the median is reported; one warm-up run first).")
    var repetitions = 3

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    /// Runs the benchmark and returns its JSON object.
    func report() -> JSONValue {
        StyleGAN2Benchmark.run(preset: network.preset.preset, batch: network.batch, threads: network.threads,
                               repetitions: repetitions).json
    }

    func run() throws {
        network.print(report(), keys: ["G_forward_s", "G_forward_backward_s", "D_forward_s", "D_forward_backward_s", "peak_rss_mib"])
    }
}

/// `--preset` values (`StyleGAN2Benchmark.Preset`).
enum BenchPreset: String, ExpressibleByArgument, CaseIterable {
    case paper256, tiny
    var preset: StyleGAN2Benchmark.Preset { self == .paper256 ? .paper256 : .tiny }
}
