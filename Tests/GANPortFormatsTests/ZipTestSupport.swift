import Foundation
import XCTest
@testable import GANPortFormats

/// Paths and helpers for the ZIP and NumPy fixture tests.
enum ZipTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ family: String, _ name: String) -> String {
        repositoryRoot.appendingPathComponent("fixtures/\(family)/\(name)").path
    }

    static func zipFixture(_ name: String, limits: ZipLimits = .default) throws -> ZipArchive {
        try ZipArchive(contentsOf: fixture("zip", name), limits: limits)
    }

    /// A path in a per-process temporary folder.
    static func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ganport-zip-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertThrowsEqual<E: Error & Equatable, T>(_ expected: E, file: StaticString = #filePath, line: UInt = #line,
                                             _ body: () throws -> T) {
    do {
        _ = try body()
        XCTFail("expected \(expected), nothing thrown", file: file, line: line)
    } catch let error as E {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
