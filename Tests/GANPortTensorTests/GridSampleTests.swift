import Foundation
import XCTest
@testable import GANPortTensor

/// `gridSample`, `affineGrid` and reflection padding: official goldens, finite differences
/// (first and second order) and PyTorch's rounding of the base coordinates.
final class GridSampleTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/augment").path

    func testGridSampleGoldensMatchPyTorch() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasPrefix("grid_sample") }.sorted()
        XCTAssertEqual(files.count, 3)
        for file in files {
            let report = try OpGoldenRunner.run(try GoldenFixture(path: Self.fixtures + "/" + file))
            print(report.lines.joined(separator: "\n"))
            XCTAssertTrue(report.passed, file)
        }
    }

    /// A grid of positions strictly inside pixel cells (no kink of the bilinear weights within ±ε),
    /// some beyond the border.
    func grid(_ n: Int, _ h: Int, _ w: Int, seed: UInt64) -> Tensor<Double> {
        var generator = SplitMix64(seed: seed)
        let raw = Tensor<Double>.randomUniform([n, h, w, 2], in: -1.3..<1.3, using: &generator)
        return Tensor(shape: raw.shape, scalars: raw.scalars)
    }

    func testFirstOrderGradientsMatchFiniteDifferences() {
        checkGradients([randn([2, 3, 5, 6], seed: 1), grid(2, 4, 3, seed: 2)]) { xs in
            Tensor.gridSample(xs[0], grid: xs[1])
        }
    }

    func testSecondOrderThroughTheInputAdjointMatchesFiniteDifferences() {
        let positions = grid(2, 4, 5, seed: 3)
        checkGradients([randn([2, 2, 5, 4], seed: 4)], order: 2) { xs in
            Tensor.gridSample(xs[0].tanh(), grid: positions).square()
        }
    }

    func testAdjointIsTheTransposeOfSampling() {
        let x = randn([1, 2, 4, 5], seed: 5), g = randn([1, 2, 3, 3], seed: 6), positions = grid(1, 3, 3, seed: 7)
        let forward = (Tensor.gridSample(x, grid: positions) * g).sum().item
        let backward = (Tensor.gridSampleAdjoint(g, grid: positions, inputShape: x.shape) * x).sum().item
        XCTAssertEqual(forward, backward, accuracy: 1e-12)
    }

    func testPositionsOutsideSampleZeroAndNotANumberPropagates() {
        // As PyTorch: far positions give 0; a NaN position gives NaN (its weights are NaN).
        let x = Tensor<Float>.ones([1, 1, 2, 2])
        let positions = Tensor<Float>(shape: [1, 1, 3, 2], scalars: [5, 0, .nan, 0, -1e30, 1e30])
        let y = Tensor.gridSample(x, grid: positions).scalars
        XCTAssertEqual(y[0], 0)
        XCTAssertTrue(y[1].isNaN)
        XCTAssertEqual(y[2], 0)
    }

    func testAffineGridIdentityGivesPixelCentersRoundedLikePyTorch() {
        // PyTorch gives ±0.2499999850988388 for the inner centers of 4 (linspace's fused rounding).
        let theta = Tensor<Float>(shape: [1, 2, 3], scalars: [1, 0, 0, 0, 1, 0])
        let grid = Tensor.affineGrid(theta: theta, size: [1, 1, 2, 4])
        let inner = Float(0.2499999850988388)
        XCTAssertEqual(grid.scalars, [-0.75, -0.5, -inner, -0.5, inner, -0.5, 0.75, -0.5,
                                      -0.75, 0.5, -inner, 0.5, inner, 0.5, 0.75, 0.5])
    }

    func testLinspaceRoundsLikePyTorch() {
        // torch.linspace(-1, 1, 7)[3] is -2.98e-8 (1 − 3·step as one fused multiply-add), not 0.
        XCTAssertEqual(Tensor<Float>.torchLinspace(start: -1, end: 1, count: 7)[3], -0x1p-25)
        let long = Tensor<Float>.torchLinspace(start: -1, end: 1, count: 56)
        XCTAssertEqual(long.first, -1)
        XCTAssertEqual(long.last, 1)
    }

    func testAffineGridGradientMatchesFiniteDifferences() {
        checkGradients([randn([2, 2, 3], seed: 8)]) { xs in Tensor.affineGrid(theta: xs[0], size: [2, 1, 3, 4]) }
    }

    func testReflectionPaddingMirrorsWithoutTheEdge() {
        let x = Tensor<Float>(shape: [1, 1, 1, 4], scalars: [1, 2, 3, 4])
        XCTAssertEqual(x.reflectionPadded(top: 0, bottom: 0, left: 2, right: 3).scalars, [3, 2, 1, 2, 3, 4, 3, 2, 1])
        let y = Tensor<Float>(shape: [1, 1, 3, 1], scalars: [1, 2, 3])
        XCTAssertEqual(y.reflectionPadded(top: 1, bottom: 2, left: 0, right: 0).scalars, [2, 1, 2, 3, 2, 1])
    }

    func testReflectionPaddingGradientsMatchFiniteDifferences() {
        checkGradients([randn([1, 2, 4, 5], seed: 9)], order: 2) { xs in
            xs[0].square().reflectionPadded(top: 3, bottom: 1, left: 2, right: 4)
        }
    }
}
