import XCTest
@testable import GANPortFormats

/// One test per rule of SPEC.md §1.2–1.4, on the files of `fixtures/torch/malformed/`.
final class TorchMalformedTests: XCTestCase {
    private func read(_ name: String) throws -> Checkpoint { try CheckpointReader.read(path: Fixtures.path("torch/malformed/" + name)) }

    private func assertTorchError(_ name: String, _ expected: TorchError, line: UInt = #line) {
        XCTAssertThrowsError(try read(name), line: line) { error in
            XCTAssertEqual(error as? TorchError, expected, "\(error)", line: line)
        }
    }

    func testControlCasesRead() throws {
        for name in ["valid.pt", "legacy-valid.pt"] {
            let checkpoint = try read(name)
            XCTAssertEqual(checkpoint.tensors.map(\.name), ["weight"])
            XCTAssertEqual(try checkpoint.tensors[0].tensor.contiguousBytes().array.count, 16)
            XCTAssertTrue(checkpoint.findings.isEmpty)
        }
        let nested = try read("nested-storage-valid.pkl")
        XCTAssertEqual(nested.tensors.first?.tensor.shape, [2, 2])
    }

    func testMissingStorageRecord() { assertTorchError("missing-storage.pt", .missingStorage(key: "0")) }
    func testStorageRecordOfWrongSize() { assertTorchError("storage-size-mismatch.pt", .storageSizeMismatch(key: "0", declared: 16, stored: 12)) }
    func testViewOutsideStorage() {
        assertTorchError("view-outside-storage.pt", .invalidTensorLayout(path: "weight", reason: TensorLayoutError.outOfStorage(needed: 20, available: 16).description))
    }
    func testNegativeStride() {
        assertTorchError("negative-stride.pt", .invalidTensorLayout(path: "weight", reason: TensorLayoutError.negativeDimension(shape: [4], strides: [-1]).description))
    }
    func testShapeOverflow() {
        let shape = [1 << 62, 1 << 62]
        assertTorchError("shape-overflow.pt", .invalidTensorLayout(path: "weight", reason: TensorLayoutError.sizeOverflow(shape: shape).description))
    }
    func testUnsupportedLocation() { assertTorchError("bad-location.pt", .unsupportedLocation("tpu:0", key: "0")) }
    func testBigEndianArchive() { assertTorchError("big-endian.pt", .unsupportedByteOrder("big")) }
    func testTorchScriptIsRefused() { assertTorchError("torchscript.pt", .torchScriptArchive(entry: "archive/constants.pkl")) }
    func testMalformedPersistentID() {
        assertTorchError("malformed-pid.pt", .malformedPersistentID("expected ('storage', type, key, location, numel)", offset: 0))
    }
    func testUnknownStorageType() { assertTorchError("unknown-storage-type.pt", .unknownStorageType("torch.nn.modules.module.Module")) }
    func testTwoArchiveRoots() { assertTorchError("two-roots.pt", .ambiguousArchiveRoot(["a/", "b/"])) }

    func testLegacyCountMismatch() { assertTorchError("legacy-count-mismatch.pt", .storageSizeMismatch(key: "k0", declared: 4, stored: 5)) }
    func testLegacyTruncated() {
        XCTAssertThrowsError(try read("legacy-truncated.pt")) { error in
            guard case .truncatedStorageData(key: "k0", _)? = error as? TorchError else { return XCTFail("\(error)") }
        }
    }
    func testLegacyTrailingBytes() {
        XCTAssertThrowsError(try read("legacy-trailing-bytes.pt")) { error in
            guard case .trailingBytes? = error as? TorchError else { return XCTFail("\(error)") }
        }
    }
    func testLegacyBadVersion() {
        XCTAssertThrowsError(try read("legacy-bad-version.pt")) { error in
            guard case .unsupportedProtocolVersion(1000, _)? = error as? TorchError else { return XCTFail("\(error)") }
        }
    }
    func testLegacyUnknownKey() { assertTorchError("legacy-unknown-key.pt", .missingStorage(key: "k1")) }
    func testLegacyBigEndian() { assertTorchError("legacy-big-endian.pt", .unsupportedSystemInfo("written on a big-endian machine")) }
    func testStorageStreamNestedTwice() { assertTorchError("nested-storage-stream.pkl", .nestedStorageStream(path: "weight")) }

    func testLegacyBadMagicWhenReadDirectly() throws {
        var bytes = try Fixtures.bytes("torch/malformed/legacy-valid.pt").array
        bytes[5] ^= 0xFF
        XCTAssertThrowsError(try TorchLegacyReader.read(ByteSlice(bytes))) { error in
            XCTAssertEqual(error as? TorchError, .badMagicNumber(offset: 0))
        }
    }
}
