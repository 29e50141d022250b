import Foundation
import GANPortTensor
import XCTest
@testable import GANPortTraining

/// Every committed `stylegan2-ada/AugmentPipe` golden (official pipe, recorded draws) through
/// the one comparator.
final class AugmentPipeGoldenTests: XCTestCase {
    static let directory = TrainingFixtures.path("augment")

    func testEveryAugmentGoldenMatchesTheOfficialPipe() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasPrefix("augment_") && $0.hasSuffix(".h5") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 20)
        for file in files {
            let report = try AugmentGoldenRunner.run(try GoldenFixture(path: Self.directory + "/" + file))
            print(report.lines.joined(separator: "\n"))
            XCTAssertTrue(report.passed, file)
        }
    }

    func testADrawOfTheWrongShapeIsReportedNotCompared() throws {
        let golden = try GoldenFixture(path: Self.directory + "/augment_xflip_p1.h5")
        let pipe = try AugmentPipe(kwargs: try AugmentGoldenRunner.jsonValue(golden.call))
        let tape = try RecordedRandomSource(fixture: golden)
        _ = pipe(Tensor.zeros([3, 3, 6, 6]), random: tape)
        XCTAssertNotNil(tape.mismatch)
    }

    func testOtherTargetsAreRejected() throws {
        let golden = try GoldenFixture(path: Self.directory + "/grid_sample_small.h5")
        XCTAssertThrowsError(try AugmentGoldenRunner.run(golden))
    }
}
