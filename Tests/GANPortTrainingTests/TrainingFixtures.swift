import Foundation
import GANPortTensor
import XCTest

/// Paths of the committed fixtures the training tests read.
enum TrainingFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

final class RandomSourceTests: XCTestCase {
    func testNumPySourceResumesFromItsState() throws {
        let source = NumPyRandomSource(seed: 7)
        _ = source.normal([3])
        let saved = source.state
        let expected = (source.normal([5]).scalars, source.uniform([4]).scalars, source.integers(low: 1, high: 9, shape: [6]))
        let resumed = try NumPyRandomSource(state: saved)
        XCTAssertEqual(resumed.normal([5]).scalars, expected.0)
        XCTAssertEqual(resumed.uniform([4]).scalars, expected.1)
        XCTAssertEqual(resumed.integers(low: 1, high: 9, shape: [6]), expected.2)
    }

    func testUniformStaysBelowOne() {
        let values = NumPyRandomSource(seed: 1).uniform([10000]).scalars
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    func testRecordedSourceReplaysAndReportsTheFirstMismatch() {
        let tape = RecordedRandomSource(draws: [
            RecordedDraw(kind: .normal, shape: [2], values: [0.5, -1]),
            RecordedDraw(kind: .integers(low: 1, high: 4), shape: [], values: [3]),
        ])
        XCTAssertEqual(tape.normal([2]).scalars, [0.5, -1])
        XCTAssertNil(tape.mismatch)
        XCTAssertEqual(tape.integers(low: 1, high: 5, shape: []), [0])
        XCTAssertNotNil(tape.mismatch)
        XCTAssertEqual(tape.remaining, 1)
    }
}
