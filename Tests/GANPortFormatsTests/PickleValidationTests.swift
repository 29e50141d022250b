import XCTest
@testable import GANPortFormats

/// One malformed stream per validation rule of `Unpickler`.
final class PickleValidationTests: XCTestCase {
    func check(_ stream: [UInt8], _ expected: PickleError, limits: PickleLimits = .init(),
               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(PickleTestSupport.error(stream, limits: limits), expected, file: file, line: line)
    }

    func testUnknownOpcode() {
        check([0x80, 2, 0xFF], .unknownOpcode(byte: 0xFF, offset: 2))
    }

    func testTruncatedArgument() {
        check([0x4A, 1, 2], .truncatedArgument(opcode: "BININT", offset: 0))
        check(ascii("I12"), .truncatedArgument(opcode: "INT", offset: 0))
    }

    func testDeclaredLengthPastEnd() {
        check(ascii("X") + [10, 0, 0, 0] + ascii("abc"), .declaredLengthPastEnd(opcode: "BINUNICODE", offset: 0, declared: 10, available: 3))
    }

    func testNegativeLength() {
        check([0x54, 0xFF, 0xFF, 0xFF, 0xFF], .negativeLength(opcode: "BINSTRING", offset: 0, length: -1))
        check([0x8B, 0xFE, 0xFF, 0xFF, 0xFF], .negativeLength(opcode: "LONG4", offset: 0, length: -2))
    }

    func testProtoNotFirst() {
        check(ascii("N") + [0x80, 2] + ascii("."), .misplacedProto(offset: 1))
    }

    func testProtoAboveFive() {
        check([0x80, 6] + ascii("N."), .unsupportedProtocol(version: 6, offset: 0))
    }

    func testStackUnderflow() {
        check([0x80, 2] + ascii("a"), .stackUnderflow(opcode: "APPEND", offset: 2))
        check(ascii("](a"), .stackUnderflow(opcode: "APPEND", offset: 2))
        check(ascii("."), .stackUnderflow(opcode: "STOP", offset: 0))
    }

    func testMarkMissing() {
        check(ascii("Nt."), .markMissing(opcode: "TUPLE", offset: 1))
    }

    func testMarkLeftOpenAtStop() {
        check(ascii("(N."), .unclosedMark(count: 1, offset: 2))
    }

    func testMemoGetOfUnsetSlot() {
        check([0x68, 5], .memoMissing(index: 5, opcode: "BINGET", offset: 0))
        check(ascii("Np0\ng1\n"), .memoMissing(index: 1, opcode: "GET", offset: 4))
    }

    func testNegativeMemoIndex() {
        check(ascii("Np-1\n"), .negativeMemoIndex(opcode: "PUT", offset: 1))
    }

    func testMemoLimit() {
        check(ascii("N") + [0x71, 0, 0x71, 0, 0x71, 1, 0x71, 2], .memoLimitExceeded(limit: 2, opcode: "BINPUT", offset: 7),
              limits: PickleLimits(maxMemoEntries: 2))
    }

    func testStackLimit() {
        check(ascii("NNNN."), .stackLimitExceeded(limit: 3, opcode: "NONE", offset: 3), limits: PickleLimits(maxStackSize: 3))
    }

    func testDepthLimitOnNestedLists() {
        // 100 000 lists appended into one another: refused at depth 1001, iteratively.
        let stream = [UInt8](repeating: 0x5D, count: 100_000) + [UInt8](repeating: 0x61, count: 99_999) + ascii(".")
        check(stream, .depthLimitExceeded(limit: 1000, opcode: "APPEND", offset: 100_999))
    }

    func testDepthLimitOnMarks() {
        check([UInt8](repeating: 0x28, count: 100_000), .depthLimitExceeded(limit: 1000, opcode: "MARK", offset: 1000))
    }

    func testDecodedBytesLimit() {
        check(ascii("X") + [5, 0, 0, 0] + ascii("hello."), .decodedBytesLimitExceeded(limit: 4, opcode: "BINUNICODE", offset: 0),
              limits: PickleLimits(maxDecodedBytes: 4))
    }

    func testDecodedBytesLimitStopsCopyAmplification() {
        // One 1000-character string encoded to bytes again and again through `_codecs.encode`.
        var stream: [UInt8] = [0x80, 2] + ascii("c_codecs\nencode\nq\u{0}0X") + [0xE8, 3, 0, 0]
        stream += [UInt8](repeating: 0x61, count: 1000) + ascii("q\u{1}0X") + [6, 0, 0, 0] + ascii("latin1q\u{2}0(")
        let reduceOffsets = (0..<10).map { stream.count + $0 * 8 + 7 }
        for _ in 0..<10 { stream += [0x68, 0, 0x68, 1, 0x68, 2, 0x86, 0x52] }
        stream += ascii("l.")
        check(stream, .decodedBytesLimitExceeded(limit: 4 * stream.count, opcode: "REDUCE", offset: reduceOffsets[3]))
    }

    func testBigIntWidthLimit() {
        check([0x8A, 20] + [UInt8](repeating: 1, count: 20) + ascii("."),
              .bigIntTooWide(bytes: 20, limit: 16, opcode: "LONG1", offset: 0), limits: PickleLimits(maxBigIntBytes: 16))
        check(ascii("L") + [UInt8](repeating: 0x39, count: 5000) + ascii("L\n."),
              .bigIntTooWide(bytes: 2074, limit: 1024, opcode: "LONG", offset: 0))
    }

