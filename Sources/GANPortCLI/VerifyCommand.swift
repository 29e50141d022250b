import ArgumentParser
import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor
import GANPortTraining

/// `ganport verify FIXTURE.h5 …`: run golden fixtures and compare with the official results.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run golden fixtures in Swift and compare outputs and gradients with the official code.",
        discussion: """
        Each fixture (HDF5, format ganport-golden, version 1; SPEC.md §8) is run and every output \
        and gradient (for train_step fixtures: every loss statistic, updated parameter, optimizer \
        moment and pl_mean of each replayed iteration) is compared with the tolerance tier SPEC.md §9 assigns. One line per tensor \
        (measured max abs / relative error, allowed bound), then a summary. Exits 0 only if every \
        tensor of every fixture is within bounds; 1 if any is not; 2 if a fixture cannot be read \
        or names an unknown format, version, kind or target (never a pass).
        """
    )

    @Argument(help: "Golden fixture files (.h5).")
    var fixtures: [String]

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    @Option(help: "Check this checkpoint (e.g. a converted .safetensors) instead of the one a module or train_step fixture names.")
    var checkpoint: String?

    func run() throws {
        var reports: [ParityReport] = []
        var unreadable = false
        for path in fixtures {
            do {
                let report = try GoldenRunner.run(path: path, checkpoint: checkpoint)
                reports.append(report)
                if !json { print(report.lines.joined(separator: "\n")) }
            } catch {
                unreadable = true
                printError("\(path): \(error)")
            }
        }
        let passed = reports.filter(\.passed).count
        if json {
            let document = JSONValue.object([
                ("passed", .bool(!unreadable && passed == reports.count)),
                ("unreadable", .int(Int64(fixtures.count - reports.count))),
                ("fixtures", .array(reports.map(\.json))),
            ])
            print(document.serialized(pretty: true))
        } else {
            print("fixtures: \(passed) passed, \(reports.count - passed) failed, \(fixtures.count - reports.count) unreadable")
        }
        if unreadable { throw ExitCode(ExitStatus.badInput) }
        if passed != reports.count { throw ExitCode(ExitStatus.findings) }
    }
}

/// Chooses the runner for a fixture's kind.
enum GoldenRunner {
    static func run(path: String, checkpoint: String?) throws -> ParityReport {
        let golden = try GoldenFixture(path: path)
        switch golden.kind {
        case "op" where golden.target == AugmentGoldenRunner.target:
            return try AugmentGoldenRunner.run(golden)
        case "op":
            return try OpGoldenRunner.run(golden)
        case "module":
            return try ModuleGoldenRunner.run(fixturePath: path, checkpointPath: checkpoint)
        case "train_step":
            return try TrainStepGoldenRunner.run(fixturePath: path, checkpointPath: checkpoint)
        default:
            throw GoldenFixtureError.unsupportedKind(golden.kind, path: path)
        }
    }
}
