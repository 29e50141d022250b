import Foundation
import XCTest
@testable import GANPortFormats

final class ZipWriterTests: XCTestCase {
    private let payloads: [(String, [UInt8])] = [
        ("archive/data.pkl", Array("\u{80}\u{02}}q\u{00}.".utf8)),
        ("archive/data/0", (0..<1000).map { UInt8($0 % 251) }),
        ("archive/empty", []),
        ("archive/version", Array("3\n".utf8)),
    ]

    /// Writes `payloads` four ways: whole arrays, slices, and chunks with and without a size.
    private func writeSample(to path: String, zip64Threshold: Int = Int(UInt32.max)) throws {
        let writer = try ZipWriter(path: path, alignment: 64, zip64Threshold: zip64Threshold)
        for (index, (name, bytes)) in payloads.enumerated() {
            switch index % 4 {
            case 0: try writer.addEntry(name: name, bytes: bytes)
            case 1: try writer.addEntry(name: name, data: ByteSlice(bytes))
            default:
                try writer.beginEntry(name: name, size: index == 2 ? nil : bytes.count)
                for start in stride(from: 0, to: bytes.count, by: 7) {
                    try bytes[start..<min(start + 7, bytes.count)].withUnsafeBytes { try writer.write($0) }
                }
                try writer.endEntry()
            }
        }
        try writer.finish()
    }

    private func assertRoundTrip(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let archive = try ZipArchive(contentsOf: path)
        XCTAssertEqual(archive.entries.map(\.name), payloads.map(\.0), file: file, line: line)
        for (entry, (_, bytes)) in zip(archive.entries, payloads) {
            XCTAssertEqual(try archive.data(of: entry, verifyingCRC: true).array, bytes, entry.name, file: file, line: line)
            XCTAssertEqual(entry.dataRange.lowerBound % 64, 0, entry.name, file: file, line: line)
        }
    }

    func testRoundTripIsBitExactAndAligned() throws {
        let path = ZipTestSupport.temporaryPath("roundtrip.zip")
        try writeSample(to: path)
        try assertRoundTrip(path)
    }

    func testAlignmentPaddingIsAnFBFieldOfZBytes() throws {
        let path = ZipTestSupport.temporaryPath("padding.zip")
        try writeSample(to: path)
        let archive = try ZipArchive(contentsOf: path)
        for entry in archive.entries {
            let extraStart = entry.localHeaderOffset + 30 + entry.name.utf8.count
            var extra = try XCTUnwrap(archive.bytes.slice(extraStart..<entry.dataRange.lowerBound)).array
            if extra.first == 1 { extra.removeFirst(4 + Int(extra[2])) }  // a ZIP64 field precedes it
            XCTAssertEqual(Array(extra.prefix(2)), Array("FB".utf8))
            XCTAssertEqual(Int(extra[2]) | Int(extra[3]) << 8, extra.count - 4)
            XCTAssertTrue(extra.dropFirst(4).allSatisfy { $0 == UInt8(ascii: "Z") })
        }
    }

    func testZip64RecordsRoundTrip() throws {
        let path = ZipTestSupport.temporaryPath("zip64.zip")
        try writeSample(to: path, zip64Threshold: 1)
        try assertRoundTrip(path)
    }

    func testSixtyFiveThousandEntriesUseZip64EndRecords() throws {
        let path = ZipTestSupport.temporaryPath("many.zip")
        let writer = try ZipWriter(path: path)
        for index in 0..<0x1_0000 { try writer.addEntry(name: "e/\(index)", bytes: [UInt8(index & 0xFF)]) }
        try writer.finish()
        let archive = try ZipArchive(contentsOf: path)
        XCTAssertEqual(archive.entries.count, 0x1_0000)
        XCTAssertEqual(try archive.data(named: "e/65535").array, [0xFF])
        try FileManager.default.removeItem(atPath: path)
    }

    func testOutputIsReproducible() throws {
        let first = ZipTestSupport.temporaryPath("first.zip"), second = ZipTestSupport.temporaryPath("second.zip")
        try writeSample(to: first)
        try writeSample(to: second)
        XCTAssertEqual(FileManager.default.contents(atPath: first), FileManager.default.contents(atPath: second))
    }

    func testUnfinishedWriterLeavesNoFile() throws {
        let path = ZipTestSupport.temporaryPath("unfinished.zip")
        var writer: ZipWriter? = try ZipWriter(path: path)
        try writer?.addEntry(name: "a", bytes: [1, 2, 3])
        writer = nil
        let folder = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("unfinished.zip") }
        XCTAssertEqual(leftovers, [])
    }

    func testMisuseIsRefused() throws {
        let writer = try ZipWriter(path: ZipTestSupport.temporaryPath("misuse.zip"))
        assertThrowsEqual(ZipWriterError.invalidEntryName(name: "../x", reason: "'..' component")) {
            try writer.addEntry(name: "../x", bytes: [])
        }
        assertThrowsEqual(ZipWriterError.noOpenEntry) { try writer.endEntry() }
        try writer.addEntry(name: "a", bytes: [])
        assertThrowsEqual(ZipWriterError.duplicateEntryName(name: "a")) { try writer.addEntry(name: "a", bytes: []) }
        try writer.beginEntry(name: "b", size: 2)
        assertThrowsEqual(ZipWriterError.entryAlreadyOpen(name: "b")) { try writer.beginEntry(name: "c") }
        assertThrowsEqual(ZipWriterError.sizeMismatch(name: "b", declared: 2, written: 0)) { try writer.endEntry() }
        assertThrowsEqual(ZipWriterError.writerClosed) { try writer.finish() }
        assertThrowsEqual(ZipWriterError.invalidAlignment(48)) { try ZipWriter(path: "/tmp/x.zip", alignment: 48) }
    }
}
