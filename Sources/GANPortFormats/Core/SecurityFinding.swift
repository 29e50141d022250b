/// Something in a file that would run code, or could, if the file were loaded in Python.
///
/// GANPort never executes anything it reads; findings exist because users later load the same
/// files with `pickle`/`torch.load`. `inspect` lists them and exits with a scanner code;
/// `convert` refuses a file with findings unless `--allow-unsafe` is given.
public struct SecurityFinding: Equatable, Sendable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable {
        /// A known code-execution primitive (`builtins.eval`, `os.system`, …).
        case dangerous
        /// A call of a global outside GANPort's allowlist: unknown code would run.
        case unknownCall = "unknown-call"
        /// An opcode that reaches code in ways the allowlist cannot see (extension registry, …).
        case unsafeOpcode = "unsafe-opcode"
    }

    /// Severity class.
    public let severity: Severity
    /// The global's module (`os`), or empty for opcode findings.
    public let module: String
    /// The global's name (`system`), or the opcode name.
    public let name: String
    /// Byte offset of the opcode in the pickle stream.
    public let byteOffset: Int
    /// Which stream inside the file (`data.pkl`, `archive/data.pkl`, a nested storage stream), empty for the top level.
    public let stream: String

    public init(severity: Severity, module: String, name: String, byteOffset: Int, stream: String = "") {
        self.severity = severity
        self.module = module
        self.name = name
        self.byteOffset = byteOffset
        self.stream = stream
    }

    /// `module.name` of the global.
    public var qualifiedName: String { module.isEmpty ? name : "\(module).\(name)" }

    public var description: String {
        let place = stream.isEmpty ? "offset \(byteOffset)" : "\(stream) offset \(byteOffset)"
        switch severity {
        case .dangerous: return "dangerous global \(qualifiedName) at \(place)"
        case .unknownCall: return "call of non-allowlisted global \(qualifiedName) at \(place)"
        case .unsafeOpcode: return "unsafe opcode \(name) at \(place)"
        }
    }

    /// As JSON for `inspect --json`.
    public var json: JSONValue {
        .object([
            ("severity", .string(severity.rawValue)), ("global", .string(qualifiedName)),
            ("stream", .string(stream)), ("offset", .int(Int64(byteOffset))), ("message", .string(description)),
        ])
    }
}
