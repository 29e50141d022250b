import GANPortFormats
import GANPortTensor
import XCTest
@testable import GANPortTraining

/// A `RandomSource` that counts the draws it hands out (values from a seeded NumPy source).
final class CountingRandomSource: RandomSource {
    let base = NumPyRandomSource(seed: 3)
    var log: [String] = []
    func normal(_ shape: [Int]) -> Tensor<Float> { log.append("randn\(shape)"); return base.normal(shape) }
    func uniform(_ shape: [Int]) -> Tensor<Float> { log.append("rand\(shape)"); return base.uniform(shape) }
    func integers(low: Int, high: Int, shape: [Int]) -> [Int] {
        log.append("randint\(shape)")
        return base.integers(low: low, high: high, shape: shape)
    }
}

final class AugmentPipeTests: XCTestCase {
    func images(_ shape: [Int]) -> Tensor<Float> {
        let source = NumPyRandomSource(seed: 11)
        return source.uniform(shape) * 2 - 1
    }

    func testAtZeroStrengthEveryDrawIsMadeAndTheImagesBarelyChange() {
        let pipe = AugmentPipe(preset: .bgc, p: 0)
        let random = CountingRandomSource()
        let x = images([2, 3, 10, 10])
        let y = pipe(x, random: random)
        XCTAssertEqual(random.log.count, 26)
        XCTAssertEqual(random.log.prefix(6), ["rand[2]", "rand[2]", "rand[2]", "rand[2]", "rand[2, 2]", "rand[2, 1]"])
        XCTAssertLessThan(maxDifference(x, y), 1e-5)
    }

    func testOneChannelImagesSkipHueAndSaturationDraws() {
        let random = CountingRandomSource()
        _ = AugmentPipe(preset: .color)(images([2, 1, 8, 8]), random: random)
        XCTAssertEqual(random.log, ["randn[2]", "rand[2]", "randn[2]", "rand[2]", "rand[2, 1, 1]", "rand[2, 1, 1]"])
    }

    func testNoEnabledTransformIsTheExactIdentity() {
        let x = images([1, 3, 6, 6])
        let random = CountingRandomSource()
        XCTAssertEqual(AugmentPipe(settings: AugmentSettings())(x, random: random).scalars, x.scalars)
        XCTAssertTrue(random.log.isEmpty)
    }

    func testSecondOrderGradientsFlowThroughThePipe() {
        // R1 through augmentation: ∂/∂x of |∂ Σ aug(x)² / ∂x|² needs the pullbacks to be differentiable.
        let pipe = AugmentPipe(preset: .bgc, p: 1)
        let x = Tensor(shape: [2, 3, 8, 8], scalars: images([2, 3, 8, 8]).scalars, requiresGrad: true)
        let y = pipe(x, random: NumPyRandomSource(seed: 5))
        let gradient = Tensor.gradients(of: [y.square().sum()], wrt: [x], createGraph: true)[0]
        let penalty = gradient.square().sum()
        let second = Tensor.gradients(of: [penalty], wrt: [x])[0]
        XCTAssertTrue(gradient.requiresGrad)
        XCTAssertTrue(second.scalars.allSatisfy(\.isFinite))
        XCTAssertGreaterThan(second.scalars.map(abs).max() ?? 0, 0)
    }

    func testPresetsMatchTheOfficialTrainPy() {
        XCTAssertEqual(AugmentPreset.allCases.map(\.rawValue),
                       ["blit", "geom", "color", "filter", "noise", "cutout", "bg", "bgc", "bgcf", "bgcfn", "bgcfnc"])
        let bgc = AugmentPreset.bgc.settings
        XCTAssertEqual([bgc.xflip, bgc.rotate90, bgc.xint, bgc.scale, bgc.rotate, bgc.aniso, bgc.xfrac,
                        bgc.brightness, bgc.contrast, bgc.lumaflip, bgc.hue, bgc.saturation], [Double](repeating: 1, count: 12))
        XCTAssertEqual([bgc.imgfilter, bgc.noise, bgc.cutout], [0, 0, 0])
        XCTAssertEqual(AugmentPreset.bgcfnc.settings.cutout, 1)
        XCTAssertThrowsError(try AugmentPreset(name: "bgcx"))
    }

