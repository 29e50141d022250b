import XCTest
@testable import GANPortFormats

/// One test per `PNGError` rule, each on a small hand-built file.
final class PNGMalformedTests: XCTestCase {
    typealias File = PNGTestFile

    func testTheBaseFileIsValid() throws {
        let image = try PNGDecoder.decode(File.gray2x2.bytes)
        XCTAssertEqual(image.samples, .uint8([10, 20, 30, 40]))
    }

    func testBadSignature() {
        var file = File.gray2x2
        file.signature[1] = 0x51
        assertPNGError(file.bytes, .badSignature)
        assertPNGError([0x89, 0x50], .badSignature)
    }

    func testTruncatedChunk() {
        let bytes = File.gray2x2.bytes
        assertPNGError(Array(bytes.dropLast(3)), .truncatedChunk(offset: bytes.count - 12, needed: 12, available: 9))
        assertPNGError(Array(bytes[0..<12]), .truncatedChunk(offset: 8, needed: 8, available: 4))
    }

    func testChunkTooLong() {
        var bytes = File.gray2x2.bytes
        bytes[33..<37] = [0x80, 0, 0, 0]
        assertPNGError(bytes, .chunkTooLong(offset: 33, type: "IDAT", length: 1 << 31, limit: 1 << 30))
        assertPNGError(File.gray2x2.bytes, .chunkTooLong(offset: 8, type: "IHDR", length: 13, limit: 12),
                       limits: PNGLimits(maxChunkLength: 12))
    }

    func testInvalidChunkType() {
        var file = File.gray2x2
        file.chunks[1].type = "1DAT"
        assertPNGError(file.bytes, .invalidChunkType(offset: 33))
    }

    func testCRCMismatch() {
        var bytes = File.gray2x2.bytes
        bytes[29] ^= 0xFF
        let stored = PNGChunk.bigEndian32(ByteSlice(bytes), 29)
        assertPNGError(bytes, .crcMismatch(offset: 8, type: "IHDR", stored: stored, computed: stored ^ 0xFF00_0000))
    }

    func testFirstChunkNotIHDR() {
        var file = File.gray2x2
        file.insert("tEXt", Array("a\0b".utf8), at: 0)
        assertPNGError(file.bytes, .firstChunkNotIHDR(offset: 8, type: "tEXt"))
    }

    func testInvalidChunkLength() {
        var file = File.gray2x2
        file.chunks[0].data.removeLast()
        assertPNGError(file.bytes, .invalidChunkLength(offset: 8, type: "IHDR", length: 12))
        file = File.gray2x2
        file.chunks[2].data = [0]
        assertPNGError(file.bytes, .invalidChunkLength(offset: file.bytes.count - 13, type: "IEND", length: 1))
    }

