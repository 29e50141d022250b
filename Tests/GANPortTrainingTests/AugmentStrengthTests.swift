import Foundation
import GANPortTensor
import XCTest
@testable import GANPortTraining

final class AugmentStrengthTests: XCTestCase {
    func testAdjustsEveryIntervalBySignOfMeanMinusTarget() {
        var ada = AdaptiveAugmentStrength(batchSize: 32)
        XCTAssertEqual(ada.stepSize, 32.0 * 4 / 500_000)
        var p: Float = 0
        for step in 1...3 {
            ada.record(realLogits: Tensor([1, 2, -1, 3]))  // mean sign 0.5 < 0.6
            p = ada.update(p: p, batchIndex: step)
            XCTAssertEqual(p, 0)
        }
        ada.record(realLogits: Tensor([1, 1, 1, 1]))  // window mean (0.5·3 + 1)/4 = 0.625 > 0.6
        p = ada.update(p: p, batchIndex: 4)
        XCTAssertEqual(p, Float(0.000256))
        XCTAssertEqual(ada.signCount, 0)
        for step in 5...8 {
            ada.record(realLogits: Tensor([-1, 0, 1, 1]))  // mean 0.25 < 0.6: decrease, clamped at 0
            p = ada.update(p: p, batchIndex: step)
        }
        XCTAssertEqual(p, 0)
    }

    func testAWindowWithoutLogitsReusesThePreviousMean() {
        var ada = AdaptiveAugmentStrength(target: 0.5, interval: 1, kimg: 100, batchSize: 10)
        XCTAssertEqual(ada.update(p: 0.3, batchIndex: 1), 0.3)  // nothing recorded yet: unchanged
        ada.record(realLogits: Tensor([1]))
        let p = ada.update(p: 0.3, batchIndex: 1)
        XCTAssertEqual(p, Float(0.3) + Float(0.0001))
        XCTAssertEqual(ada.update(p: p, batchIndex: 2), p + Float(0.0001))
    }

    func testStateRoundTripsThroughCodable() throws {
        var ada = AdaptiveAugmentStrength(batchSize: 8)
        ada.record(realLogits: Tensor([1, -2, 3]))
        let data = try JSONEncoder().encode(ada)
        XCTAssertEqual(try JSONDecoder().decode(AdaptiveAugmentStrength.self, from: data), ada)
    }

    func testModesFollowTrainPy() throws {
        XCTAssertEqual(try AugmentMode(aug: nil), .ada(target: 0.6))
        XCTAssertEqual(try AugmentMode(aug: "ada", target: 0.7), .ada(target: 0.7))
        XCTAssertEqual(try AugmentMode(aug: "fixed", p: 0.2).initialP, 0.2)
        XCTAssertFalse(try AugmentMode(aug: "fixed", p: 0).usesPipe)
        XCTAssertFalse(try AugmentMode(aug: "noaug").usesPipe)
        XCTAssertTrue(try AugmentMode(aug: "ada").usesPipe)
        XCTAssertEqual(try AugmentMode(aug: "ada").initialP, 0)
        XCTAssertThrowsError(try AugmentMode(aug: "fixed")) { XCTAssertEqual($0 as? AugmentModeError, .fixedNeedsP) }
        XCTAssertThrowsError(try AugmentMode(aug: "ada", p: 0.1)) { XCTAssertEqual($0 as? AugmentModeError, .pNeedsFixed) }
        XCTAssertThrowsError(try AugmentMode(aug: "fixed", p: 1.5)) { XCTAssertEqual($0 as? AugmentModeError, .pOutOfRange(1.5)) }
        XCTAssertThrowsError(try AugmentMode(aug: "noaug", target: 0.5)) { XCTAssertEqual($0 as? AugmentModeError, .targetNeedsAda) }
        XCTAssertThrowsError(try AugmentMode(aug: "ada", target: 2)) { XCTAssertEqual($0 as? AugmentModeError, .targetOutOfRange(2)) }
        XCTAssertThrowsError(try AugmentMode(aug: "auto")) { XCTAssertEqual($0 as? AugmentModeError, .unsupported("auto")) }
    }
}
