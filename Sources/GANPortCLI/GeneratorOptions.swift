import ArgumentParser
import GANPortModels
import GANPortTensor

/// Options shared by the commands that run a generator (`generate`, `style-mix`).
struct GeneratorOptions: ParsableArguments {
    @Option(name: .customLong("class"), help: "Class label (required for a conditional network).")
    var classIndex: Int?

    @Option(help: "Truncation psi.")
    var trunc: Double = 1

    @Option(help: "Noise mode: const, random or none.")
    var noiseMode: NoiseModeOption = .const

    @Option(help: "Network to run (G_ema or G).")
    var network = "G_ema"

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Flag(help: "No progress lines.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    /// Sets the engine's thread count and loads the chosen network of `checkpoint`.
    func loadGenerator(_ checkpoint: String) throws -> StyleGAN2.Generator {
        TensorRuntime.threadCount = threads
        return try readingInput(checkpoint) { try StyleGAN2.Generator.load(path: checkpoint, key: network) }
    }
}
