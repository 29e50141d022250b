import Foundation
import XCTest
@testable import GANPortFormats

/// JPEG decoding against PIL's decode of the same files, and every JPEG error.
final class JPEGDecoderTests: XCTestCase {
    private struct Listing: Decodable { let name: String; let width: Int; let height: Int; let channels: Int }
    private struct Expected: Decodable { let jpeg: [Listing] }

    func testDecodesLikePIL() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("datasets/expected.json")))
        let listing = try JSONDecoder().decode(Expected.self, from: data).jpeg
        XCTAssertEqual(listing.count, 6)
        for entry in listing {
            let image = try JPEGDecoder.decode(path: Fixtures.path("datasets/jpeg/\(entry.name).jpg"))
            let expected = try Fixtures.bytes("datasets/jpeg/\(entry.name).pixels").array
            XCTAssertEqual([image.width, image.height, image.layout.channels], [entry.width, entry.height, entry.channels], entry.name)
            XCTAssertEqual(image.pixels, expected, entry.name)
        }
    }

    func testRejectsBytesWithoutTheSignature() {
        XCTAssertThrowsError(try JPEGDecoder.decode(ByteSlice([0x89, 0x50, 0x4E, 0x47]))) { XCTAssertEqual($0 as? JPEGError, .badSignature) }
    }

    func testReportsTruncatedData() throws {
        let bytes = try Fixtures.bytes("datasets/malformed/truncated_jpeg/a.jpg")
        XCTAssertThrowsError(try JPEGDecoder.decode(bytes)) { error in
            guard case .truncated? = error as? JPEGError else { return XCTFail("\(error)") }
        }
    }

    func testReportsCorruptEntropyData() throws {
        let bytes = try Fixtures.bytes("datasets/malformed/corrupt_jpeg/a.jpg")
        XCTAssertThrowsError(try JPEGDecoder.decode(bytes)) { error in
            switch error as? JPEGError {
            case .corruptData?, .corrupt?: break
            default: XCTFail("\(error)")
            }
        }
    }

    func testReportsLibraryErrorsOnBrokenHeaders() throws {
        var bytes = try Fixtures.bytes("datasets/jpeg/baseline420.jpg").array
        bytes = Array(bytes[0..<3]) + [0xC0, 0x00, 0x02] + Array(bytes[3...])  // SOF with an impossible length
        XCTAssertThrowsError(try JPEGDecoder.decode(ByteSlice(bytes))) { error in
            guard case .corrupt? = error as? JPEGError else { return XCTFail("\(error)") }
        }
    }

    func testRejectsCMYK() throws {
        XCTAssertThrowsError(try JPEGDecoder.decode(try Fixtures.bytes("datasets/malformed/cmyk_jpeg/a.jpg"))) { error in
            guard case .unsupportedColorSpace? = error as? JPEGError else { return XCTFail("\(error)") }
        }
    }

    func testEnforcesThePixelLimitBeforeDecoding() throws {
        let bytes = try Fixtures.bytes("datasets/jpeg/baseline420.jpg")
        XCTAssertThrowsError(try JPEGDecoder.decode(bytes, limits: JPEGLimits(maxPixels: 255))) {
            XCTAssertEqual($0 as? JPEGError, .tooManyPixels(width: 16, height: 16, limit: 255))
        }
    }

    func testEnforcesTheScanLimit() throws {
        let bytes = try Fixtures.bytes("datasets/jpeg/progressive.jpg")
        XCTAssertNoThrow(try JPEGDecoder.decode(bytes))
        XCTAssertThrowsError(try JPEGDecoder.decode(bytes, limits: JPEGLimits(maxScans: 2))) {
            XCTAssertEqual($0 as? JPEGError, .tooManyScans(limit: 2))
        }
    }

    func testRejectsZeroDimensions() throws {
        var bytes = try Fixtures.bytes("datasets/jpeg/gray.jpg").array
        // SOF0: FF C0, length (2), precision (1), height (2), width (2).
        let sof = try XCTUnwrap((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes[sof + 5] = 0
        bytes[sof + 6] = 0
        XCTAssertThrowsError(try JPEGDecoder.decode(ByteSlice(bytes))) { error in
            switch error as? JPEGError {
            case .corrupt?, .invalidDimensions?: break
            default: XCTFail("\(error)")
            }
        }
    }

    func testSurvivesEveryTruncationAndByteFlipWithoutCrashing() throws {
        let bytes = try Fixtures.bytes("datasets/jpeg/progressive.jpg").array
        for length in stride(from: 0, to: bytes.count, by: 7) { _ = try? JPEGDecoder.decode(ByteSlice(Array(bytes[0..<length]))) }
        for index in stride(from: 0, to: bytes.count, by: 5) {
            var mutated = bytes
            mutated[index] ^= 0xA5
            _ = try? JPEGDecoder.decode(ByteSlice(mutated))
        }
    }
}
