import XCTest
@testable import GANPortTensor

final class NormalizationTests: XCTestCase {
    func testInstanceNormNormalizesEachPlane() {
        let x = randn([2, 3, 4, 5], seed: 1).scaled(by: 3).adding(2)
        let y = Tensor.instanceNorm(x, eps: 0)
        XCTAssertLessThan(y.mean(axes: [2, 3]).abs().sum().item, 1e-12)
        XCTAssertLessThan((y.variance(axes: [2, 3], correction: 0) - 1).abs().sum().item, 1e-12)
        let affine = Tensor.instanceNorm(x, weight: Tensor([1, 2, 3]), bias: Tensor([0, 0, 1]), eps: 0)
        XCTAssertEqual(affine.scalars[2 * 20 + 7], 3 * y.scalars[2 * 20 + 7] + 1, accuracy: 1e-12)
    }

    func testInstanceNormGradientsFirstAndSecondOrder() {
        let x = randn([2, 2, 3, 3], seed: 2), w = randn([2], seed: 3), b = randn([2], seed: 4)
        checkGradients([x, w, b]) { Tensor.instanceNorm($0[0], weight: $0[1], bias: $0[2], eps: 1e-3) }
        checkGradients([x, w, b], order: 2, tolerance: 1e-5) { Tensor.instanceNorm($0[0], weight: $0[1], bias: $0[2], eps: 1e-3) }
    }

    func testBatchNormEvalUsesRunningStatistics() {
        let x = Tensor<Double>(shape: [1, 2, 1, 2], scalars: [1, 3, 5, 7])
        let y = Tensor.batchNorm(x, runningMean: Tensor([1, 5]), runningVariance: Tensor([4, 1]), weight: Tensor([2, 1]),
                                 bias: Tensor([0, -1]), eps: 0)
        XCTAssertEqual(y.scalars, [0, 2, -1, 1])
        let inputs = [randn([2, 3, 2, 2], seed: 5), randn([3], seed: 6), randn([3], seed: 7)]
        let mean = randn([3], seed: 8), variance = randn([3], seed: 9).abs().adding(0.5)
        checkGradients(inputs, order: 2) {
            Tensor.batchNorm($0[0], runningMean: mean, runningVariance: variance, weight: $0[1], bias: $0[2]).square()
        }
    }

    func testAdaptiveInstanceNormIsOnePlusGammaTimesNormalizedPlusBeta() {
        let x = randn([2, 3, 4, 4], seed: 10), s = randn([2, 5], seed: 11)
        let fcWeight = randn([6, 5], seed: 12), fcBias = randn([6], seed: 13)
        let h = Tensor.linear(s, weight: fcWeight, bias: fcBias)
        let y = Tensor.adaptiveInstanceNorm(x, style: s, fcWeight: fcWeight, fcBias: fcBias)
        let normalized = Tensor.instanceNorm(x)
        let (gamma, beta) = (h.scalars[1 * 6 + 2], h.scalars[1 * 6 + 5])
        XCTAssertEqual(y.scalars[(1 * 3 + 2) * 16 + 9], (1 + gamma) * normalized.scalars[(1 * 3 + 2) * 16 + 9] + beta, accuracy: 1e-12)
        let small = [randn([2, 2, 3, 3], seed: 14), randn([2, 3], seed: 15), randn([4, 3], seed: 16), randn([4], seed: 17)]
        checkGradients(small) { Tensor.adaptiveInstanceNorm($0[0], style: $0[1], fcWeight: $0[2], fcBias: $0[3]) }
        checkGradients(small, order: 2, tolerance: 1e-5) {
            Tensor.adaptiveInstanceNorm($0[0], style: $0[1], fcWeight: $0[2], fcBias: $0[3])
        }
    }

    func testLogisticLossesAreSoftplusOfNegatedAndPlainLogits() {
        let logits = Tensor<Double>([-30, -1, 0, 2, 25])
        XCTAssertEqual(Tensor.logisticLoss(logits, targetReal: true).scalars, logits.scaled(by: -1).softplus().scalars)
        XCTAssertEqual(Tensor.logisticLoss(logits, targetReal: false).scalars[4], 25)
        XCTAssertEqual(Tensor.logisticLoss(logits, targetReal: true).scalars[0], 30)
        for real in [true, false] {
            checkGradients([randn([3, 4], seed: 18)], order: 2) { Tensor.logisticLoss($0[0], targetReal: real).mean() }
        }
    }
}
