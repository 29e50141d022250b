import XCTest
@testable import GANPortTensor

final class StyleGANOpTests: XCTestCase {
    func testBiasActDefinitions() {
        let x = Tensor<Double>(shape: [1, 2, 2], scalars: [-2, -0.5, 0.5, 3])
        let b = Tensor<Double>([0.5, -1])
        let lrelu = Tensor.biasAct(x, bias: b, activation: .lrelu)
        let root2 = 2.0.squareRoot()
        XCTAssertEqual(lrelu.scalars[0], -1.5 * 0.2 * root2, accuracy: 1e-15)
        XCTAssertEqual(lrelu.scalars[3], 2 * root2, accuracy: 1e-15)
        XCTAssertEqual(Tensor.biasAct(x, activation: .relu, gain: 1, clamp: 1).scalars, [0, 0, 0.5, 1])
        XCTAssertEqual(Tensor.biasAct(x, activation: .swish).scalars[3], 3 / (1 + Foundation.exp(-3)) * root2, accuracy: 1e-14)
        XCTAssertEqual(Tensor.biasAct(x, bias: Tensor([1, 2]), dim: 2).scalars, [-1, 1.5, 1.5, 5])
    }

    func testBiasActGradients() {
        let x = randn([2, 3, 2, 2], seed: 1), b = randn([3], seed: 2)
        for activation in Activation.allCases {
            checkGradients([x, b]) { Tensor.biasAct($0[0], bias: $0[1], activation: activation, clamp: 0.9) }
        }
        checkGradients([x, b], order: 2) { Tensor.biasAct($0[0], bias: $0[1], activation: .lrelu, clamp: 1.2).square() }
        checkGradients([x, b], order: 2) { Tensor.biasAct($0[0], bias: $0[1], activation: .softplus).square() }
    }

    func testConv2dResamplePathsShapesAndGradients() {
        let f = Tensor<Double>.setupFilter(Tensor([1, 3, 3, 1]))
        let x = randn([2, 4, 6, 6], seed: 3)
        let w3 = randn([4, 2, 3, 3], seed: 4), w1 = randn([4, 2, 1, 1], seed: 5)
        let cases: [(Tensor<Double>, Int, Int, Int, [Int])] = [
            (w3, 2, 1, 1, [2, 4, 12, 12]), (w3, 1, 2, 1, [2, 4, 3, 3]), (w1, 2, 1, 0, [2, 4, 12, 12]),
            (w1, 1, 2, 0, [2, 4, 3, 3]), (w3, 1, 1, 1, [2, 4, 6, 6]), (w3, 2, 2, 1, [2, 4, 6, 6]),
        ]
        for (w, up, down, padding, shape) in cases {
            for flipWeight in [true, false] {
                let y = Tensor.conv2dResample(x, w, filter: f, up: up, down: down, padding: [padding], groups: 2, flipWeight: flipWeight)
                XCTAssertEqual(y.shape, shape, "up \(up) down \(down) k \(w.shape[2])")
            }
            checkGradients([x, w]) { Tensor.conv2dResample($0[0], $0[1], filter: f, up: up, down: down, padding: [padding], groups: 2, flipWeight: up == 1) }
        }
        // Asymmetric padding takes the generic path.
        XCTAssertEqual(Tensor.conv2dResample(x, w3, padding: [1, 0, 2, 1], groups: 2).shape, [2, 4, 7, 5])
    }

    func testModulatedConvFusedEqualsNonFused() {
        let f = Tensor<Double>.setupFilter(Tensor([1, 3, 3, 1]))
        let x = randn([2, 3, 5, 5], seed: 6), weight = randn([4, 3, 3, 3], seed: 7), styles = randn([2, 3], seed: 8)
        let noise = randn([2, 1, 10, 10], seed: 9)
        for demodulate in [true, false] {
            let fused = Tensor.modulatedConv2d(x, weight: weight, styles: styles, noise: noise, up: 2, padding: 1, filter: f,
                                               demodulate: demodulate, flipWeight: false, fusedModconv: true)
            let split = Tensor.modulatedConv2d(x, weight: weight, styles: styles, noise: noise, up: 2, padding: 1, filter: f,
                                               demodulate: demodulate, flipWeight: false, fusedModconv: false)
            XCTAssertLessThan(maxAbsDifference(fused, split), 1e-12)
        }
    }

    func testModulatedConvGradientsSecondOrder() {
        let x = randn([2, 3, 4, 4], seed: 10), weight = randn([2, 3, 3, 3], seed: 11), styles = randn([2, 3], seed: 12)
        for fused in [true, false] {
            checkGradients([x, weight, styles]) {
                Tensor.modulatedConv2d($0[0], weight: $0[1], styles: $0[2], padding: 1, fusedModconv: fused)
            }
            checkGradients([x, weight, styles], order: 2, tolerance: 1e-5) {
                Tensor.modulatedConv2d($0[0], weight: $0[1], styles: $0[2], padding: 1, fusedModconv: fused).square()
            }
        }
        checkGradients([x, weight, styles]) {
            Tensor.modulatedConv2dStyleGAN3($0[0], weight: $0[1], styles: $0[2], padding: 2, inputGain: Tensor([0.5, 2, 1]))
        }
    }

    func testNormalizeAndMinibatchStd() {
        let z = randn([3, 5], seed: 13)
        let normalized = Tensor.normalize2ndMoment(z)
        XCTAssertEqual(normalized.square().mean(axes: [1]).scalars[0], 1, accuracy: 1e-6)
        checkGradients([z], order: 2) { Tensor.normalize2ndMoment($0[0]) }
        // N = 4, G = 2: samples (0, 2) and (1, 3) form the groups.
        let x = randn([4, 2, 2, 2], seed: 14)
        let y = Tensor.minibatchStd(x, groupSize: 2)
        XCTAssertEqual(y.shape, [4, 3, 2, 2])
        var expected = 0.0
        for index in 0..<8 {
            let a = x.scalars[0 * 8 + index], b = x.scalars[2 * 8 + index]
            expected += (((a - b) / 2) * ((a - b) / 2) + 1e-8).squareRoot() / 8
        }
        XCTAssertEqual(y.scalars[0 * 12 + 8], expected, accuracy: 1e-12)
        XCTAssertEqual(y.scalars[2 * 12 + 11], expected, accuracy: 1e-12)
        checkGradients([x], order: 2) { Tensor.minibatchStd($0[0], groupSize: 2, numChannels: 2) }
    }

    func testFilteredLeakyRelu() {
        let fu = randn([6], seed: 15), fd = randn([4, 4], seed: 16)
        let x = randn([1, 2, 6, 6], seed: 17), b = randn([2], seed: 18)
        let y = Tensor.filteredLeakyRelu(x, upFilter: fu, downFilter: fd, bias: b, up: 2, down: 2, padding: [4, 3, 4, 3], clamp: 2)
        // out = (in·up + p0 + p1 − (fu − 1) − (fd − 1) + (down − 1)) // down
        XCTAssertEqual(y.shape, [1, 2, (12 + 7 - 5 - 3 + 1) / 2, (12 + 7 - 5 - 3 + 1) / 2])
        checkGradients([x, b]) {
            Tensor.filteredLeakyRelu($0[0], upFilter: fu, downFilter: fd, bias: $0[1], up: 2, down: 2, padding: [4, 3, 4, 3], clamp: 2)
        }
    }
}
