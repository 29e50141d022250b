import ArgumentParser
import Foundation
import XCTest
@testable import GANPortCLI

/// Seed lists, label rules and the one-line errors of `generate` (exit 64 usage, 2 input, 3 output).
final class GenerateArgumentTests: XCTestCase {
    private var scratch = ""

    override func setUpWithError() throws { scratch = try GenerateTestSupport.scratch() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: scratch) }

    private func generate(_ extra: [String], checkpoint: String = GenerateTestSupport.tiny) throws -> Int32 {
        try GenerateTestSupport.run(["generate", checkpoint, "--out", scratch + "/out", "--quiet"] + extra)
    }

    func testSeedListsReadLikeNumRangeAndMixes() throws {
        XCTAssertEqual(try SeedList.parse("0-7", option: "--seeds"), Array(0...7))
        XCTAssertEqual(try SeedList.parse("1,5,9", option: "--seeds"), [1, 5, 9])
        XCTAssertEqual(try SeedList.parse("0-2, 10 ,20-21", option: "--seeds"), [0, 1, 2, 10, 20, 21])
        XCTAssertEqual(try SeedList.parse("5-5,5", option: "--seeds"), [5, 5])
        XCTAssertEqual(try SeedList.parse("4294967295", option: "--seeds"), [4_294_967_295])
    }

    func testMalformedSeedListsAreRefused() {
        let cases: [(String, SeedListError)] = [
            ("", .emptyItem(option: "--seeds", text: "")),
            ("1,,2", .emptyItem(option: "--seeds", text: "1,,2")),
            ("a", .notANumber(option: "--seeds", item: "a")),
            ("-1", .notANumber(option: "--seeds", item: "-1")),
            ("1-2-3", .notANumber(option: "--seeds", item: "1-2-3")),
            ("+4", .notANumber(option: "--seeds", item: "+4")),
            ("3-1", .descendingRange(option: "--seeds", item: "3-1")),
            ("4294967296", .outOfRange(option: "--seeds", item: "4294967296", limit: SeedList.maxSeed)),
            ("99999999999999999999999", .outOfRange(option: "--seeds", item: "99999999999999999999999", limit: SeedList.maxSeed)),
            ("0-4294967295", .tooMany(option: "--seeds", limit: SeedList.maxCount)),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try SeedList.parse(text, option: "--seeds"), text) { XCTAssertEqual($0 as? SeedListError, expected, text) }
        }
    }

    func testBadSeedsExitAsUsageErrors() throws {
        XCTAssertEqual(try generate(["--seeds", "1-x"]), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try generate([]), ExitCode.validationFailure.rawValue, "no --seeds and no --projected-w")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch + "/out"))
    }

    func testConditionalNetworkNeedsAClassInRange() throws {
        XCTAssertEqual(try generate(["--seeds", "0"], checkpoint: GenerateTestSupport.conditional), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try generate(["--seeds", "0", "--class", "3"], checkpoint: GenerateTestSupport.conditional), ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try generate(["--seeds", "0", "--class", "-1"], checkpoint: GenerateTestSupport.conditional), ExitCode.validationFailure.rawValue)
    }

    func testClassOnAnUnconditionalNetworkIsIgnoredWithAWarning() throws {
        XCTAssertEqual(try generate(["--seeds", "0", "--class", "1"]), 0)
        let difference = try GenerateTestSupport.difference(scratch + "/out/seed0000.png",
                                                            GenerateTestSupport.fixture("generate/tiny16-trunc1/seed0000.png"))
        XCTAssertEqual(difference.count, 0)
    }

    func testUnreadableInputsExitTwo() throws {
        XCTAssertEqual(try generate(["--seeds", "0"], checkpoint: scratch + "/missing.pkl"), ExitStatus.badInput)
        XCTAssertEqual(try generate(["--seeds", "0", "--network", "G_nope"]), ExitStatus.badInput)
        XCTAssertEqual(try generate(["--seeds", "0", "--network", "D"]), ExitStatus.badInput, "D is not a generator")
        XCTAssertEqual(try generate(["--projected-w", GenerateTestSupport.fixture("numpy/compressed.npz")]), ExitStatus.badInput,
                       "no array w")
        let wrongShape = GenerateTestSupport.fixture("generate/tiny16-projected-w/projected_w.npz")
        XCTAssertEqual(try generate(["--projected-w", wrongShape], checkpoint: GenerateTestSupport.conditional), ExitStatus.badInput,
                       "ws of another network")
        XCTAssertEqual(try generate(["--projected-w", scratch + "/missing.npz"]), ExitStatus.badInput)
    }

    func testGridSpecificationsAreChecked() throws {
        let grid = ["--out", scratch + "/g.png", "--quiet"]
        XCTAssertEqual(try GenerateTestSupport.run(["generate", GenerateTestSupport.tiny, "--seeds", "0-4", "--grid", "2x2"] + grid),
                       ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try GenerateTestSupport.run(["generate", GenerateTestSupport.tiny, "--seeds", "0", "--grid", "2by2"] + grid),
                       ExitCode.validationFailure.rawValue)
        XCTAssertEqual(try generate(["--seeds", "0", "--grid", "1x1"]), ExitCode.validationFailure.rawValue, "--grid needs a .png output")
    }

    func testAnOutputPathThatIsAFileExitsThree() throws {
        let file = scratch + "/file"
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        XCTAssertEqual(try GenerateTestSupport.run(["generate", GenerateTestSupport.tiny, "--seeds", "0", "--out", file, "--quiet"]),
                       ExitStatus.outputFailed)
    }

    func testFileNamesFollowGeneratePy() {
        XCTAssertEqual(ImageOutput.seedFileName(7), "seed0007.png")
        XCTAssertEqual(ImageOutput.seedFileName(12345), "seed12345.png")
        XCTAssertEqual(ImageOutput.projectionFileName(3), "proj03.png")
    }
}
