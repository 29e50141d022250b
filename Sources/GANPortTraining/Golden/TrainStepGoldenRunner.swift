import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// Replays the iterations of a `train_step` golden (SPEC.md §12) with `StyleGAN2TrainingStep` and
/// compares, per iteration, every reported loss statistic, the updated parameters of G, D and G_ema,
/// G's and G_ema's `w_avg`, both Adam states and `pl_mean` with the official numbers, using the one
/// `ParityComparator` under the training tier (`trainingTier`). A call with `augment_pipe` runs the
/// loss with an `AugmentPipe` built from the recorded kwargs at the recorded fixed `p`.
///
/// Adam moments are compared like gradients, against the largest moment of the whole network at that
/// iteration (structurally tiny gradients, e.g. a bias under R1, carry only rounding noise).
/// Parameters and G_ema are compared as updates (value after the iteration minus the checkpoint
/// value, the same subtraction on both sides), so the bound scales with how far training moved
/// them rather than with the weights themselves. A random-draw request that differs from the
/// recording, or draws left over at the end, is a failure.
public enum TrainStepGoldenRunner {
    /// The targets this runner implements.
    public static let targets = ["stylegan2-ada/StyleGAN2Loss"]

    /// The training tier: `reduction(K)` with K = 4·(K_G + K_D) per iteration replayed, where K_G and
    /// K_D are the module tier lengths (`ModuleGoldenRunner.reductionLength`) of G and D. One iteration
    /// chains four passes through the networks (forward, backward, and for R1 / path length the
    /// double-backward's forward and backward), each adding its rounding; later iterations start
    /// from parameters that already carry the earlier iterations' differences.
    public static func trainingTier(generator: StyleGAN2.Generator, discriminator: StyleGAN2.Discriminator, steps: Int) -> ParityComparator.Tier {
        let k = ModuleGoldenRunner.reductionLength(generator) + ModuleGoldenRunner.reductionLength(discriminator)
        return .reduction(length: 4 * k * Swift.max(steps, 1))
    }

    /// Loads the fixture and its checkpoint, replays every recorded iteration and measures every tensor.
    /// `checkpointPath` replaces the fixture's own checkpoint (any format holding `G`, `D` and `G_ema`
    /// under the official names, e.g. a converted safetensors file).
    public static func run(fixturePath: String, checkpointPath override: String? = nil) throws -> ParityReport {
        let fixture = try GoldenFixture(path: fixturePath)
        guard fixture.kind == "train_step" else { throw TrainStepGoldenError.wrongKind(fixture.kind) }
        guard targets.contains(fixture.target) else { throw TrainStepGoldenError.unknownTarget(fixture.target) }
        guard let checkpoint = fixture.attribute("checkpoint") else { throw TrainStepGoldenError.missingCheckpoint }
        let checkpointPath = override ?? URL(fileURLWithPath: fixturePath).deletingLastPathComponent().appendingPathComponent(checkpoint).path
        let call = try TrainStepCall(json: fixture.call)
        let generator = try StyleGAN2.Generator.load(path: checkpointPath, key: "G")
        let discriminator = try StyleGAN2.Discriminator.load(path: checkpointPath, key: "D")
        let generatorEMA = try StyleGAN2.Generator.load(path: checkpointPath, key: "G_ema")
        let random = try RecordedRandomSource(fixture: fixture)
        return try run(fixture, call: call, generator: generator, discriminator: discriminator, generatorEMA: generatorEMA, random: random)
    }

