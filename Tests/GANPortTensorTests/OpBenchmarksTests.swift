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

    /// Full-size timings: `GANPORT_BENCH_OPS=1 swift test -c release … --filter testFullBenchmark`
    /// (optional: `GANPORT_BENCH_ONLY=name,name`, `GANPORT_BENCH_THREADS=n`, `GANPORT_BENCH_PEAK=0|1`).
    func testFullBenchmark() throws {
        guard ProcessInfo.processInfo.environment["GANPORT_BENCH_OPS"] != nil else { throw XCTSkip("set GANPORT_BENCH_OPS=1") }
        let only = ProcessInfo.processInfo.environment["GANPORT_BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
        let threads = ProcessInfo.processInfo.environment["GANPORT_BENCH_THREADS"].flatMap { Int($0) } ?? 2
        let peak = ProcessInfo.processInfo.environment["GANPORT_BENCH_PEAK"].map { $0 == "1" }
        print(OpBenchmarks.run(threads: threads, repetitions: 5, only: only, measurePeak: peak).serialized(pretty: true))
    }
}
