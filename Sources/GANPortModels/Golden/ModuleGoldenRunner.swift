import GANPortFormats
import GANPortTensor

/// The result of running one module golden (see `ParityReport`).
public typealias ModuleGoldenReport = ParityReport

/// Runs module goldens (kind `module`) in Swift and compares outputs and gradients with the
/// official ones: the library side of `ganport verify`.
///
/// Tolerance: one `reduction(K)` tier per fixture, K = the summed reduction lengths of every
/// layer of the module (Σ over weights of `in·k·k` plus the taps of every resample filter),
/// so a bound of `2·ε·K·max|reference|` for outputs and `2·ε·K·grad_max_abs` for gradients.
public enum ModuleGoldenRunner {
    /// The module targets this runner implements.
    public static let targets = ["stylegan2-ada/Generator", "stylegan2-ada/MappingNetwork",
                                 "stylegan2-ada/SynthesisNetwork", "stylegan2-ada/Discriminator"]

    /// Loads the fixture and its checkpoint entry, runs the target and measures every tensor.
    /// `checkpointPath` replaces the fixture's own checkpoint: a converted file (safetensors,
    /// PyTorch, HDF5 with the official keys, prefixed by the network key or not) is then checked
    /// against the official numbers.
    public static func run(fixturePath: String, checkpointPath: String? = nil) throws -> ModuleGoldenReport {
        let golden = try ModuleGolden(path: fixturePath)
        guard targets.contains(golden.target) else { throw GoldenError.unknownTarget(golden.target) }
        let module = try loadModule(target: golden.target, path: checkpointPath ?? golden.checkpointPath, entry: golden.checkpointEntry)
        return try run(golden, module: module)
    }

    /// The module a target runs: from a network pickle by its dotted entry, from any other
    /// checkpoint through the one-call loaders (`G_ema.mapping` = the generator's mapping).
    static func loadModule(target: String, path: String, entry: String) throws -> any Module {
        let bytes = try ByteBuffer.map(path: path).all
        if try CheckpointReader.detectFormat(bytes, path: path) == .pickle,
           case let .networkPickle(pickle) = try PickleFileReader.decode(bytes).content {
            return try StyleGAN2.module(from: pickle, entry: entry)
        }
        let parts = entry.split(separator: ".", maxSplits: 1).map(String.init)
        let key = parts.first ?? entry
        switch (target, parts.count > 1 ? parts[1] : nil) {
        case ("stylegan2-ada/Discriminator", nil): return try StyleGAN2.Discriminator.load(path: path, key: key)
        case ("stylegan2-ada/Generator", nil): return try StyleGAN2.Generator.load(path: path, key: key)
        case ("stylegan2-ada/MappingNetwork", "mapping"): return try StyleGAN2.Generator.load(path: path, key: key).mapping
        case ("stylegan2-ada/SynthesisNetwork", "synthesis"): return try StyleGAN2.Generator.load(path: path, key: key).synthesis
        default: throw GoldenError.badAttribute("checkpoint_entry '\(entry)' for \(target)")
        }
    }

