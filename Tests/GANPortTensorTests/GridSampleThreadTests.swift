import XCTest
@testable import GANPortTensor

/// `gridSample`, its gradients and `affineGrid` give the same bits for any thread count
/// (shapes large enough that every parallel loop splits).
final class GridSampleThreadTests: XCTestCase {
    func bits(threads: Int) -> [[UInt32]] {
        let saved = TensorRuntime.threadCount
        TensorRuntime.threadCount = threads
        defer { TensorRuntime.threadCount = saved }
        var generator = SplitMix64(seed: 5)
        let x = Tensor<Float>(shape: [2, 3, 17, 23], scalars: Tensor<Float>.randomNormal([2, 3, 17, 23], using: &generator).scalars,
                              requiresGrad: true)
        let gridValues = Tensor<Float>.randomUniform([2, 70, 130, 2], in: -1.3..<1.3, using: &generator).scalars
        let grid = Tensor<Float>(shape: [2, 70, 130, 2], scalars: gridValues, requiresGrad: true)
        let y = Tensor.gridSample(x, grid: grid)
        let g = Tensor<Float>.randomNormal(y.shape, using: &generator)
        let gradients = Tensor.gradients(of: [y], wrt: [x, grid], cotangents: [g])
        let theta = Tensor<Float>.randomNormal([4, 2, 3], using: &generator)
        let affine = Tensor.affineGrid(theta: theta, size: [4, 3, 130, 70])
        return [y, gradients[0], gradients[1], affine].map { $0.scalars.map(\.bitPattern) }
    }

    func testSameBitsForOneTwoAndThreeThreads() {
        let one = bits(threads: 1)
        XCTAssertEqual(bits(threads: 2), one)
        XCTAssertEqual(bits(threads: 3), one)
    }
}
