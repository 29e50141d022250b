import Foundation

/// Errors running an op-level golden target.
public enum OpTargetError: Error, Equatable, CustomStringConvertible {
    /// The target name is not one this engine implements.
    case unknownTarget(String)
    /// The `call` attribute is not a JSON object.
    case invalidCall(String)
    /// A call key has a value of the wrong kind.
    case invalidArgument(target: String, key: String)
    /// A required input tensor is absent.
    case missingInput(target: String, name: String)

    public var description: String {
        switch self {
        case let .unknownTarget(name): return "unknown op target '\(name)'"
        case let .invalidCall(text): return "op call is not a JSON object: \(text)"
        case let .invalidArgument(target, key): return "\(target): invalid value for '\(key)'"
        case let .missingInput(target, name): return "\(target): missing input '\(name)'"
        }
    }
}

/// Runs the op-level targets of golden fixtures (`kind = op`) by name, with the call's keyword
/// arguments as written by `tools/make_op_goldens.py` (JSON; `null` = the official default).
public enum OpTargets {
    /// Target names: the official ops and the plain PyTorch functional ops.
    public static let names = ["upfirdn2d", "bias_act", "filtered_lrelu", "modulated_conv2d", "conv2d_resample",
                               "setup_filter", "normalize_2nd_moment", "minibatch_std", "adain", "logistic_loss",
                               "torch/conv2d", "torch/conv_transpose2d", "torch/linear", "torch/instance_norm",
                               "torch/batch_norm_eval", "torch/avg_pool2d", "torch/interpolate", "torch/pad",
                               "torch/elementwise", "torch/reduction", "grid_sample"]

