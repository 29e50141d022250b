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
        let cotangents = golden.group("cotangents")
        let outputNames = report.compareOutputs(outputs, references: golden.group("outputs"))
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
                                                                        tier: gradientTier(of: golden, input: name),
                                                                        gradMaxAbs: golden.gradMaxAbs))
        }
        return report
    }

    /// The tier of an op fixture's outputs, from its target and inputs (SPEC.md §9). `K` is the
    /// length of the forward pass's reductions; sequential, separately rounded reductions add
    /// their lengths (their first-order errors add), they do not multiply.
    public static func tier(of golden: GoldenFixture) -> ParityComparator.Tier {
        let inputs = golden.group("inputs")
        func taps(_ name: String) -> Int { inputs[name].map { $0.rank == 1 ? 2 * $0.count : $0.count } ?? 1 }
        func kernel(_ name: String) -> Int { inputs[name].map { $0.shape.dropFirst().reduce(1, *) } ?? 1 }
        switch golden.target {
        case "setup_filter":
            // Unnormalized: single rounded products (outer product, gain), nothing to reorder. Normalized:
            // `f / Σf`, whose sum over the prepared taps may be reordered (non-integer taps round).
            guard callInteger(golden.call, "normalize") != 0 else { return .exact }
            return .reduction(length: golden.group("outputs")["y"]?.count ?? 1)
        case "bias_act": return .elementwise
        case "upfirdn2d": return .reduction(length: taps("f"))
        case "filtered_lrelu": return .reduction(length: taps("fu") * taps("fd"))
        case "conv2d_resample": return .reduction(length: kernel("w") + resampleFilterPasses(golden) * taps("f"))
        case "modulated_conv2d": return .reduction(length: kernel("weight") * taps("f"))
        case "torch/conv2d", "torch/conv_transpose2d", "torch/linear": return .reduction(length: kernel("weight"))
        case "normalize_2nd_moment": return .reduction(length: inputs["x"].map { $0.shape[1] } ?? 1)
        case "minibatch_std":
            // Group variance (two sums over G, halved by the square root), then the mean over (C/F)·H·W.
            let (group, channelsPerStd, height, width) = minibatchStdShape(golden)
            return .reduction(length: channelsPerStd * height * width + group)
        case "torch/pad":
            // Copies are exact; replication gradients sum up to (pad + 1)² cotangents at the corners.
            guard golden.call.contains("replicate") else { return .exact }
            let widest = (callIntegers(golden.call, "pad").max() ?? 0) + 1
            return .reduction(length: widest * widest)
        case "torch/elementwise", "logistic_loss": return .elementwise
        case "torch/instance_norm": return .reduction(length: inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1)
        case "adain": return .reduction(length: (inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1) + kernel("fc_weight"))
        case "torch/batch_norm_eval", "torch/interpolate", "grid_sample": return .reduction(length: 4)
        case "torch/avg_pool2d": return .reduction(length: callIntegers(golden.call, "kernel_size").reduce(1, *))
        case "torch/reduction":
            guard let x = inputs["x"] else { return .reduction(length: 1) }
            let dims = callIntegers(golden.call, "dim")
            return .reduction(length: dims.isEmpty ? x.count : dims.reduce(1) { $0 * x.shape[$1] })
        default: return .reduction(length: 1)
        }
    }

    /// The tier of the gradient of one input of an op fixture. The backward pass reduces over other
    /// dimensions than the forward pass, so where they differ `K` is the backward length for that
    /// input; elsewhere it is the output tier.
    public static func gradientTier(of golden: GoldenFixture, input name: String) -> ParityComparator.Tier {
        let inputs = golden.group("inputs")
        switch (golden.target, name) {
        case ("torch/linear", "x"):
            // dx = dy·W sums over out_features.
            return .reduction(length: inputs["weight"]?.shape.first ?? 1)
        case ("torch/linear", _):
            // dW = dyᵀ·x and db = Σ dy sum over the rows of the batch.
            return .reduction(length: inputs["x"].map { $0.count / Swift.max($0.shape.last ?? 1, 1) } ?? 1)
        case ("conv2d_resample", _):
            guard let x = inputs["x"], let w = inputs["w"], let y = golden.group("outputs")["y"], x.rank == 4, w.rank == 4, y.rank == 4
            else { return tier(of: golden) }
            let filters = resampleFilterPasses(golden) * (inputs["f"].map { $0.rank == 1 ? 2 * $0.count : $0.count } ?? 1)
            if name == "w" {
                // The weight gradient sums over the batch and the conv's low-resolution side (the output of a
                // strided conv, the input of a transposed one), after the filters' backward passes.
                return .reduction(length: x.shape[0] * Swift.min(x.shape[2] * x.shape[3], y.shape[2] * y.shape[3]) + filters)
            }
            // The input gradient sums over out_channels/groups·kh·kw, after the filters' backward passes.
            let groups = Swift.max(callInteger(golden.call, "groups") ?? 1, 1)
            return .reduction(length: w.shape[0] / groups * w.shape[2] * w.shape[3] + filters)
        case ("grid_sample", "x"):
            // Each input pixel sums the weighted cotangents of every output location sampling it.
            guard let x = inputs["x"], let grid = inputs["grid"], x.rank == 4, grid.rank == 4 else { return tier(of: golden) }
            let perPixel = (grid.shape[1] * grid.shape[2] + x.shape[2] * x.shape[3] - 1) / Swift.max(x.shape[2] * x.shape[3], 1)
            return .reduction(length: 4 * Swift.max(perPixel, 1) + 4)
        case ("grid_sample", _):
            // The grid gradient sums four weighted differences per channel.
            return .reduction(length: 4 * (inputs["x"]?.shape[1] ?? 1))
        case ("minibatch_std", _):
            // The repeat's backward sums G·H·W cotangents per statistic; the group mean's backward sums over G.
            let (group, _, height, width) = minibatchStdShape(golden)
            return .reduction(length: group * height * width + group)
        default:
            return tier(of: golden)
        }
    }

    /// How many FIR passes `conv2d_resample` runs: one for upsampling, one for downsampling (the
    /// reference pads without filtering when it neither up- nor downsamples).
    static func resampleFilterPasses(_ golden: GoldenFixture) -> Int {
        ((callInteger(golden.call, "up") ?? 1) > 1 ? 1 : 0) + ((callInteger(golden.call, "down") ?? 1) > 1 ? 1 : 0)
    }

    /// `minibatch_std`'s group size G, channels per statistic C/F, height and width.
    static func minibatchStdShape(_ golden: GoldenFixture) -> (group: Int, channelsPerStd: Int, height: Int, width: Int) {
        guard let x = golden.group("inputs")["x"], x.rank == 4 else { return (1, 1, 1, 1) }
        let group = Swift.min(callInteger(golden.call, "group_size") ?? x.shape[0], x.shape[0])
        let features = Swift.max(callInteger(golden.call, "num_channels") ?? 1, 1)
        return (Swift.max(group, 1), x.shape[1] / features, x.shape[2], x.shape[3])
    }

    /// The integer under `key` of a call's JSON (nil when absent, null or not a number).
    static func callInteger(_ call: String, _ key: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(call.utf8)) as? [String: Any] else { return nil }
        return (object[key] as? NSNumber)?.intValue
    }

    /// The integer list under `key` of a call's JSON (empty when absent or null).
    static func callIntegers(_ call: String, _ key: String) -> [Int] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(call.utf8)) as? [String: Any] else { return [] }
        return (object[key] as? [NSNumber])?.map(\.intValue) ?? []
    }
}
