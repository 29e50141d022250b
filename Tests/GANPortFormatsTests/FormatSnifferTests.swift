import XCTest
@testable import GANPortFormats

final class FormatSnifferTests: XCTestCase {
    private func container(_ bytes: [UInt8]) -> FormatSniffer.Container? { FormatSniffer.container(of: ByteSlice(bytes)) }

    func testMagicBytesPickTheContainer() {
        XCTAssertEqual(container([0x50, 0x4B, 0x03, 0x04, 0, 0]), .zip)
        XCTAssertEqual(container([0x93] + Array("NUMPY".utf8) + [1, 0]), .npy)
        XCTAssertEqual(container([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]), .hdf5)
        XCTAssertEqual(container(TorchLegacyStream.signature + [0x80, 0x02]), .torchLegacy)
        XCTAssertEqual(container([0x80, 0x04, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x2E]), .pickle)
        XCTAssertEqual(container([2, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)), .safetensors)
        XCTAssertEqual(container([4, 0, 0, 0, 0, 0, 0, 0] + Array("  {}".utf8)), .safetensors)
    }

    func testSafetensorsLengthLargerThanFileIsNotSafetensors() {
        XCTAssertNil(container([0xFF, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)))
    }

    func testExtensionIsIgnored() throws {
        let path = NSTemporaryDirectory() + "sniff-\(UUID().uuidString).safetensors"
        try Data([0x80, 0x02, 0x4E, 0x2E]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try CheckpointReader.detectFormat(path: path), .pickle)
    }

    func testUnknownBytesAreATypedError() throws {
        let path = NSTemporaryDirectory() + "sniff-\(UUID().uuidString).pt"
        try Data("hello world".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try CheckpointReader.detectFormat(path: path)) { error in
            XCTAssertEqual(error as? FormatError, .unknownFormat(path: path, firstBytes: "68 65 6c 6c 6f 20 77 6f"))
        }
    }

    func testEmptyFileIsATypedError() throws {
        let path = NSTemporaryDirectory() + "sniff-\(UUID().uuidString).pkl"
        FileManager.default.createFile(atPath: path, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try CheckpointReader.detectFormat(path: path)) { error in
            XCTAssertEqual(error as? FormatError, .emptyFile(path: path))
        }
    }
}
