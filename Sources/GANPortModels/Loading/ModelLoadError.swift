/// Errors loading a model from a checkpoint.
public enum ModelLoadError: Error, Equatable, CustomStringConvertible {
    /// The checkpoint has no network under this key (`G_ema`, `D`, `G_ema.mapping`).
    case entryNotFound(String, available: [String])
    /// The network under the key is another class than the one asked for.
    case wrongClass(entry: String, expected: String, found: String)
    /// A tensor is not floating point.
    case notFloatingPoint(String)
    /// The file holds nothing a StyleGAN2 model can be built from.
    case unsupportedContent(String)
    /// The configuration's sizes differ from the tensors' (checked before anything is allocated).
    case configDoesNotFit([String])

    public var description: String {
        switch self {
        case let .entryNotFound(key, available):
            return "no network '\(key)' in the checkpoint (available: \(available.isEmpty ? "none" : available.joined(separator: ", ")))"
        case let .wrongClass(entry, expected, found): return "'\(entry)' is a \(found), not a \(expected)"
        case let .notFloatingPoint(name): return "tensor '\(name)' is not floating point"
        case let .unsupportedContent(what): return "cannot build a model from \(what)"
        case let .configDoesNotFit(differences):
            return "the configuration does not fit the tensors: " + differences.joined(separator: "; ")
        }
    }
}
