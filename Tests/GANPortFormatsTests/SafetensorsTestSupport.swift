import Crypto
import Foundation
import XCTest
@testable import GANPortFormats

/// Paths, manifest and byte builders for the safetensors tests.
enum SafetensorsFixtures {
    /// `fixtures/safetensors/` of the package.
    static let directory = Fixtures.root.appendingPathComponent("safetensors")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `manifest.json` → `files` object.
    static func manifestFiles() throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(root["files"] as? [String: Any])
    }

    static func sha256Hex(_ bytes: ByteSlice) -> String {
        bytes.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// A file: 8-byte length (the header's, unless `declaredLength` is given), header, data.
    static func file(_ header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> ByteSlice {
        file(Array(header.utf8), data: data, declaredLength: declaredLength)
    }

    static func file(_ header: [UInt8], data: [UInt8] = [], declaredLength: UInt64? = nil) -> ByteSlice {
        let length = declaredLength ?? UInt64(header.count)
        return ByteSlice(withUnsafeBytes(of: length.littleEndian, Array.init) + header + data)
    }

    /// A one-tensor header `{"<name>":{"dtype":…,"shape":…,"data_offsets":…}}`.
    static func entry(_ name: String = "t", dtype: String = "F32", shape: String, offsets: String) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    static func temporaryPath(_ name: String) -> String { Fixtures.temporaryPath(name) }
}

/// Asserts that reading `bytes` fails with exactly `expected`.
func assertSafetensorsRejects(_ bytes: ByteSlice, _ expected: SafetensorsError, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try SafetensorsReader.read(bytes), file: file, line: line) { error in
        XCTAssertEqual(error as? SafetensorsError, expected, "\(error)", file: file, line: line)
    }
}
