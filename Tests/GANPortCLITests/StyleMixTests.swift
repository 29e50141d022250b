import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport style-mix` against the official `style_mixing.py` logic on the tiny pickle (every pair
/// image, every seed image and `grid.png`). Measured: bit-identical (0 differing samples).
final class StyleMixTests: XCTestCase {
    private var scratch = ""

    override func setUpWithError() throws { scratch = try GenerateTestSupport.scratch() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    func testMatrixAndGridEqualTheOfficialOnesBitForBit() throws {
        let cases = try GenerateTestSupport.cases(script: "style_mixing.py")
        XCTAssertEqual(cases.count, 2)
        for item in cases {
            let out = scratch + "/" + item.name
            XCTAssertEqual(try GenerateTestSupport.run(["style-mix", item.checkpointPath, "--rows", try XCTUnwrap(item.rows),
                                                        "--cols", try XCTUnwrap(item.cols), "--styles", try XCTUnwrap(item.styles),
                                                        "--trunc", "\(item.trunc)", "--out", out, "--quiet"]), 0, item.name)
            let difference = try GenerateTestSupport.compareFolder(out, case: item.name, files: item.files)
            XCTAssertEqual(difference.count, 0, "\(item.name): \(difference.count) of \(difference.total) samples differ (max \(difference.max))")
        }
    }

    func testGridHasABlankTopLeftCell() throws {
        let out = scratch + "/mix"
        XCTAssertEqual(try GenerateTestSupport.run(["style-mix", GenerateTestSupport.tiny, "--rows", "1", "--cols", "2,3",
                                                    "--styles", "0", "--out", out, "--quiet"]), 0)
        let grid = try PNGDecoder.decode(path: out + "/grid.png")
        XCTAssertEqual([grid.width, grid.height], [48, 32])
        let pixels = try XCTUnwrap(grid.pixels)
        for y in 0..<16 { XCTAssertTrue(pixels[(y * 48 * 3)..<((y * 48 + 16) * 3)].allSatisfy { $0 == 0 }) }
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: out)),
                       ["1-1.png", "2-2.png", "3-3.png", "1-2.png", "1-3.png", "grid.png"])
    }

    func testStylesOutsideTheNetworkAreUsageErrors() throws {
        // The tiny network has 6 ws, so the official default 0-6 is out of range (an IndexError there).
        XCTAssertEqual(try GenerateTestSupport.run(["style-mix", GenerateTestSupport.tiny, "--rows", "1", "--cols", "2",
                                                    "--out", scratch + "/x", "--quiet"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try GenerateTestSupport.run(["style-mix", GenerateTestSupport.tiny, "--rows", "1", "--cols", "x",
                                                    "--styles", "0", "--out", scratch + "/x", "--quiet"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try GenerateTestSupport.run(["style-mix", GenerateTestSupport.conditional, "--rows", "1", "--cols", "2",
                                                    "--styles", "0", "--out", scratch + "/x", "--quiet"]), ExitCode.validationFailure.rawValue,
                       "a conditional network needs --class")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch + "/x"))
    }

    func testConditionalNetworksMixWithAClass() throws {
        let out = scratch + "/cond"
        XCTAssertEqual(try GenerateTestSupport.run(["style-mix", GenerateTestSupport.conditional, "--rows", "1", "--cols", "2",
                                                    "--styles", "0-3", "--class", "0", "--out", out, "--quiet"]), 0)
        XCTAssertEqual(try PNGDecoder.decode(path: out + "/grid.png").width, 64)
    }
}
