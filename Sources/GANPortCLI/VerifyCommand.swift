import ArgumentParser
import Foundation
import GANPortFormats
import GANPortTensor

/// `ganport verify FIXTURE.h5 …`: run golden fixtures and compare with the official results.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run golden fixtures in Swift and compare outputs and gradients with the official code.",
        discussion: """
        Each fixture (HDF5, format ganport-golden, version 1; SPEC.md §8) is run and every output \
        and gradient is compared with the tolerance tier SPEC.md §9 assigns. One line per tensor \
        (measured max abs / relative error, allowed bound), then a summary. Exits 0 only if every \
        tensor of every fixture is within bounds; 1 if any is not; 2 if a fixture cannot be read \
        or names an unknown format, version, kind or target (never a pass).
        """
    )

    @Argument(help: "Golden fixture files (.h5).")
    var fixtures: [String]

    @Flag(help: "Print a machine-readable JSON report instead of text.")
    var json = false

    func run() throws {
        var reports: [ParityReport] = []
        var unreadable = false
        for path in fixtures {
            do {
                let report = try GoldenRunner.run(path: path)
                reports.append(report)
                if !json { print(VerifyText.render(report)) }
            } catch {
                unreadable = true
                printError("\(path): \(error)")
            }
        }
        let passed = reports.filter(\.passed).count
        if json {
            print(VerifyText.json(reports, unreadable: fixtures.count - reports.count).serialized(pretty: true))
        } else {
            print("fixtures: \(passed) passed, \(reports.count - passed) failed, \(fixtures.count - reports.count) unreadable")
        }
        if unreadable { throw ExitCode(ExitStatus.badInput) }
        if passed != reports.count { throw ExitCode(ExitStatus.findings) }
    }
}

/// Chooses the runner for a fixture's kind.
enum GoldenRunner {
    static func run(path: String) throws -> ParityReport {
        let golden = try GoldenFixture(path: path)
        switch golden.kind {
        case "op": return try OpGoldenRunner.run(golden)
        default: throw GoldenFixtureError.unsupportedKind(golden.kind, path: path)
        }
    }
}

/// Text and JSON renderings of parity reports.
enum VerifyText {
    static func render(_ report: ParityReport) -> String {
        var lines = ["\(report.fixture) (\(report.target)): \(report.passed ? "PASS" : "FAIL")"]
        lines += report.lines.map { "  " + $0.text }
        return lines.joined(separator: "\n")
    }

    static func json(_ reports: [ParityReport], unreadable: Int) -> JSONValue {
        func number(_ x: Double) -> JSONValue { x.isFinite ? .double(x) : .string(x > 0 ? "Infinity" : "NaN") }
        return .object([
            ("passed", .bool(unreadable == 0 && reports.allSatisfy(\.passed))),
            ("unreadable", .int(Int64(unreadable))),
            ("fixtures", .array(reports.map { report in
                .object([
                    ("fixture", .string(report.fixture)), ("target", .string(report.target)), ("passed", .bool(report.passed)),
                    ("tensors", .array(report.lines.map { line in
                        .object([
                            ("tensor", .string(line.tensor)), ("tier", .string(line.tier)), ("max_abs", number(line.maxAbs)),
                            ("max_rel", number(line.maxRel)), ("bound", number(line.bound)), ("error_over_bound", number(line.worstRatio)),
                            ("passed", .bool(line.passed)), ("problem", line.problem.map(JSONValue.string) ?? .null),
                        ])
                    })),
                ])
            })),
        ])
    }
}
