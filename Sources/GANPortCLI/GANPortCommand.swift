import ArgumentParser
import GANPortFormats

/// The `ganport` root command.
public struct GANPortCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ganport",
        abstract: "Convert, inspect and verify GAN checkpoints safely, and generate images, without Python.",
        discussion: """
        Exit codes: 0 success; 1 security findings (inspect), a file refused for them (convert, export) or a \
        tensor out of bounds (verify); 2 unreadable or malformed input (export: tensors that do not fit the template); 3 output could not be \
        written; 64 usage error.
        """,
        version: GANPortVersion.current,
        subcommands: [InspectCommand.self, ConvertCommand.self, ExportCommand.self, VerifyCommand.self, GenerateCommand.self,
                      StyleMixCommand.self, FinetuneCommand.self, BenchCommand.self]
    )
    public init() {}
}
