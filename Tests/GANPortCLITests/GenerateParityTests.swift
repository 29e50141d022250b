import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport generate` against the images of the official `generate.py` logic (CPU, float32,
/// `noise_mode='const'`; `fixtures/generate`, written by `tools/make_generate_fixtures.py`).
///
/// Measured: every sample of every fixture image is bit-identical (0 of 59 136 differ), and the tests
/// assert exactly that. The network outputs differ from PyTorch's by float32 rounding only (≤ 2.4e-6 on
/// these networks, see `fixtures/modules/README.md`), i.e. ≤ 3e-4 of one uint8 step after
/// `x·127.5 + 128`; a sample flips only when its value lies that close to an integer, which none of
/// these does. On a larger one-off sample (900 images, 1.38 M samples) 8 samples differed by 1, each
/// within 3.1e-5 of an integer in the official output (`docs/bench-stylegan2.md`).
final class GenerateParityTests: XCTestCase {
    private var scratch = ""

    override func setUpWithError() throws { scratch = try GenerateTestSupport.scratch() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    func testSeedImagesEqualTheOfficialOnesBitForBit() throws {
        let cases = try GenerateTestSupport.cases(script: "generate.py")
        XCTAssertEqual(cases.count, 5)
        for item in cases {
            let out = scratch + "/" + item.name
            var arguments = ["generate", item.checkpointPath, "--seeds", try XCTUnwrap(item.seeds), "--trunc", "\(item.trunc)",
                             "--out", out, "--quiet"]
            if let classIndex = item.class_idx { arguments += ["--class", "\(classIndex)"] }
            if let cutoff = item.cutoff { arguments += ["--trunc-cutoff", "\(cutoff)"] }
            XCTAssertEqual(try GenerateTestSupport.run(arguments), 0, item.name)
            let difference = try GenerateTestSupport.compareFolder(out, case: item.name, files: item.files)
            XCTAssertEqual(difference.count, 0, "\(item.name): \(difference.count) of \(difference.total) samples differ (max \(difference.max))")
        }
    }

    func testProjectedWImagesEqualTheOfficialOnes() throws {
        let item = try XCTUnwrap(try GenerateTestSupport.cases(script: "generate.py --projected-w").first)
        let npz = GenerateTestSupport.fixture("generate/\(item.name)/\(try XCTUnwrap(item.projected_w))")
        let out = scratch + "/proj"
        XCTAssertEqual(try GenerateTestSupport.run(["generate", item.checkpointPath, "--projected-w", npz, "--out", out, "--quiet"]), 0)
        let difference = try GenerateTestSupport.compareFolder(out, case: item.name, files: item.files)
        XCTAssertEqual(difference.count, 0, "\(difference.count) of \(difference.total) samples differ")
    }

    func testGridTilesTheSeedImagesRowByRow() throws {
        let grid = scratch + "/nested/grid.png"
        XCTAssertEqual(try GenerateTestSupport.run(["generate", GenerateTestSupport.tiny, "--seeds", "0-2", "--out", grid,
                                                    "--grid", "2x2", "--quiet"]), 0)
        let image = try PNGDecoder.decode(path: grid)
        XCTAssertEqual([image.width, image.height], [32, 32])
        let pixels = try XCTUnwrap(image.pixels)
        for (cell, name) in ["seed0000.png", "seed0001.png", "seed0002.png"].enumerated() {
            let official = try XCTUnwrap(try PNGDecoder.decode(path: GenerateTestSupport.fixture("generate/tiny16-trunc1/" + name)).pixels)
            let (row, column) = cell.quotientAndRemainder(dividingBy: 2)
            for y in 0..<16 {
                let start = ((row * 16 + y) * 32 + column * 16) * 3
                XCTAssertEqual(Array(pixels[start..<(start + 48)]), Array(official[(y * 48)..<((y + 1) * 48)]), "\(name) row \(y)")
            }
        }
        let blank = ((16 * 32) + 16) * 3
        XCTAssertEqual(Array(pixels[blank..<(blank + 48)]), [UInt8](repeating: 0, count: 48), "the fourth cell stays black")
    }

    func testDefaultGridIsAsSquareAsPossible() throws {
        XCTAssertEqual(try GridLayout(spec: nil, count: 8), GridLayout(columns: 3, rows: 3))
        XCTAssertEqual(try GridLayout(spec: nil, count: 4), GridLayout(columns: 2, rows: 2))
        XCTAssertEqual(try GridLayout(spec: nil, count: 1), GridLayout(columns: 1, rows: 1))
        XCTAssertEqual(try GridLayout(spec: "8X1", count: 8), GridLayout(columns: 8, rows: 1))
    }

    func testNoiseModesRunAndRandomIsReproducible() throws {
        for mode in ["random", "none"] {
            let a = scratch + "/\(mode)-a", b = scratch + "/\(mode)-b"
            for out in [a, b] {
                XCTAssertEqual(try GenerateTestSupport.run(["generate", GenerateTestSupport.tiny, "--seeds", "3", "--noise-mode", mode,
                                                            "--out", out, "--quiet"]), 0)
            }
            XCTAssertEqual(try GenerateTestSupport.difference(a + "/seed0003.png", b + "/seed0003.png").count, 0, mode)
            XCTAssertGreaterThan(try GenerateTestSupport.difference(a + "/seed0003.png",
                                                                    GenerateTestSupport.fixture("generate/tiny16-trunc1/seed0003.png")).count, 0, mode)
        }
    }
}