    func testInvalidIHDR() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(width: 0)
        assertPNGError(file.bytes, .invalidIHDR(field: "width", value: 0))
        file.chunks[0].data = File.ihdr(height: 0x8000_0000)
        assertPNGError(file.bytes, .invalidIHDR(field: "height", value: 1 << 31))
        file.chunks[0].data = File.ihdr(compression: 1)
        assertPNGError(file.bytes, .invalidIHDR(field: "compression method", value: 1))
        file.chunks[0].data = File.ihdr(filter: 1)
        assertPNGError(file.bytes, .invalidIHDR(field: "filter method", value: 1))
        file.chunks[0].data = File.ihdr(interlace: 2)
        assertPNGError(file.bytes, .invalidIHDR(field: "interlace method", value: 2))
    }

    func testUnsupportedColorType() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(colorType: 5)
        assertPNGError(file.bytes, .unsupportedColorType(5))
    }

    func testUnsupportedBitDepth() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(depth: 4, colorType: 2)
        assertPNGError(file.bytes, .unsupportedBitDepth(colorType: 2, bitDepth: 4))
        file.chunks[0].data = File.ihdr(depth: 16, colorType: 3)
        assertPNGError(file.bytes, .unsupportedBitDepth(colorType: 3, bitDepth: 16))
    }

    func testDimensionsOverflow() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF, depth: 16, colorType: 6)
        assertPNGError(file.bytes, .dimensionsOverflow(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF),
                       limits: PNGLimits(maxPixels: .max))
    }

    func testTooManyPixels() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(width: 70_000, height: 70_000)
        assertPNGError(file.bytes, .tooManyPixels(width: 70_000, height: 70_000, limit: 1 << 28))
        assertPNGError(File.gray2x2.bytes, .tooManyPixels(width: 2, height: 2, limit: 3), limits: PNGLimits(maxPixels: 3))
    }

    func testMisplacedChunks() {
        var file = File.gray2x2
        file.insert("IHDR", File.ihdr(), at: 1)
        assertPNGError(file.bytes, .misplacedChunk(offset: 33, type: "IHDR", reason: "second IHDR"))
        file = File.gray2x2
        file.insert("PLTE", [1, 2, 3], at: 1)
        assertPNGError(file.bytes, .misplacedChunk(offset: 33, type: "PLTE", reason: "PLTE in a gray image"))
        file = File.gray2x2
        file.chunks[0].data = File.ihdr(colorType: 2)
        file.insert("PLTE", [1, 2, 3], at: 2)
        let afterIDAT = 33 + 12 + file.chunks[1].data.count
        assertPNGError(file.bytes, .misplacedChunk(offset: afterIDAT, type: "PLTE", reason: "PLTE after IDAT"))
        file = File.gray2x2
        file.chunks[1].data = Array(File.zlib([0, 10, 20, 0, 30, 40]).prefix(4))
        file.insert("tEXt", Array("a\0b".utf8), at: 2)
        file.insert("IDAT", Array(File.zlib([0, 10, 20, 0, 30, 40]).dropFirst(4)), at: 3)
        assertPNGError(file.bytes, .misplacedChunk(offset: 33 + 16 + 15, type: "IDAT", reason: "IDAT chunks are not consecutive"))
    }

    func testUnknownCriticalChunk() {
        var file = File.gray2x2
        file.insert("ABCD", [], at: 1)
        assertPNGError(file.bytes, .unknownCriticalChunk(offset: 33, type: "ABCD"))
        file.chunks[1].type = "aBCD"
        XCTAssertNoThrow(try PNGDecoder.decode(file.bytes))
    }

    func testInvalidPalette() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(depth: 1, colorType: 3)
        file.insert("PLTE", [1, 2, 3, 4], at: 1)
        assertPNGError(file.bytes, .invalidPalette(offset: 33, reason: "length 4 is not a multiple of 3"))
        file.chunks[1].data = [UInt8](repeating: 7, count: 9)
        assertPNGError(file.bytes, .invalidPalette(offset: 33, reason: "3 entries for bit depth 1"))
    }

    func testMissingPalette() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(colorType: 3)
        assertPNGError(file.bytes, .missingPalette)
    }

    func testInvalidTransparency() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(colorType: 3)
        file.insert("PLTE", [1, 2, 3], at: 1)
        file.insert("tRNS", [9, 9], at: 2)
        assertPNGError(file.bytes, .invalidTransparency(offset: 48, reason: "2 alpha values for 1 palette entries"))
        file = File.gray2x2
        file.insert("tRNS", [0, 1, 2], at: 1)
        assertPNGError(file.bytes, .invalidTransparency(offset: 33, reason: "length 3, 2 expected"))
        file.chunks[0].data = File.ihdr(colorType: 4)
        assertPNGError(file.bytes, .invalidTransparency(offset: 33, reason: "colour type 4 already has alpha"))
    }

    func testMissingImageData() {
        var file = File.gray2x2
        file.chunks.remove(at: 1)
        assertPNGError(file.bytes, .missingImageData)
    }

    func testCompressedDataTooSmall() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(width: 4096, height: 4096)
        assertPNGError(file.bytes, .compressedDataTooSmall(expected: 4097 * 4096, compressedBytes: file.chunks[1].data.count))
    }

    func testIDATInflateError() {
        var file = File.gray2x2
        file.chunks[1].data = [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]
        XCTAssertThrowsError(try PNGDecoder.decode(file.bytes)) {
            guard case .idatInflateError? = $0 as? PNGError else { return XCTFail("\($0)") }
        }
        file.chunks[1].data = Array(File.zlib([0, 10, 20, 0, 30, 40]).dropLast(2))
        assertPNGError(file.bytes, .idatInflateError(reason: "the zlib stream ends early (truncated image data)"))
        file.chunks[1].data = File.zlib([0, 10, 20, 0, 30, 40]) + [0]
        assertPNGError(file.bytes, .idatInflateError(reason: "data after the end of the zlib stream"))
        file.chunks[1].data = File.zlib([0, 10, 20, 0, 30, 40])
        file.chunks[1].data[file.chunks[1].data.count - 1] ^= 1
        assertPNGError(file.bytes, .idatInflateError(reason: "incorrect data check"))
    }

    func testImageDataTooShort() {
        var file = File.gray2x2
        file.chunks[1].data = File.zlib([0, 10, 20, 0, 30])
        assertPNGError(file.bytes, .imageDataTooShort(expected: 6, actual: 5))
    }

    func testImageDataTooLong() {
        var file = File.gray2x2
        file.chunks[1].data = File.zlib([0, 10, 20, 0, 30, 40, 50])
        assertPNGError(file.bytes, .imageDataTooLong(expected: 6))
    }

    func testInvalidFilterType() {
        var file = File.gray2x2
        file.chunks[1].data = File.zlib([0, 10, 20, 5, 30, 40])
        assertPNGError(file.bytes, .invalidFilterType(row: 1, value: 5))
    }

    func testPaletteIndexOutOfRange() {
        var file = File.gray2x2
        file.chunks[0].data = File.ihdr(colorType: 3)
        file.insert("PLTE", [1, 2, 3, 4, 5, 6], at: 1)
        file.chunks[2].data = File.zlib([0, 0, 1, 0, 1, 2])
        assertPNGError(file.bytes, .paletteIndexOutOfRange(index: 2, entries: 2))
    }

    func testMissingIEND() {
        var file = File.gray2x2
        file.chunks.removeLast()
        assertPNGError(file.bytes, .missingIEND)
    }

    func testTrailingBytes() {
        let bytes = File.gray2x2.bytes
        assertPNGError(bytes + [0], .trailingBytes(offset: bytes.count, count: 1))
    }
}
