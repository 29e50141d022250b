import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

/// `ganport finetune` run in-process: a tiny run, resume, and the exit codes of its refusals.
final class FinetuneCommandTests: XCTestCase {
    private let checkpoint = GenerateTestSupport.fixture("examples/stylegan2-tiny.pkl")
    private var scratch = ""

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "ganport-finetune-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        XCTAssertEqual(try GenerateTestSupport.run(["generate", checkpoint, "--seeds", "0-5", "--out", scratch + "/data", "--quiet"]), 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    private func finetune(_ extra: [String]) throws -> Int32 {
        try GenerateTestSupport.run(["finetune", "--quiet"] + extra)
    }

    private var newRun: [String] {
        [checkpoint, "--data", scratch + "/data", "--out", scratch + "/run", "--kimg", "0.008", "--snap-kimg", "0.004",
         "--batch", "2", "--cfg", "paper256", "--samples", "4", "--sample-columns", "2"]
    }

    func testRunThenResumeExtendsTheRun() throws {
        XCTAssertEqual(try finetune(newRun), 0)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: scratch + "/run").filter { $0.hasPrefix("snapshot-") }.sorted()
        XCTAssertEqual(snapshots, ["snapshot-000000004", "snapshot-000000008"])
        XCTAssertEqual(try finetune(["--resume", scratch + "/run", "--kimg", "0.010"]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch + "/run/snapshot-000000010/network.safetensors"))
        // The snapshot is a checkpoint the other commands read.
        XCTAssertEqual(try GenerateTestSupport.run(["export", scratch + "/run/snapshot-000000010/network.safetensors",
                                                    "--template", checkpoint, "--to", scratch + "/out.pkl"]), 0)
    }

    func testANewRunIntoAnExistingRunIsRefused() throws {
        XCTAssertEqual(try finetune(newRun), 0)
        XCTAssertEqual(try finetune(newRun), ExitCode.validationFailure.rawValue)
    }

    func testUsageErrorsExit64() throws {
        XCTAssertEqual(try finetune([checkpoint, "--data", scratch + "/data"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(["--resume", scratch + "/run", "--batch", "8"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun + ["--cfg", "paper9"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun + ["--aug", "fixed"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun + ["--augpipe", "xyz"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun + ["--aug", "noaug", "--augpipe", "bgc"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun + ["--samples", "5000000000"]), ExitCode.validationFailure.rawValue)
        var oddBatch = newRun
        oddBatch[oddBatch.firstIndex(of: "--batch")! + 1] = "6"  // minibatch-std groups of 4
        XCTAssertEqual(try finetune(oddBatch), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try finetune(newRun.map { $0 == "0.008" ? "-1" : $0 }), ExitCode.validationFailure.rawValue)
    }

    func testUnreadableInputsExit2() throws {
        var missingData = newRun
        missingData[2] = scratch + "/nothing-here"
        XCTAssertEqual(try finetune(missingData), ExitStatus.badInput)
        XCTAssertEqual(try finetune(["--resume", scratch + "/no-run"]), ExitStatus.badInput)
    }
}
