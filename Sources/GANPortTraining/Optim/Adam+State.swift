import GANPortTensor

/// Errors importing an optimizer state.
public enum AdamStateError: Error, Equatable, CustomStringConvertible {
    /// A state tensor names a parameter the optimizer does not have.
    case unknownParameter(String)
    /// A moment's element count differs from its parameter's.
    case sizeMismatch(name: String, expected: Int, found: Int)
    /// A step count is missing, negative or not an integer.
    case badStep(String)
    /// A parameter has only some of `exp_avg`, `exp_avg_sq` and `step`.
    case incomplete(String)

    public var description: String {
        switch self {
        case let .unknownParameter(name): return "optimizer state for unknown parameter '\(name)'"
        case let .sizeMismatch(name, expected, found): return "optimizer state '\(name)' has \(found) elements, expected \(expected)"
        case let .badStep(name): return "optimizer step count of '\(name)' is not a non-negative integer"
        case let .incomplete(name): return "optimizer state of '\(name)' lacks exp_avg, exp_avg_sq or step"
        }
    }
}

extension Adam {
    /// The state as named tensors (for resuming): `exp_avg.<param>`, `exp_avg_sq.<param>` (shaped like
    /// the parameter) and `step.<param>` (a float32 scalar), for every parameter that has taken a step.
    public func exportState() -> [(name: String, tensor: Tensor<Float>)] {
        var out: [(name: String, tensor: Tensor<Float>)] = []
        for (name, parameter) in parameters {
            guard let state = states[name] else { continue }
            out.append(("exp_avg." + name, Tensor(shape: parameter.shape, scalars: state.expAvg)))
            out.append(("exp_avg_sq." + name, Tensor(shape: parameter.shape, scalars: state.expAvgSq)))
            out.append(("step." + name, Tensor(Float(state.step))))
        }
        return out
    }

    /// Replaces the state with one written by `exportState()`; nothing changes unless all of it fits.
    public func importState(_ tensors: [(name: String, tensor: Tensor<Float>)]) throws {
        let sizes = Dictionary(parameters.map { ($0.name, $0.tensor.count) }, uniquingKeysWith: { a, _ in a })
        var partial: [String: (avg: [Float]?, sq: [Float]?, step: Int?)] = [:]
        for (key, tensor) in tensors {
            let (kind, name): (String, String)
            if key.hasPrefix("exp_avg_sq.") { (kind, name) = ("sq", String(key.dropFirst(11))) }
            else if key.hasPrefix("exp_avg.") { (kind, name) = ("avg", String(key.dropFirst(8))) }
            else if key.hasPrefix("step.") { (kind, name) = ("step", String(key.dropFirst(5))) }
            else { throw AdamStateError.unknownParameter(key) }
            guard let size = sizes[name] else { throw AdamStateError.unknownParameter(name) }
            var entry = partial[name] ?? (nil, nil, nil)
            switch kind {
            case "step":
                guard tensor.count == 1, let value = tensor.scalars.first, value >= 0, value == value.rounded(),
                      value < 1e9 else { throw AdamStateError.badStep(name) }
                entry.step = Int(value)
            default:
                guard tensor.count == size else { throw AdamStateError.sizeMismatch(name: key, expected: size, found: tensor.count) }
                if kind == "avg" { entry.avg = tensor.scalars } else { entry.sq = tensor.scalars }
            }
            partial[name] = entry
        }
        var imported: [String: ParameterState] = [:]
        for (name, entry) in partial {
            guard let avg = entry.avg, let sq = entry.sq, let step = entry.step else { throw AdamStateError.incomplete(name) }
            imported[name] = ParameterState(step: step, expAvg: avg, expAvgSq: sq)
        }
        states = imported
    }
}
