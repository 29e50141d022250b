import Foundation
import GANPortFormats
@testable import GANPortTraining
import XCTest

final class RunPlotTests: XCTestCase {
    func testLossPlotRendersADecodablePNG() throws {
        let run = RunDirectory(path: try RunTestSupport.temporaryDirectory(self))
        let log = try run.openMetricsLog()
        for tick in 0..<20 {
            try log.append(RunMetricsTests.entry(tick, nimg: 400 * tick, g: 2 * exp(-Double(tick) / 5)))
        }
        try run.writeLossPlot(LossPlot(width: 640, height: 360))
        let image = try PNGDecoder.decode(path: run.lossPlotPath)
        XCTAssertEqual([image.width, image.height], [640, 360])
        XCTAssertEqual(image.layout, .rgb)
        let pixels = try XCTUnwrap(image.pixels)
        var colors = Set<Int>()
        for offset in stride(from: 0, to: pixels.count, by: 3) {
            let red = Int(pixels[offset]) << 16, green = Int(pixels[offset + 1]) << 8
            colors.insert(red | green | Int(pixels[offset + 2]))
        }
        XCTAssertTrue(colors.contains(0x1F77B4), "first series color drawn")
        XCTAssertTrue(colors.contains(0xFF7F0E), "second series color drawn")
        XCTAssertTrue(colors.contains(0x282828), "labels drawn")
        let first = try [UInt8](Data(contentsOf: URL(fileURLWithPath: run.lossPlotPath)))
        try run.writeLossPlot(LossPlot(width: 640, height: 360))
        XCTAssertEqual(try [UInt8](Data(contentsOf: URL(fileURLWithPath: run.lossPlotPath))), first, "deterministic")
    }

    func testEmptyLogAndBadSizes() throws {
        let image = try LossPlot().render([])
        XCTAssertEqual([image.width, image.height], [800, 480])
        XCTAssertThrowsError(try LossPlot(width: 10, height: 10).render([]))
    }

    func testAxisTicksAndLabels() {
        let axis = PlotAxis(minimum: 0.13, maximum: 2.9, targetTicks: 5)
        XCTAssertEqual([axis.low, axis.high, axis.step], [0, 3, 0.5])
        XCTAssertEqual(axis.ticks.map(axis.label), ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"])
        let flat = PlotAxis(minimum: 5, maximum: 5)
        XCTAssertEqual(flat.ticks.map(flat.label), ["4.4", "4.6", "4.8", "5.0", "5.2", "5.4", "5.6"])
    }

    func testProgressLineMatchesTheOfficialFormat() {
        let line = ProgressLine(tick: 3, curNimg: 1200, totalSeconds: 130.4, secondsPerTick: 43.14, secondsPerKimg: 12.3,
                                maintenanceSeconds: 0.42, cpuMemoryGiB: 1.214, augmentP: 0.0123)
        XCTAssertEqual(line.text, "tick 3     kimg 1.2      time 2m 10s       sec/tick 43.1    sec/kimg 12.30   maintenance 0.4    cpumem 1.21   augment 0.012")
        XCTAssertEqual(ProgressLine.formatTime(59.5), "1m 00s")
        XCTAssertEqual(ProgressLine.formatTime(0.5), "0s")
        XCTAssertEqual(ProgressLine.formatTime(3723), "1h 02m 03s")
        XCTAssertEqual(ProgressLine.formatTime(2 * 86400 + 3 * 3600 + 4 * 60 + 5), "2d 03h 04m")
    }
}
