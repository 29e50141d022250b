import Crypto
import Foundation
import XCTest
@testable import GANPortFormats

/// Paths and helpers for the HDF5 tests.
enum HDF5Fixtures {
    /// `fixtures/hdf5/` of the package.
    static let directory = Fixtures.root.appendingPathComponent("hdf5")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The `datasets` list of one file in `manifest.json`.
    static func manifestDatasets(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try XCTUnwrap(root["files"] as? [String: Any])
        let entry = try XCTUnwrap(files[file] as? [String: Any])
        return try XCTUnwrap(entry["datasets"] as? [[String: Any]])
    }

    static func sha256Hex(_ bytes: ByteSlice) -> String {
        bytes.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// A fresh empty directory; returns the path of `name` inside it.
    static func temporaryPath(_ name: String) -> String { Fixtures.temporaryPath(name) }

    static func tensor(_ dtype: DType, _ shape: [Int], _ bytes: [UInt8]) throws -> StoredTensor {
        try StoredTensor(dtype: dtype, shape: shape, bytes: ByteSlice(bytes))
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertHDF5Throws<T>(_ body: @autoclosure () throws -> T, _ expected: HDF5Error, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? HDF5Error, expected, "\(error)", file: file, line: line)
    }
}
