import ArgumentParser
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport bench stylegan2` on the tiny preset: the JSON keys `tools/bench_stylegan2.py` reads.
final class GenerateBenchTests: XCTestCase {
    func testTinyBenchmarkReportsTheFourMediansAndPeakMemory() throws {
        let command = try BenchStyleGAN2Command.parse(["--preset", "tiny", "--batch", "2", "--repetitions", "1", "--threads", "1"])
        let report = command.report()
        for key in ["G_forward_s", "G_forward_backward_s", "D_forward_s", "D_forward_backward_s", "peak_rss_mib"] {
            let value = try XCTUnwrap(report[key]?.doubleValue, key)
            XCTAssertGreaterThan(value, 0, key)
        }
        XCTAssertEqual(report["batch"]?.intValue, 2)
        XCTAssertEqual(report["preset"]?.stringValue, "tiny")
    }

    func testBatchesThatDoNotSplitIntoMinibatchStdGroupsAreRefused() {
        XCTAssertThrowsError(try BenchStyleGAN2Command.parse(["--preset", "paper256", "--batch", "12"]))
        XCTAssertThrowsError(try BenchStyleGAN2Command.parse(["--repetitions", "0"]))
        XCTAssertNoThrow(try BenchStyleGAN2Command.parse(["--preset", "paper256", "--batch", "4"]))
    }
}
