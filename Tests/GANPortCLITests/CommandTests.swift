import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `inspect` and `convert` run in-process on committed fixtures.
final class CommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")
    private func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }
    private var scratch = ""

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "ganport-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    private func run(_ arguments: [String]) throws -> Int32 { try GenerateTestSupport.run(arguments) }

    func testInspectOfAnOfficialPickleSucceeds() throws {
        XCTAssertEqual(try run(["inspect", fixture("examples/stylegan2-tiny.pkl")]), 0)
        XCTAssertEqual(try run(["inspect", fixture("examples/stylegan2-tiny.pkl"), "--json"]), 0)
    }

    func testInspectReportsFindingsWithExitOne() throws {
        XCTAssertEqual(try run(["inspect", fixture("pickle/hostile/os_system_reduce.pkl")]), ExitStatus.findings)
        XCTAssertEqual(try run(["inspect", fixture("pickle/hostile/broken_after_payload.pkl")]), ExitStatus.findings)
    }

    func testInspectOfMalformedInputExitsTwo() throws {
        XCTAssertEqual(try run(["inspect", fixture("torch/malformed/missing-storage.pt")]), ExitStatus.badInput)
        XCTAssertEqual(try run(["inspect", scratch + "/does-not-exist.pkl"]), ExitStatus.badInput)
    }

    func testConvertRoundTripsEveryTensorBitExactly() throws {
        let source = try CheckpointReader.read(path: fixture("examples/stylegan2-tiny.pkl"))
        for ext in ["safetensors", "h5", "pt"] {
            let output = "\(scratch)/out.\(ext)"
            XCTAssertEqual(try run(["convert", fixture("examples/stylegan2-tiny.pkl"), "--to", output]), 0, ext)
            let converted = try CheckpointReader.read(path: output)
            XCTAssertEqual(converted.tensors.count, source.tensors.count, ext)
            for named in source.tensors {
                let copy = try XCTUnwrap(converted.tensor(named: named.name), "\(ext) \(named.name)")
                XCTAssertEqual(copy.dtype, named.tensor.dtype)
                XCTAssertEqual(copy.shape, named.tensor.shape)
                XCTAssertEqual(try copy.sha256Hex(), try named.tensor.sha256Hex(), "\(ext) \(named.name)")
            }
        }
    }

    func testConvertKeepsStridedViewsAndAllDTypes() throws {
        let source = try CheckpointReader.read(path: fixture("torch/dtypes-zip.pt"))
        let output = "\(scratch)/dtypes.safetensors"
        XCTAssertEqual(try run(["convert", fixture("torch/dtypes-zip.pt"), "--to", output]), 0)
        let converted = try CheckpointReader.read(path: output)
        for named in source.tensors {
            XCTAssertEqual(try converted.tensor(named: named.name)?.sha256Hex(), try named.tensor.sha256Hex(), named.name)
        }
    }

    func testConvertRefusesFilesWithFindingsAndWritesNothing() throws {
        let output = "\(scratch)/evil.safetensors"
        XCTAssertEqual(try run(["convert", fixture("pickle/hostile/os_system_reduce.pkl"), "--to", output]), ExitStatus.findings)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
    }

    func testConvertOfMalformedInputExitsTwoAndWritesNothing() throws {
        let output = "\(scratch)/bad.safetensors"
        XCTAssertEqual(try run(["convert", fixture("torch/malformed/view-outside-storage.pt"), "--to", output]), ExitStatus.badInput)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
    }

    func testVerifyRunsOpFixturesAndRejectsUnknownFiles() throws {
        let ops = Self.fixtures.appendingPathComponent("ops")
        let first = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: ops.path).filter { $0.hasSuffix(".h5") }.sorted().first)
        XCTAssertEqual(try run(["verify", ops.appendingPathComponent(first).path]), 0)
        XCTAssertEqual(try run(["verify", fixture("examples/stylegan2-tiny.pkl")]), ExitStatus.badInput)
    }
}
