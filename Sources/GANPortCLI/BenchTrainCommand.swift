import ArgumentParser
import GANPortModels
import GANPortTraining

/// `ganport bench train`: official training iterations at a preset (JSON: seconds, images/s, sec/kimg, peak RSS).
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time StyleGAN2-ADA training iterations (all four phases on their official schedule).",
        discussion: """
        Random weights and random uint8 images; batch indices 0, 1, … (iteration 0 runs Gmain, Greg, \
        Dmain and Dreg; G regularizes every 4 iterations, D every 16), paper256 loss settings, bgc \
        augmentation at p = 0.2, Adam and G_ema. tools/bench_train.py compares with the official code.
        """
    )

    @OptionGroup var network: BenchNetworkOptions

    @Option(help: "Training iterations to time.")
    var iterations = 8

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
        guard network.batch >= 2 else { throw ValidationError("--batch must be at least 2 (path length uses batch / 2)") }
    }

    func run() throws {
        let result = TrainingBenchmark.run(preset: network.preset.preset, batch: network.batch, threads: network.threads,
                                           iterations: iterations)
        network.print(result.json, keys: ["seconds", "images_per_s", "sec_per_kimg", "peak_rss_mib"])
    }
}