    /// Runs a golden against an already built module.
    public static func run(_ golden: ModuleGolden, module: any Module) throws -> ModuleGoldenReport {
        let call = try CallArguments(golden.call)
        let gradInputNames = Set(golden.group("grads/inputs").keys)
        var inputs = golden.group("inputs")
        for (name, tensor) in inputs where gradInputNames.contains(name) {
            inputs[name] = Tensor(shape: tensor.shape, scalars: tensor.scalars, requiresGrad: true)
        }
        func input(_ name: String) throws -> Tensor<Float> {
            guard let tensor = inputs[name] else { throw GoldenError.missingTensor("inputs/\(name)") }
            return tensor
        }
        let outputs: [String: Tensor<Float>]
        switch (golden.target, module) {
        case let ("stylegan2-ada/Generator", g as StyleGAN2.Generator):
            outputs = ["img": g(try input("z"), inputs["c"], truncationPsi: call.psi, truncationCutoff: call.cutoff,
                                noiseMode: call.noise, fusedModconv: call.fused)]
        case let ("stylegan2-ada/MappingNetwork", m as StyleGAN2.MappingNetwork):
            outputs = ["ws": m(inputs["z"], inputs["c"], truncationPsi: call.psi, truncationCutoff: call.cutoff)]
        case let ("stylegan2-ada/SynthesisNetwork", s as StyleGAN2.SynthesisNetwork):
            outputs = ["img": s(try input("ws"), noiseMode: call.noise, fusedModconv: call.fused)]
        case let ("stylegan2-ada/Discriminator", d as StyleGAN2.Discriminator):
            outputs = ["logits": d(try input("img"), inputs["c"])]
        default:
            throw GoldenError.unknownTarget("\(golden.target) for a \(type(of: module))")
        }

        let tier = ParityComparator.Tier.reduction(length: reductionLength(module))
        var report = ModuleGoldenReport(fixture: golden.path, target: golden.target, checkpointEntry: golden.checkpointEntry,
                                        tier: tier, measurements: [], problems: [])
        let cotangents = golden.group("cotangents")
        let outputNames = report.compareOutputs(outputs, references: golden.group("outputs"))
        guard report.problems.isEmpty else { return report }

        let parameters = module.namedParameters()
        let storedParams = golden.group("grads/params")
        let moduleNames = Set(parameters.map(\.name))
        for name in storedParams.keys.sorted() where !moduleNames.contains(name) {
            report.problems.append("stored gradient for '\(name)', which is not a trainable parameter here")
        }
        let inputNames = gradInputNames.sorted()
        var seeds: [Tensor<Float>] = []
        for name in outputNames {
            guard let cotangent = cotangents[name] else { throw GoldenError.missingTensor("cotangents/\(name)") }
            seeds.append(cotangent)
        }
        let wrt = try inputNames.map(input) + parameters.map(\.tensor)
        let gradients = Tensor.gradients(of: outputNames.compactMap { outputs[$0] }, wrt: wrt, cotangents: seeds)
        for (index, name) in inputNames.enumerated() {
            guard let reference = golden.tensors["grads/inputs/\(name)"] else { continue }
            report.measurements.append(ParityComparator.compareGradient("grads/inputs/\(name)", gradients[index], reference: reference,
                                                                        tier: tier, gradMaxAbs: golden.gradMaxAbs))
        }
        for (offset, parameter) in parameters.enumerated() {
            guard let reference = storedParams[parameter.name] else {
                report.problems.append("no stored gradient for parameter '\(parameter.name)'")
                continue
            }
            report.measurements.append(ParityComparator.compareGradient("grads/params/\(parameter.name)", gradients[inputNames.count + offset],
                                                                        reference: reference, tier: tier, gradMaxAbs: golden.gradMaxAbs))
        }
        return report
    }

    /// Σ over the module's weights (rank ≥ 2) of the elements per output unit, plus the taps of every
    /// resample filter: an upper estimate of how many roundings feed one output element.
    public static func reductionLength(_ module: any Module) -> Int {
        module.stateDict().reduce(0) { total, entry in
            let shape = entry.tensor.shape
            if entry.name.hasSuffix("resample_filter") { return total + entry.tensor.count }
            guard shape.count >= 2, shape[0] > 0 else { return total }
            return total + entry.tensor.count / shape[0]
        }
    }
}

/// The `call` keys of module goldens (`null` = the official default).
struct CallArguments {
    var psi = 1.0
    var cutoff: Int?
    var noise = StyleGAN2.NoiseMode.const
    var fused: Bool?

    init(_ call: JSONValue) throws {
        var reader = try KwargsReader(call, path: "call")
        psi = try reader.optionalDouble("truncation_psi", default: 1) ?? 1
        cutoff = try reader.optionalInt("truncation_cutoff", default: nil)
        let noiseName = reader.has("noise_mode") ? try reader.string("noise_mode", default: "const", allowed: ["const", "none"]) : "const"
        noise = noiseName == "none" ? .none : .const
        fused = reader.has("fused_modconv") ? try reader.optionalBool("fused_modconv") : nil
        if reader.has("force_fp32") {
            guard try reader.optionalBool("force_fp32") ?? true else {
                throw GoldenError.badAttribute("call.force_fp32 (GANPort computes float32: only true or null)")
            }
        }
    }
}
