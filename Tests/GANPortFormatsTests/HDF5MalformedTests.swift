import Foundation
import XCTest
@testable import GANPortFormats

/// One test per rejection rule of `HDF5File`.
final class HDF5MalformedTests: XCTestCase {
    private var unsupported: HDF5File!

    override func setUpWithError() throws {
        unsupported = try HDF5File(path: HDF5Fixtures.path("h5py_unsupported.h5"))
    }

    func testNotAnHDF5File() throws {
        let path = HDF5Fixtures.temporaryPath("text.h5")
        try Data(String(repeating: "not hdf5 at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        assertHDF5Throws(try HDF5File(path: path), .notHDF5(path: path))
    }

    func testTruncatedFile() throws {
        let path = HDF5Fixtures.temporaryPath("truncated.h5")
        let whole = try Data(contentsOf: URL(fileURLWithPath: HDF5Fixtures.path("h5py_basic.h5")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try HDF5File(path: path)) { error in
            guard case let .cannotOpen(failedPath, reason)? = error as? HDF5Error else { return XCTFail("\(error)") }
            XCTAssertEqual(failedPath, path)
            XCTAssertFalse(reason.isEmpty)
        }
    }

    func testMissingDatasetPath() {
        assertHDF5Throws(try unsupported.tensor(at: "/no/such"), .objectNotFound(path: "/no/such"))
    }

    func testGroupIsNotADataset() throws {
        let basic = try HDF5File(path: HDF5Fixtures.path("h5py_basic.h5"))
        assertHDF5Throws(try basic.tensor(at: "model"), .notADataset(path: "/model"))
    }

    func testUnsignedTypesWithoutDType() {
        assertHDF5Throws(try unsupported.tensor(at: "u16"), .unsupportedType(path: "/u16", type: "uint16"))
        assertHDF5Throws(try unsupported.tensor(at: "u32"), .unsupportedType(path: "/u32", type: "uint32"))
        assertHDF5Throws(try unsupported.tensor(at: "u64"), .unsupportedType(path: "/u64", type: "uint64"))
    }

    func testCompoundAndStringDatasets() {
        assertHDF5Throws(try unsupported.tensor(at: "compound"), .unsupportedType(path: "/compound", type: "compound"))
        assertHDF5Throws(try unsupported.tensor(at: "strings"), .unsupportedType(path: "/strings", type: "string"))
        XCTAssertThrowsError(try unsupported.tensors())
    }

    func testNullDataspace() {
        assertHDF5Throws(try unsupported.tensor(at: "null"), .nullDataspace(path: "/null"))
    }

    func testFilterUnavailableInLibhdf5() {
        assertHDF5Throws(try unsupported.tensor(at: "lzf"), .filterUnavailable(path: "/lzf", filter: "lzf (id 32000)"))
    }

    /// 64 MiB declared, nothing stored: refused before any allocation.
    func testDeclaredSizeBeyondStoredBytes() {
        assertHDF5Throws(try unsupported.tensor(at: "unwritten"), .declaredSizeExceedsStorage(path: "/unwritten", declared: 1 << 26, stored: 0))
    }

    func testBoolOutsideZeroOne() throws {
        let tensor = try unsupported.tensor(at: "bad_bool")
        XCTAssertThrowsError(try tensor.contiguousBytes()) { error in
            guard case .invalidBoolValue(path: "/bad_bool", _)? = error as? HDF5Error else { return XCTFail("\(error)") }
        }
    }

    func testUnsupportedAttributeType() {
        assertHDF5Throws(try unsupported.attribute("compound", at: "/"), .unsupportedAttributeType(path: "/", name: "compound", type: "compound"))
    }

    /// An attribute claiming 2^40 elements with 3 stored is refused before any allocation.
    func testAttributeDeclaringMoreThanTheFile() throws {
        let file = try HDF5File(path: HDF5Fixtures.path("malformed_attribute_dims.h5"))
        XCTAssertThrowsError(try file.attribute("big", at: "/")) { error in
            switch error as? HDF5Error {
            case .attributeTooLarge(path: "/", name: "big", _)?, .library(path: "/", _, _)?: break
            default: XCTFail("\(error)")
            }
        }
    }

    func testMissingAttribute() {
        assertHDF5Throws(try unsupported.attribute("nope", at: "/ok"), .attributeNotFound(path: "/ok", name: "nope"))
    }

    func testListingStillWorksWithUnsupportedDatasets() throws {
        XCTAssertEqual(try unsupported.dataset(at: "u32").elementType, .unsupported("uint32"))
        XCTAssertEqual(try unsupported.tensor(at: "ok").contiguousBytes().array, Array(withUnsafeBytes(of: Float(1).bitPattern.littleEndian, Array.init)))
    }
}