    /// The outputs (`y`) of `target` called with `callJSON` on `inputs`. Differentiable inputs keep
    /// their graph, so the caller can take gradients of the result.
    public static func run<T: TensorScalar>(target: String, callJSON: String, inputs: [String: Tensor<T>]) throws -> [String: Tensor<T>] {
        guard let data = callJSON.data(using: .utf8),
              let call = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw OpTargetError.invalidCall(callJSON)
        }
        let args = CallArguments(target: target, values: call)
        func input(_ name: String) throws -> Tensor<T> {
            guard let tensor = inputs[name] else { throw OpTargetError.missingInput(target: target, name: name) }
            return tensor
        }
        let y: Tensor<T>
        switch target {
        case "upfirdn2d":
            y = Tensor.upfirdn2d(try input("x"), filter: inputs["f"], up: try args.ints("up", default: [1]),
                                 down: try args.ints("down", default: [1]), padding: try args.ints("padding", default: [0]),
                                 flipFilter: try args.bool("flip_filter", default: false), gain: try args.double("gain", default: 1))
        case "bias_act":
            guard let activation = Activation(rawValue: try args.string("act", default: "linear")) else {
                throw OpTargetError.invalidArgument(target: target, key: "act")
            }
            y = Tensor.biasAct(try input("x"), bias: inputs["b"], dim: try args.int("dim", default: 1), activation: activation,
                               alpha: try args.optionalDouble("alpha"), gain: try args.optionalDouble("gain"),
                               clamp: try args.optionalDouble("clamp"))
        case "filtered_lrelu":
            y = Tensor.filteredLeakyRelu(try input("x"), upFilter: inputs["fu"], downFilter: inputs["fd"], bias: inputs["b"],
                                         up: try args.int("up", default: 1), down: try args.int("down", default: 1),
                                         padding: try args.ints("padding", default: [0]),
                                         gain: try args.double("gain", default: 2.0.squareRoot()),
                                         slope: try args.double("slope", default: 0.2), clamp: try args.optionalDouble("clamp"),
                                         flipFilter: try args.bool("flip_filter", default: false))
        case "modulated_conv2d":
            y = Tensor.modulatedConv2d(try input("x"), weight: try input("weight"), styles: try input("styles"),
                                       noise: inputs["noise"], up: try args.int("up", default: 1), down: try args.int("down", default: 1),
                                       padding: try args.int("padding", default: 0), filter: inputs["f"],
                                       demodulate: try args.bool("demodulate", default: true),
                                       flipWeight: try args.bool("flip_weight", default: true),
                                       fusedModconv: try args.bool("fused_modconv", default: true))
        case "conv2d_resample":
            y = Tensor.conv2dResample(try input("x"), try input("w"), filter: inputs["f"], up: try args.int("up", default: 1),
                                      down: try args.int("down", default: 1), padding: try args.ints("padding", default: [0]),
                                      groups: try args.int("groups", default: 1), flipWeight: try args.bool("flip_weight", default: true),
                                      flipFilter: try args.bool("flip_filter", default: false))
        case "setup_filter":
            y = Tensor.setupFilter(try input("f"), normalize: try args.bool("normalize", default: true),
                                   flipFilter: try args.bool("flip_filter", default: false), gain: try args.double("gain", default: 1),
                                   separable: try args.optionalBool("separable"))
        case "normalize_2nd_moment":
            y = Tensor.normalize2ndMoment(try input("x"), dim: try args.int("dim", default: 1), eps: try args.double("eps", default: 1e-8))
        case "minibatch_std":
            y = Tensor.minibatchStd(try input("x"), groupSize: try args.optionalInt("group_size"),
                                    numChannels: try args.int("num_channels", default: 1))
        case "torch/conv2d":
            y = Tensor.conv2d(try input("x"), try input("weight"), stride: try args.ints("stride", default: [1]),
                              padding: try args.ints("padding", default: [0]), groups: try args.int("groups", default: 1))
            .adding(inputs["bias"])
        case "torch/conv_transpose2d":
            y = Tensor.convTranspose2d(try input("x"), try input("weight"), stride: try args.ints("stride", default: [1]),
                                       padding: try args.ints("padding", default: [0]),
                                       outputPadding: try args.ints("output_padding", default: [0]), groups: try args.int("groups", default: 1))
            .adding(inputs["bias"])
        case "torch/linear":
            y = Tensor.linear(try input("x"), weight: try input("weight"), bias: inputs["bias"])
        case "torch/instance_norm":
            y = Tensor.instanceNorm(try input("x"), weight: inputs["weight"], bias: inputs["bias"],
                                    eps: try args.double("eps", default: 1e-5))
        case "torch/batch_norm_eval":
            y = Tensor.batchNorm(try input("x"), runningMean: try input("running_mean"), runningVariance: try input("running_var"),
                                 weight: inputs["weight"], bias: inputs["bias"], eps: try args.double("eps", default: 1e-5))
        case "adain":
            y = Tensor.adaptiveInstanceNorm(try input("x"), style: try input("s"), fcWeight: try input("fc_weight"),
                                            fcBias: inputs["fc_bias"])
        case "torch/avg_pool2d":
            let kernel = try args.ints("kernel_size", default: [])
            guard !kernel.isEmpty else { throw OpTargetError.invalidArgument(target: target, key: "kernel_size") }
            y = Tensor.avgPool2d(try input("x"), kernel: kernel, stride: try args.optionalInts("stride"),
                                 padding: try args.ints("padding", default: [0]), ceilMode: try args.bool("ceil_mode", default: false),
                                 countIncludePad: try args.bool("count_include_pad", default: true),
                                 divisorOverride: try args.optionalInt("divisor_override"))
        case "torch/interpolate":
            guard let mode = InterpolationMode(rawValue: try args.string("mode", default: "nearest")) else {
                throw OpTargetError.invalidArgument(target: target, key: "mode")
            }
            y = Tensor.interpolate(try input("x"), size: try args.optionalInts("size"), scaleFactor: try args.optionalDoubles("scale_factor"),
                                   mode: mode, alignCorners: try args.bool("align_corners", default: false))
        case "torch/pad":
            let pad = try args.ints("pad", default: [])
            guard pad.count == 4 else { throw OpTargetError.invalidArgument(target: target, key: "pad") }
            switch try args.string("mode", default: "constant") {
            case "constant": y = try input("x").padded([(pad[2], pad[3]), (pad[0], pad[1])])
            case "replicate": y = try input("x").replicationPadded(top: pad[2], bottom: pad[3], left: pad[0], right: pad[1])
            default: throw OpTargetError.invalidArgument(target: target, key: "mode")
            }
        case "torch/elementwise":
            y = try elementwise(args, x: try input("x"), inputs: inputs)
        case "torch/reduction":
            let x = try input("x"), dims = try args.optionalInts("dim"), keep = try args.bool("keepdim", default: false)
            switch try args.string("op", default: "sum") {
            case "sum": y = x.sum(axes: dims, keepDims: keep)
            case "mean": y = x.mean(axes: dims, keepDims: keep)
            case "var": y = x.variance(axes: dims, correction: try args.bool("unbiased", default: true) ? 1 : 0, keepDims: keep)
            default: throw OpTargetError.invalidArgument(target: target, key: "op")
            }
        case "grid_sample":
            // Bilinear, zeros padding, align_corners=False: the only mode the official code uses.
            guard try args.string("mode", default: "bilinear") == "bilinear" else { throw OpTargetError.invalidArgument(target: target, key: "mode") }
            guard try args.string("padding_mode", default: "zeros") == "zeros" else {
                throw OpTargetError.invalidArgument(target: target, key: "padding_mode")
            }
            guard try !args.bool("align_corners", default: false) else { throw OpTargetError.invalidArgument(target: target, key: "align_corners") }
            y = Tensor.gridSample(try input("x"), grid: try input("grid"))
        case "logistic_loss":
            y = Tensor.logisticLoss(try input("x"), targetReal: try args.bool("target_real", default: true))
        default:
            throw OpTargetError.unknownTarget(target)
        }
        return ["y": y]
    }

    /// `torch/elementwise`: one element-wise function named by `op`, with its scalar arguments.
    static func elementwise<T: TensorScalar>(_ args: CallArguments, x: Tensor<T>, inputs: [String: Tensor<T>]) throws -> Tensor<T> {
        switch try args.string("op", default: "") {
        case "relu": return x.relu()
        case "leaky_relu": return x.leakyRelu(try args.double("negative_slope", default: 0.01))
        case "tanh": return x.tanh()
        case "sigmoid": return x.sigmoid()
        case "softplus": return x.softplus()
        case "sin": return x.sin()
        case "cos": return x.cos()
        case "exp": return x.exp()
        case "square": return x.square()
        case "sqrt": return x.sqrt()
        case "rsqrt": return x.rsqrt()
        case "clamp": return x.clamped(min: try args.double("min", default: -.infinity), max: try args.double("max", default: .infinity))
        case "lerp":
            guard let end = inputs["end"] else { throw OpTargetError.missingInput(target: args.target, name: "end") }
            if let weight = inputs["weight"] { return x.lerp(to: end, weight: weight) }
            return x.lerp(to: end, weight: try args.double("weight", default: 0.5))
        default: throw OpTargetError.invalidArgument(target: args.target, key: "op")
        }
    }
}