    /// Replays a parsed fixture on already loaded networks.
    public static func run(_ fixture: GoldenFixture, call: TrainStepCall, generator: StyleGAN2.Generator,
                           discriminator: StyleGAN2.Discriminator, generatorEMA: StyleGAN2.Generator,
                           random: RecordedRandomSource) throws -> ParityReport {
        let tier = trainingTier(generator: generator, discriminator: discriminator, steps: call.steps)
        var report = ParityReport(fixture: fixture.path, target: fixture.target, checkpointEntry: "G, D, G_ema", tier: tier,
                                  measurements: [], problems: [])
        let step = StyleGAN2TrainingStep(generator: generator, discriminator: discriminator, generatorEMA: generatorEMA,
                                         options: call.options, augmentation: try call.makeAugmentPipe())
        let expectedPhases = step.phases.map(\.kind.rawValue)
        if expectedPhases != call.phases { report.problems.append("phases \(expectedPhases), recorded \(call.phases)") }
        let initial: [String: [String: [Float]]] = [
            "G": Dictionary(uniqueKeysWithValues: generator.namedParameters().map { ($0.name, $0.tensor.scalars) }),
            "D": Dictionary(uniqueKeysWithValues: discriminator.namedParameters().map { ($0.name, $0.tensor.scalars) }),
            "G_ema": Dictionary(uniqueKeysWithValues: generatorEMA.namedParameters().map { ($0.name, $0.tensor.scalars) }),
        ]
        var curNimg = call.startNimg
        for index in 0..<call.steps {
            let batchIndex = call.startBatchIndex + index
            guard let rawImages = fixture.tensors["inputs/step\(index)/real_img"] else {
                throw TrainStepGoldenError.missingTensor("inputs/step\(index)/real_img")
            }
            try checkInputs(step: index, realImages: rawImages.shape, realLabels: fixture.tensors["inputs/step\(index)/real_c"]?.shape,
                            generatorLabels: fixture.tensors["inputs/step\(index)/gen_c"]?.shape, generator: generator.config,
                            batchSize: call.batchSize, phases: step.phases.count, path: fixture.path)
            let realImages = call.realImagesAreUInt8
                ? Tensor(shape: rawImages.shape, scalars: rawImages.scalars.map { $0 / 127.5 - 1 }) : rawImages
            let result = step.run(realImages: realImages, realLabels: fixture.tensors["inputs/step\(index)/real_c"],
                                  generatorLabels: fixture.tensors["inputs/step\(index)/gen_c"], batchIndex: batchIndex,
                                  curNimg: curNimg, random: random)
            curNimg += call.batchSize
            if let mismatch = random.mismatch {
                report.problems.append("random draws: \(mismatch)")
                return report
            }
            compareStep(index, result: result, step: step, fixture: fixture, initial: initial, into: &report)
        }
        if random.remaining > 0 { report.problems.append("random draws: \(random.remaining) recorded draws were not used") }
        return report
    }

    /// The recorded inputs of iteration `step` fit the networks: `real_img` is `[batch, C, R, R]` of the
    /// generator, `real_c` / `gen_c` are `[batch, c_dim]` / `[phases·batch, c_dim]` (absent or empty
    /// when unconditional).
    static func checkInputs(step: Int, realImages: [Int], realLabels: [Int]?, generatorLabels: [Int]?,
                            generator config: StyleGAN2.GeneratorConfig, batchSize: Int, phases: Int, path: String) throws {
        let expected = [batchSize, config.imgChannels, config.imgResolution, config.imgResolution]
        guard realImages == expected else {
            throw GoldenFixtureError.invalidValue("inputs/step\(step)/real_img", reason: "shape \(realImages), expected \(expected)",
                                                  path: path)
        }
        for (name, shape, rows) in [("real_c", realLabels, batchSize), ("gen_c", generatorLabels, phases * batchSize)] {
            let fits = config.cDim == 0 ? (shape.map { $0.reduce(1, *) == 0 } ?? true) : shape == [rows, config.cDim]
            guard fits else {
                throw GoldenFixtureError.invalidValue("inputs/step\(step)/\(name)", reason: "shape \(shape ?? []), expected "
                    + (config.cDim == 0 ? "none" : "\([rows, config.cDim])"), path: path)
            }
        }
    }

