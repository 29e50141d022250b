import Foundation
import XCTest
@testable import GANPortFormats

/// Builds small PNG files chunk by chunk (CRCs computed unless given) for malformed-input tests.
struct PNGTestFile {
    var chunks: [(type: String, data: [UInt8])] = []
    var signature = PNGChunk.signature

    static func ihdr(width: UInt32 = 2, height: UInt32 = 2, depth: UInt8 = 8, colorType: UInt8 = 0,
                     compression: UInt8 = 0, filter: UInt8 = 0, interlace: UInt8 = 0) -> [UInt8] {
        be(width) + be(height) + [depth, colorType, compression, filter, interlace]
    }

    static func be(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The zlib stream of `bytes`.
    static func zlib(_ bytes: [UInt8]) -> [UInt8] { (try? PNGEncoder.deflate(bytes, level: 9)) ?? [] }

    /// A valid 2×2 8-bit gray image.
    static var gray2x2: PNGTestFile {
        PNGTestFile(chunks: [("IHDR", ihdr()), ("IDAT", zlib([0, 10, 20, 0, 30, 40])), ("IEND", [])])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be(UInt32(data.count)) + body + be(body.withUnsafeBytes { ZipCRC32.checksum($0) })
    }

    var bytes: [UInt8] { signature + chunks.flatMap { PNGTestFile.chunk($0.type, $0.data) } }

    mutating func insert(_ type: String, _ data: [UInt8], at index: Int) { chunks.insert((type, data), at: index) }
}

/// Asserts that decoding `bytes` throws exactly `expected`.
func assertPNGError(_ bytes: [UInt8], _ expected: PNGError, limits: PNGLimits = .default,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try PNGDecoder.decode(bytes, limits: limits), file: file, line: line) { error in
        XCTAssertEqual(error as? PNGError, expected, file: file, line: line)
        XCTAssertFalse(String(describing: error).isEmpty, file: file, line: line)
    }
}
