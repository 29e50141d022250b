import GANPortTraining
import XCTest

final class PresetTests: XCTestCase {
    private func values(_ p: TrainingPreset) -> [Double] {
        [Double(p.referenceGPUs), Double(p.kimg), Double(p.batchSize), Double(p.mbstdGroupSize), p.fmaps, p.learningRate, p.gamma,
         p.emaKimg, p.emaRampup ?? -1, Double(p.mappingLayers)]
    }

    func testFixedPresetsHaveTheOfficialValues() {
        XCTAssertEqual(values(.named(.stylegan2, resolution: 256)), [8, 25000, 32, 4, 1, 0.002, 10, 10, -1, 8])
        XCTAssertEqual(values(.named(.paper256, resolution: 256)), [8, 25000, 64, 8, 0.5, 0.0025, 1, 20, -1, 8])
        XCTAssertEqual(values(.named(.paper512, resolution: 512)), [8, 25000, 64, 8, 1, 0.0025, 0.5, 20, -1, 8])
        XCTAssertEqual(values(.named(.paper1024, resolution: 1024)), [8, 25000, 32, 4, 1, 0.002, 2, 10, -1, 8])
        XCTAssertEqual(values(.named(.cifar, resolution: 32)), [2, 100000, 64, 32, 1, 0.0025, 0.01, 500, 0.05, 2])
        XCTAssertEqual(TrainingPreset.named(.paper256, resolution: 256).channelBase, 16384)
        XCTAssertEqual(TrainingPreset.named(.stylegan2, resolution: 256).channelBase, 32768)
    }

    func testAutoFollowsTheResolutionFormulas() {
        // res 256, 1 GPU: mb = max(min(1·min(16, 32), 64), 1) = 16; gamma = 0.0002·65536/16 = 0.8192.
        XCTAssertEqual(values(.named(.auto, resolution: 256)), [1, 25000, 16, 4, 0.5, 0.0025, 0.8192, 5, 0.05, 2])
        // res 1024: mb = 4, mbstd 4, fmaps 1, lrate 0.002, gamma = 0.0002·1048576/4 = 52.4288, ema 1.25.
        XCTAssertEqual(values(.named(.auto, resolution: 1024)), [1, 25000, 4, 4, 1, 0.002, 52.4288, 1.25, 0.05, 2])
        // res 64: mb = min(64, 32) = 32; res 512: mb 8, fmaps 1, lrate 0.0025.
        XCTAssertEqual(TrainingPreset.named(.auto, resolution: 64).batchSize, 32)
        XCTAssertEqual(values(.named(.auto, resolution: 512)), [1, 25000, 8, 4, 1, 0.0025, 6.5536, 2.5, 0.05, 2])
        XCTAssertEqual(TrainingPreset.named(.auto, resolution: 256, gpus: 8).batchSize, 64)
        XCTAssertEqual(TrainingPreset.named(.auto, resolution: 256, gpus: 8).mbstdGroupSize, 4)
    }

    func testOverridesAndTheirChecks() throws {
        let options = try TrainingOptions(cfg: .paper256, resolution: 256, gamma: 5, kimg: 200, batch: 8, mirror: true, freezed: 10,
                                          aug: "ada", target: 0.7, resume: true)
        XCTAssertEqual(options.loss.r1Gamma, 5)
        XCTAssertEqual(options.totalKimg, 200)
        XCTAssertEqual(options.batchSize, 8)
        XCTAssertEqual(options.batchGPU, 8)
        XCTAssertEqual(options.freezeLayers, 10)
        XCTAssertEqual(options.augmentation, .ada(target: 0.7))
        XCTAssertEqual(options.adaKimg, 100)
        XCTAssertNil(options.emaRampup)
        XCTAssertEqual(options.emaKimg, 20)
        let stylegan2 = try TrainingOptions(cfg: .stylegan2, resolution: 256)
        XCTAssertEqual(stylegan2.batchGPU, 4)
        XCTAssertEqual(stylegan2.stepOptions.generatorOptimizer.lazyRegularized(interval: 4).beta2, 0.991992, accuracy: 5e-7)
        let cifar = try TrainingOptions(cfg: .cifar, resolution: 32, aug: "fixed", p: 0.2)
        XCTAssertEqual(cifar.loss.plWeight, 0)
        XCTAssertEqual(cifar.loss.styleMixingProbability, 0)
        XCTAssertTrue(cifar.discriminatorArchitectureOrig)
        XCTAssertEqual(cifar.augmentation.initialP, 0.2)
        XCTAssertEqual(try TrainingOptions(resolution: 64, aug: "noaug").augmentation, AugmentMode.noaug)

        func rejects(_ expected: TrainingOptionsError, _ make: () throws -> TrainingOptions) {
            XCTAssertThrowsError(try make()) { XCTAssertEqual($0 as? TrainingOptionsError, expected) }
        }
        rejects(.negativeGamma(-1)) { try TrainingOptions(resolution: 64, gamma: -1) }
        rejects(.kimgBelowOne(0)) { try TrainingOptions(resolution: 64, kimg: 0) }
        rejects(.badBatch(3, gpus: 2)) { try TrainingOptions(resolution: 64, gpus: 2, batch: 3) }
        XCTAssertThrowsError(try TrainingOptions(resolution: 64, aug: "fixed")) {
            XCTAssertEqual($0 as? AugmentModeError, .fixedNeedsP)
        }
        rejects(.negativeFreezed(-2)) { try TrainingOptions(resolution: 64, freezed: -2) }
        rejects(.badGPUCount(3)) { try TrainingOptions(resolution: 64, gpus: 3) }
        rejects(.badResolution(48)) { try TrainingOptions(resolution: 48) }
    }
}
