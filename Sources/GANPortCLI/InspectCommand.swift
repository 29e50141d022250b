import ArgumentParser
import Foundation
import GANPortFormats

/// `ganport inspect FILE [--json] [--hash]`: what a checkpoint holds, without running it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the format, tensors, metadata and security findings of a checkpoint.",
        discussion: """
        The format is chosen by magic bytes, never by file extension. Nothing in the file is \
        executed. Exits 1 when the file has security findings (code-execution primitives or \
        calls of non-allowlisted globals in a pickle), 2 when it cannot be read.
        """
    )

    @Argument(help: "The checkpoint file.")
    var file: String

    @Flag(help: "Print the JSON manifest (format, tensors with SHA-256, totals, metadata, findings).")
    var json = false

    @Flag(help: "Include each tensor's SHA-256 in the text listing (always on with --json).")
    var hash = false

    func run() throws {
        let checkpoint = try readingInput(file) { try CheckpointReader.read(path: file) }
        let hashes = json || hash
        let manifest = try readingInput(file) {
            try checkpoint.manifest(hashes: hashes, progress: ProgressReporter(label: "hashing").callback)
        }
        if json {
            print(manifest.serialized(pretty: true))
        } else {
            print(InspectText.render(checkpoint: checkpoint, manifest: manifest, path: file))
        }
        if !checkpoint.findings.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}
