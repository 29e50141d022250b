import Foundation
import GANPortTensor
import GANPortTraining
import XCTest

final class TrainStepGoldenTests: XCTestCase {
    func testEveryCommittedTrainStepGoldenPasses() throws {
        let folder = TrainingFixtures.path("train")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".h5") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 2)
        for name in names {
            let report = try TrainStepGoldenRunner.run(fixturePath: folder + "/" + name)
            let worst = report.measurements.max(by: { $0.worstRatio < $1.worstRatio })
            print("\(name): \(report.measurements.count) tensors, worst \(worst?.line ?? "-")")
            for line in report.lines where line.contains("FAIL") { print(line) }
            XCTAssertTrue(report.passed, "\(name) failed")
            XCTAssertGreaterThan(report.measurements.count, 100)
        }
    }

    func testARecordingThatDoesNotMatchIsAFailure() throws {
        let path = TrainingFixtures.path("train/sg2a_train_uncond8.h5")
        let fixture = try GoldenFixture(path: path)
        let call = try TrainStepCall(json: fixture.call)
        let full = try RecordedRandomSource(fixture: fixture)
        let short = RecordedRandomSource(draws: Array(full.draws.dropLast()))
        let checkpoint = TrainingFixtures.path("train/" + (fixture.attribute("checkpoint") ?? ""))
        let report = try TrainStepGoldenRunner.run(fixture, call: call, generator: .load(path: checkpoint, key: "G"),
                                                   discriminator: .load(path: checkpoint, key: "D"),
                                                   generatorEMA: .load(path: checkpoint, key: "G_ema"), random: short)
        XCTAssertFalse(report.passed)
        XCTAssertTrue(report.problems.contains { $0.contains("random draws") })
    }

    func testCallParsingReadsAugmentPipeKwargs() throws {
        let text = #"{"batch_size": 4, "batch_gpu": 4, "steps": 1, "start_batch_idx": 0, "start_nimg": 0, "phases": [],"#
            + #""G_reg_interval": 4, "D_reg_interval": 16, "G_opt": {"lr": 0.002, "betas": [0, 0.99], "eps": 1e-8},"#
            + #""D_opt": {"lr": 0.002, "betas": [0, 0.99], "eps": 1e-8}, "ema_kimg": 10, "ema_rampup": null,"#
            + #""loss": {"style_mixing_prob": 0.9, "r1_gamma": 10, "pl_batch_shrink": 2, "pl_decay": 0.01, "pl_weight": 2},"#
        XCTAssertNil(try TrainStepCall(json: text + #""augment_pipe": null}"#).makeAugmentPipe())
        let pipe = try XCTUnwrap(try TrainStepCall(json: text + #""augment_pipe": {"xflip": 1, "hue": 0.5, "p": 0.25}}"#).makeAugmentPipe())
        XCTAssertEqual(pipe.p, 0.25)
        XCTAssertEqual(pipe.settings.xflip, 1)
        XCTAssertEqual(pipe.settings.hue, 0.5)
        XCTAssertThrowsError(try TrainStepCall(json: text + #""augment_pipe": "bgc"}"#))
        XCTAssertThrowsError(try TrainStepCall(json: text + #""augment_pipe": {"xflop": 1, "p": 1}}"#))
        XCTAssertThrowsError(try TrainStepCall(json: text + #""augment_pipe": {"xflip": 1, "p": "high"}}"#))
        XCTAssertThrowsError(try TrainStepCall(json: "[]"))
    }

    func testAugmentedFixturesRecordThePipe() throws {
        for name in ["sg2a_train_uncond8_bgc", "sg2a_train_cond8_bgcnc"] {
            let fixture = try GoldenFixture(path: TrainingFixtures.path("train/\(name).h5"))
            XCTAssertNotNil(try TrainStepCall(json: fixture.call).makeAugmentPipe(), name)
        }
    }
}
