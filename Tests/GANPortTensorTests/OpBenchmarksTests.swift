import Foundation
import GANPortFormats
import XCTest
@testable import GANPortTensor

final class OpBenchmarksTests: XCTestCase {
    func testQuickBenchmarkReportsEveryCase() {
        let report = OpBenchmarks.run(threads: 2, repetitions: 1, quick: true)
        XCTAssertEqual(report["threads"]?.intValue, 2)
        let cases = report["cases"]?.arrayValue ?? []
        XCTAssertEqual(cases.count, 6)
        XCTAssertTrue(cases.allSatisfy { ($0["median_s"]?.doubleValue ?? -1) >= 0 })
    }

    /// Full-size timings: `GANPORT_BENCH_OPS=1 swift test -c release … --filter testFullBenchmark`.
    func testFullBenchmark() throws {
        guard ProcessInfo.processInfo.environment["GANPORT_BENCH_OPS"] != nil else { throw XCTSkip("set GANPORT_BENCH_OPS=1") }
        print(OpBenchmarks.run(threads: 2, repetitions: 3).serialized(pretty: true))
    }
}
