import XCTest
@testable import GANPortCLI

final class VersionTests: XCTestCase {
    func testRootCommandParses() throws {
        XCTAssertNoThrow(try GANPortCommand.parseAsRoot([]))
    }
}
