import XCTest
@testable import GANPortFormats

/// One test per `.npy` / `.npz` validation rule.
final class NumPyHostileTests: XCTestCase {
    private func assertRead(_ file: String, fails expected: NumPyError, line: UInt = #line) {
        assertThrowsEqual(expected, line: line) { try NPYReader.read(NumPyTestSupport.bytes(file), name: file) }
    }

    func testBadMagic() { assertRead("bad_magic.npy", fails: .badMagic(name: "bad_magic.npy")) }

    func testUnsupportedVersion() {
        assertRead("bad_version.npy", fails: .unsupportedVersion(name: "bad_version.npy", major: 4, minor: 0))
    }

    func testTruncatedHeader() {
        assertRead("truncated_header.npy", fails: .truncatedHeader(name: "truncated_header.npy", needed: 128, available: 40))
    }

    func testHeaderTooLong() {
        assertRead("header_too_long.npy", fails: .headerTooLong(name: "header_too_long.npy", length: 1 << 30, limit: 1 << 20))
    }

    func testMalformedLiteral() {
        assertRead("malformed_header.npy", fails: .malformedHeader(name: "malformed_header.npy", offset: 128, reason: "header ends early"))
    }

    func testMissingKey() { assertRead("missing_key.npy", fails: .missingKey(name: "missing_key.npy", key: "fortran_order")) }

    func testUnexpectedKey() { assertRead("unexpected_key.npy", fails: .unexpectedKey(name: "unexpected_key.npy", key: "x")) }

    func testDuplicateKey() { assertRead("duplicate_key.npy", fails: .duplicateKey(name: "duplicate_key.npy", key: "shape")) }

    func testValueOfTheWrongKind() {
        assertRead("invalid_value.npy", fails: .invalidValue(name: "invalid_value.npy", key: "fortran_order", reason: "is not True or False"))
    }

    func testNegativeDimension() {
        assertRead("negative_shape.npy", fails: .invalidValue(name: "negative_shape.npy", key: "shape", reason: "has a negative dimension"))
    }

    func testParenthesizedIntegerIsNotAShape() {
        assertRead("shape_not_tuple.npy", fails: .invalidValue(name: "shape_not_tuple.npy", key: "shape", reason: "is not a tuple"))
    }

    func testShapeOverflow() {
        assertRead("shape_overflow.npy", fails: .shapeOverflow(name: "shape_overflow.npy"))
        assertRead("dimension_overflow.npy", fails: .shapeOverflow(name: "dimension_overflow.npy"))
    }

    func testByteOrderThatDoesNotFitTheType() {
        assertRead("bad_byte_order.npy", fails: .unsupportedByteOrder(name: "bad_byte_order.npy", descr: "|f4"))
    }

    func testUnsupportedDType() {
        assertRead("unsupported_dtype.npy", fails: .unsupportedDType(name: "unsupported_dtype.npy", descr: "<c8"))
    }

    func testObjectDType() { assertRead("object_dtype.npy", fails: .objectDType(name: "object_dtype.npy")) }

    func testStructuredDType() { assertRead("structured_dtype.npy", fails: .structuredDType(name: "structured_dtype.npy")) }

    func testDataTooShort() {
        assertRead("data_too_short.npy", fails: .dataTooShort(name: "data_too_short.npy", expected: 24, actual: 23))
    }

    func testTrailingBytes() {
        assertRead("trailing_bytes.npy", fails: .trailingBytes(name: "trailing_bytes.npy", expected: 24, actual: 25))
    }

    func testNPZMemberThatIsNotAnArray() {
        assertThrowsEqual(NumPyError.notAnArrayMember(name: "x.npz/readme.txt")) {
            try NPZReader.read(NumPyTestSupport.bytes("not_array_member.npz"), name: "x.npz")
        }
    }
}
