import Foundation
import XCTest
@testable import GANPortFormats

final class HDF5WriterTests: XCTestCase {
    private typealias F = HDF5Fixtures

    /// Every tensor and attribute of the h5py file, written again and read back, is bit-exact.
    func testRoundTripOfH5pyFileIsBitExact() throws {
        let source = try HDF5File(path: F.path("h5py_basic.h5"))
        let output = F.temporaryPath("round.h5")
        let writer = try HDF5Writer(path: output)
        for info in source.datasets {
            try writer.writeDataset(path: info.path, tensor: try source.tensor(at: info.path), gzip: info.filters.isEmpty ? nil : 4)
        }
        let rootAttributes = try source.attributes(at: "/").filter { $0.0 != "matrix" }  // nested arrays are not written
        for (name, value) in rootAttributes { try writer.setAttribute(name, value, at: "/") }
        try writer.setAttribute("kind", .string("conv2d"), at: "model/block1/conv")
        try writer.close()

        let back = try HDF5File(path: output)
        XCTAssertEqual(back.datasets.map(\.path), source.datasets.map(\.path))
        for info in source.datasets {
            let original = try source.tensor(at: info.path)
            let copy = try back.tensor(at: info.path)
            XCTAssertEqual(copy.dtype, original.dtype, info.path)
            XCTAssertEqual(copy.shape, original.shape, info.path)
            XCTAssertEqual(try copy.contiguousBytes().array, try original.contiguousBytes().array, info.path)
        }
        XCTAssertTrue(try back.attributes(at: "/").elementsEqual(rootAttributes) { $0.0 == $1.0 && $0.1 == $1.1 })
        XCTAssertEqual(try back.attribute("kind", at: "/model/block1/conv"), .string("conv2d"))
    }

