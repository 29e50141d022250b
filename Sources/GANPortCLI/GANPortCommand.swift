import ArgumentParser

/// The `ganport` root command.
public struct GANPortCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ganport",
        abstract: "Convert, inspect and verify GAN checkpoints safely, without Python.",
        version: GANPortVersion.current,
        subcommands: []
    )
    public init() {}
}

/// The version string printed by `ganport --version`.
public enum GANPortVersion {
    public static let current = "0.1.0"
}
