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
            let outputs = report.measurements.filter { $0.name.hasPrefix("outputs/") }
            let grads = report.measurements.filter { $0.name.hasPrefix("grads/") }
            func worst(_ ms: [ParityComparator.Measurement], _ key: (ParityComparator.Measurement) -> Double) -> String {
                String(format: "%.3g", ms.map(key).max() ?? 0)
            }
            print("\(file) [\(report.tier)] \(report.passed ? "PASS" : "FAIL"): outputs max abs \(worst(outputs, \.maxAbs)) "
                  + "rel \(worst(outputs, \.maxRel)) ratio \(worst(outputs, \.worstRatio)); \(grads.count) grads max abs "
                  + "\(worst(grads, \.maxAbs)) ratio \(worst(grads, \.worstRatio))")
            if !report.passed { XCTFail(report.lines.filter { $0.contains("FAIL") }.joined(separator: "\n")) }
        }
        XCTAssertEqual(targets, Set(ModuleGoldenRunner.targets))
    }
}
