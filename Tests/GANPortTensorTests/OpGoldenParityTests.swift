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

/// Tolerance tiers of op parity (see docs/tolerances.md).
enum ParityTier: CustomStringConvertible {
    /// No arithmetic beyond exactly rounded steps in the same order: bit-identical.
    case exact
    /// Element-wise functions: a few ULPs of each reference value.
    case elementwise
    /// Sums of `length` products: bound `2·ε·length·max|reference|` (ε = 2⁻²³).
    case reduction(length: Int)

    var description: String {
        switch self {
        case .exact: return "exact"
        case .elementwise: return "elementwise"
        case let .reduction(length): return "reduction(\(length))"
        }
    }

    static let epsilon = Double(Float.ulpOfOne)

    /// The largest allowed |swift − reference| for reference values `reference` (max |reference| = `scale`).
    func bound(reference: Double, scale: Double) -> Double {
        switch self {
        case .exact: return 0
        case .elementwise: return 8 * ParityTier.epsilon * Swift.abs(reference) + 1e-30
        case let .reduction(length): return 2 * ParityTier.epsilon * Double(Swift.max(length, 1)) * Swift.max(scale, 1e-30)
        }
    }

    /// Gradient bound against the file's `grad_max_abs` (gradients are sums over at least `length`).
    func gradientBound(gradMaxAbs: Double) -> Double {
        switch self {
        case .exact: return 0
        case .elementwise: return 8 * ParityTier.epsilon * gradMaxAbs
        case let .reduction(length): return 2 * ParityTier.epsilon * Double(Swift.max(length, 1)) * gradMaxAbs
        }
    }

    /// The tier of a golden case, from its target and inputs.
    static func of(_ golden: OpGoldenCase) -> ParityTier {
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
        case "torch/pad":
            // Copies are exact; replication gradients sum up to (pad + 1)² cotangents at the corners.
            guard golden.call.contains("replicate") else { return .exact }
            let widest = (callInts(golden.call, "pad").max() ?? 0) + 1
            return .reduction(length: widest * widest)
        case "torch/elementwise", "logistic_loss": return .elementwise
        case "torch/instance_norm": return .reduction(length: inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1)
        case "adain": return .reduction(length: (inputs["x"].map { $0.shape.dropFirst(2).reduce(1, *) } ?? 1) + kernel("fc_weight"))
        case "torch/batch_norm_eval", "torch/interpolate": return .reduction(length: 4)
        case "torch/avg_pool2d": return .reduction(length: callInts(golden.call, "kernel_size").reduce(1, *))
        case "torch/reduction":
            guard let x = inputs["x"] else { return .reduction(length: 1) }
            let dims = callInts(golden.call, "dim")
            return .reduction(length: dims.isEmpty ? x.count : dims.reduce(1) { $0 * x.shape[$1] })
        default: return .reduction(length: 1)
        }
    }
}

/// The integer list under `key` of a call's JSON (empty when absent or null).
func callInts(_ call: String, _ key: String) -> [Int] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(call.utf8)) as? [String: Any] else { return [] }
    return (object[key] as? [NSNumber])?.map(\.intValue) ?? []
}

/// Measured errors of one tensor against its reference.
struct ParityMeasurement {
    var maxAbs = 0.0, maxRel = 0.0, worstRatio = 0.0

    static func measure(_ value: Tensor<Float>, _ reference: Tensor<Float>, bound: (Double) -> Double) -> ParityMeasurement {
        var result = ParityMeasurement()
        for (a, b) in zip(value.scalars, reference.scalars) {
            let error = Swift.abs(Double(a) - Double(b))
            result.maxAbs = Swift.max(result.maxAbs, error)
            if b != 0 { result.maxRel = Swift.max(result.maxRel, error / Swift.abs(Double(b))) }
            let allowed = bound(Double(b))
            result.worstRatio = Swift.max(result.worstRatio, allowed == 0 ? (error == 0 ? 0 : .infinity) : error / allowed)
        }
        return result
    }
}

/// Runs one golden case through the engine and compares outputs and input gradients with its tier.
/// Returns report lines; calls XCTFail for every tensor out of bounds.
func compareOpGolden(_ golden: OpGoldenCase, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
    let tier = ParityTier.of(golden)
    let gradientNames = Set(golden.group("grads/inputs").keys)
    var inputs = golden.group("inputs")
    for (name, tensor) in inputs where gradientNames.contains(name) {
        inputs[name] = Tensor(shape: tensor.shape, scalars: tensor.scalars, requiresGrad: true)
    }
    let outputs = try OpTargets.run(target: golden.target, callJSON: golden.call, inputs: inputs)
    var report: [String] = []
    func check(_ label: String, _ value: Tensor<Float>, _ reference: Tensor<Float>, bound: (Double) -> Double) {
        guard value.shape == reference.shape else {
            XCTFail("\(golden.name) \(label): shape \(value.shape), reference \(reference.shape)", file: file, line: line)
            return
        }
        let m = ParityMeasurement.measure(value, reference, bound: bound)
        report.append(String(format: "%@ %@ [%@]: max abs %.3g, max rel %.3g, worst error/bound %.3f",
                             golden.name, label, tier.description, m.maxAbs, m.maxRel, m.worstRatio))
        if m.worstRatio > 1 { XCTFail("\(golden.name) \(label) out of bounds: \(report.last!)", file: file, line: line) }
    }
    let references = golden.group("outputs")
    for (name, reference) in references.sorted(by: { $0.key < $1.key }) {
        guard let value = outputs[name] else { XCTFail("\(golden.name): no output \(name)"); continue }
        let scale = reference.scalars.map { Swift.abs(Double($0)) }.max() ?? 0
        check("outputs/\(name)", value, reference) { tier.bound(reference: $0, scale: scale) }
    }
    let names = gradientNames.sorted()
    if !names.isEmpty {
        let outputNames = references.keys.sorted()
        let cotangents = golden.group("cotangents")
        let gradients = Tensor.gradients(of: outputNames.map { outputs[$0]! }, wrt: names.map { inputs[$0]! },
                                         cotangents: outputNames.map { cotangents[$0]! })
        let allowed = tier.gradientBound(gradMaxAbs: golden.gradMaxAbs)
        for (name, gradient) in zip(names, gradients) {
            check("grads/inputs/\(name)", gradient, golden.tensors["grads/inputs/\(name)"]!) { _ in allowed }
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
        XCTAssertGreaterThanOrEqual(files.count, 95)
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