private extension Tensor {
    /// Adds a per-channel conv bias when present.
    func adding(_ bias: Tensor?) -> Tensor { bias.map { self + $0.reshaped([1, -1, 1, 1]) } ?? self }
}

/// Typed access to the keyword arguments of a call (`null` or absent → default).
struct CallArguments {
    let target: String
    let values: [String: Any]

    func value(_ key: String) -> Any? { values[key].flatMap { $0 is NSNull ? nil : $0 } }
    func invalid(_ key: String) -> OpTargetError { .invalidArgument(target: target, key: key) }

    func optionalDouble(_ key: String) throws -> Double? {
        guard let raw = value(key) else { return nil }
        guard let number = raw as? NSNumber else { throw invalid(key) }
        return number.doubleValue
    }
    func double(_ key: String, default fallback: Double) throws -> Double { try optionalDouble(key) ?? fallback }
    func optionalInt(_ key: String) throws -> Int? {
        guard let number = try optionalDouble(key) else { return nil }
        guard number.rounded() == number, Swift.abs(number) < 1e15 else { throw invalid(key) }
        return Int(number)
    }
    func int(_ key: String, default fallback: Int) throws -> Int { try optionalInt(key) ?? fallback }
    func ints(_ key: String, default fallback: [Int]) throws -> [Int] {
        guard let raw = value(key) else { return fallback }
        if let list = raw as? [Any] {
            return try list.map { element in
                guard let number = element as? NSNumber, number.doubleValue.rounded() == number.doubleValue else { throw invalid(key) }
                return number.intValue
            }
        }
        return [try int(key, default: 0)]
    }
    func optionalInts(_ key: String) throws -> [Int]? { value(key) == nil ? nil : try ints(key, default: []) }
    func optionalDoubles(_ key: String) throws -> [Double]? {
        guard let raw = value(key) else { return nil }
        if let list = raw as? [Any] {
            return try list.map { element in
                guard let number = element as? NSNumber else { throw invalid(key) }
                return number.doubleValue
            }
        }
        guard let number = raw as? NSNumber else { throw invalid(key) }
        return [number.doubleValue]
    }
    func optionalBool(_ key: String) throws -> Bool? {
        guard let raw = value(key) else { return nil }
        guard let flag = raw as? Bool else { throw invalid(key) }
        return flag
    }
    func bool(_ key: String, default fallback: Bool) throws -> Bool { try optionalBool(key) ?? fallback }
    func string(_ key: String, default fallback: String) throws -> String {
        guard let raw = value(key) else { return fallback }
        guard let text = raw as? String else { throw invalid(key) }
        return text
    }
}
