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

    @Option(help: "Network preset: paper256 or tiny.")
    var preset: BenchPreset = .paper256

    @Option(help: "Batch size.")
    var batch = 4

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Option(help: "Training iterations to time.")
    var iterations = 8

    @Flag(help: "Print one JSON object (the default output is a short table).")
    var json = false

    func validate() throws {
        guard threads >= 1, iterations >= 1 else { throw ValidationError("--threads and --iterations must be at least 1") }
        guard StyleGAN2Benchmark.batchFits(batch, preset: preset.preset), batch >= 2 else {
            throw ValidationError("--batch \(batch) must be at least 2 and split into minibatch-std groups")
        }
    }

    func run() throws {
        let document = TrainingBenchmark.run(preset: preset.preset, batch: batch, threads: threads, iterations: iterations).json
        if json {
            print(document.serialized())
            return
        }
        for key in ["seconds", "images_per_s", "sec_per_kimg", "peak_rss_mib"] {
            print(key.padding(toLength: 16, withPad: " ", startingAt: 0) + (document[key]?.serialized() ?? "null"))
        }
    }
}
