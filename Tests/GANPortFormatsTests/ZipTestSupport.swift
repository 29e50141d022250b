import Foundation
import XCTest
@testable import GANPortFormats

/// Paths and helpers for the ZIP and NumPy fixture tests.
enum ZipTestSupport {
    static func fixture(_ family: String, _ name: String) -> String { Fixtures.path("\(family)/\(name)") }

    static func zipFixture(_ name: String, limits: ZipLimits = .default) throws -> ZipArchive {
        try ZipArchive(contentsOf: fixture("zip", name), limits: limits)
    }

    /// A path in a per-process temporary folder.
    static func temporaryPath(_ name: String) -> String { Fixtures.temporaryPath(name) }
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
