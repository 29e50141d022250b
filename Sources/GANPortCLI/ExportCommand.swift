import ArgumentParser
import Foundation
import GANPortFormats

/// `ganport export SOURCE --template ORIGINAL.pkl --to OUT.pkl`: write tensors back into an
/// official NVIDIA network pickle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a checkpoint's tensors into an NVIDIA network pickle, using the original pickle as template.",
        discussion: """
        The output is the template's bytes with only tensor elements replaced: module sources, \
        constructor arguments and every other pickle byte are kept, so the official \
        legacy.load_network_pkl and train.py --resume read it as they read the template. Tensors \
        are matched by flattened name (as `ganport inspect` lists them for the template: \
        G.mapping.fc0.weight, G_ema.synthesis.b4.const, augment_pipe.p, ...) and must agree in \
        dtype and shape; no conversion is made. Every template tensor must be in SOURCE unless \
        --keep-missing is given. A template or source with security findings is refused unless \
        --allow-unsafe. Nothing is written on failure.
        """
    )

    @Argument(help: "Checkpoint holding the new tensors (e.g. a run's snapshot-*/network.safetensors).")
    var source: String

    @Option(help: "The original NVIDIA network pickle (.pkl) the output is modelled on.")
    var template: String

    @Option(name: .customLong("to"), help: "Output network pickle.")
    var output: String

    @Flag(help: "Template tensors missing from SOURCE keep the template's values.")
    var keepMissing = false

    @Flag(help: "Accept a template or source with security findings.")
    var allowUnsafe = false

    func run() throws {
        let options = NetworkPickleExportOptions(keepMissing: keepMissing, allowUnsafe: allowUnsafe)
        let exporter: NetworkPickleExporter
        do {
            exporter = try NetworkPickleExporter(templatePath: template, options: options)
        } catch let NetworkPickleExportError.templateHasFindings(findings) {
            throw refusal(template, findings)
        } catch {
            // Prints the reader's one-line message and picks the exit code.
            return try readingInput(template) { throw error }
        }
        let checkpoint = try readingInput(source) { try CheckpointReader.read(path: source) }
        if !checkpoint.findings.isEmpty && !allowUnsafe { throw refusal(source, checkpoint.findings) }
        let summary: NetworkPickleExportSummary
        do {
            summary = try exporter.export(checkpoint, to: output, options: options)
        } catch let error as NetworkPickleExportError {
            if case let .mismatch(problems) = error {
                for problem in problems { printNote("  \(problem)") }
                printError("\(source): \(problems.count) tensor(s) do not fit the template \(template)")
            } else {
                printError("\(source): \(error)")
            }
            throw ExitCode(ExitStatus.badInput)
        } catch {
            printError("\(output): \(error)")
            throw ExitCode(ExitStatus.outputFailed)
        }
        let kept = summary.kept.isEmpty ? "" : ", kept \(summary.kept.count) template tensor(s)"
        let skipped = summary.skipped.isEmpty ? ""
            : ", left out \(summary.skipped.count) augment_pipe tensor(s) (the template has augment_pipe = None)"
        printNote("wrote \(output): replaced \(summary.replaced.count) tensor(s)\(kept)\(skipped)")
    }

    private func refusal(_ path: String, _ findings: [SecurityFinding]) -> ExitCode {
        for finding in findings { printNote("  [\(finding.severity.rawValue)] \(finding)") }
        printError("\(path): refusing a file with \(findings.count) security finding(s); loading it in Python would run code. Pass --allow-unsafe to export anyway.")
        return ExitCode(ExitStatus.findings)
    }
}
