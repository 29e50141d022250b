import ArgumentParser
import Foundation
import GANPortFormats
import GANPortTraining

/// `ganport bench augment`: `AugmentPipe` timings at a training shape.
struct BenchAugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Time the ADA AugmentPipe forward and forward+backward (medians in seconds, peak RSS).",
        discussion: """
        Random RGB images in [-1, 1) from a fixed seed; every call draws fresh transform parameters from \
        one seeded random source. Backward = gradient of Σ output with respect to the images. \
        tools/bench_augment.py compares with the official PyTorch AugmentPipe.
        """
    )

    @Option(help: "Pipeline preset (official --augpipe name).")
    var augpipe = "bgc"

    @Option(help: "Strengths p to time (comma-separated).")
    var p = "0.2,1"

    @Option(help: "Batch size.")
    var batch = 4

    @Option(help: "Image resolution (square RGB images).")
    var resolution = 256

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Option(help: "Timed repetitions per pass (the median is reported; one warm-up run first).")
    var repetitions = 5

    @Flag(help: "Print one JSON object (the default output is a short table).")
    var json = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
        guard batch >= 1, resolution >= 2 else { throw ValidationError("--batch must be ≥ 1 and --resolution ≥ 2") }
        guard AugmentPreset(rawValue: augpipe) != nil else {
            throw ValidationError("unknown --augpipe '\(augpipe)' (known: \(AugmentPreset.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard strengths != nil else { throw ValidationError("--p needs comma-separated numbers in [0, 1], got '\(p)'") }
    }

    /// The parsed `--p` list, nil when malformed.
    var strengths: [Float]? {
        var values: [Float] = []
        for field in p.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Float(field.trimmingCharacters(in: .whitespaces)), value >= 0, value <= 1 else { return nil }
            values.append(value)
        }
        return values.isEmpty ? nil : values
    }

    /// Runs the benchmark and returns its JSON object.
    func report() -> JSONValue {
        AugmentBenchmark.run(preset: AugmentPreset(rawValue: augpipe) ?? .bgc, strengths: strengths ?? [1], batch: batch,
                             resolution: resolution, threads: threads, repetitions: repetitions).json
    }

    func run() throws {
        let document = report()
        if json {
            print(document.serialized())
            return
        }
        for entry in document["strengths"]?.arrayValue ?? [] {
            let fields = ["p", "forward_s", "forward_backward_s"].map { entry[$0]?.serialized() ?? "null" }
            print("p \(fields[0])  forward \(fields[1]) s  forward+backward \(fields[2]) s")
        }
        print("peak_rss_mib \(document["peak_rss_mib"]?.serialized() ?? "null")")
    }
}
