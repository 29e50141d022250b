import XCTest
@testable import GANPortFormats

/// `PickleWriter` against bytes CPython's `pickle.dumps(…, protocol=2)` and `torch.save` wrote.
final class PickleWriterTests: XCTestCase {
    func rewrite(_ value: PickleValue) throws -> [UInt8] {
        var writer = PickleWriter()
        try writer.write(value: value)
        return writer.finish()
    }

    func testPythonProtocol2StreamsAreReproducedByteForByte() throws {
        for name in ["tree_p2", "dict_1000_p2", "list_2001_p2", "od_1001_p2", "od_2000_p2"] {
            let original = try PickleTestSupport.bytes("writer/\(name).pkl")
            var unpickler = Unpickler(original)
            XCTAssertEqual(try rewrite(unpickler.load().value), original.array, name)
        }
    }

    /// Everything up to the `bytearray`, which the reader turns into plain bytes (and the writer
    /// then writes as `_codecs.encode`), comes back byte for byte: floats, big ints, escapes, bytes.
    func testKitchenSinkRoundTripsUpToTheByteArray() throws {
        let original = try PickleTestSupport.bytes("kitchen_sink_p2.pkl").array
        var unpickler = Unpickler(ByteSlice(original))
        let rewritten = try rewrite(unpickler.load().value)
        let byteArrayGlobal = 1537
        XCTAssertEqual(Array(original[byteArrayGlobal..<(byteArrayGlobal + 23)]), ascii("c__builtin__\nbytearray\n"))
        XCTAssertEqual(Array(rewritten.prefix(byteArrayGlobal)), Array(original.prefix(byteArrayGlobal)))
    }

    func testTorchZipStateDictPickleIsReproduced() throws {
        let float = { (key: String, count: Int64) in TorchStorageReference(storageType: "FloatStorage", key: key, elementCount: count) }
        let entries: [(String, PickleValue)] = [
            ("conv.weight", .torchTensorV2(storage: float("0", 24), size: [2, 3, 2, 2], stride: PickleValue.contiguousStrides([2, 3, 2, 2]))),
            ("conv.bias", .torchTensorV2(storage: float("1", 2), size: [2], stride: [1])),
            ("fc.weight", .torchTensorV2(storage: TorchStorageReference(storageType: "HalfStorage", key: "2", elementCount: 12),
                                         size: [3, 4], stride: [4, 1])),
            ("transposed", .torchTensorV2(storage: float("3", 6), size: [3, 2], stride: [1, 3])),
            ("scalar", .torchTensorV2(storage: TorchStorageReference(storageType: "DoubleStorage", key: "4", elementCount: 1),
                                      size: [], stride: [])),
            ("step", .torchTensorV2(storage: TorchStorageReference(storageType: "LongStorage", key: "5", elementCount: 1),
                                    size: [], stride: [])),
        ]
        let stateDict = PickleDict(type: PickleGlobal("collections", "OrderedDict"),
                                   entries: entries.map { (key: .string($0.0), value: $0.1) })
        XCTAssertEqual(try rewrite(.dict(stateDict)), try PickleTestSupport.bytes("writer/torch_state_dict_data.pkl").array)
    }

    func testLegacyTensorPickleIsReproduced() throws {
        let bytes = try PickleTestSupport.bytes("torch_legacy_save.bin")
        var unpickler = Unpickler(bytes)
        for _ in 0..<3 { _ = try unpickler.load() }
        let start = unpickler.position
        let end = try unpickler.load().endOffset
        let storage = TorchStorageReference(storageType: "FloatStorage", key: "94122903456848", elementCount: 6, legacyFormat: true)
        var writer = PickleWriter()
        try writer.writeTensorRebuildV2(storage: storage, size: [2, 3], stride: [3, 1])
        XCTAssertEqual(writer.finish(), Array(bytes.array[start..<end]))
    }

    func testIntegerEncodings() throws {
        XCTAssertEqual(try rewrite(.int(255)), [0x80, 2, 0x4B, 0xFF, 0x2E])
        XCTAssertEqual(try rewrite(.int(256)), [0x80, 2, 0x4D, 0, 1, 0x2E])
        XCTAssertEqual(try rewrite(.int(-1)), [0x80, 2, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x2E])
        XCTAssertEqual(try rewrite(.int(1 << 31)), [0x80, 2, 0x8A, 5, 0, 0, 0, 0x80, 0, 0x2E])
        XCTAssertEqual(try rewrite(.int(Int64.min)), [0x80, 2, 0x8A, 8, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x2E])
    }

    func testSharedContainersAreWrittenOnce() throws {
        let shared = PickleList(items: [.int(1)])
        let bytes = try rewrite(.tuple([.list(shared), .list(shared)]))
        XCTAssertEqual(bytes, [0x80, 2, 0x5D, 0x71, 0, 0x4B, 1, 0x61, 0x68, 0, 0x86, 0x71, 1, 0x2E])
    }

    func testCyclicListIsWrittenThroughTheMemo() throws {
        let list = PickleList()
        list.items = [.list(list)]
        XCTAssertEqual(try rewrite(.list(list)), [0x80, 2, 0x5D, 0x71, 0, 0x68, 0, 0x61, 0x2E])
        list.items = []
    }

    func testTooDeepValueIsRefused() {
        var value = PickleValue.none
        for _ in 0..<20 { value = .tuple([value]) }
        var writer = PickleWriter(maxDepth: 10)
        XCTAssertThrowsError(try writer.write(value: value)) {
            XCTAssertEqual($0 as? PickleWriterError, .depthLimitExceeded(limit: 10))
        }
    }

    func testInstRecordsAreRefused() {
        let object = PickleObject(callee: .global(PickleGlobal("m", "C")), arguments: .tuple([]), creation: .inst, byteOffset: 0)
        var writer = PickleWriter()
        XCTAssertThrowsError(try writer.write(value: .object(object))) {
            XCTAssertEqual($0 as? PickleWriterError, .unsupportedValue("a INST record at protocol 2"))
        }
    }

    func testContiguousStrides() {
        XCTAssertEqual(PickleValue.contiguousStrides([2, 3, 4]), [12, 4, 1])
        XCTAssertEqual(PickleValue.contiguousStrides([]), [])
    }
}
