/// Errors recovering a network configuration (constructor kwargs, config JSON, state-dict shapes).
public enum ModelConfigError: Error, Equatable, CustomStringConvertible {
    /// A keyword argument the official constructor does not accept.
    case unknownArgument(String)
    /// A required keyword argument is absent.
    case missingArgument(String)
    /// An argument has the wrong type or an invalid value.
    case invalidArgument(String, expected: String)
    /// The configuration text is not a JSON object.
    case notAJSONObject
    /// The module's class is not the one asked for.
    case wrongClass(expected: String, found: String)
    /// A state dict lacks a tensor needed to infer the configuration.
    case cannotInfer(String)

    public var description: String {
        switch self {
        case let .unknownArgument(path): return "unknown constructor argument '\(path)'"
        case let .missingArgument(path): return "missing constructor argument '\(path)'"
        case let .invalidArgument(path, expected): return "argument '\(path)' must be \(expected)"
        case .notAJSONObject: return "configuration is not a JSON object"
        case let .wrongClass(expected, found): return "expected a \(expected), found a \(found)"
        case let .cannotInfer(what): return "cannot infer the configuration from the state dict: \(what)"
        }
    }
}
