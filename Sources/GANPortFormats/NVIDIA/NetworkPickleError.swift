/// Errors in NVIDIA network pickles (PyTorch era) and TensorFlow-era pickles.
public enum NetworkPickleError: Error, Equatable, CustomStringConvertible {
    /// The top-level object is not a dict (or tuple) of networks.
    case notANetworkPickle(String)
    /// A persistent object's `meta` is malformed.
    case malformedPersistentObject(String, path: String)
    /// The persistence format version is not one GANPort knows (6).
    case unsupportedPersistenceVersion(Int64, path: String)
    /// A module's state is not a dict with `_parameters`, `_buffers` and `_modules`.
    case malformedModuleState(String, path: String)
    /// A TF `Network` state is malformed.
    case malformedTFNetwork(String, path: String)
    /// The TF network state version is not 2–4.
    case unsupportedTFNetworkVersion(Int64, path: String)
    /// A module or network nests deeper than the limit.
    case nestingTooDeep(path: String)

    public var description: String {
        switch self {
        case let .notANetworkPickle(why): return "not an NVIDIA network pickle: \(why)"
        case let .malformedPersistentObject(why, path): return "\(path): malformed persistent object (\(why))"
        case let .unsupportedPersistenceVersion(v, path): return "\(path): unsupported persistence version \(v) (expected 6)"
        case let .malformedModuleState(why, path): return "\(path): malformed module state (\(why))"
        case let .malformedTFNetwork(why, path): return "\(path): malformed TensorFlow network (\(why))"
        case let .unsupportedTFNetworkVersion(v, path): return "\(path): unsupported TensorFlow network version \(v)"
        case let .nestingTooDeep(path): return "\(path): modules nest too deeply"
        }
    }
}
