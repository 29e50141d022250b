import Foundation
import XCTest
@testable import GANPortFormats

/// Decoding PNGs written by Pillow and by tools/make_image_fixtures.py, against the pixels
/// Pillow/NumPy give for them.
final class PNGFixtureTests: XCTestCase {
    struct Entry: Decodable {
        let name: String, width: Int, height: Int, channels: Int
        let bit_depth: Int
    }

    static func entries() throws -> [Entry] {
        struct Document: Decodable { let images: [Entry] }
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("images/png.json")))
        return try JSONDecoder().decode(Document.self, from: data).images
    }

    /// The expected samples of a fixture (`.pixels`: uint8, or uint16 little-endian).
    static func expected(_ entry: Entry) throws -> PNGSamples {
        let bytes = try Fixtures.bytes("images/\(entry.name).pixels").array
        guard entry.bit_depth == 16 else { return .uint8(bytes) }
        return .uint16(stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 })
    }

    func testEveryFixtureDecodesToPillowsPixels() throws {
        let entries = try Self.entries()
        XCTAssertGreaterThan(entries.count, 40)
        for entry in entries {
            let image = try PNGDecoder.decode(path: Fixtures.path("images/\(entry.name).png"))
            XCTAssertEqual(image.width, entry.width, entry.name)
            XCTAssertEqual(image.height, entry.height, entry.name)
            XCTAssertEqual(image.layout.channels, entry.channels, entry.name)
            XCTAssertEqual(image.samples, try Self.expected(entry), entry.name)
        }
    }

    func testEveryFixtureRoundTripsThroughTheEncoder() throws {
        for entry in try Self.entries() {
            let image = try PNGDecoder.decode(path: Fixtures.path("images/\(entry.name).png"))
            XCTAssertEqual(try PNGDecoder.decode(PNGEncoder.encode(image)), image, entry.name)
        }
    }
}
