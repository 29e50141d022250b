import Foundation
import GANPortModels
import GANPortTensor
import XCTest

/// Paths of the committed fixtures.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures").path
    static let modules = root + "/modules"
    static let nvidia = root + "/nvidia"
}

final class ModuleGoldenParityTests: XCTestCase {
    func testEveryModuleGoldenMatchesTheOfficialModules() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.modules).filter { $0.hasSuffix(".h5") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 11)
        var targets = Set<String>()
        for file in files {
            let report = try ModuleGoldenRunner.run(fixturePath: Fixtures.modules + "/" + file)
            targets.insert(report.target)
            let worst = report.measurements.max { $0.worstRatio < $1.worstRatio }
            print("\(file): \(report.passed ? "PASS" : "FAIL") [\(report.tier)] \(report.measurements.count) tensors, worst \(worst?.line ?? "-")")
            for m in report.measurements where m.name.hasPrefix("outputs/") { print("  " + m.line) }
            if !report.passed { XCTFail(report.lines.filter { $0.contains("FAIL") }.joined(separator: "\n")) }
        }
        XCTAssertEqual(targets, Set(ModuleGoldenRunner.targets))
    }
}
