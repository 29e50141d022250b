import Foundation
import XCTest
@testable import GANPortTensor

/// Seeding rules, state round trips and malformed states of `NumPyRandomState`.
final class RandomStateTests: XCTestCase {
    func testSeedOutOfRangeIsRefused() {
        XCTAssertThrowsError(try NumPyRandomState(validatingSeed: -1)) { XCTAssertEqual($0 as? NumPyRandomStateError, .seedOutOfRange(-1)) }
        XCTAssertThrowsError(try NumPyRandomState(validatingSeed: 1 << 32)) {
            XCTAssertEqual($0 as? NumPyRandomStateError, .seedOutOfRange(1 << 32))
        }
    }

    func testEmptySeedArrayIsRefused() {
        XCTAssertThrowsError(try NumPyRandomState(seedArray: [])) { XCTAssertEqual($0 as? NumPyRandomStateError, .emptySeedArray) }
    }

    func testSeedArrayElementOutOfRangeIsRefused() {
        XCTAssertThrowsError(try NumPyRandomState(seedArray: [1, -2])) {
            XCTAssertEqual($0 as? NumPyRandomStateError, .seedArrayElementOutOfRange(index: 1, value: -2))
        }
    }

    func testEmptyRandintRangeIsRefused() {
        var random = NumPyRandomState(seed: 0)
        XCTAssertThrowsError(try random.randint(low: 3, high: 3)) { XCTAssertEqual($0 as? NumPyRandomStateError, .emptyRange(low: 3, high: 3)) }
        XCTAssertEqual(random, NumPyRandomState(seed: 0))
    }

    func testUniformWithInfiniteRangeIsRefused() {
        var random = NumPyRandomState(seed: 0)
        XCTAssertNil(random.uniform(low: -Double.greatestFiniteMagnitude, high: .greatestFiniteMagnitude))
    }

    func testStateRoundTripResumesBitForBit() throws {
        var random = NumPyRandomState(seed: 2024)
        _ = random.randn(count: 3)  // leaves a cached Gaussian
        let saved = random.state
        XCTAssertTrue(saved.hasGaussian)
        let data = try JSONEncoder().encode(saved)
        var resumed = try NumPyRandomState(state: JSONDecoder().decode(NumPyRandomState.State.self, from: data))
        XCTAssertEqual(resumed.randn(count: 700), random.randn(count: 700))
        XCTAssertEqual(try resumed.randint(low: 0, high: 1 << 40, count: 5), try random.randint(low: 0, high: 1 << 40, count: 5))
    }

    func testStateKeyLengthIsChecked() {
        var random = NumPyRandomState(seed: 1)
        var state = random.state
        state.key.removeLast()
        XCTAssertThrowsError(try random.setState(state)) { XCTAssertEqual($0 as? NumPyRandomStateError, .stateKeyLength(623)) }
        XCTAssertEqual(random, NumPyRandomState(seed: 1))
    }

    func testStatePositionIsChecked() {
        var state = NumPyRandomState(seed: 1).state
        state.position = 625
        XCTAssertThrowsError(try NumPyRandomState(state: state)) { XCTAssertEqual($0 as? NumPyRandomStateError, .statePosition(625)) }
    }

    func testStateOfAnotherBitGeneratorIsRefused() throws {
        let data = try JSONEncoder().encode(NumPyRandomState(seed: 1).state)
        let text = try XCTUnwrap(String(data: data, encoding: .utf8)).replacingOccurrences(of: "MT19937", with: "PCG64")
        XCTAssertThrowsError(try JSONDecoder().decode(NumPyRandomState.State.self, from: Data(text.utf8))) {
            XCTAssertEqual($0 as? NumPyRandomStateError, .stateBitGenerator("PCG64"))
        }
    }
}
