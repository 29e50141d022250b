import Foundation

/// Runs `op` golden fixtures through the engine (`OpTargets`) and compares outputs and input
/// gradients with the tier of the op (SPEC.md §9).
public enum OpGoldenRunner {
    /// Runs one op fixture.
    public static func run(_ golden: GoldenFixture) throws -> ParityReport {
        guard golden.kind == "op" else { throw GoldenFixtureError.unsupportedKind(golden.kind, path: golden.path) }
        let tier = tier(of: golden)
        let gradientNames = Set(golden.group("grads/inputs").keys)
        var inputs = golden.group("inputs")
        for (name, tensor) in inputs where gradientNames.contains(name) {
            inputs[name] = Tensor(shape: tensor.shape, scalars: tensor.scalars, requiresGrad: true)
        }
        let outputs = try OpTargets.run(target: golden.target, callJSON: golden.call, inputs: inputs)
        var report = ParityReport(fixture: golden.path, target: golden.target, checkpointEntry: "", tier: tier, measurements: [], problems: [])
        let references = golden.group("outputs")
        let cotangents = golden.group("cotangents")
        let outputNames = references.keys.sorted()
        for name in outputNames {
            guard let value = outputs[name], let reference = references[name] else {
                report.problems.append("no output '\(name)'")
                continue
            }
            report.measurements.append(ParityComparator.compareOutput("outputs/\(name)", value, reference: reference, tier: tier))
        }
        let names = gradientNames.sorted()
        guard report.problems.isEmpty, !names.isEmpty else { return report }
        var seeds: [Tensor<Float>] = []
        for name in outputNames {
            guard let cotangent = cotangents[name] else { throw GoldenFixtureError.missingTensor("cotangents/\(name)", path: golden.path) }
            seeds.append(cotangent)
        }
        let gradients = Tensor.gradients(of: outputNames.compactMap { outputs[$0] }, wrt: names.compactMap { inputs[$0] }, cotangents: seeds)
        for (name, gradient) in zip(names, gradients) {
            guard let reference = golden.tensors["grads/inputs/\(name)"] else { continue }
            report.measurements.append(ParityComparator.compareGradient("grads/inputs/\(name)", gradient, reference: reference,
                                                                        tier: tier, gradMaxAbs: golden.gradMaxAbs))
        }
        return report
    }

    /// The tier of an op fixture, from its target and inputs (SPEC.md §9).
    public static func tier(of golden: GoldenFixture) -> ParityComparator.Tier {
        let inputs = golden.group("inputs")
        func taps(_ name: String) -> Int { inputs[name].map { $0.rank == 1 ? 2 * $0.count : $0.count } ?? 1 }
        func kernel(_ name: String) -> Int { inputs[name].map { $0.shape.dropFirst().reduce(1, *) } ?? 1 }
        switch golden.target {
        case "setup_filter": return .exact
        case "bias_act": return .elementwise
        case "upfirdn2d": return .reduction(length: taps("f"))
        case "filtered_lrelu": return .reduction(length: taps("fu") * taps("fd"))
        case "conv2d_resample": return .reduction(length: kernel("w") * taps("f"))
        case "modulated_conv2d": return .reduction(length: kernel("weight") * taps("f"))
        case "torch/conv2d", "torch/conv_transpose2d", "torch/linear": return .reduction(length: kernel("weight"))
        case "normalize_2nd_moment": return .reduction(length: inputs["x"].map { $0.shape[1] } ?? 1)
        case "minibatch_std": return .reduction(length: inputs["x"].map { $0.shape.dropFirst().reduce(1, *) } ?? 1)
        case "torch/pad":
            // Copies are exact; replication gradients sum up to (pad + 1)² cotangents at the corners.
            guard golden.call.contains("replicate") else { return .exact }
            let widest = (callIntegers(golden.call, "pad").max() ?? 0) + 1
            return .reduction(length: widest * widest)
        case "torch/elementwise", "logistic_loss": return .elementwise
        case "torch/instance_norm": return .reduction(length: inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1)
        case "adain": return .reduction(length: (inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1) + kernel("fc_weight"))
        case "torch/batch_norm_eval", "torch/interpolate": return .reduction(length: 4)
        case "torch/avg_pool2d": return .reduction(length: callIntegers(golden.call, "kernel_size").reduce(1, *))
        case "torch/reduction":
            guard let x = inputs["x"] else { return .reduction(length: 1) }
            let dims = callIntegers(golden.call, "dim")
            return .reduction(length: dims.isEmpty ? x.count : dims.reduce(1) { $0 * x.shape[$1] })
        default: return .reduction(length: 1)
        }
    }

    /// The integer list under `key` of a call's JSON (empty when absent or null).
    static func callIntegers(_ call: String, _ key: String) -> [Int] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(call.utf8)) as? [String: Any] else { return [] }
        return (object[key] as? [NSNumber])?.map(\.intValue) ?? []
    }
}
