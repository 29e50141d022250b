import Foundation
import GANPortFormats
import XCTest
@testable import GANPortTensor

final class OpBenchmarksTests: XCTestCase {
    func testQuickBenchmarkReportsEveryCase() {
        let report = OpBenchmarks.run(threads: 2, repetitions: 1, quick: true)
        XCTAssertEqual(report["threads"]?.intValue, 2)
        let cases = report["cases"]?.arrayValue ?? []
        XCTAssertEqual(cases.compactMap { $0["name"]?.stringValue }, OpBenchmarks.caseNames)
        XCTAssertTrue(cases.allSatisfy { ($0["median_s"]?.doubleValue ?? -1) >= 0 })
    }
}
