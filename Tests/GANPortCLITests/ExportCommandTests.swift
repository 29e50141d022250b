import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport export` run in-process: success, refusals and exit codes.
final class ExportCommandTests: XCTestCase {
    private let template = CommandTests.fixtures.appendingPathComponent("nvidia/stylegan2-ada-tiny-16.pkl").path
    private var scratch = ""

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "ganport-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    private func run(_ arguments: [String]) throws -> Int32 { try GenerateTestSupport.run(arguments) }

    func testConvertThenExportReproducesTheTemplate() throws {
        let converted = "\(scratch)/network.safetensors"
        let output = "\(scratch)/network-snapshot.pkl"
        XCTAssertEqual(try run(["convert", template, "--to", converted]), 0)
        XCTAssertEqual(try run(["export", converted, "--template", template, "--to", output]), 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), try Data(contentsOf: URL(fileURLWithPath: template)))
    }

    func testCommittedSnapshotExportsToTheCommittedExpectation() throws {
        let source = CommandTests.fixtures.appendingPathComponent("export/network.safetensors").path
        let output = "\(scratch)/network-snapshot.pkl"
        XCTAssertEqual(try run(["export", source, "--template", template, "--to", output]), 0)
        let exported = try CheckpointReader.read(path: output)
        let expected = try CheckpointReader.read(path: source)
        for named in expected.tensors {
            XCTAssertEqual(try exported.tensor(named: named.name)?.sha256Hex(), try named.tensor.sha256Hex(), named.name)
        }
    }

    func testPartialSourceNeedsKeepMissing() throws {
        let partial = "\(scratch)/g_ema.safetensors"
        let output = "\(scratch)/out.pkl"
        XCTAssertEqual(try run(["convert", template, "--select", "G_ema", "--to", partial]), 0)
        XCTAssertEqual(try run(["export", partial, "--template", template, "--to", output]), ExitStatus.badInput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try run(["export", partial, "--template", template, "--to", output, "--keep-missing"]), 0)
    }

    func testTemplateWithFindingsIsRefusedWithExitOne() throws {
        let hostile = CommandTests.fixtures.appendingPathComponent("pickle/hostile/builtins_eval.pkl").path
        XCTAssertEqual(try run(["export", template, "--template", hostile, "--to", "\(scratch)/out.pkl"]), ExitStatus.findings)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
    }

    func testUnreadableInputsExitTwo() throws {
        XCTAssertEqual(try run(["export", template, "--template", "\(scratch)/missing.pkl", "--to", "\(scratch)/o.pkl"]), ExitStatus.badInput)
        XCTAssertEqual(try run(["export", "\(scratch)/missing.safetensors", "--template", template, "--to", "\(scratch)/o.pkl"]), ExitStatus.badInput)
    }

    func testUnwritableOutputExitsThree() throws {
        XCTAssertEqual(try run(["export", template, "--template", template, "--to", "\(scratch)/no/such/dir/o.pkl"]), ExitStatus.outputFailed)
    }
}
