import Foundation
@testable import GANPortFormats

/// Fixture files and small helpers shared by the pickle tests.
enum PickleTestSupport {
    static let fixtures = Fixtures.root.appendingPathComponent("pickle")

    static func bytes(_ relativePath: String) throws -> ByteSlice {
        try ByteBuffer.map(path: fixtures.appendingPathComponent(relativePath).path).all
    }

    static func load(_ relativePath: String, limits: PickleLimits = .init()) throws -> PickleResult {
        var unpickler = Unpickler(try bytes(relativePath), limits: limits, streamName: relativePath)
        return try unpickler.load()
    }

    /// Loads an inline stream.
    static func load(_ stream: [UInt8], limits: PickleLimits = .init()) throws -> PickleResult {
        var unpickler = Unpickler(ByteSlice(stream), limits: limits)
        return try unpickler.load()
    }

    /// The error loading `stream` throws, or nil.
    static func error(_ stream: [UInt8], limits: PickleLimits = .init()) -> PickleError? {
        do {
            _ = try load(stream, limits: limits)
            return nil
        } catch {
            return error as? PickleError
        }
    }
}

/// `Array("text".utf8)` spelled short, for inline streams.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
