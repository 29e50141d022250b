import Foundation
import XCTest
@testable import GANPortFormats

final class SafetensorsWriterTests: XCTestCase {
    private typealias F = SafetensorsFixtures

    /// Reading a Python-written file and writing it again gives the same bytes.
    func testRewritingPythonFilesIsByteIdentical() throws {
        for name in ["torch_all_dtypes.safetensors", "numpy_names.safetensors", "transposed.safetensors", "empty.safetensors"] {
            let original = try ByteBuffer.map(path: F.path(name)).all
            let read = try SafetensorsReader.read(original)
            let metadata: [(String, String)]? = read.metadata.isEmpty ? nil : read.metadata
            let output = F.temporaryPath(name)
            // Shuffled input order: the writer imposes the reference order itself.
            try SafetensorsWriter.write(read.tensors.reversed(), metadata: metadata, to: output)
            XCTAssertEqual(try ByteBuffer.map(path: output).all.array, original.array, name)
        }
    }

    /// A strided view built in Swift is written as the contiguous tensor numpy wrote.
    func testStridedViewMatchesNumpyOutput() throws {
        let values = (0..<12).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) }
        let storage = TensorStorage(ByteSlice(values))
        let transposed = try StoredTensor(dtype: .f32, shape: [4, 3], strides: [1, 4], storage: storage)
        let output = F.temporaryPath("t.safetensors")
        try SafetensorsWriter.write([NamedTensor(name: "t", tensor: transposed)], metadata: [("format", "np")], to: output, chunkBytes: 8)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), try Data(contentsOf: URL(fileURLWithPath: F.path("transposed.safetensors"))))
    }

    func testRoundTripIsBitExact() throws {
        let source = try SafetensorsReader.read(path: F.path("torch_all_dtypes.safetensors"))
        let output = F.temporaryPath("round.safetensors")
        try SafetensorsWriter.write(source.tensors, metadata: [("format", "pt"), ("b", "\u{e9}\n")], to: output)
        let back = try SafetensorsReader.read(path: output)
        XCTAssertEqual(back.metadata.map { $0.0 + "=" + $0.1 }, ["format=pt", "b=\u{e9}\n"])
        XCTAssertEqual(Set(back.tensors.map(\.name)), Set(source.tensors.map(\.name)))
        for named in source.tensors {
            let copy = try XCTUnwrap(back.tensor(named: named.name))
            XCTAssertEqual(copy.dtype, named.tensor.dtype)
            XCTAssertEqual(copy.shape, named.tensor.shape)
            XCTAssertEqual(try copy.contiguousBytes().array, try named.tensor.contiguousBytes().array, named.name)
        }
    }

    func testHeaderIsSpacePaddedToEightBytes() throws {
        let output = F.temporaryPath("pad.safetensors")
        try SafetensorsWriter.write([NamedTensor(name: "abc", tensor: try StoredTensor(dtype: .u8, shape: [1], bytes: ByteSlice([7])))], to: output)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        let length = Int(bytes[0])
        XCTAssertEqual(length % 8, 0)
        XCTAssertEqual(String(decoding: bytes[8..<(8 + length)], as: UTF8.self),
                       "{\"abc\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}" + " ")
    }

    func testDuplicateNamesAreRefusedAndNothingIsWritten() throws {
        let tensor = try StoredTensor(dtype: .u8, shape: [1], bytes: ByteSlice([7]))
        let output = F.temporaryPath("dup.safetensors")
        XCTAssertThrowsError(try SafetensorsWriter.write([NamedTensor(name: "a", tensor: tensor), NamedTensor(name: "a", tensor: tensor)], to: output)) {
            XCTAssertEqual($0 as? SafetensorsWriterError, .duplicateTensorName("a"))
        }
        XCTAssertThrowsError(try SafetensorsWriter.write([NamedTensor(name: "__metadata__", tensor: tensor)], to: output)) {
            XCTAssertEqual($0 as? SafetensorsWriterError, .reservedTensorName("__metadata__"))
        }
        XCTAssertThrowsError(try SafetensorsWriter.write([], metadata: [("k", "1"), ("k", "2")], to: output)) {
            XCTAssertEqual($0 as? SafetensorsWriterError, .duplicateMetadataKey("k"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent), [])
    }

    /// A tensor whose bytes fail to load mid-write leaves neither the destination nor a temporary file.
    func testFailureDuringStreamingLeavesNoFile() throws {
        struct LoadFailure: Error {}
        let good = try StoredTensor(dtype: .f64, shape: [2], bytes: ByteSlice([UInt8](repeating: 1, count: 16)))
        let failing = try StoredTensor(dtype: .f32, shape: [2], storage: TensorStorage(byteCount: 8, loader: { throw LoadFailure() }))
        let output = F.temporaryPath("fail.safetensors")
        XCTAssertThrowsError(try SafetensorsWriter.write([NamedTensor(name: "good", tensor: good), NamedTensor(name: "bad", tensor: failing)], to: output)) {
            XCTAssertTrue($0 is LoadFailure)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent), [])
    }
}
