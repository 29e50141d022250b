import XCTest
@testable import GANPortTensor

final class ElementwiseTests: XCTestCase {
    func testBroadcastingArithmetic() {
        let a = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor<Float>(shape: [3], scalars: [10, 20, 30])
        let column = Tensor<Float>(shape: [2, 1], scalars: [1, 2])
        XCTAssertEqual((a + b).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((a * column).scalars, [1, 2, 3, 8, 10, 12])
        XCTAssertEqual((b - column).shape, [2, 3])
        XCTAssertEqual((b - column).scalars, [9, 19, 29, 8, 18, 28])
        XCTAssertEqual((a / 2).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual((1 - a).scalars, [0, -1, -2, -3, -4, -5])
    }

    func testBroadcastingGradients() {
        checkGradients([randn([2, 3, 4], seed: 1), randn([3, 1], seed: 2)]) { x in x[0] * x[1] + x[1] }
        checkGradients([randn([2, 3], seed: 3), randn([2, 1], seed: 4).abs() + 1]) { x in x[0] / x[1] - x[0] }
        checkGradients([randn([2, 3], seed: 3), randn([2, 3], seed: 4)], order: 2) { x in x[0] * x[1] * x[1] / (x[0].square() + 1) }
    }

    func testUnaryFunctionGradients() {
        let x = randn([3, 4], seed: 5)
        let positive = x.abs() + 0.5
        let functions: [(String, (Tensor<Double>) -> Tensor<Double>)] = [
            ("exp", { $0.exp() }), ("sin", { $0.sin() }), ("cos", { $0.cos() }), ("tanh", { $0.tanh() }),
            ("sigmoid", { $0.sigmoid() }), ("softplus", { $0.softplus() }), ("square", { $0.square() }),
            ("relu", { $0.relu() }), ("leakyRelu", { $0.leakyRelu(0.2) }), ("clamp", { $0.clamped(min: -0.5, max: 0.7) }),
            ("elu", { $0.elu() }), ("selu", { $0.selu() }), ("swish", { $0.swish() }), ("scaled", { $0.scaled(by: 1.7) }),
        ]
        for (name, function) in functions {
            checkGradients([x]) { function($0[0]) }
            checkGradients([x], order: 2) { function($0[0]) }
            _ = name
        }
        for function in [{ (t: Tensor<Double>) in t.sqrt() }, { $0.rsqrt() }, { $0.log() }, { $0.reciprocal() }, { $0.pow(1.5) }] {
            checkGradients([positive]) { function($0[0]) }
            checkGradients([positive], order: 2) { function($0[0]) }
        }
    }

    func testActivationValuesMatchPyTorchDefinitions() {
        let x = Tensor<Double>([-30, -1, 0, 2, 25])
        XCTAssertEqual(x.softplus().scalars[4], 25)
        XCTAssertEqual(x.softplus().scalars[1], Foundation.log1p(Foundation.exp(-1)), accuracy: 1e-15)
        XCTAssertEqual(x.leakyRelu(0.2).scalars, [-6, -0.2, 0, 2, 25])
        XCTAssertEqual(x.elu().scalars[1], Foundation.expm1(-1), accuracy: 1e-15)
        XCTAssertEqual(x.clamped(min: -1, max: 1).scalars, [-1, -1, 0, 1, 1])
    }

    func testLerpUsesPyTorchFormula() {
        let a = Tensor<Float>([1, 2]), b = Tensor<Float>([3, 7])
        XCTAssertEqual(a.lerp(to: b, weight: 0.25).scalars, [1.5, 3.25])
        XCTAssertEqual(a.lerp(to: b, weight: 0.75).scalars, [2.5, 5.75])
        let t = Tensor<Float>([0.25, 0.75])
        XCTAssertEqual(a.lerp(to: b, weight: t).scalars, [1.5, 5.75])
        checkGradients([randn([4], seed: 1), randn([4], seed: 2), randn([4], seed: 3)]) { x in x[0].lerp(to: x[1], weight: x[2]) }
        checkGradients([randn([4], seed: 1), randn([4], seed: 2), randn([4], seed: 3)], order: 2) { x in
            x[0].lerp(to: x[1], weight: x[2]).square()
        }
    }
}
