import ArgumentParser
import Foundation
import GANPortFormats

/// `ganport convert IN --to OUT`: rewrite a checkpoint's tensors into an open format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a checkpoint to safetensors, HDF5 or a PyTorch state dict.",
        discussion: """
        The input format is detected from its bytes; the output format from the extension of \
        --to: .safetensors, .h5/.hdf5, or .pt/.pth (a torch.save zip that \
        torch.load(path, weights_only=True) loads). Every tensor is copied bit-exactly unless \
        --dtype asks for a conversion. Files with security findings are refused unless \
        --allow-unsafe is given. Nothing is written on failure.
        """
    )

    @Argument(help: "The checkpoint to read.")
    var input: String

    @Option(name: .customLong("to"), help: "Output file (.safetensors, .h5, .hdf5, .pt, .pth).")
    var output: String

    @Option(name: .customLong("select"), help: "Keep only tensors whose flattened name starts with PREFIX (repeatable), e.g. --select G_ema.")
    var selections: [String] = []

    @Flag(help: "Remove the selected prefix from names (needs exactly one --select), e.g. G_ema.mapping.fc0.weight → mapping.fc0.weight.")
    var stripPrefix = false

    @Option(help: "Convert floating-point tensors to this dtype (f32 or f64). F16/BF16 → F32 is exact; F64 → F32 rounds to nearest.")
    var dtype: TargetDType?

    @Flag(help: "Convert even when the input has security findings (the output holds only tensors and never code).")
    var allowUnsafe = false

    func validate() throws {
        guard OutputFormat(path: output) != nil else {
            throw ValidationError("--to must end in .safetensors, .h5, .hdf5, .pt or .pth (got \(output))")
        }
        if stripPrefix && selections.count != 1 { throw ValidationError("--strip-prefix needs exactly one --select") }
    }

    func run() throws {
        let checkpoint = try readingInput(input) { try CheckpointReader.read(path: input) }
        if !checkpoint.findings.isEmpty && !allowUnsafe {
            for finding in checkpoint.findings { printNote("  [\(finding.severity.rawValue)] \(finding)") }
            printError("\(input): refusing to convert a file with \(checkpoint.findings.count) security finding(s); loading it in Python would run code. Pass --allow-unsafe to convert its tensors anyway.")
            throw ExitCode(ExitStatus.findings)
        }
        let plan = try readingInput(input) {
            try ConversionPlan(checkpoint: checkpoint, selections: selections, stripPrefix: stripPrefix, dtype: dtype?.dtype)
        }
        guard let format = OutputFormat(path: output) else { throw ExitCode.validationFailure }
        do {
            try CheckpointWriter.write(plan.tensors, metadata: plan.metadata(sourcePath: input), format: format, to: output,
                                       progress: ProgressReporter(label: "writing").callback)
        } catch {
            printError("\(output): \(error)")
            throw ExitCode(ExitStatus.outputFailed)
        }
        printNote("wrote \(plan.tensors.count) tensors to \(output) (\(format.rawValue))")
    }
}

/// Target element types accepted by `--dtype`.
enum TargetDType: String, ExpressibleByArgument, CaseIterable {
    case f32, f64
    var dtype: DType { self == .f32 ? .f32 : .f64 }
}
