import XCTest
@testable import GANPortFormats

final class ZipArchiveTests: XCTestCase {
    private let pattern = [UInt8]((0...255).map { UInt8($0) }) + (0...255).map { UInt8($0) }
        + (0...255).map { UInt8($0) } + (0...255).map { UInt8($0) }

    func testStoredEntriesAreZeroCopySlicesOfTheArchive() throws {
        let archive = try ZipTestSupport.zipFixture("python_stored.zip")
        XCTAssertEqual(archive.entries.map(\.name), ["a.txt", "dir/b.bin", "empty"])
        let data = try archive.data(named: "dir/b.bin")
        XCTAssertTrue(data.buffer === archive.bytes.buffer)
        XCTAssertEqual(data.array, pattern)
        XCTAssertEqual(try archive.data(named: "a.txt", verifyingCRC: true).array, Array("hello\n".utf8))
        XCTAssertEqual(try archive.data(named: "empty").count, 0)
    }

    func testDeflatedEntriesInflateToTheirDeclaredBytes() throws {
        let archive = try ZipTestSupport.zipFixture("python_deflated.zip")
        let entry = try XCTUnwrap(archive.entry(named: "dir/b.bin"))
        XCTAssertEqual(entry.method, .deflated)
        XCTAssertLessThan(entry.compressedSize, entry.uncompressedSize)
        XCTAssertEqual(try archive.data(of: entry).array, pattern)
        XCTAssertEqual(try archive.prefix(of: entry, count: 5).array, [0, 1, 2, 3, 4])
        XCTAssertEqual(try archive.data(named: "empty").count, 0)
    }

    func testZip64FieldsFromPythonAndHandBuiltEndRecords() throws {
        XCTAssertEqual(try ZipTestSupport.zipFixture("python_zip64_local.zip").data(named: "forced.bin").array, pattern)
        let crafted = try ZipTestSupport.zipFixture("crafted_zip64.zip")
        XCTAssertEqual(try crafted.data(named: "big.bin", verifyingCRC: true).array, Array("zip64 payload\n".utf8))
    }

    func testTorchSaveArchiveIsReadWithAlignedData() throws {
        let archive = try ZipTestSupport.zipFixture("torch_state_dict.pt")
        XCTAssertTrue(archive.entries.contains { $0.name == "torch_state_dict/data.pkl" })
        let storages = archive.entries.filter { $0.name.hasPrefix("torch_state_dict/data/") }
        XCTAssertEqual(storages.count, 3)
        for entry in storages { XCTAssertEqual(entry.dataRange.lowerBound % 64, 0, entry.name) }
        let weights = try archive.data(named: "torch_state_dict/data/0", verifyingCRC: true)
        let floats = weights.array.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(floats, (0..<24).map(Float.init))
    }

    func testMissingEntryIsReported() throws {
        let archive = try ZipTestSupport.zipFixture("python_stored.zip")
        XCTAssertNil(archive.entry(named: "nope"))
        assertThrowsEqual(ZipError.entryNotFound(name: "nope")) { try archive.data(named: "nope") }
    }
}
