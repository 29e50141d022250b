import ArgumentParser
import GANPortTensor

/// `ganport bench …`: benchmarks (not timed tests) whose JSON the `tools/bench_*.py` scripts compare with PyTorch.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks and print their medians as JSON.",
        subcommands: [BenchOpsCommand.self, BenchStyleGAN2Command.self, BenchAugmentCommand.self, BenchTrainCommand.self]
    )
}

/// `ganport bench ops`: forward+backward of each op at StyleGAN-sized shapes.
struct BenchOpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "Time each op forward and forward+backward at StyleGAN-sized shapes (JSON medians in seconds)."
    )

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Option(help: "Timed repetitions per case (the median is reported).")
    var repetitions = 3

    @Flag(help: "Small shapes, for a quick smoke run.")
    var quick = false

    @Option(help: "Run only these cases (comma-separated names, see the report's `cases`; empty: none, e.g. with --measure-peak).")
    var only: String?

    @Flag(help: "Also measure the machine's SGEMM peak (GFLOP/s) for the report.")
    var measurePeak = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    func run() throws {
        let names = only.map { Set($0.split(separator: ",").map(String.init)) }
        if let names, let unknown = names.subtracting(OpBenchmarks.caseNames).first {
            throw ValidationError("unknown benchmark case '\(unknown)' (known: \(OpBenchmarks.caseNames.joined(separator: ", ")))")
        }
        let report = OpBenchmarks.run(threads: threads, repetitions: repetitions, quick: quick, only: names,
                                      measurePeak: measurePeak ? true : nil)
        print(report.serialized(pretty: true))
    }
}
