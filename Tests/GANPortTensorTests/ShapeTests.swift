import XCTest
@testable import GANPortTensor

final class ShapeTests: XCTestCase {
    let x = Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])

    func testReshapePermuteSlice() {
        XCTAssertEqual(x.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(x.permuted([1, 0]).scalars, [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(x.sliced(axis: 1, start: 1, end: 3).scalars, [1, 2, 4, 5])
        XCTAssertEqual(x.sliced(axis: 1, start: 0, end: 3, step: 2).scalars, [0, 2, 3, 5])
        XCTAssertEqual(x.unsqueezed(1).shape, [2, 1, 3])
        XCTAssertEqual(x.flattened().shape, [6])
    }

    func testConcatRepeatFlipRoll() {
        XCTAssertEqual(Tensor.concatenated([x, x.scaled(by: 10)], axis: 1).scalars, [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
        XCTAssertEqual(Tensor.concatenated([x, x], axis: 0).shape, [4, 3])
        XCTAssertEqual(x.repeated([1, 2]).scalars, [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        XCTAssertEqual(x.repeated([2, 1, 1]).shape, [2, 2, 3])
        XCTAssertEqual(x.flipped([1]).scalars, [2, 1, 0, 5, 4, 3])
        XCTAssertEqual(x.flipped([0, 1]).scalars, [5, 4, 3, 2, 1, 0])
        XCTAssertEqual(x.rolled(1, axis: 1).scalars, [2, 0, 1, 5, 3, 4])
        XCTAssertEqual(x.rolled(-1, axis: 0).scalars, [3, 4, 5, 0, 1, 2])
    }

    func testPadding() {
        XCTAssertEqual(x.padded([(1, 0), (0, 1)]).scalars, [0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 5, 0])
        XCTAssertEqual(x.padded([(0, 0), (-1, 1)]).scalars, [1, 2, 0, 4, 5, 0])
        let image = Tensor<Float>(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        XCTAssertEqual(image.replicationPadded(top: 1, bottom: 0, left: 0, right: 2).scalars,
                       [1, 2, 2, 2, 1, 2, 2, 2, 3, 4, 4, 4])
    }

    func testShapeOpGradients() {
        let t = randn([2, 3, 4], seed: 2)
        checkGradients([t], order: 2) { $0[0].permuted([2, 0, 1]).square() }
        checkGradients([t]) { $0[0].sliced(axis: 2, start: 1, end: 4, step: 2) }
        checkGradients([t, randn([2, 2, 4], seed: 3)]) { Tensor.concatenated([$0[0], $0[1]], axis: 1) }
        checkGradients([t]) { $0[0].repeated([2, 1, 1, 3]) }
        checkGradients([t]) { $0[0].flipped([0, 2]).rolled(2, axis: 2) }
        checkGradients([t]) { $0[0].padded([(1, -1), (2, 0)]) }
        checkGradients([randn([1, 2, 3, 3], seed: 4)]) { $0[0].replicationPadded(top: 2, bottom: 1, left: 1, right: 2) }
    }
}
