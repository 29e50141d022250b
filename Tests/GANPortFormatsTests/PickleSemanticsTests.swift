import XCTest
@testable import GANPortFormats

/// What the VM builds: built-in meanings, container rules, stacked pickles, teardown of deep trees.
final class PickleSemanticsTests: XCTestCase {
    func text(_ stream: [UInt8]) throws -> String {
        try PickleTestSupport.load(stream).value.canonicalText()
    }

    func testRepeatedDictKeyKeepsPlaceAndFirstKey() throws {
        XCTAssertEqual(try text(ascii("}(K\u{1}K\u{2}K\u{3}K\u{4}") + [0x88] + ascii("K\u{5}u.")), "{1: 5, 3: 4}")
    }

    func testSetsDropDuplicates() throws {
        XCTAssertEqual(try text([0x8F] + ascii("(K\u{1}K\u{1}K\u{2}") + [0x90, 0x2E]), "set[1, 2]")
    }

    func testPopRemovesAnEmptyMark() throws {
        XCTAssertEqual(try text(ascii("K\u{1}(0.")), "1")
    }

    func testConsecutivePicklesInOneBuffer() throws {
        var unpickler = Unpickler(ByteSlice(ascii("N.K\u{7}.")))
        let first = try unpickler.load()
        XCTAssertTrue(first.value.isNone)
        XCTAssertEqual(first.endOffset, 2)
        let second = try unpickler.load()
        XCTAssertEqual(second.value.int, 7)
        XCTAssertEqual(second.endOffset, 5)
        XCTAssertThrowsError(try unpickler.load()) { XCTAssertEqual($0 as? PickleError, .missingStop(offset: 5)) }
    }

    func testLegacyTorchSaveStreamReadsPickleByPickle() throws {
        let bytes = try PickleTestSupport.bytes("torch_legacy_save.bin")
        var unpickler = Unpickler(bytes, streamName: "legacy")
        XCTAssertEqual(try unpickler.load().value.canonicalText(), "119547037146038801333356")
        XCTAssertEqual(try unpickler.load().value.int, 1001)
        XCTAssertEqual(try unpickler.load().value.dict?.stringKeys, ["protocol_version", "little_endian", "type_sizes"])
        let tensor = try unpickler.load()
        XCTAssertEqual(tensor.value.canonicalText(),
                       "REDUCE(global(torch._utils._rebuild_tensor_v2), (pid(('storage', global(torch.FloatStorage), "
                       + "'94122903456848', 'cpu', 6, None)), 0, (2, 3), (3, 1), False, collections.OrderedDict{}))")
        XCTAssertEqual(tensor.findings, [])
        let keys = try unpickler.load()
        XCTAssertEqual(keys.value.canonicalText(), "['94122903456848']")
        XCTAssertEqual(bytes.count - keys.endOffset, 8 + 24)
    }

    func testBuiltinMeanings() throws {
        XCTAssertEqual(try text(ascii("ccollections\nOrderedDict\n)R.")), "collections.OrderedDict{}")
        XCTAssertEqual(try text(ascii("cdnnlib.util\nEasyDict\n)") + [0x81] + ascii("}b.")), "dnnlib.util.EasyDict{}.build({})")
        XCTAssertEqual(try text(ascii("c__builtin__\nset\n(K\u{2}K\u{1}t") + [0x85] + ascii("R.")), "set[2, 1]")
        XCTAssertEqual(try text(ascii("c_codecs\nencode\nV") + [0xE9] + ascii("\nVlatin1\n") + [0x86] + ascii("R.")), "b'e9'")
        XCTAssertEqual(try text(ascii("cbuiltins\nbytearray\nC\u{2}ab") + [0x85] + ascii("R.")), "b'6162'")
        // Shapes outside the table stay inert objects.
        XCTAssertEqual(try text(ascii("ccollections\nOrderedDict\n]") + [0x85] + ascii("R.")),
                       "REDUCE(global(collections.OrderedDict), ([]))")
        XCTAssertEqual(try text(ascii("c_codecs\nencode\nVx\nVutf-8\n") + [0x86] + ascii("R.")),
                       "REDUCE(global(_codecs.encode), ('x', 'utf-8'))")
    }

    func testItemsOnObjectsAreRecorded() throws {
        let value = try PickleTestSupport.load(ascii("cm\nC\n)RK\u{1}aK\u{2}K\u{3}s}b.")).value
        XCTAssertEqual(value.canonicalText(), "REDUCE(global(m.C), ()).append[1].setitem{2: 3}.build({})")
    }

    func testReferencedUnknownGlobalIsNoFinding() throws {
        let result = try PickleTestSupport.load(ascii("]cfoo\nBar\na."))
        XCTAssertEqual(result.findings, [])
        XCTAssertEqual(result.globals, [PickleGlobal("foo", "Bar")])
    }

    func testGlobalsAreDistinctInFirstSeenOrder() throws {
        let result = try PickleTestSupport.load(ascii("(cb\nB\nca\nA\ncb\nB\nl."))
        XCTAssertEqual(result.globals, [PickleGlobal("b", "B"), PickleGlobal("a", "A")])
    }

    func testFindingsCarryTheStreamName() throws {
        var unpickler = Unpickler(ByteSlice(ascii("cos\nsystem\n.")), streamName: "archive/data.pkl")
        XCTAssertEqual(try unpickler.load().findings.first?.stream, "archive/data.pkl")
    }

    /// Lists nested through later mutation escape the depth bookkeeping (a list is appended
    /// into after it was embedded). The tree is ~300 000 levels deep; releasing it must not
    /// recurse, and bounded walks must stop.
    func testDeepTreeBuiltByLateMutationIsReleasedIteratively() throws {
        let chains = 300
        var stream: [UInt8] = [0x80, 4]
        for chain in 0..<chains {
            // A list, memoized, under 998 single-item tuples; the top is memoized too.
            stream += [0x5D, 0x72] + le32(chain) + [UInt8](repeating: 0x85, count: 998) + [0x72] + le32(10_000 + chain) + [0x30]
        }
        for chain in 0..<(chains - 1) {
            stream += [0x6A] + le32(chain) + [0x6A] + le32(10_000 + chain + 1) + [0x61, 0x30]
        }
        stream += [0x6A] + le32(10_000) + [0x2E]
        var value: PickleValue? = try PickleTestSupport.load(stream).value
        XCTAssertThrowsError(try value?.walk { _, _ in true }) { error in
            XCTAssertEqual(error as? PickleWalkError, .depthLimitExceeded(limit: 1000))
        }
        XCTAssertTrue(value?.canonicalText().contains("…") ?? false)
        value = nil
    }

    func le32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    func testCyclesAreRenderedAndWalkedOnce() throws {
        let value = try PickleTestSupport.load(ascii("]q\u{0}h\u{0}a.")).value
        XCTAssertEqual(value.canonicalText(), "[<cycle>]")
        var visits = 0
        try value.walk { _, _ in visits += 1; return true }
        XCTAssertEqual(visits, 2)
    }

    func testLimitsDefaults() {
        let limits = PickleLimits()
        XCTAssertEqual(limits.maxDepth, 1000)
        XCTAssertEqual(limits.decodedBytesBudget(inputCount: 100), 400)
        XCTAssertEqual(PickleLimits(maxDecodedBytes: 7).decodedBytesBudget(inputCount: 100), 7)
        XCTAssertEqual(limits.decodedBytesBudget(inputCount: Int.max), Int.max)
    }
}
