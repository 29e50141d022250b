import Foundation
import GANPortModels
import GANPortTensor
@testable import GANPortTraining
import XCTest

final class AdamTests: XCTestCase {
    /// torch's Adam formula in double precision: the float32 implementation stays within a few ulps.
    func testStepsFollowTheTorchFormula() {
        let options = AdamOptions(learningRate: 0.002, beta1: 0.5, beta2: 0.99, epsilon: 1e-8)
        let parameter = Tensor<Float>([0.5, -1.25, 2, 0], requiresGrad: true)
        let adam = Adam(parameters: [("p", parameter)], options: options)
        let grads: [[Float]] = [[0.1, -2, 3e-4, 0], [0.3, 1, -1e-3, 0], [-0.2, 0.5, 2e-3, 0]]
        var p = parameter.scalars.map(Double.init), m = [Double](repeating: 0, count: 4), v = m
        for (t, g) in grads.enumerated() {
            parameter.grad = Tensor(g)
            adam.step()
            let step = Double(t + 1)
            for i in 0..<4 {
                m[i] = m[i] * 0.5 + Double(g[i]) * 0.5
                v[i] = v[i] * 0.99 + 0.01 * Double(g[i]) * Double(g[i])
                let denom = (v[i].squareRoot() / (1 - Foundation.pow(0.99, step)).squareRoot()) + 1e-8
                p[i] -= 0.002 / (1 - Foundation.pow(0.5, step)) * m[i] / denom
            }
            for i in 0..<4 { XCTAssertEqual(Double(parameter.scalars[i]), p[i], accuracy: 1e-6 * Swift.max(1, Swift.abs(p[i]))) }
        }
        XCTAssertEqual(adam.states["p"]?.step, 3)
        XCTAssertEqual(parameter.scalars[3], 0)
    }

    func testParametersWithoutGradientAreSkipped() {
        let a = Tensor<Float>([1, 2], requiresGrad: true), b = Tensor<Float>([3], requiresGrad: true)
        let adam = Adam(parameters: [("a", a), ("b", b)], options: .styleGAN2(learningRate: 0.1))
        a.grad = Tensor([1, -1])
        adam.step()
        adam.zeroGrad()
        XCTAssertNil(a.grad)
        b.grad = Tensor([0.5])
        adam.step()
        XCTAssertEqual(adam.states["a"]?.step, 1)
        XCTAssertEqual(adam.states["b"]?.step, 1)
        XCTAssertEqual(a.scalars, [Float(1) - 0.1, 2 + 0.1].map { Float($0) }, accuracy: 1e-6)
    }

    func testStateRoundTripsThroughNamedTensors() throws {
        let a = Tensor<Float>([1, 2], requiresGrad: true)
        let adam = Adam(parameters: [("a", a)], options: .styleGAN2(learningRate: 0.01))
        a.grad = Tensor([0.25, -4])
        adam.step()
        let exported = adam.exportState()
        XCTAssertEqual(exported.map(\.name), ["exp_avg.a", "exp_avg_sq.a", "step.a"])
        let other = Adam(parameters: [("a", Tensor<Float>([1, 2], requiresGrad: true))], options: adam.options)
        try other.importState(exported)
        XCTAssertEqual(other.states, adam.states)
        XCTAssertThrowsError(try other.importState([("exp_avg.zzz", Tensor([1]))])) {
            XCTAssertEqual($0 as? AdamStateError, .unknownParameter("zzz"))
        }
        XCTAssertThrowsError(try other.importState([("exp_avg.a", Tensor([1]))])) {
            XCTAssertEqual($0 as? AdamStateError, .sizeMismatch(name: "exp_avg.a", expected: 2, found: 1))
        }
        XCTAssertThrowsError(try other.importState([("step.a", Tensor([1.5]))])) { XCTAssertEqual($0 as? AdamStateError, .badStep("a")) }
        XCTAssertThrowsError(try other.importState([("step.a", Tensor([1]))])) { XCTAssertEqual($0 as? AdamStateError, .incomplete("a")) }
        XCTAssertThrowsError(try other.importState([("momentum.a", Tensor([1]))]))
    }

