import ArgumentParser
import GANPortFormats
import GANPortModels

/// Options of the whole-network benchmarks (`bench stylegan2`, `bench train`).
struct BenchNetworkOptions: ParsableArguments {
    @Option(help: "Network preset: paper256 or tiny.")
    var preset: BenchPreset = .paper256

    @Option(help: "Batch size.")
    var batch = 4

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Flag(help: "Print one JSON object (the default output is a short table).")
    var json = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard StyleGAN2Benchmark.batchFits(batch, preset: preset.preset) else {
            throw ValidationError("--batch \(batch) does not split into minibatch-std groups of min(group size, batch)")
        }
    }

    /// Prints `document` as JSON, or the values of `keys` as a short table.
    func print(_ document: JSONValue, keys: [String]) {
        if json {
            Swift.print(document.serialized())
            return
        }
        for key in keys {
            Swift.print(key.padding(toLength: 22, withPad: " ", startingAt: 0) + (document[key]?.serialized() ?? "null"))
        }
    }
}
