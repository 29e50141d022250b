import Foundation
import XCTest
@testable import GANPortFormats

/// Paths of committed fixtures and checks against their manifests.
enum Fixtures {
    /// The package's `fixtures/` folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// Absolute path of `fixtures/<relative>`.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A path named `name` in a fresh temporary folder (the folder is created, the file is not).
    static func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ganport-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// Mapped bytes of `fixtures/<relative>`.
    static func bytes(_ relative: String) throws -> ByteSlice { try ByteBuffer.map(path: path(relative)).all }

    /// Asserts that reading `fixtures/<relative>` gives exactly the format, names, dtypes,
    /// shapes and SHA-256s of its `<file>.manifest.json` (the `inspect --json` layout).
    static func assertMatchesManifest(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let checkpoint = try CheckpointReader.read(path: path(relative))
        let data = try Data(contentsOf: URL(fileURLWithPath: path(relative + ".manifest.json")))
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
        XCTAssertEqual(checkpoint.format.rawValue, expected["format"] as? String, "format of \(relative)", file: file, line: line)
        let actual = try checkpoint.manifest(hashes: true)
        let actualRows = actual["tensors"]?.arrayValue ?? []
        let expectedRows = try XCTUnwrap(expected["tensors"] as? [[String: Any]], file: file, line: line)
        XCTAssertEqual(actualRows.count, expectedRows.count, "tensor count of \(relative)", file: file, line: line)
        for (row, want) in zip(actualRows, expectedRows) {
            let name = row["name"]?.stringValue ?? ""
            XCTAssertEqual(name, want["name"] as? String, file: file, line: line)
            XCTAssertEqual(row["dtype"]?.stringValue, want["dtype"] as? String, "dtype of \(name)", file: file, line: line)
            XCTAssertEqual((row["shape"]?.arrayValue ?? []).compactMap(\.intValue).map(Int.init), want["shape"] as? [Int], "shape of \(name)", file: file, line: line)
            XCTAssertEqual(row["sha256"]?.stringValue, want["sha256"] as? String, "sha256 of \(name)", file: file, line: line)
        }
    }
}
