import Foundation
import GANPortFormats
import GANPortTensor

/// Runs `stylegan2-ada/AugmentPipe` golden fixtures (kind `op`): builds the pipe from the `call`
/// (constructor kwargs plus `p`), replays the recorded random draws, and compares the augmented
/// images and their input gradient with the official ones (SPEC.md §9).
public enum AugmentGoldenRunner {
    /// The fixture target this runner handles.
    public static let target = "stylegan2-ada/AugmentPipe"

    /// Runs one fixture. A draw the pipe requests that the recording does not have (other kind,
    /// shape or order), or recorded draws left unused, is a problem in the report.
    public static func run(_ golden: GoldenFixture) throws -> ParityReport {
        guard golden.kind == "op" else { throw GoldenFixtureError.unsupportedKind(golden.kind, path: golden.path) }
        guard golden.target == target else { throw OpTargetError.unknownTarget(golden.target) }
        let pipe: AugmentPipe
        do {
            pipe = try AugmentPipe(kwargs: try jsonValue(golden.call))
        } catch let error as AugmentSettingsError {
            throw OpTargetError.invalidArgument(target: target, key: error.description)
        }
        guard let stored = golden.group("inputs")["images"] else {
            throw GoldenFixtureError.missingTensor("inputs/images", path: golden.path)
        }
        try checkImageShape(stored.shape, path: golden.path)
        let random = try RecordedRandomSource(fixture: golden)
        let images = Tensor(shape: stored.shape, scalars: stored.scalars, requiresGrad: true)
        let output = pipe(images, random: random)
        let tier = tier(of: golden)
        var report = ParityReport(fixture: golden.path, target: target, checkpointEntry: "", tier: tier, measurements: [], problems: [])
        if let mismatch = random.mismatch { report.problems.append("random draws: \(mismatch)") }
        if random.mismatch == nil && random.remaining > 0 {
            report.problems.append("random draws: \(random.remaining) recorded draws were not used")
        }
        report.compareOutputs(["images": output], references: golden.group("outputs"))
        guard report.problems.isEmpty, let reference = golden.tensors["grads/inputs/images"] else { return report }
        guard let cotangent = golden.group("cotangents")["images"] else {
            throw GoldenFixtureError.missingTensor("cotangents/images", path: golden.path)
        }
        guard cotangent.shape == output.shape else {
            throw GoldenFixtureError.invalidValue("cotangents/images", reason: "shape \(cotangent.shape) differs from the output's "
                + "\(output.shape)", path: golden.path)
        }
        let gradient = Tensor.gradients(of: [output], wrt: [images], cotangents: [cotangent])[0]
        report.measurements.append(ParityComparator.compareGradient("grads/inputs/images", gradient, reference: reference,
                                                                    tier: tier, gradMaxAbs: golden.gradMaxAbs))
        return report
    }

    /// The pipe takes `[N ≥ 1, 1 or 3 channels, H ≥ 1, W ≥ 1]` images, as the official one.
    static func checkImageShape(_ shape: [Int], path: String) throws {
        guard shape.count == 4, shape.allSatisfy({ $0 >= 1 }), shape[1] == 1 || shape[1] == 3 else {
            throw GoldenFixtureError.invalidValue("inputs/images", reason: "shape \(shape) is not [N ≥ 1, 1 or 3, H ≥ 1, W ≥ 1]",
                                                  path: path)
        }
    }

    /// The tier of an AugmentPipe fixture (SPEC.md §9): the FIR passes of the geometric resampling
    /// (two separable 12-tap filters, 48 products), the four bilinear taps, the color product (3)
    /// and the image filter (two 43-tap passes, when enabled), plus `positionSlack` for the sample
    /// positions, which the official code computes with transcendental functions (`exp2`, `sin`,
    /// `cos`) whose float32 results may differ from GANPort's by an ulp.
    public static func tier(of golden: GoldenFixture) -> ParityComparator.Tier {
        let call = (try? jsonValue(golden.call)) ?? .object([])
        func enabled(_ key: String) -> Bool { (call[key]?.doubleValue ?? 0) > 0 }
        let geometry = ["xflip", "rotate90", "xint", "scale", "rotate", "aniso", "xfrac"].contains(where: enabled)
        var length = 3
        if geometry { length += 2 * 2 * AugmentFilters.geometry.count + 4 + positionSlack }
        if enabled("imgfilter") { length += 2 * AugmentFilters.filterBank[0].count }
        return .reduction(length: length)
    }

    /// Extra reduction length granted for ulp-level differences of the geometric sample positions.
    public static let positionSlack = 64

    /// The `call` attribute as JSON.
    static func jsonValue(_ text: String) throws -> JSONValue {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw OpTargetError.invalidCall(text)
        }
        return convert(object)
    }

    /// A value decoded by `JSONSerialization` as a `JSONValue` (object keys sorted, numbers as doubles).
    static func convert(_ value: Any) -> JSONValue {
        switch value {
        case let dictionary as [String: Any]:
            return .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, convert($0.value)) })
        case let array as [Any]:
            return .array(array.map(convert))
        case let number as NSNumber:
            return .double(number.doubleValue)
        case let text as String:
            return .string(text)
        default:
            return .null
        }
    }
}
