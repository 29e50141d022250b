import Foundation
import GANPortFormats
import XCTest
@testable import GANPortTensor

/// One op golden fixture in memory: root attributes and tensors by path (`inputs/x`, `outputs/y`,
/// `cotangents/y`, `grads/inputs/x`).
struct OpGoldenCase {
    var name: String
    var target: String
    var call: String
    var gradMaxAbs: Double
    var tensors: [String: Tensor<Float>]

    func group(_ prefix: String) -> [String: Tensor<Float>] {
        Dictionary(uniqueKeysWithValues: tensors.compactMap { key, value in
            key.hasPrefix(prefix + "/") ? (String(key.dropFirst(prefix.count + 1)), value) : nil
        }.filter { !$0.0.contains("/") })
    }
}

/// The tolerance tier of an op golden (see docs/tolerances.md), from its target and inputs.
extension ParityComparator.Tier {
    static func of(_ golden: OpGoldenCase) -> ParityComparator.Tier {
        let inputs = golden.group("inputs")
        func taps(_ name: String) -> Int { inputs[name].map { $0.rank == 1 ? 2 * $0.count : $0.count } ?? 1 }
        func kernel(_ name: String) -> Int { inputs[name].map { $0.shape.dropFirst().reduce(1, *) } ?? 1 }
        switch golden.target {
        case "setup_filter": return .exact
        case "bias_act": return .elementwise
        case "upfirdn2d": return .reduction(length: taps("f"))
        case "filtered_lrelu": return .reduction(length: taps("fu") * taps("fd"))
        case "conv2d_resample": return .reduction(length: kernel("w") * taps("f"))
        case "modulated_conv2d": return .reduction(length: kernel("weight") * taps("f"))
        case "torch/conv2d", "torch/conv_transpose2d", "torch/linear": return .reduction(length: kernel("weight"))
        case "normalize_2nd_moment": return .reduction(length: inputs["x"].map { $0.shape[1] } ?? 1)
        case "minibatch_std": return .reduction(length: inputs["x"].map { $0.shape.dropFirst().reduce(1, *) } ?? 1)
        default: return .reduction(length: 1)
        }
    }
}

/// Runs one golden case through the engine and compares outputs and input gradients with its tier.
/// Returns report lines; calls XCTFail for every tensor out of bounds.
func compareOpGolden(_ golden: OpGoldenCase, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
    let tier = ParityComparator.Tier.of(golden)
    let gradientNames = Set(golden.group("grads/inputs").keys)
    var inputs = golden.group("inputs")
    for (name, tensor) in inputs where gradientNames.contains(name) {
        inputs[name] = Tensor(shape: tensor.shape, scalars: tensor.scalars, requiresGrad: true)
    }
    let outputs = try OpTargets.run(target: golden.target, callJSON: golden.call, inputs: inputs)
    var report: [String] = []
    func record(_ m: ParityComparator.Measurement) {
        report.append("\(golden.name) \(m.line)")
        if !m.passed { XCTFail("\(golden.name) out of bounds: \(m.line)", file: file, line: line) }
    }
    let references = golden.group("outputs")
    for (name, reference) in references.sorted(by: { $0.key < $1.key }) {
        guard let value = outputs[name] else { XCTFail("\(golden.name): no output \(name)"); continue }
        record(ParityComparator.compareOutput("outputs/\(name)", value, reference: reference, tier: tier))
    }
    let names = gradientNames.sorted()
    if !names.isEmpty {
        let outputNames = references.keys.sorted()
        let cotangents = golden.group("cotangents")
        let gradients = Tensor.gradients(of: outputNames.map { outputs[$0]! }, wrt: names.map { inputs[$0]! },
                                         cotangents: outputNames.map { cotangents[$0]! })
        for (name, gradient) in zip(names, gradients) {
            record(ParityComparator.compareGradient("grads/inputs/\(name)", gradient, reference: golden.tensors["grads/inputs/\(name)"]!,
                                                    tier: tier, gradMaxAbs: golden.gradMaxAbs))
        }
    }
    return report
}

extension OpGoldenCase {
    /// Reads an op golden fixture (HDF5, `format = ganport-golden`, `version = 1`, `kind = op`).
    init(hdf5Path path: String) throws {
        let file = try HDF5File(path: path)
        func text(_ name: String) throws -> String? { try file.attribute(name, at: "/").stringValue }
        guard try text("format") == "ganport-golden", try file.attribute("version", at: "/").intValue == 1,
              try text("kind") == "op", let target = try text("target"), let call = try text("call") else {
            throw OpTargetError.invalidCall("\(path) is not a version 1 op golden fixture")
        }
        var tensors: [String: Tensor<Float>] = [:]
        for info in file.datasets {
            tensors[String(info.path.drop(while: { $0 == "/" }))] = try Tensor<Float>(file.tensor(at: info.path))
        }
        self.init(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, target: target, call: call,
                  gradMaxAbs: try file.attribute("grad_max_abs", at: "/").doubleValue ?? 0, tensors: tensors)
    }
}

final class OpGoldenParityTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/ops").path

    func testEveryOpGoldenMatchesTheOfficialReference() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".h5") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 50)
        var targets = Set<String>()
        for file in files {
            let golden = try OpGoldenCase(hdf5Path: Self.fixtures + "/" + file)
            targets.insert(golden.target)
            for line in try compareOpGolden(golden) { print(line) }
        }
        XCTAssertEqual(targets, Set(OpTargets.names))
    }

    func testUnknownTargetIsAnErrorNotAPass() {
        XCTAssertThrowsError(try OpTargets.run(target: "upfirdn3d", callJSON: "{}", inputs: [String: Tensor<Float>]())) { error in
            XCTAssertEqual(error as? OpTargetError, .unknownTarget("upfirdn3d"))
        }
        XCTAssertThrowsError(try OpTargets.run(target: "bias_act", callJSON: "{\"act\": 3}", inputs: ["x": Tensor<Float>([1])]))
    }
}
