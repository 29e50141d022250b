import XCTest
@testable import GANPortTensor

final class ReductionTests: XCTestCase {
    func testSumMeanVariance() {
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(x.sum().item, 21)
        XCTAssertEqual(x.sum(axes: [0]).scalars, [5, 7, 9])
        XCTAssertEqual(x.sum(axes: [1], keepDims: true).shape, [2, 1])
        XCTAssertEqual(x.sum(axes: [-1]).scalars, [6, 15])
        XCTAssertEqual(x.mean(axes: [1]).scalars, [2, 5])
        XCTAssertEqual(x.variance(axes: [1]).scalars, [1, 1])
        XCTAssertEqual(x.variance(correction: 0).item, 17.5 / 6, accuracy: 1e-15)
    }

    func testSumOverMiddleAxesAndGradients() {
        let x = randn([2, 3, 4, 5], seed: 3)
        let reduced = x.sum(axes: [1, 3])
        XCTAssertEqual(reduced.shape, [2, 4])
        var expected = 0.0
        for c in 0..<3 { for w in 0..<5 { expected += x.scalars[((1 * 3 + c) * 4 + 2) * 5 + w] } }
        XCTAssertEqual(reduced.scalars[1 * 4 + 2], expected, accuracy: 1e-12)
        checkGradients([x]) { $0[0].mean(axes: [0, 2]) }
        checkGradients([x], order: 2) { $0[0].square().mean(axes: [1, 2, 3]).sqrt() }
        checkGradients([randn([3, 4], seed: 4)], order: 2) { $0[0].variance(axes: [1]) }
    }

    func testSumToShapeAndExpandAreAdjoint() {
        let x = randn([3, 1, 4], seed: 1)
        let expanded = x.expanded(to: [2, 3, 5, 4])
        XCTAssertEqual(expanded.shape, [2, 3, 5, 4])
        XCTAssertLessThan(maxAbsDifference(expanded.summed(toShape: [3, 1, 4]), x.scaled(by: 10)), 1e-12)
        checkGradients([x], order: 2) { $0[0].expanded(to: [2, 3, 5, 4]).square() }
    }
}
