import ArgumentParser
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport bench augment` on small images: the JSON keys `tools/bench_augment.py` reads.
final class BenchAugmentTests: XCTestCase {
    func testSmallBenchmarkReportsBothPassesPerStrengthAndPeakMemory() throws {
        let command = try BenchAugmentCommand.parse(["--p", "0.2,1", "--batch", "2", "--resolution", "16",
                                                     "--repetitions", "1", "--threads", "1"])
        let report = command.report()
        let strengths = try XCTUnwrap(report["strengths"]?.arrayValue)
        XCTAssertEqual(strengths.compactMap { $0["p"]?.doubleValue }, [0.2, 1])
        for entry in strengths {
            for key in ["forward_s", "forward_min_s", "forward_backward_s", "forward_backward_min_s"] {
                XCTAssertGreaterThan(try XCTUnwrap(entry[key]?.doubleValue, key), 0, key)
            }
        }
        XCTAssertGreaterThan(try XCTUnwrap(report["peak_rss_mib"]?.doubleValue), 0)
        XCTAssertEqual(report["augpipe"]?.stringValue, "bgc")
    }

    func testMalformedOptionsAreRefused() {
        XCTAssertThrowsError(try BenchAugmentCommand.parse(["--p", "0.2,x"]))
        XCTAssertThrowsError(try BenchAugmentCommand.parse(["--p", "1.5"]))
        XCTAssertThrowsError(try BenchAugmentCommand.parse(["--augpipe", "nope"]))
        XCTAssertThrowsError(try BenchAugmentCommand.parse(["--repetitions", "0"]))
        XCTAssertNoThrow(try BenchAugmentCommand.parse(["--augpipe", "bgcfnc", "--p", "0,0.5"]))
    }
}
