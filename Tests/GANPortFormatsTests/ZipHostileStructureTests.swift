import XCTest
@testable import GANPortFormats

/// One test per structural rule of `ZipArchive`: end records, central directory, names.
final class ZipHostileStructureTests: XCTestCase {
    private func assertOpen(_ fixture: String, fails expected: ZipError, file: StaticString = #filePath, line: UInt = #line) {
        assertThrowsEqual(expected, file: file, line: line) { try ZipTestSupport.zipFixture(fixture) }
    }

    func testTruncatedArchiveHasNoEndRecord() {
        assertOpen("truncated.zip", fails: .endOfCentralDirectoryNotFound(archiveSize: 70))
    }

    func testBytesAfterTheEndRecord() {
        assertOpen("trailing_bytes.zip", fails: .trailingBytesAfterArchive(offset: 129))
    }

    func testCommentLongerThanTheFile() {
        assertOpen("comment_truncated.zip", fails: .truncatedRecord(record: "end-of-central-directory comment", offset: 107))
    }

    func testMultiDiskArchive() {
        assertOpen("multi_disk.zip", fails: .multiDiskArchive(offset: 107))
    }

    func testZip64LocatorPointingOutside() {
        assertOpen("zip64_locator_outside.zip", fails: .malformedZip64EndRecord(offset: 163, reason: "locator points outside the file"))
    }

    func testZip64RecordSizeNotReachingTheLocator() {
        assertOpen("zip64_record_size_huge.zip",
                   fails: .malformedZip64EndRecord(offset: 107, reason: "record size does not reach the locator"))
    }

    func testZip64RecordDisagreeingWithEndRecord() {
        assertOpen("zip64_end_disagrees.zip",
                   fails: .malformedZip64EndRecord(offset: 107, reason: "end record and ZIP64 end record disagree"))
    }

    func testCentralDirectoryOutsideTheFile() {
        assertOpen("directory_outside.zip", fails: .centralDirectoryOutOfBounds(offset: 1056, size: 51, limit: 107))
    }

    func testBadCentralDirectorySignature() {
        assertOpen("bad_directory_signature.zip", fails: .badCentralDirectorySignature(offset: 56))
    }

    func testCentralRecordRunningPastTheDirectory() {
        assertOpen("directory_record_truncated.zip", fails: .truncatedRecord(record: "central directory record", offset: 56))
    }

    func testEntryCountMismatch() {
        assertOpen("count_mismatch.zip", fails: .entryCountMismatch(declared: 3, found: 2))
    }

    func testExtraBlockEndingInsideAFieldHeader() {
        assertOpen("extra_field_truncated.zip",
                   fails: .malformedExtraField(name: "a.txt", headerID: 0, reason: "block ends inside a field header"))
    }

    func testExtraFieldOverrunningItsBlock() {
        assertOpen("extra_field_overrun.zip",
                   fails: .malformedExtraField(name: "a.txt", headerID: 0xCAFE, reason: "field length 40 overruns the block"))
    }

    func testParentDirectoryName() {
        assertOpen("name_parent.zip", fails: .unsafeEntryName(name: "../evil", problem: .parentDirectory, offset: 58))
    }

    func testAbsoluteName() {
        assertOpen("name_absolute.zip", fails: .unsafeEntryName(name: "/etc/passwd", problem: .absolutePath, offset: 62))
    }

    func testBackslashName() {
        assertOpen("name_backslash.zip", fails: .unsafeEntryName(name: "dir\\evil", problem: .backslash, offset: 59))
    }

    func testNulInName() {
        assertOpen("name_nul.zip", fails: .unsafeEntryName(name: "a\0b", problem: .nulByte, offset: 54))
    }

    func testEmptyName() {
        assertOpen("name_empty.zip", fails: .unsafeEntryName(name: "", problem: .empty, offset: 51))
    }

    func testNameThatIsNotUTF8() {
        assertOpen("name_not_utf8.zip", fails: .unsafeEntryName(name: "caf\u{FFFD}", problem: .notUTF8, offset: 55))
    }

    func testDuplicateNames() {
        assertOpen("duplicate_names.zip", fails: .duplicateEntryName(name: "a.txt", offset: 163))
    }

    func testEncryptedEntry() {
        assertOpen("encrypted.zip", fails: .encryptedEntry(name: "a.txt"))
    }

    func testUnsupportedCompressionMethod() {
        assertOpen("unsupported_method.zip", fails: .unsupportedCompressionMethod(name: "a.bz2", method: 12))
    }

    func testStoredEntryWithDifferentSizes() {
        assertOpen("stored_size_mismatch.zip", fails: .storedSizeMismatch(name: "a.txt", compressedSize: 21, uncompressedSize: 22))
    }

    func testZip64ExtraFieldMissing() {
        assertOpen("zip64_extra_missing.zip", fails: .malformedExtraField(
            name: "big.bin", headerID: 1, reason: "missing, but a size or offset is 0xFFFFFFFF"))
    }

    func testZip64ExtraFieldTooShort() {
        assertOpen("zip64_extra_short.zip", fails: .malformedExtraField(name: "big.bin", headerID: 1, reason: "8 bytes, needs 16"))
    }

    func testZip64ValueOverInt64() {
        assertOpen("zip64_value_too_large.zip", fails: .malformedExtraField(name: "big.bin", headerID: 1, reason: "value over 2^63"))
    }
}
