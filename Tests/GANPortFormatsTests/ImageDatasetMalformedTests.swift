import Foundation
import XCTest
@testable import GANPortFormats

/// One test per dataset validation rule, on the folders of `fixtures/datasets/malformed/`.
final class ImageDatasetMalformedTests: XCTestCase {
    private func open(_ relative: String, _ options: ImageDatasetOptions = ImageDatasetOptions(useLabels: true)) throws -> ImageDataset {
        try ImageDataset(path: Fixtures.path("datasets/malformed/\(relative)"), options: options)
    }

    private func assertError(_ relative: String, _ options: ImageDatasetOptions = ImageDatasetOptions(useLabels: true),
                             file: StaticString = #filePath, line: UInt = #line, _ check: (ImageDatasetError) -> Bool) {
        XCTAssertThrowsError(try open(relative, options).validateAllImages(), file: file, line: line) { error in
            guard let typed = error as? ImageDatasetError else { return XCTFail("untyped \(error)", file: file, line: line) }
            XCTAssertTrue(check(typed), "\(typed)", file: file, line: line)
            XCTAssertFalse(typed.description.isEmpty)
        }
    }

    func testMissingPath() { assertError("nope") { $0 == .pathNotFound(Fixtures.path("datasets/malformed/nope")) } }
    func testFileThatIsNotAZip() { assertError("no_images/readme.txt") { if case .notADirectoryOrZip = $0 { return true }; return false } }
    func testNoImages() { assertError("no_images") { if case .noImageFiles = $0 { return true }; return false } }
    func testUnreadableZip() { assertError("bad_crc_zip/data.zip") { if case .unreadableFile(file: "a.png", _) = $0 { return true }; return false } }
    func testUnknownFormat() { assertError("unknown_format") { if case .unrecognizedImageFormat(file: "a.png", _) = $0 { return true }; return false } }
    func testBadPNG() { assertError("bad_png_crc") { if case .invalidPNG(file: "a.png", .crcMismatch) = $0 { return true }; return false } }
    func testTruncatedJPEG() { assertError("truncated_jpeg") { if case .invalidJPEG(file: "a.jpg", .truncated) = $0 { return true }; return false } }
    func testCorruptJPEG() { assertError("corrupt_jpeg") { if case .invalidJPEG(file: "a.jpg", _) = $0 { return true }; return false } }
    func testCMYKJPEG() { assertError("cmyk_jpeg") { if case .invalidJPEG(file: "a.jpg", .unsupportedColorSpace) = $0 { return true }; return false } }
    func testSixteenBit() { assertError("sixteen_bit") { $0 == .unsupportedBitDepth(file: "a.png", bits: 16) } }
    func testChannelCount() { assertError("rgba") { $0 == .unsupportedChannelCount(file: "a.png", channels: 4) } }
    func testNotSquare() { assertError("not_square") { $0 == .notSquare(file: "a.png", width: 4, height: 8) } }
    func testNotPowerOfTwo() { assertError("not_power_of_two") { $0 == .notPowerOfTwo(file: "a.png", resolution: 6) } }
    func testShapeMismatch() { assertError("shape_mismatch") { $0 == .shapeMismatch(file: "b.png", expected: [3, 4, 4], found: [3, 8, 8]) } }
    func testChannelMismatch() { assertError("channel_mismatch") { $0 == .shapeMismatch(file: "b.png", expected: [3, 4, 4], found: [1, 4, 4]) } }
    func testRequestedResolution() {
        assertError("shape_mismatch", ImageDatasetOptions(resolution: 8)) { $0 == .resolutionMismatch(file: "a.png", requested: 8, found: [3, 4, 4]) }
    }
    func testPixelLimit() {
        assertError("shape_mismatch", ImageDatasetOptions(maxPixels: 15)) { if case .invalidPNG(file: "a.png", .tooManyPixels) = $0 { return true }; return false }
    }
    func testLabelFileTooLarge() {
        assertError("label_missing", ImageDatasetOptions(useLabels: true, maxLabelFileBytes: 8)) { if case .labelFileTooLarge(_, limit: 8) = $0 { return true }; return false }
    }
    func testLabelsNotJSON() { assertError("labels_not_json") { if case .labelFileNotJSON = $0 { return true }; return false } }
    func testLabelsWithoutKey() { assertError("labels_no_key") { if case .malformedLabelList = $0 { return true }; return false } }
    func testLabelEntryNotAPair() { assertError("labels_bad_entry") { if case .malformedLabelList = $0 { return true }; return false } }
    func testMissingLabel() { assertError("label_missing") { $0 == .missingLabel(file: "b.png") } }
    func testNegativeLabel() { assertError("label_negative") { if case .invalidLabel(file: "a.png", _) = $0 { return true }; return false } }
    func testNonNumericLabel() { assertError("label_not_number") { if case .invalidLabel(file: "a.png", _) = $0 { return true }; return false } }
    func testNestedLabel() { assertError("label_nested") { if case .invalidLabel(file: "a.png", _) = $0 { return true }; return false } }
    func testMixedLabels() { assertError("labels_mixed") { if case .inconsistentLabels(file: "b.png", _) = $0 { return true }; return false } }
    func testRaggedLabels() { assertError("labels_ragged") { if case .inconsistentLabels(file: "b.png", _) = $0 { return true }; return false } }
    func testTooManyClasses() { assertError("too_many_classes") { $0 == .tooManyClasses(classes: 5_000_001, limit: 1 << 20) } }
    func testLabelsAreIgnoredWithoutUseLabels() throws { XCTAssertEqual(try open("labels_not_json", ImageDatasetOptions()).labelDimension, 0) }
    func testNegativeMaxSize() { assertError("shape_mismatch", ImageDatasetOptions(maxSize: -1)) { $0 == .invalidMaxSize(-1) } }
    func testShuffleThatIsNotAPermutation() {
        assertError("label_missing", ImageDatasetOptions(maxSize: 1, subsetShuffle: { $0 = [0, 0] })) { $0 == .shuffleNotAPermutation(count: 2) }
    }
    func testIndexOutOfRange() throws {
        let dataset = try open("label_missing", ImageDatasetOptions())
        XCTAssertThrowsError(try dataset.image(at: 2)) { XCTAssertEqual($0 as? ImageDatasetError, .indexOutOfRange(index: 2, count: 2)) }
        XCTAssertThrowsError(try dataset.label(at: -1)) { XCTAssertEqual($0 as? ImageDatasetError, .indexOutOfRange(index: -1, count: 2)) }
    }
}
