import Foundation
import XCTest
@testable import GANPortFormats

/// StyleGAN's float → uint8 conversions against torch/NumPy outputs in fixtures/images/conversions.json.
final class ImageConversionTests: XCTestCase {
    struct Generate: Decodable { let shape: [Int], input: [String], output: [Int] }
    struct Grid: Decodable {
        let drange: [Double], grid: [Int], shape: [Int], input: [String], output_shape: [Int], output: [Int], png: String
    }
    struct Document: Decodable { let generate: Generate, grid: [Grid] }

    static func document() throws -> Document {
        try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("images/conversions.json"))))
    }

    static func floats(_ hex: [String]) -> [Float] { hex.map { Float(bitPattern: UInt32($0, radix: 16) ?? 0) } }

    func testGeneratorConversionMatchesTorch() throws {
        let generate = try Self.document().generate
        let pixels = try StyleGANImageConversion.generatorPixels(Self.floats(generate.input), shape: generate.shape)
        XCTAssertEqual(pixels.map(Int.init), generate.output)
    }

    func testGeneratorImagesSplitTheBatch() throws {
        let generate = try Self.document().generate
        let images = try StyleGANImageConversion.generatorImages(Self.floats(generate.input), shape: generate.shape)
        XCTAssertEqual(images.count, generate.shape[0])
        XCTAssertEqual(images.flatMap { $0.pixels ?? [] }.map(Int.init), generate.output)
        XCTAssertEqual(images[0].layout, .rgb)
        XCTAssertEqual(images[0].width, generate.shape[3])
    }

    func testGridConversionMatchesNumPy() throws {
        for grid in try Self.document().grid {
            let image = try StyleGANImageConversion.imageGrid(Self.floats(grid.input), shape: grid.shape, low: grid.drange[0],
                                                              high: grid.drange[1], columns: grid.grid[0], rows: grid.grid[1])
            XCTAssertEqual([image.height, image.width, image.layout.channels], grid.output_shape, "\(grid.drange)")
            XCTAssertEqual(image.pixels?.map(Int.init), grid.output, "\(grid.drange)")
        }
    }

    func testGridImagesEqualThePNGsPillowWrote() throws {
        for grid in try Self.document().grid {
            let image = try StyleGANImageConversion.imageGrid(Self.floats(grid.input), shape: grid.shape, low: grid.drange[0],
                                                              high: grid.drange[1], columns: grid.grid[0], rows: grid.grid[1])
            XCTAssertEqual(try PNGDecoder.decode(path: Fixtures.path("images/" + grid.png)), image, grid.png)
        }
    }

    func testInvalidShapeIsRefused() {
        XCTAssertThrowsError(try StyleGANImageConversion.generatorPixels([0], shape: [1, 1, 1])) {
            XCTAssertEqual($0 as? ImageConversionError, .invalidShape([1, 1, 1]))
        }
    }

    func testCountMismatchIsRefused() {
        XCTAssertThrowsError(try StyleGANImageConversion.generatorPixels([0, 1], shape: [1, 1, 1, 3])) {
            XCTAssertEqual($0 as? ImageConversionError, .countMismatch(expected: 3, actual: 2))
        }
    }

    func testUnsupportedChannelsAreRefused() {
        XCTAssertThrowsError(try StyleGANImageConversion.imageGrid([0, 0], shape: [1, 2, 1, 1], low: -1, high: 1, columns: 1, rows: 1)) {
            XCTAssertEqual($0 as? ImageConversionError, .unsupportedChannels(2))
        }
    }

    func testGridMismatchIsRefused() {
        XCTAssertThrowsError(try StyleGANImageConversion.gridPixels([0, 0, 0], shape: [3, 1, 1, 1], low: -1, high: 1, columns: 2, rows: 2)) {
            XCTAssertEqual($0 as? ImageConversionError, .gridMismatch(batch: 3, columns: 2, rows: 2))
        }
    }

    func testEmptyDynamicRangeIsRefused() {
        XCTAssertThrowsError(try StyleGANImageConversion.gridScale(low: 1, high: 1)) {
            XCTAssertEqual($0 as? ImageConversionError, .emptyDynamicRange(low: 1, high: 1))
        }
    }
}
