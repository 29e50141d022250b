import XCTest
@testable import GANPortFormats

final class SafetensorsReaderTests: XCTestCase {
    /// Every committed Python-made file reads back bit-exact against the manifest, in offset order.
    func testCommittedFilesMatchManifest() throws {
        let files = try SafetensorsFixtures.manifestFiles()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for (name, value) in files where !name.hasPrefix("unsupported") {
            let expected = try XCTUnwrap(value as? [String: Any])
            let read = try SafetensorsReader.read(path: SafetensorsFixtures.path(name))
            let tensors = try XCTUnwrap(expected["tensors"] as? [[String: Any]])
            XCTAssertEqual(read.tensors.map(\.name), tensors.compactMap { $0["name"] as? String }, name)
            for (tensor, info) in zip(read.tensors, tensors) {
                XCTAssertEqual(tensor.tensor.dtype.rawValue, info["dtype"] as? String, tensor.name)
                XCTAssertEqual(tensor.tensor.shape, info["shape"] as? [Int], tensor.name)
                XCTAssertEqual(SafetensorsFixtures.sha256Hex(try tensor.tensor.contiguousBytes()), info["sha256"] as? String, tensor.name)
            }
            let metadata = (expected["metadata"] as? [[String]]) ?? []
            XCTAssertEqual(read.metadata.map { [$0.0, $0.1] }, metadata, name)
        }
    }

    func testScalarEmptyAndAllDTypes() throws {
        let file = try SafetensorsReader.read(path: SafetensorsFixtures.path("torch_all_dtypes.safetensors"))
        XCTAssertEqual(Set(file.tensors.map(\.tensor.dtype)), Set(DType.allCases))
        XCTAssertEqual(file.tensor(named: "f32.scalar")?.shape, [])
        XCTAssertEqual(try file.tensor(named: "f32.scalar")?.contiguousBytes().array, Array(withUnsafeBytes(of: Float(3.25).bitPattern.littleEndian, Array.init)))
        XCTAssertEqual(file.tensor(named: "f32.empty")?.shape, [0, 4])
        XCTAssertEqual(file.tensor(named: "f32.empty")?.byteCount, 0)
        XCTAssertEqual(file.checkpoint.format, .safetensors)
        XCTAssertEqual(file.checkpoint.metadata.first?.1, .string("pt"))
    }

    func testTensorsAreZeroCopySlicesOfTheInput() throws {
        let buffer = try ByteBuffer.map(path: SafetensorsFixtures.path("transposed.safetensors"))
        let file = try SafetensorsReader.read(buffer.all)
        let bytes = try XCTUnwrap(file.tensors.first).tensor.contiguousBytes()
        XCTAssertTrue(bytes.buffer === buffer)
        XCTAssertEqual(bytes.range.upperBound, buffer.count)
    }

    func testEscapedNamesAndMetadataDecode() throws {
        let names = try SafetensorsReader.read(path: SafetensorsFixtures.path("numpy_names.safetensors")).tensors.map(\.name)
        XCTAssertTrue(names.contains("quote\"back\\slash"))
        XCTAssertTrue(names.contains("ctrl\u{01}\t\n\u{1f}\u{7f}"))
        XCTAssertTrue(names.contains("\u{e9}t\u{e9}"))
        let metadata = try SafetensorsReader.read(path: SafetensorsFixtures.path("metadata_many.safetensors")).metadata
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: metadata)["unicode"], "\u{e9}\u{4e2d}\u{1F600}")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: metadata)["escapes"], "a\"b\\c\nd\u{02}")
    }

    func testEscapeSequencesIncludingSurrogatePairs() throws {
        let header = "{" + SafetensorsFixtures.entry("\\u00e9\\ud83d\\ude00\\/", shape: "[]", offsets: "[0,4]") + "}"
        let file = try SafetensorsReader.read(SafetensorsFixtures.file(header, data: [0, 0, 0, 0]))
        XCTAssertEqual(file.tensors.first?.name, "\u{e9}\u{1F600}/")
    }

    func testJSONWhitespaceAroundTheHeaderIsAccepted() throws {
        let header = " \n\t{ " + SafetensorsFixtures.entry(shape: "[ 1 ]", offsets: "[ 0 , 4 ]") + " }\r\n   "
        XCTAssertEqual(try SafetensorsReader.read(SafetensorsFixtures.file(header, data: [0, 0, 0, 0])).tensors.count, 1)
    }

    func testNullMetadataIsAcceptedLikeTheReference() throws {
        let header = "{\"__metadata__\":null," + SafetensorsFixtures.entry(shape: "[1]", offsets: "[0,4]") + "}"
        XCTAssertEqual(try SafetensorsReader.read(SafetensorsFixtures.file(header, data: [0, 0, 0, 0])).metadata.count, 0)
    }

    func testEmptyTensorsSharingAnOffsetKeepHeaderOrder() throws {
        let header = "{" + SafetensorsFixtures.entry("z", shape: "[0]", offsets: "[0,0]") + ","
            + SafetensorsFixtures.entry("a", shape: "[0,3]", offsets: "[0,0]") + "}"
        XCTAssertEqual(try SafetensorsReader.read(SafetensorsFixtures.file(header)).tensors.map(\.name), ["z", "a"])
    }

    func testEmptyFileHasNoTensors() throws {
        let file = try SafetensorsReader.read(path: SafetensorsFixtures.path("empty.safetensors"))
        XCTAssertTrue(file.tensors.isEmpty)
        XCTAssertTrue(file.metadata.isEmpty)
    }
}
