import XCTest
@testable import GANPortFormats

/// One test per validation rule of `SafetensorsReader`, in the order the reader applies them.
final class SafetensorsMalformedTests: XCTestCase {
    private typealias F = SafetensorsFixtures
    private let four: [UInt8] = [0, 0, 0, 0]

    func testHeaderTooSmall() {
        assertSafetensorsRejects(ByteSlice([1, 0, 0, 0, 0, 0, 0]), .headerTooSmall(fileSize: 7))
    }

    func testHeaderTooLarge() {
        assertSafetensorsRejects(F.file("{}", declaredLength: 100_000_001), .headerTooLarge(declaredLength: 100_000_001, limit: 100_000_000))
        assertSafetensorsRejects(F.file("{}", declaredLength: .max), .headerTooLarge(declaredLength: .max, limit: 100_000_000))
    }

    func testHeaderLengthPastEndOfFile() {
        assertSafetensorsRejects(F.file("{}", declaredLength: 3), .invalidHeaderLength(declaredLength: 3, fileSize: 10))
    }

    func testInvalidUTF8() {
        let header: [UInt8] = Array("{\"".utf8) + [0xC0, 0xAF] + Array("\":{}}".utf8)  // overlong "/"
        assertSafetensorsRejects(F.file(header), .invalidUTF8(offset: 10))
    }

    func testMalformedJSON() {
        assertSafetensorsRejects(F.file("{\"t\":{\"dtype\":\"F32\",}}"), .malformedJSON(offset: 28, reason: "expected a string key"))
        assertSafetensorsRejects(F.file("{\"t"), .malformedJSON(offset: 11, reason: "unterminated string"))
        assertSafetensorsRejects(F.file("{\"t\":{\"dtype\":\"F\\x32\"}}"), .malformedJSON(offset: 25, reason: "invalid escape"))
        assertSafetensorsRejects(F.file("{\"\\ud800\":{}}"), .malformedJSON(offset: 16, reason: "lone surrogate in \\u escape"))
        assertSafetensorsRejects(F.file("{\"a\tb\":{}}"), .malformedJSON(offset: 11, reason: "control character in a string"))
        assertSafetensorsRejects(F.file(""), .malformedJSON(offset: 8, reason: "empty header"))
    }

    func testNULPaddingIsTrailingGarbage() {
        let header = Array("{}".utf8) + [UInt8](repeating: 0, count: 6)
        assertSafetensorsRejects(F.file(header), .trailingCharacters(offset: 10))
        assertSafetensorsRejects(F.file("{}{}"), .trailingCharacters(offset: 10))
    }

