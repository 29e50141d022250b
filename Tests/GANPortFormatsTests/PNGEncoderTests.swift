import Foundation
import XCTest
@testable import GANPortFormats

/// The PNG encoder: round trips, determinism, file layout, errors, atomic writes.
final class PNGEncoderTests: XCTestCase {
    static func image(_ layout: PNGPixelLayout, sixteen: Bool, width: Int = 7, height: Int = 5) -> PNGImage {
        let count = width * height * layout.channels
        let samples: PNGSamples = sixteen ? .uint16((0..<count).map { UInt16(truncatingIfNeeded: $0 &* 40503) })
            : .uint8((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        return PNGImage(width: width, height: height, layout: layout, samples: samples)
    }

    func testEveryLayoutAndDepthRoundTrips() throws {
        for layout in PNGPixelLayout.allCases {
            for sixteen in [false, true] {
                let image = Self.image(layout, sixteen: sixteen)
                XCTAssertEqual(try PNGDecoder.decode(PNGEncoder.encode(image)), image, "\(layout) \(sixteen)")
            }
        }
    }

    func testOutputIsDeterministicAndLaidOutAsSpecified() throws {
        let image = Self.image(.rgb, sixteen: false, width: 3, height: 2)
        let bytes = try PNGEncoder.encode(image)
        XCTAssertEqual(bytes, try PNGEncoder.encode(image))
        XCTAssertEqual(Array(bytes[0..<8]), PNGChunk.signature)
        XCTAssertEqual(Array(bytes[8..<33]), PNGTestFile.chunk("IHDR", PNGTestFile.ihdr(width: 3, height: 2, colorType: 2)))
        XCTAssertEqual(Array(bytes.suffix(12)), PNGTestFile.chunk("IEND", []))
        let layout = try PNGFileLayout(ByteSlice(bytes), limits: .default)
        let raw = try PNGInflater.inflate(layout.imageData, expected: 2 * 10)
        let pixels = try XCTUnwrap(image.pixels)
        XCTAssertEqual(raw, [0] + pixels[0..<9] + [0] + pixels[9..<18])
    }

    func testLargeImageDataIsSplitIntoChunks() throws {
        let image = Self.image(.rgba, sixteen: true, width: 300, height: 300)
        let bytes = try PNGEncoder.encode(image, compressionLevel: 0)
        let layout = try PNGFileLayout(ByteSlice(bytes), limits: .default)
        XCTAssertGreaterThan(layout.imageData.count, 1)
        XCTAssertTrue(layout.imageData.dropLast().allSatisfy { $0.count == PNGEncoder.maxDataChunkLength })
        XCTAssertEqual(try PNGDecoder.decode(bytes), image)
    }

    func testInvalidDimensionsAreRefused() {
        let image = PNGImage(width: 0, height: 3, layout: .gray, pixels: [])
        XCTAssertThrowsError(try PNGEncoder.encode(image)) {
            XCTAssertEqual($0 as? PNGEncodingError, .invalidDimensions(width: 0, height: 3))
        }
    }

    func testSampleCountMismatchIsRefused() {
        let image = PNGImage(width: 2, height: 2, layout: .rgb, pixels: [1, 2, 3])
        XCTAssertThrowsError(try PNGEncoder.encode(image)) {
            XCTAssertEqual($0 as? PNGEncodingError, .sampleCountMismatch(expected: 12, actual: 3))
        }
    }

    func testWriteReplacesTheDestinationAndLeavesNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.png").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let image = Self.image(.gray, sixteen: false)
        try PNGEncoder.write(image, to: path)
        XCTAssertEqual(try PNGDecoder.decode(path: path), image)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["out.png"])
    }
}
