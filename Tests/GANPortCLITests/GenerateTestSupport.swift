import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// Shared helpers of the `generate` and `style-mix` tests: fixture paths, running a command
/// in-process, comparing images with the official ones.
enum GenerateTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static let tiny = fixture("nvidia/stylegan2-ada-tiny-16.pkl")
    static let conditional = fixture("nvidia/stylegan2-ada-cond-32.pkl")

    /// Runs `ganport ARGUMENTS` in-process; returns the exit code (0 when it returned normally).
    static func run(_ arguments: [String]) throws -> Int32 {
        do {
            var command = try GANPortCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            return GANPortCommand.exitCode(for: error).rawValue
        }
    }

    /// One case of `fixtures/generate/cases.json` (written by `tools/make_generate_fixtures.py`).
    struct Case: Decodable {
        let name: String
        let script: String
        let checkpoint: String
        let files: [String]
        let seeds: String?
        let class_idx: Int?
        let trunc: Double
        let cutoff: Int?
        let projected_w: String?
        let rows: String?
        let cols: String?
        let styles: String?

        var checkpointPath: String { GenerateTestSupport.fixture("generate/" + checkpoint) }
    }

    private struct Document: Decodable { let cases: [Case] }

    static func cases(script: String) throws -> [Case] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("generate/cases.json"))
        return try JSONDecoder().decode(Document.self, from: data).cases.filter { $0.script == script }
    }

    /// Pixel differences between two PNG files: (differing samples, largest difference, samples).
    static func difference(_ path: String, _ reference: String) throws -> (count: Int, max: Int, total: Int) {
        let mine = try PNGDecoder.decode(path: path), official = try PNGDecoder.decode(path: reference)
        XCTAssertEqual(mine.width, official.width, path)
        XCTAssertEqual(mine.height, official.height, path)
        XCTAssertEqual(mine.layout, official.layout, path)
        let a = try XCTUnwrap(mine.pixels), b = try XCTUnwrap(official.pixels)
        XCTAssertEqual(a.count, b.count, path)
        var count = 0, largest = 0
        for (x, y) in zip(a, b) where x != y {
            count += 1
            largest = Swift.max(largest, abs(Int(x) - Int(y)))
        }
        return (count, largest, b.count)
    }

    /// Compares every PNG the official script wrote for `name` with the one in `folder`; returns
    /// the summed differences.
    static func compareFolder(_ folder: String, case name: String, files: [String]) throws -> (count: Int, max: Int, total: Int) {
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder)), Set(files), name)
        var sum = (count: 0, max: 0, total: 0)
        for file in files {
            let d = try difference(folder + "/" + file, fixture("generate/\(name)/\(file)"))
            sum = (sum.count + d.count, Swift.max(sum.max, d.max), sum.total + d.total)
        }
        return sum
    }

    /// A fresh scratch folder.
    static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "ganport-generate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