    func testFrameStraddle() {
        let frame: [UInt8] = [0x80, 4, 0x95, 3, 0, 0, 0, 0, 0, 0, 0]
        check(frame + [0x4B, 1, 0x4B, 2, 0x86, 0x2E], .frameStraddle(opcode: "BININT1", offset: 13, frameEnd: 14))
        check(frame + ascii("cos\nsystem\n."), .frameStraddle(opcode: "GLOBAL", offset: 11, frameEnd: 14))
    }

    func testFrameInsideFrame() {
        check([0x80, 4, 0x95, 10, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0, 0] + ascii("N."), .nestedFrame(offset: 11))
    }

    func testFrameLengthPastEnd() {
        check([0x80, 4, 0x95, 16, 0, 0, 0, 0, 0, 0, 0] + ascii("N."), .frameLengthPastEnd(offset: 2, declared: 16, available: 2))
    }

    func testInvalidUTF8() {
        check([0x8C, 2, 0xC3, 0x28, 0x2E], .invalidUTF8(opcode: "SHORT_BINUNICODE", offset: 0))
        check([0x8C, 3, 0xED, 0xA0, 0x80, 0x2E], .invalidUTF8(opcode: "SHORT_BINUNICODE", offset: 0))
        check(ascii("c") + [0xFF] + ascii("\nx\n."), .invalidUTF8(opcode: "GLOBAL", offset: 0))
    }

    func testMalformedStrings() {
        check(ascii("Sabc\n."), .malformedString(opcode: "STRING", offset: 0, reason: "the STRING argument must be quoted"))
        check(ascii("S'a\\x4'\n."), .malformedString(opcode: "STRING", offset: 0, reason: "invalid \\x escape"))
        check(ascii("V\\u12\n."), .malformedString(opcode: "UNICODE", offset: 0, reason: "truncated \\u escape"))
    }

    func testMalformedNumbers() {
        check(ascii("I12a\n."), .malformedNumber(opcode: "INT", offset: 0, text: "12a"))
        check(ascii("I007\n."), .malformedNumber(opcode: "INT", offset: 0, text: "007"))
        check(ascii("L0x10L\n."), .malformedNumber(opcode: "LONG", offset: 0, text: "0x10"))
        check(ascii("F1.5x\n."), .malformedNumber(opcode: "FLOAT", offset: 0, text: "1.5x"))
        check(ascii("F1e999\n."), .malformedNumber(opcode: "FLOAT", offset: 0, text: "1e999"))
        check(ascii("Ng1x\n."), .malformedNumber(opcode: "GET", offset: 1, text: "1x"))
    }

    func testValuesLeftUnderTheResult() {
        check(ascii("NN."), .extraStackItemsAtStop(count: 1, offset: 2))
    }

    func testOddItemCounts() {
        check(ascii("(Nd."), .oddItemCount(opcode: "DICT", offset: 2, count: 1))
        check(ascii("}(NNNu."), .oddItemCount(opcode: "SETITEMS", offset: 5, count: 3))
    }

    func testInputEndsWithoutStop() {
        check(ascii("N"), .missingStop(offset: 1))
        check([], .missingStop(offset: 0))
    }

    func testWrongContainers() {
        check(ascii(")Na."), .wrongContainer(opcode: "APPEND", offset: 2, found: "tuple"))
        check([0x8F] + ascii("Na."), .wrongContainer(opcode: "APPEND", offset: 2, found: "set"))
        check(ascii("]NNs."), .wrongContainer(opcode: "SETITEM", offset: 3, found: "list"))
        check(ascii("N(NNu."), .wrongContainer(opcode: "SETITEMS", offset: 4, found: "None"))
        check(ascii("]}b."), .wrongContainer(opcode: "BUILD", offset: 2, found: "list"))
        check(ascii("](N") + [0x90] + ascii("."), .wrongContainer(opcode: "ADDITEMS", offset: 3, found: "list"))
    }

    func testWrongOperandTypes() {
        check(ascii("cm\nf\nNR."), .wrongOperandType(opcode: "REDUCE", offset: 6, expected: "an argument tuple", found: "None"))
        check(ascii("NN") + [0x93], .wrongOperandType(opcode: "STACK_GLOBAL", offset: 2, expected: "a module name string", found: "None"))
        check(ascii("cm\nC\n)N") + [0x92], .wrongOperandType(opcode: "NEWOBJ_EX", offset: 7, expected: "a keyword dict", found: "None"))
    }

    func testUnhashableKey() {
        check(ascii("}]Ns."), .unhashableKey(opcode: "SETITEM", offset: 3, found: "list"))
        check([0x8F] + ascii("(}") + [0x90], .unhashableKey(opcode: "ADDITEMS", offset: 3, found: "dict"))
    }

    func testOutOfBandBuffers() {
        check([0x97], .outOfBandBuffer(opcode: "NEXT_BUFFER", offset: 0))
        check(ascii("N") + [0x98], .outOfBandBuffer(opcode: "READONLY_BUFFER", offset: 1))
    }

    func testExtensionCodeZero() {
        check([0x82, 0], .invalidExtensionCode(code: 0, opcode: "EXT1", offset: 0))
    }

    func testEveryErrorHasAOneLineMessage() {
        let errors: [PickleError] = [
            .unknownOpcode(byte: 0xFF, offset: 2), .frameStraddle(opcode: "BININT1", offset: 13, frameEnd: 14),
            .depthLimitExceeded(limit: 1000, opcode: "APPEND", offset: 5), .missingStop(offset: 1),
        ]
        for error in errors {
            XCTAssertFalse(error.description.contains("\n"))
            XCTAssertTrue(error.description.contains("offset \(error.offset)"))
        }
    }
}
