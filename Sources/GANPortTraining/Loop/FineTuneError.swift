/// Why a fine-tuning run cannot start or continue.
public enum FineTuneError: Error, Equatable, CustomStringConvertible {
    /// A command-line value is out of range.
    case invalidOption(String)
    /// The dataset does not fit the generator (resolution, channels, labels).
    case datasetMismatch(String)
    /// The checkpoint lacks a network fine-tuning needs.
    case missingNetwork(String)
    /// `--resume` found nothing to resume, or the snapshot does not belong to this run.
    case cannotResume(String)

    public var description: String {
        switch self {
        case let .invalidOption(message): return message
        case let .datasetMismatch(message): return "dataset does not fit the network: \(message)"
        case let .missingNetwork(message): return message
        case let .cannotResume(message): return "cannot resume: \(message)"
        }
    }
}