    func testEveryDTypeIncludingBFloat16AndScalars() throws {
        let output = F.temporaryPath("dtypes.h5")
        let writer = try HDF5Writer(path: output)
        var written: [String: StoredTensor] = [:]
        for dtype in DType.allCases {
            let count = 6
            var bytes = (0..<(count * dtype.byteSize)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            if dtype == .bool { bytes = (0..<count).map { UInt8($0 % 2) } }
            let tensor = try F.tensor(dtype, [2, 3], bytes)
            written["t/\(dtype.rawValue)"] = tensor
            try writer.writeDataset(path: "t/\(dtype.rawValue)", tensor: tensor)
            let scalar = try F.tensor(dtype, [], Array(bytes.prefix(dtype.byteSize)))
            written["s/\(dtype.rawValue)"] = scalar
            try writer.writeDataset(path: "s/\(dtype.rawValue)", tensor: scalar, gzip: 9)
        }
        try writer.close()
        let back = try HDF5File(path: output)
        for (path, tensor) in written {
            let copy = try back.tensor(at: path)
            XCTAssertEqual(copy.dtype, tensor.dtype, path)
            XCTAssertEqual(copy.shape, tensor.shape, path)
            XCTAssertEqual(try copy.contiguousBytes().array, try tensor.contiguousBytes().array, path)
        }
    }

    func testGzipAndChunkingAreApplied() throws {
        let output = F.temporaryPath("gzip.h5")
        let writer = try HDF5Writer(path: output)
        let tensor = try F.tensor(.f32, [8, 4], [UInt8](repeating: 0, count: 128))
        try writer.writeDataset(path: "a", tensor: tensor, gzip: 5, chunkShape: [2, 4])
        try writer.writeDataset(path: "b", tensor: tensor, gzip: 1)
        try writer.writeDataset(path: "empty", tensor: try F.tensor(.f32, [0, 4], []), gzip: 1)
        try writer.close()
        let back = try HDF5File(path: output)
        XCTAssertEqual(try back.dataset(at: "a").layout, .chunked([2, 4]))
        XCTAssertEqual(try back.dataset(at: "a").filters.map(\.parameters), [[5]])
        XCTAssertEqual(try back.dataset(at: "b").layout, .chunked([8, 4]))
        XCTAssertEqual(try back.dataset(at: "empty").layout, .contiguous)
    }

    func testStridedTensorIsWrittenInCOrder() throws {
        let values = (0..<6).flatMap { withUnsafeBytes(of: Int16($0).littleEndian, Array.init) }
        let transposed = try StoredTensor(dtype: .i16, shape: [3, 2], strides: [1, 3], storage: TensorStorage(ByteSlice(values)))
        let output = F.temporaryPath("strided.h5")
        let writer = try HDF5Writer(path: output)
        try writer.writeDataset(path: "t", tensor: transposed)
        try writer.close()
        XCTAssertEqual(try HDF5File(path: output).tensor(at: "t").contiguousBytes().array, try transposed.contiguousBytes().array)
    }

    func testNothingAppearsBeforeCloseAndDiscardLeavesNothing() throws {
        let output = F.temporaryPath("pending.h5")
        let directory = (output as NSString).deletingLastPathComponent
        let writer = try HDF5Writer(path: output)
        try writer.createGroup("a/b")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        writer.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
        assertHDF5Throws(try writer.createGroup("c"), .writerClosed(path: output))
    }

    func testGroupsAndIntermediateGroups() throws {
        let output = F.temporaryPath("groups.h5")
        let writer = try HDF5Writer(path: output)
        try writer.createGroup("/a/b/c")
        try writer.createGroup("a/b")
        try writer.setAttribute("n", .int(1), at: "a/b/c")
        try writer.close()
        XCTAssertEqual(try HDF5File(path: output).groups, ["/", "/a", "/a/b", "/a/b/c"])
    }

    func testWriterRejections() throws {
        let output = F.temporaryPath("bad.h5")
        let writer = try HDF5Writer(path: output)
        defer { writer.discard() }
        let tensor = try F.tensor(.u8, [2], [1, 2])
        try writer.writeDataset(path: "x", tensor: tensor)
        assertHDF5Throws(try writer.writeDataset(path: "x", tensor: tensor), .alreadyExists(path: "/x"))
        assertHDF5Throws(try writer.createGroup("x"), .alreadyExists(path: "/x"))
        assertHDF5Throws(try writer.writeDataset(path: "a//b", tensor: tensor), .invalidPath(path: "a//b"))
        assertHDF5Throws(try writer.writeDataset(path: "a/../b", tensor: tensor), .invalidPath(path: "a/../b"))
        assertHDF5Throws(try writer.writeDataset(path: "y", tensor: tensor, gzip: 10), .invalidGzipLevel(path: "/y", level: 10))
        assertHDF5Throws(try writer.writeDataset(path: "y", tensor: tensor, chunkShape: [3]), .invalidChunkShape(path: "/y", chunk: [3], shape: [2]))
        assertHDF5Throws(try writer.setAttribute("a", .null, at: "x"),
                         .unsupportedAttributeValue(path: "/x", name: "a", reason: "null and objects have no HDF5 attribute form"))
        assertHDF5Throws(try writer.setAttribute("a", .array([.int(1), .string("s")]), at: "x"),
                         .unsupportedAttributeValue(path: "/x", name: "a", reason: "array mixes element types"))
        assertHDF5Throws(try writer.setAttribute("a", .int(1), at: "missing"), .objectNotFound(path: "/missing"))
    }

    func testAttributeKindsAndReplacement() throws {
        let output = F.temporaryPath("attrs.h5")
        let writer = try HDF5Writer(path: output)
        try writer.setAttribute("s", .string("first"))
        try writer.setAttribute("s", .string("h\u{e9}llo"))
        try writer.setAttribute("mixed", .array([.int(1), .double(2.5)]))
        try writer.setAttribute("flags", .array([.bool(true), .bool(false)]))
        try writer.setAttribute("empty", .array([]))
        try writer.setAttribute("big", .int(.min))
        try writer.close()
        let back = Dictionary(uniqueKeysWithValues: try HDF5File(path: output).attributes(at: "/"))
        XCTAssertEqual(back["s"], .string("h\u{e9}llo"))
        XCTAssertEqual(back["mixed"], .array([.double(1), .double(2.5)]))
        XCTAssertEqual(back["flags"], .array([.bool(true), .bool(false)]))
        XCTAssertEqual(back["empty"], .array([]))
        XCTAssertEqual(back["big"], .int(.min))
    }
}
