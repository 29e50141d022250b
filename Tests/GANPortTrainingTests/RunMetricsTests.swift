import Foundation
import GANPortFormats
@testable import GANPortTraining
import XCTest

final class RunMetricsTests: XCTestCase {
    static func entry(_ tick: Int, nimg: Int, g: Double = 1.5) -> MetricsEntry {
        MetricsEntry(curNimg: nimg, tick: tick, secondsPerKimg: 12.25, imagesPerSecond: 81.5,
                     stats: ["Loss/G/loss": g, "Loss/D/loss": 0.75 + Double(tick) / 10, "Loss/r1_penalty": 0.01,
                             "Loss/scores/real": .nan, "Progress/augment": 0.012],
                     timestamp: 1_700_000_000.25, peakRSSMiB: 812)
    }

    func testAppendReadTruncate() throws {
        let run = RunDirectory(path: try RunTestSupport.temporaryDirectory(self))
        let entries = (0..<4).map { Self.entry($0, nimg: 1000 * $0, g: 1 / 3 + Double($0)) }
        let log = try run.openMetricsLog()
        for entry in entries { try log.append(entry) }
        log.close()
        XCTAssertEqual(try MetricsLog.read(path: run.metricsPath).map(\.tick), [0, 1, 2, 3])
        let read = try MetricsLog.read(path: run.metricsPath)
        XCTAssertEqual(read.map { $0.stats["Loss/G/loss"] }, entries.map { $0.stats["Loss/G/loss"] })
        XCTAssertTrue(read[0].stats["Loss/scores/real"]?.isNaN == true)
        XCTAssertEqual(read[1].peakRSSMiB, 812)
        let first = try String(contentsOfFile: run.metricsPath, encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(first.hasPrefix("{\"kimg\":0.0,\"cur_nimg\":0,\"tick\":0,"), String(first))

        try Data("{\"kimg\":4.0,\"cur_n".utf8).append(toFile: run.metricsPath)
        XCTAssertThrowsError(try MetricsLog.read(path: run.metricsPath)) {
            guard case .malformedMetricsLine(run.metricsPath, 5, _)? = $0 as? RunFileError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try MetricsLog.read(path: run.metricsPath, allowingTornLastLine: true).count, 4)
        try run.prepareResume(from: SnapshotLocation(curNimg: 2000, path: run.snapshotPath(curNimg: 2000)))
        XCTAssertEqual(try MetricsLog.read(path: run.metricsPath).map(\.curNimg), [0, 1000, 2000])
        let reopened = try run.openMetricsLog()
        try reopened.append(Self.entry(3, nimg: 3000))
        XCTAssertEqual(try MetricsLog.read(path: run.metricsPath).map(\.curNimg), [0, 1000, 2000, 3000])
    }

    func testMalformedLinesAreTyped() throws {
        let path = try RunTestSupport.temporaryDirectory(self) + "/metrics.jsonl"
        XCTAssertEqual(try MetricsLog.truncate(path: path, keepingThrough: 0), 0)
        XCTAssertThrowsError(try MetricsLog.read(path: path)) { XCTAssertEqual($0 as? RunFileError, .missingFile(path: path)) }
        let line = try Self.entry(0, nimg: 0).jsonLine()
        for (text, reason) in [("[1]", "not a JSON object of numbers"), ("{\"a\":\"b\"}", "not a JSON object of numbers"),
                               (line.replacingOccurrences(of: "\"tick\":0,", with: ""), "field 'tick' is missing"),
                               (line.replacingOccurrences(of: "\"cur_nimg\":0", with: "\"cur_nimg\":0.5"), "field 'cur_nimg' is not an integer")] {
            try RunTestSupport.overwrite(path, Array((line + "\n" + text + "\n").utf8))
            XCTAssertThrowsError(try MetricsLog.read(path: path)) {
                XCTAssertEqual($0 as? RunFileError, .malformedMetricsLine(path: path, line: 2, reason: reason))
            }
        }
        var reserved = Self.entry(0, nimg: 0)
        reserved.stats["tick"] = 1
        XCTAssertThrowsError(try reserved.jsonLine())
    }
}

extension Data {
    func append(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
    }
}
