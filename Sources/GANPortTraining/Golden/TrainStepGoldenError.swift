/// Problems with a training-step golden fixture that make it impossible to run.
public enum TrainStepGoldenError: Error, Equatable, CustomStringConvertible {
    /// The fixture's kind is not `train_step`.
    case wrongKind(String)
    /// The fixture's target is not one this runner implements.
    case unknownTarget(String)
    /// A `call` key is missing or has the wrong type or value.
    case badCall(String)
    /// A tensor the fixture must hold is absent.
    case missingTensor(String)
    /// The `checkpoint` attribute is missing.
    case missingCheckpoint

    public var description: String {
        switch self {
        case let .wrongKind(kind): return "golden kind '\(kind)' is not 'train_step'"
        case let .unknownTarget(target): return "unknown training target '\(target)'"
        case let .badCall(key): return "train_step call key '\(key)' is missing or malformed"
        case let .missingTensor(name): return "golden tensor '\(name)' is missing"
        case .missingCheckpoint: return "train_step golden has no 'checkpoint' attribute"
        }
    }
}