    private static func compareStep(_ index: Int, result: TrainingStepResult, step: StyleGAN2TrainingStep, fixture: GoldenFixture,
                                    initial: [String: [String: [Float]]], into report: inout ParityReport) {
        let base = "steps/\(index)"
        let tier = report.tier
        func output(_ name: String, _ value: Tensor<Float>) {
            guard let reference = fixture.tensors[name] else { report.problems.append("no reference '\(name)'"); return }
            report.measurements.append(ParityComparator.compareOutput(name, value, reference: reference, tier: tier))
        }
        // Statistics of the phases that ran.
        let recordedPhases = Set(fixture.tensors.keys.filter { $0.hasPrefix(base + "/stats/") }
            .compactMap { $0.dropFirst(base.count + 7).split(separator: "/").first.map(String.init) })
        let ranPhases = Set(result.phases.map(\.kind.rawValue))
        if recordedPhases != ranPhases { report.problems.append("\(base): phases run \(ranPhases.sorted()), recorded \(recordedPhases.sorted())") }
        for (kind, statistics) in result.phases {
            let prefix = "\(base)/stats/\(kind.rawValue)/"
            let recorded = Set(fixture.tensors.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
            let reported = Set(statistics.entries.map(\.name))
            if recorded != reported { report.problems.append("\(prefix): reported \(reported.sorted()), recorded \(recorded.sorted())") }
            for (name, value) in statistics.entries where recorded.contains(name) { output(prefix + name, value) }
        }
        // Parameters as updates from the checkpoint.
        for (key, module) in [("G", step.generator), ("D", step.discriminator), ("G_ema", step.generatorEMA)] as [(String, any Module)] {
            let prefix = "\(base)/params/\(key)/"
            let names = Set(module.namedParameters().map(\.name))
            for stored in fixture.tensors.keys where stored.hasPrefix(prefix) && !names.contains(String(stored.dropFirst(prefix.count))) {
                report.problems.append("'\(stored)' is not a trainable parameter here")
            }
            for (name, tensor) in module.namedParameters() {
                guard let reference = fixture.tensors[prefix + name], let start = initial[key]?[name], reference.count == start.count else {
                    report.problems.append("no reference '\(prefix + name)'")
                    continue
                }
                let value = Tensor(shape: tensor.shape, scalars: zip(tensor.scalars, start).map { $0 - $1 })
                let expected = Tensor(shape: reference.shape, scalars: zip(reference.scalars, start).map { $0 - $1 })
                report.measurements.append(ParityComparator.compareOutput(prefix + name + " (update)", value, reference: expected, tier: tier))
            }
        }
        if let wAvg = step.generator.mapping.wAvg { output("\(base)/buffers/G/mapping.w_avg", wAvg) }
        if let wAvg = step.generatorEMA.mapping.wAvg { output("\(base)/buffers/G_ema/mapping.w_avg", wAvg) }
        // Optimizer states.
        for (key, optimizer) in [("G", step.generatorOptimizer), ("D", step.discriminatorOptimizer)] {
            var steps: [Float] = []
            for moment in ["exp_avg", "exp_avg_sq"] {
                // Moments are gradients (squared): compared on the network's scale, like gradients of module goldens.
                let prefix = "\(base)/adam/\(key)/\(moment)/"
                let scale = fixture.tensors.filter { $0.key.hasPrefix(prefix) }.values
                    .reduce(0.0) { max($0, $1.scalars.reduce(0.0) { max($0, Double(abs($1))) }) }
                for (name, parameter) in optimizer.parameters {
                    guard let state = optimizer.states[name] else { report.problems.append("\(base): no Adam state for \(key).\(name)"); continue }
                    if moment == "exp_avg" { steps.append(Float(state.step)) }
                    guard let reference = fixture.tensors[prefix + name] else { report.problems.append("no reference '\(prefix + name)'"); continue }
                    let value = Tensor(shape: parameter.shape, scalars: moment == "exp_avg" ? state.expAvg : state.expAvgSq)
                    report.measurements.append(ParityComparator.compareGradient(prefix + name, value, reference: reference, tier: tier,
                                                                                gradMaxAbs: scale))
                }
            }
            if let reference = fixture.tensors["\(base)/adam/\(key)/step"] {
                report.measurements.append(ParityComparator.compareOutput("\(base)/adam/\(key)/step", Tensor(steps), reference: reference, tier: .exact))
            } else {
                report.problems.append("no reference '\(base)/adam/\(key)/step'")
            }
        }
        output("\(base)/pl_mean", Tensor(step.loss.plMean))
        if let reference = fixture.tensors["\(base)/ema_beta"] {
            report.measurements.append(ParityComparator.compareOutput("\(base)/ema_beta", Tensor(Float(result.emaBeta)), reference: reference,
                                                                      tier: .elementwise))
        }
    }
}