    func testWrongJSONTypes() {
        assertSafetensorsRejects(F.file("[]"), .wrongType(context: "header", expected: "a JSON object", offset: 8))
        assertSafetensorsRejects(F.file("{\"t\":[]}"), .wrongType(context: "tensor \"t\"", expected: "an object", offset: 13))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "\"2\"", offsets: "[0,8]") + "}"),
                                 .wrongType(context: "shape of tensor \"t\"", expected: "an array of integers", offset: 36))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[null]", offsets: "[0,8]") + "}"),
                                 .wrongType(context: "shape of tensor \"t\"", expected: "an array of integers", offset: 37))
        assertSafetensorsRejects(F.file("{\"t\":{\"dtype\":7}}"), .wrongType(context: "dtype of tensor \"t\"", expected: "a string", offset: 22))
        assertSafetensorsRejects(F.file("{\"__metadata__\":[]}"), .wrongType(context: "__metadata__", expected: "an object of strings", offset: 24))
    }

    func testNonStringMetadataValue() {
        assertSafetensorsRejects(F.file("{\"__metadata__\":{\"k\":1}}"), .nonStringMetadataValue(key: "k", offset: 29))
        assertSafetensorsRejects(F.file("{\"__metadata__\":{\"k\":{\"deep\":\"x\"}}}"), .nonStringMetadataValue(key: "k", offset: 29))
    }

    /// Deep nesting is refused at its first byte, so it cannot exhaust the stack.
    func testDeepNestingIsRefusedWithoutParsingIt() {
        let deep = String(repeating: "[", count: 200_000)
        assertSafetensorsRejects(F.file("{\"__metadata__\":{\"k\":" + deep + "}}"), .nonStringMetadataValue(key: "k", offset: 29))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[" + deep + "]", offsets: "[0,0]") + "}"),
                                 .wrongType(context: "shape of tensor \"t\"", expected: "an array of integers", offset: 37))
    }

    func testMissingField() {
        assertSafetensorsRejects(F.file("{\"t\":{\"dtype\":\"F32\",\"shape\":[]}}"), .missingField(tensor: "t", field: "data_offsets"))
    }

    func testUnknownDType() {
        assertSafetensorsRejects(F.file("{" + F.entry(dtype: "F128", shape: "[]", offsets: "[0,16]") + "}"), .unknownDType(tensor: "t", dtype: "F128"))
    }

    func testDuplicateTensorKey() {
        // Two identical entries: the reference keeps one and accepts the file.
        let entry = F.entry(shape: "[1]", offsets: "[0,4]")
        assertSafetensorsRejects(F.file("{" + entry + "," + entry + "}", data: four), .duplicateKey(key: "t", context: "header", offset: 62))
    }

    func testDuplicateKeyInsideAnEntryAndInMetadata() {
        assertSafetensorsRejects(F.file("{\"t\":{\"dtype\":\"F32\",\"dtype\":\"F16\"}}"), .duplicateKey(key: "dtype", context: "tensor \"t\"", offset: 28))
        assertSafetensorsRejects(F.file("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}"), .duplicateKey(key: "k", context: "__metadata__", offset: 33))
        assertSafetensorsRejects(F.file("{\"__metadata__\":{},\"__metadata__\":{}}"), .duplicateKey(key: "__metadata__", context: "header", offset: 27))
    }

    func testUnknownFieldInEntry() {
        let header = "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"strides\":[1]}}"
        assertSafetensorsRejects(F.file(header, data: four), .unknownField(tensor: "t", field: "strides", offset: 61))
    }

    func testNumbersMustBePlainIntegers() {
        for number in ["1.0", "1e0", "-1", "+1", "01", "-0"] {
            let header = "{" + F.entry(shape: "[\(number)]", offsets: "[0,4]") + "}"
            assertSafetensorsRejects(F.file(header, data: four), .notAnInteger(tensor: "t", field: "shape", offset: 37))
        }
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[1]", offsets: "[0,4.0]") + "}", data: four),
                                 .notAnInteger(tensor: "t", field: "data_offsets", offset: 58))
    }

    func testHugeShapeIntegerIsRejected() {
        let header = "{" + F.entry(shape: "[2,18446744073709551614]", offsets: "[0,8]") + "}"
        assertSafetensorsRejects(F.file(header, data: four + four), .integerTooLarge(tensor: "t", field: "shape", offset: 39))
        let limit = "{" + F.entry(dtype: "U8", shape: "[0,9007199254740993]", offsets: "[0,0]") + "}"
        assertSafetensorsRejects(F.file(limit), .integerTooLarge(tensor: "t", field: "shape", offset: 38))
    }

    func testDataOffsetsArity() {
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[1]", offsets: "[0,4,4]") + "}", data: four),
                                 .dataOffsetsArity(tensor: "t", count: 3, offset: 55))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[1]", offsets: "[0]") + "}", data: four),
                                 .dataOffsetsArity(tensor: "t", count: 1, offset: 55))
    }

    /// Many tensors aliasing one region would let a small file expand in memory.
    func testJSONAttackWithSharedOffsetsIsRejected() {
        let entries = (0..<10).map { F.entry("weight_\($0)", shape: "[2,2]", offsets: "[0,16]") }
        let header = "{" + entries.joined(separator: ",") + "}"
        XCTAssertThrowsError(try SafetensorsReader.read(F.file(header, data: [UInt8](repeating: 0, count: 16)))) { error in
            guard case let .invalidOffset(_, begin, end, expected)? = error as? SafetensorsError else { return XCTFail("\(error)") }
            XCTAssertEqual([begin, end, expected], [0, 16, 16])
        }
    }

    func testOffsetsWithGapOrNotFromZeroOrBackwards() {
        let gap = "{" + F.entry("a", shape: "[1]", offsets: "[0,4]") + "," + F.entry("b", shape: "[1]", offsets: "[8,12]") + "}"
        assertSafetensorsRejects(F.file(gap, data: [UInt8](repeating: 0, count: 12)), .invalidOffset(tensor: "b", begin: 8, end: 12, expectedBegin: 4))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[1]", offsets: "[4,8]") + "}", data: four + four),
                                 .invalidOffset(tensor: "t", begin: 4, end: 8, expectedBegin: 0))
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[0]", offsets: "[0,0]") + "," + F.entry("u", shape: "[1]", offsets: "[0,0]") + "}"),
                                 .tensorInvalidInfo(tensor: "u", expectedBytes: 4, actualBytes: 0))
    }

    func testElementCountOverflow() {
        let header = "{" + F.entry(shape: "[1099511627776,1099511627776]", offsets: "[0,0]") + "}"
        assertSafetensorsRejects(F.file(header), .validationOverflow(tensor: "t", shape: [1 << 40, 1 << 40]))
    }

    func testMisalignedBitSize() {
        assertSafetensorsRejects(F.file("{" + F.entry(dtype: "F4", shape: "[3]", offsets: "[0,2]") + "}", data: [0, 0]),
                                 .misalignedSlice(tensor: "t", dtype: "F4", elementCount: 3))
    }

    func testSizeMismatch() {
        assertSafetensorsRejects(F.file("{" + F.entry(shape: "[2]", offsets: "[0,4]") + "}", data: four),
                                 .tensorInvalidInfo(tensor: "t", expectedBytes: 8, actualBytes: 4))
    }

    /// A second format appended after the tensors (polyglot) is refused.
    func testPolyglotTail() {
        let header = "{" + F.entry(shape: "[1]", offsets: "[0,4]") + "}"
        let tail = Array("PK\u{05}\u{06}".utf8) + [UInt8](repeating: 0, count: 18)
        let bytes = F.file(header, data: four + tail)
        assertSafetensorsRejects(bytes, .incompleteBuffer(dataEnd: bytes.count - tail.count, fileSize: bytes.count))
    }

    func testTruncatedData() {
        let header = "{" + F.entry(shape: "[2]", offsets: "[0,8]") + "}"
        let bytes = F.file(header, data: four)
        assertSafetensorsRejects(bytes, .incompleteBuffer(dataEnd: bytes.count + 4, fileSize: bytes.count))
    }

    func testValidDTypeUnsupportedByGANPort() {
        assertSafetensorsRejects(F.file("{" + F.entry(dtype: "F8_E4M3", shape: "[2]", offsets: "[0,2]") + "}", data: [0, 0]),
                                 .unsupportedDType(tensor: "t", dtype: "F8_E4M3"))
        XCTAssertThrowsError(try SafetensorsReader.read(path: SafetensorsFixtures.path("unsupported_u16.safetensors"))) { error in
            XCTAssertEqual(error as? SafetensorsError, .unsupportedDType(tensor: "u16", dtype: "U16"))
            XCTAssertEqual("\(error)", "tensor \"u16\": dtype U16 is not supported by GANPort")
        }
    }
}
