import XCTest
@testable import GANPortFormats

final class NumPyReaderTests: XCTestCase {
    func testEveryFixtureArrayMatchesItsManifestHash() throws {
        let manifest = try NumPyManifest.load()
        XCTAssertGreaterThan(manifest.arrays.count, 30)
        for row in manifest.arrays {
            let label = row.file + (row.key.map { ":" + $0 } ?? "")
            let tensor = try NumPyTestSupport.tensor(row)
            XCTAssertEqual(tensor.dtype.rawValue, row.dtype, label)
            XCTAssertEqual(tensor.shape, row.shape, label)
            XCTAssertEqual(try NumPyTestSupport.sha256(tensor), row.sha256, label)
        }
    }

    func testLittleEndianDataIsZeroCopy() throws {
        let file = try NumPyTestSupport.bytes("dtype_f4.npy")
        let tensor = try NPYReader.read(file)
        let data = try tensor.storage.bytes()
        XCTAssertTrue(data.buffer === file.buffer)
        XCTAssertEqual(data.range, 128..<152)
    }

    func testFortranOrderBecomesColumnMajorStridesWithoutCopy() throws {
        let file = try NumPyTestSupport.bytes("fortran_3d_i4.npy")
        let tensor = try NPYReader.read(file)
        XCTAssertEqual(tensor.strides, [1, 2, 6])
        XCTAssertTrue(try tensor.storage.bytes().buffer === file.buffer)
    }

    func testBigEndianDataIsSwappedIntoACopy() throws {
        let file = try NumPyTestSupport.bytes("bigendian_i8.npy")
        let tensor = try NPYReader.read(file)
        XCTAssertFalse(try tensor.storage.bytes().buffer === file.buffer)
        let values = try tensor.contiguousBytes().array.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }
        XCTAssertEqual(values.prefix(2), [Int64.min, Int64.max])
    }

    func testHeaderVersionsOneTwoAndThree() throws {
        for (file, version) in [("dtype_f4.npy", 1), ("version2_f4.npy", 2), ("version3_i2.npy", 3)] {
            XCTAssertEqual(try NPYHeader.parse(NumPyTestSupport.bytes(file), name: file).majorVersion, UInt8(version))
        }
    }

    func testStoredNPZMembersAreZeroCopy() throws {
        let file = try NumPyTestSupport.bytes("stored.npz")
        let tensors = try NPZReader.read(file)
        XCTAssertEqual(tensors.map(\.name), ["weights", "bias", "steps", "mask", "transposed", "swapped"])
        XCTAssertTrue(try tensors[0].tensor.storage.bytes().buffer === file.buffer)
    }
}