    func testLazyRegularizationScaling() {
        let g = AdamOptions.styleGAN2(learningRate: 0.0025).lazyRegularized(interval: 4)
        XCTAssertEqual(g.learningRate, 0.0025 * 0.8, accuracy: 1e-15)
        XCTAssertEqual(g.beta1, 0)
        XCTAssertEqual(g.beta2, 0.991992, accuracy: 5e-7)
        let d = AdamOptions.styleGAN2(learningRate: 0.002).lazyRegularized(interval: 16)
        XCTAssertEqual(d.learningRate, 0.002 * 16 / 17, accuracy: 1e-15)
        XCTAssertEqual(d.beta2, 0.990585, accuracy: 5e-7)
        XCTAssertEqual(AdamOptions.styleGAN2(learningRate: 0.002).lazyRegularized(interval: nil).beta2, 0.99)
    }

    func testNanToNumClampsLikeTheOfficialHelper() {
        XCTAssertEqual([Float.nan, .infinity, -.infinity, 2e5, -3, 1e-30].map(GradientSanitizer.sanitized), [0, 1e5, -1e5, 1e5, -3, 1e-30])
    }

    func testPhaseScheduleAndEMABeta() {
        let lazy = TrainingPhase.schedule(generatorRegInterval: 4, discriminatorRegInterval: 16)
        XCTAssertEqual(lazy.map(\.kind), [.Gmain, .Greg, .Dmain, .Dreg])
        XCTAssertEqual(lazy.map(\.interval), [1, 4, 1, 16])
        XCTAssertEqual(TrainingPhase.schedule(generatorRegInterval: nil, discriminatorRegInterval: nil).map(\.kind), [.Gboth, .Dboth])
        XCTAssertEqual(lazy.filter { $0.runs(atBatch: 4) }.map(\.kind), [.Gmain, .Greg, .Dmain])
        XCTAssertEqual(GeneratorEMA.beta(batchSize: 32, emaKimg: 10, emaRampup: nil, curNimg: 0), Foundation.pow(0.5, 32.0 / 10000))
        XCTAssertEqual(GeneratorEMA.beta(batchSize: 4, emaKimg: 10, emaRampup: 0.05, curNimg: 0), 0)
        XCTAssertEqual(GeneratorEMA.beta(batchSize: 4, emaKimg: 10, emaRampup: 0.05, curNimg: 800), Foundation.pow(0.5, 0.1))
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}

final class AdamBitExactTests: XCTestCase {
    /// In the Gboth fixture the generator's Adam takes one step in iteration 0, with β1 = 0, so the
    /// recorded `exp_avg` is the official gradient: the same step in Swift must give the official
    /// parameters and second moments bit for bit.
    func testOneStepFromTheOfficialGradientIsBitExact() throws {
        let fixture = try GoldenFixture(path: TrainingFixtures.path("train/sg2a_train_cond8_gboth.h5"))
        let call = try TrainStepCall(json: fixture.call)
        let generator = try StyleGAN2.Generator.load(path: TrainingFixtures.path("train/stylegan2-ada-train-cond-8.pkl"), key: "G")
        let adam = Adam(parameters: generator.namedParameters(), options: call.options.generatorOptimizer)
        for (name, tensor) in adam.parameters { tensor.grad = fixture.tensors["steps/0/adam/G/exp_avg/\(name)"] }
        adam.step()
        for (name, tensor) in adam.parameters {
            XCTAssertEqual(tensor.scalars, fixture.tensors["steps/0/params/G/\(name)"]?.scalars, name)
            XCTAssertEqual(adam.states[name]?.expAvgSq, fixture.tensors["steps/0/adam/G/exp_avg_sq/\(name)"]?.scalars, name)
        }
    }
}