    func testKwargsBindLikeTheOfficialConstructor() throws {
        let pipe = try AugmentPipe(kwargs: .object([("xflip", .int(1)), ("rotate_max", .double(0.5)),
                                                     ("imgfilter_bands", .array([.int(0), .int(1), .double(0.5), .int(1)])),
                                                     ("p", .double(0.25))]))
        XCTAssertEqual(pipe.settings.xflip, 1)
        XCTAssertEqual(pipe.settings.rotateMax, 0.5)
        XCTAssertEqual(pipe.settings.imgfilterBands, [0, 1, 0.5, 1])
        XCTAssertEqual(pipe.settings.xintMax, 0.125)
        XCTAssertEqual(pipe.p, 0.25)
        XCTAssertEqual(try AugmentSettings(kwargs: pipe.settings.kwargs), pipe.settings)
    }

    func testInvalidKwargsAreTypedErrors() {
        XCTAssertThrowsError(try AugmentSettings(kwargs: .array([]))) { XCTAssertEqual($0 as? AugmentSettingsError, .notAnObject) }
        XCTAssertThrowsError(try AugmentSettings(kwargs: .object([("flip", .int(1))]))) {
            XCTAssertEqual($0 as? AugmentSettingsError, .unknownArgument("flip"))
        }
        XCTAssertThrowsError(try AugmentSettings(kwargs: .object([("xflip", .string("1"))]))) {
            XCTAssertEqual($0 as? AugmentSettingsError, .invalidValue(key: "xflip", expected: "a finite number"))
        }
        XCTAssertThrowsError(try AugmentSettings(kwargs: .object([("imgfilter_bands", .array([.int(1)]))]))) {
            XCTAssertEqual($0 as? AugmentSettingsError, .invalidValue(key: "imgfilter_bands", expected: "a list of 4 numbers"))
        }
        XCTAssertThrowsError(try AugmentPipe(kwargs: .object([("p", .string("x"))])))
    }

    func testGeometryFilterIsNormalizedSym6() {
        let total = AugmentFilters.sym6.reduce(0, +)
        for (value, tap) in zip(AugmentFilters.geometry, AugmentFilters.sym6) {
            XCTAssertEqual(Double(value), tap / total, accuracy: 1e-7)
        }
        XCTAssertEqual(AugmentFilters.filterBank.count, 4)
        XCTAssertEqual(AugmentFilters.filterBank[0].count, 43)
    }

    private func maxDifference(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Double {
        zip(a.scalars, b.scalars).map { Double(abs($0 - $1)) }.max() ?? 0
    }
}

/// The pipe, its image gradient and a second-order gradient through it give the same bits for
/// any thread count.
final class AugmentPipeThreadTests: XCTestCase {
    func bits(threads: Int) -> [[UInt32]] {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        let shape = [2, 3, 48, 48]
        let x = Tensor<Float>(shape: shape, scalars: (NumPyRandomSource(seed: 11).uniform(shape) * 2 - 1).scalars, requiresGrad: true)
        let y = AugmentPipe(preset: .bgc, p: 1)(x, random: NumPyRandomSource(seed: 5))
        let g = Tensor.gradients(of: [(y * y).sum()], wrt: [x], createGraph: true)[0]
        let c = NumPyRandomSource(seed: 6).normal(shape)
        let gg = Tensor.gradients(of: [(g * c).sum()], wrt: [x])[0]
        return [y, g, gg].map { $0.scalars.map(\.bitPattern) }
    }

    func testSameBitsForOneTwoAndThreeThreads() {
        let one = bits(threads: 1)
        XCTAssertEqual(bits(threads: 2), one)
        XCTAssertEqual(bits(threads: 3), one)
    }
}
