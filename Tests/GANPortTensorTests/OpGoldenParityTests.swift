import Foundation
import GANPortFormats
import XCTest
@testable import GANPortTensor

/// Every committed op golden (`fixtures/ops`, written from the official reference ops) through
/// the library runner `ganport verify` uses: one comparator, the tiers of SPEC.md §9.
final class OpGoldenParityTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/ops").path

    func testEveryOpGoldenMatchesTheOfficialReference() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".h5") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 95)
        var targets = Set<String>()
        for file in files {
            let report = try OpGoldenRunner.run(try GoldenFixture(path: Self.fixtures + "/" + file))
            targets.insert(report.target)
            XCTAssertTrue(report.passed, report.lines.joined(separator: "\n"))
            XCTAssertFalse(report.measurements.isEmpty, file)
            for line in report.lines { print(line) }
        }
        // grid_sample's goldens live with the augmentation fixtures (GridSampleTests).
        XCTAssertEqual(targets.union(["grid_sample"]), Set(OpTargets.names))
    }

    func testGradientTiersUseTheBackwardReductionLengths() throws {
        let linear = try GoldenFixture(path: Self.fixtures + "/torch_linear.h5")
        XCTAssertEqual(OpGoldenRunner.tier(of: linear), .reduction(length: 16))
        XCTAssertEqual(OpGoldenRunner.gradientTier(of: linear, input: "x"), .reduction(length: 8))
        XCTAssertEqual(OpGoldenRunner.gradientTier(of: linear, input: "bias"), .reduction(length: 3))
        let resample = try GoldenFixture(path: Self.fixtures + "/conv2d_resample_k3_up2_down2_groups3.h5")
        XCTAssertEqual(OpGoldenRunner.tier(of: resample), .reduction(length: 9 + 2 * 16))
        XCTAssertEqual(OpGoldenRunner.gradientTier(of: resample, input: "w"), .reduction(length: 25 + 2 * 16))
    }

    func testUnknownTargetIsAnErrorNotAPass() {
        XCTAssertThrowsError(try OpTargets.run(target: "upfirdn3d", callJSON: "{}", inputs: [String: Tensor<Float>]())) { error in
            XCTAssertEqual(error as? OpTargetError, .unknownTarget("upfirdn3d"))
        }
        XCTAssertThrowsError(try OpTargets.run(target: "bias_act", callJSON: "{\"act\": 3}", inputs: ["x": Tensor<Float>([1])]))
    }

    func testFixturesOfAnotherKindOrVersionAreErrors() throws {
        let module = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().appendingPathComponent("modules/sg2a_tiny16_synthesis.h5").path
        XCTAssertThrowsError(try OpGoldenRunner.run(try GoldenFixture(path: module))) { error in
            XCTAssertEqual(error as? GoldenFixtureError, .unsupportedKind("module", path: module))
        }
    }
}
