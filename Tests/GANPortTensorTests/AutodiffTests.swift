import XCTest
@testable import GANPortTensor

final class AutodiffTests: XCTestCase {
    func testBackwardAccumulatesIntoLeaves() {
        let w = Tensor<Double>([1, 2, 3], requiresGrad: true)
        let frozen = Tensor<Double>([4, 5, 6])
        (w * frozen).sum().backward()
        XCTAssertEqual(w.grad?.scalars, [4, 5, 6])
        XCTAssertNil(frozen.grad)
        (w.square()).sum().backward()
        XCTAssertEqual(w.grad?.scalars, [6, 9, 12])
    }

    func testNoGradRegionRecordsNothing() {
        let w = Tensor<Double>([1, 2], requiresGrad: true)
        let y = withNoGrad { w * w }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertTrue((w * w).requiresGrad)
        XCTAssertTrue(TensorRuntime.isGradEnabled)
    }

    func testGradientsWithRespectToIntermediateAndUnusedInputs() {
        let x = Tensor<Double>([1, 2], requiresGrad: true)
        let hidden = x.square()
        let unused = Tensor<Double>([7], requiresGrad: true)
        let gradients = Tensor.gradients(of: [hidden.sum() * 3], wrt: [hidden, unused])
        XCTAssertEqual(gradients[0].scalars, [3, 3])
        XCTAssertEqual(gradients[1].scalars, [0])
    }

    func testSecondOrderThroughCreateGraph() {
        // f(x) = Σ x³; ∂f/∂x = 3x²; the R1-style penalty Σ(∂f/∂x)² has gradient 36x³.
        let x = Tensor<Double>([1, -2], requiresGrad: true)
        let first = Tensor.gradients(of: [x.pow(3).sum()], wrt: [x], createGraph: true)[0]
        XCTAssertTrue(first.requiresGrad)
        let penalty = first.square().sum()
        XCTAssertEqual(Tensor.gradients(of: [penalty], wrt: [x])[0].scalars, [36, -288])
        let plain = Tensor.gradients(of: [x.pow(3).sum()], wrt: [x])[0]
        XCTAssertFalse(plain.requiresGrad)
    }

    func testSharedSubexpressionsSumCotangents() {
        checkGradients([randn([3], seed: 1)], order: 2) { x in
            let shared = x[0].tanh()
            return shared * shared + shared.sin()
        }
    }
}
