import XCTest
@testable import GANPortFormats

/// One test per entry rule of `ZipArchive`: local headers, bounds, overlaps, limits, inflate, CRC.
final class ZipHostileEntryTests: XCTestCase {
    private func assertOpen(_ fixture: String, fails expected: ZipError, file: StaticString = #filePath, line: UInt = #line) {
        assertThrowsEqual(expected, file: file, line: line) { try ZipTestSupport.zipFixture(fixture) }
    }

    private func assertRead(_ fixture: String, _ entry: String, fails expected: ZipError,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let archive = try ZipTestSupport.zipFixture(fixture)
        assertThrowsEqual(expected, file: file, line: line) { try archive.data(named: entry, verifyingCRC: true) }
    }

    func testBadLocalHeaderSignature() {
        assertOpen("bad_local_signature.zip", fails: .badLocalHeaderSignature(name: "a.txt", offset: 0))
    }

    func testLocalHeaderDisagreements() {
        let cases: [(String, ZipHeaderField)] = [
            ("local_name_mismatch.zip", .name), ("local_method_mismatch.zip", .method), ("local_flags_mismatch.zip", .flags),
            ("local_crc_mismatch.zip", .crc32), ("local_size_mismatch.zip", .compressedSize),
            ("local_usize_mismatch.zip", .uncompressedSize),
        ]
        for (fixture, field) in cases { assertOpen(fixture, fails: .localHeaderMismatch(name: "a.txt", field: field)) }
    }

    func testDataRunningIntoTheCentralDirectory() {
        assertOpen("data_outside.zip", fails: .dataOutOfBounds(name: "a.txt", start: 0, end: 1035, limit: 56))
    }

    func testZip64SizesPastTheFile() {
        assertOpen("zip64_bogus_sizes.zip", fails: .dataOutOfBounds(name: "big.bin", start: 0, end: 37 + (1 << 40), limit: 51))
    }

    func testOverlappingEntries() {
        assertOpen("overlapping_entries.zip", fails: .overlappingEntries(name: "outer.bin", other: "inner.txt"))
    }

    func testTotalUncompressedSizeLimit() {
        assertThrowsEqual(ZipError.uncompressedSizeOverLimit(name: "dir/b.bin", total: 1030, limit: 100)) {
            try ZipTestSupport.zipFixture("python_stored.zip", limits: ZipLimits(maxTotalUncompressedSize: 100))
        }
    }

    func testAbsurdCompressionRatio() {
        assertOpen("bomb_ratio.zip", fails: .compressionRatioOverLimit(
            name: "ratio.bin", compressedSize: 20, uncompressedSize: 3_000_000_000, limit: 1032))
    }

    func testInflatingPastTheDeclaredSize() throws {
        try assertRead("bomb_exceeds_declared.zip", "bomb.bin", fails: .inflatedSizeExceedsDeclared(name: "bomb.bin", declared: 1024))
    }

    func testInflatingShortOfTheDeclaredSize() throws {
        try assertRead("inflate_short.zip", "short.bin", fails: .inflatedSizeShort(name: "short.bin", declared: 8192, actual: 4096))
    }

    func testInvalidDeflateStream() throws {
        try assertRead("deflate_garbage.zip", "garbage.bin", fails: .deflateError(name: "garbage.bin", reason: "invalid block type"))
    }

    func testTruncatedDeflateStream() throws {
        try assertRead("deflate_truncated.zip", "cut.bin",
                       fails: .deflateError(name: "cut.bin", reason: "compressed data ends inside the deflate stream"))
    }

    func testStoredCRCIsCheckedOnRequestOnly() throws {
        let archive = try ZipTestSupport.zipFixture("bad_crc_stored.zip")
        let entry = try XCTUnwrap(archive.entry(named: "a.txt"))
        XCTAssertEqual(try archive.data(of: entry).count, 21)
        assertThrowsEqual(ZipError.crcMismatch(name: "a.txt", expected: 0x1234_5678, actual: 0x670D_F7D0)) {
            try archive.verifyCRC(of: entry)
        }
    }

    func testDeflatedCRCIsAlwaysChecked() throws {
        let archive = try ZipTestSupport.zipFixture("bad_crc_deflated.zip")
        assertThrowsEqual(ZipError.crcMismatch(name: "a.txt", expected: 0x1234_5678, actual: 0x670D_F7D0)) {
            try archive.data(named: "a.txt")
        }
    }
}
