import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor
@testable import GANPortTraining
import XCTest

/// One test per validation rule of the training inputs that are files: recorded draws of golden
/// fixtures, `train_step` calls, fine-tuning state and options, and the loss plot's axes.
final class MalformedTrainingInputTests: XCTestCase {
    private func drawError(_ entry: [String: Any], _ values: [Float]?) -> GoldenFixtureError? {
        do { _ = try RecordedDraw(recorded: entry, values: values, index: 3, path: "f.h5") } catch { return error as? GoldenFixtureError }
        return nil
    }

    func testRecordedDrawShapesMustBeNonNegativeAndFitInt() {
        guard case .invalidValue("random_draws[3]", _, "f.h5")? = drawError(["kind": "randn", "shape": [1 << 32, 1 << 32]], []) else {
            return XCTFail("overflowing shape accepted")
        }
        guard case .invalidValue? = drawError(["kind": "randn", "shape": [-1]], []) else { return XCTFail("negative shape accepted") }
        guard case .invalidValue? = drawError(["kind": "randn", "shape": [3]], [1, 2]) else { return XCTFail("count mismatch accepted") }
        guard case .missingTensor("random/0003", _)? = drawError(["kind": "rand", "shape": [1]], nil) else { return XCTFail() }
        guard case .invalidValue? = drawError(["kind": "gauss", "shape": [1]], [0]) else { return XCTFail("unknown kind accepted") }
    }

    func testRecordedIntegersMustBeIntegersInsideTheirBounds() {
        let entry: [String: Any] = ["kind": "randint", "shape": [2], "low": 1, "high": 4]
        XCTAssertNil(drawError(entry, [1, 3]))
        for bad: [Float] in [[1, .nan], [1, 4], [0, 2], [1.5, 2]] {
            guard case .invalidValue? = drawError(entry, bad) else { return XCTFail("\(bad) accepted") }
        }
        guard case .invalidValue? = drawError(["kind": "randint", "shape": [1], "low": 4, "high": 4], [4]) else {
            return XCTFail("empty bounds accepted")
        }
    }

    /// A minimal valid `train_step` call, with one key replaced.
    private func call(_ key: String? = nil, _ value: Any? = nil, inLoss: Bool = false) throws -> TrainStepCall {
        var loss: [String: Any] = ["style_mixing_prob": 0.9, "r1_gamma": 1, "pl_batch_shrink": 2, "pl_decay": 0.01, "pl_weight": 2]
        var object: [String: Any] = [
            "batch_size": 4, "batch_gpu": 4, "steps": 1, "start_batch_idx": 0, "start_nimg": 0, "phases": ["Gmain"],
            "G_reg_interval": 4, "D_reg_interval": 16, "ema_kimg": 10, "ema_rampup": NSNull(),
            "G_opt": ["lr": 0.002, "betas": [0, 0.99], "eps": 1e-8], "D_opt": ["lr": 0.002, "betas": [0, 0.99], "eps": 1e-8],
        ]
        if let key { if inLoss { loss[key] = value } else { object[key] = value } }
        object["loss"] = loss
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return try TrainStepCall(json: text)
    }

    func testTrainStepCallsAreRangeChecked() throws {
        XCTAssertNoThrow(try call())
        for (key, value) in [("steps", 1 << 62), ("start_nimg", Int.max), ("start_batch_idx", -1), ("batch_size", 0),
                             ("G_reg_interval", 0), ("D_reg_interval", -3)] as [(String, Any)] {
            XCTAssertThrowsError(try call(key, value), key)
        }
        XCTAssertThrowsError(try call("batch_size", 4.7), "fractional integer")
        XCTAssertThrowsError(try call("pl_batch_shrink", 0, inLoss: true))
        XCTAssertThrowsError(try call("pl_batch_shrink", 1000, inLoss: true))
    }

    func testResumeStateCountersAreBounded() throws {
        var state = RunTrainingStateTests.sampleState()
        XCTAssertNoThrow(try state.validate(path: "snap"))
        state.batchIndex = Int.max
        XCTAssertThrowsError(try state.validate(path: "snap")) { error in
            guard case RunFileError.invalidField(_, "content.batch_idx", _) = error else { return XCTFail("\(error)") }
        }
        state = RunTrainingStateTests.sampleState()
        state.tick.sums["Loss/G/loss"] = .init(sum: 1, count: Int.max)
        XCTAssertThrowsError(try state.validate(path: "snap"))
        state = RunTrainingStateTests.sampleState()
        state.options.batch = 1 << 40
        XCTAssertThrowsError(try state.validate(path: "snap"))
    }

    func testTrainStepInputsMustFitTheNetworks() throws {
        let conditional = try StyleGAN2.Generator.load(path: TrainingFixtures.path("train/stylegan2-ada-train-cond-8.pkl"), key: "G").config
        func check(_ images: [Int], _ realC: [Int]?, _ genC: [Int]?) throws {
            try TrainStepGoldenRunner.checkInputs(step: 0, realImages: images, realLabels: realC, generatorLabels: genC,
                                                  generator: conditional, batchSize: 4, phases: 4, path: "t.h5")
        }
        let c = conditional.cDim
        XCTAssertNoThrow(try check([4, 3, 8, 8], [4, c], [16, c]))
        XCTAssertThrowsError(try check([2, 3, 8, 8], [4, c], [16, c]), "batch")
        XCTAssertThrowsError(try check([4, 3, 8], [4, c], [16, c]), "rank")
        XCTAssertThrowsError(try check([4, 3, 8, 8], nil, [16, c]), "missing real_c")
        XCTAssertThrowsError(try check([4, 3, 8, 8], [4, c], [4, c + 2]), "gen_c shape")
    }

    func testAugmentFixtureImagesMustBeBatchesOfOneOrThreeChannels() {
        XCTAssertNoThrow(try AugmentGoldenRunner.checkImageShape([2, 3, 8, 8], path: "a.h5"))
        for shape in [[3, 8, 8], [2, 2, 8, 8], [2, 3, 6, 0], [0, 3, 8, 8]] {
            XCTAssertThrowsError(try AugmentGoldenRunner.checkImageShape(shape, path: "a.h5"), "\(shape)")
        }
    }

    func testPlotAxesSurviveValuesNearTheFloatLimits() throws {
        let entries = [1.7e308, -1.7e308, 1].enumerated().map { index, value in
            MetricsEntry(curNimg: (index + 1) * 4, tick: index, secondsPerKimg: 1, imagesPerSecond: 1,
                         stats: [MetricsEntry.StatName.generatorLoss: value], timestamp: 0, peakRSSMiB: nil)
        }
        let image = try LossPlot().render(entries)
        XCTAssertEqual(image.width, LossPlot().width)
    }
}
