import Foundation
import XCTest
@testable import GANPortFormats

final class NumPyWriterTests: XCTestCase {
    func testOutputIsByteIdenticalToNumpySave() throws {
        let rows = try NumPyManifest.load().arrays.filter(\.numpy_save_identical)
        XCTAssertGreaterThan(rows.count, 15)
        for row in rows {
            let original = try NumPyTestSupport.bytes(row.file)
            XCTAssertEqual(try NPYWriter.encode(NPYReader.read(original)), original.array, row.file)
        }
    }

    func testStridedViewIsWrittenInCOrder() throws {
        let tensor = try NPYReader.read(NumPyTestSupport.bytes("dtype_i2.npy"))
        let view = try StoredTensor(dtype: .i16, shape: [3], strides: [2], storage: tensor.storage)
        let reread = try NPYReader.read(ByteSlice(NPYWriter.encode(view)))
        XCTAssertEqual(reread.strides, [1])
        XCTAssertEqual(try reread.contiguousBytes().array, try view.contiguousBytes().array)
    }

    func testFileWriteRoundTrip() throws {
        let tensor = try NPYReader.read(NumPyTestSupport.bytes("bigendian_fortran_f8.npy"))
        let path = ZipTestSupport.temporaryPath("roundtrip.npy")
        try NPYWriter.write(tensor, toFile: path)
        let reread = try NPYReader.read(contentsOf: path)
        XCTAssertEqual(try NumPyTestSupport.sha256(reread), try NumPyTestSupport.sha256(tensor))
    }

    func testNPZRoundTripKeepsBytesAndAlignsData() throws {
        let original = try NPZReader.read(NumPyTestSupport.bytes("compressed.npz"))
        let path = ZipTestSupport.temporaryPath("roundtrip.npz")
        let writer = try NPZWriter(path: path)
        for named in original { try writer.add(name: named.name, tensor: named.tensor) }
        try writer.finish()
        let file = try ByteBuffer.map(path: path).all
        let reread = try NPZReader.read(file)
        XCTAssertEqual(reread.map(\.name), original.map(\.name))
        for (copy, source) in zip(reread, original) {
            XCTAssertEqual(try NumPyTestSupport.sha256(copy.tensor), try NumPyTestSupport.sha256(source.tensor), copy.name)
            let data = try copy.tensor.storage.bytes()
            XCTAssertTrue(data.buffer === file.buffer)
            XCTAssertEqual(data.range.lowerBound % 64, 0, copy.name)
        }
    }

    func testBFloat16HasNoNPYSpelling() throws {
        let tensor = try StoredTensor(dtype: .bf16, shape: [1], bytes: ByteSlice([0, 0]))
        assertThrowsEqual(NumPyError.cannotWriteDType(name: "x.npy", dtype: .bf16)) { try NPYWriter.encode(tensor, name: "x.npy") }
    }
}
