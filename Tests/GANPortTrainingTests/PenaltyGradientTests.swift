import GANPortTensor
import GANPortTraining
import XCTest

/// float64 finite-difference checks of the second-order gradients R1 and path-length
/// regularization rely on, on toy networks built from the same engine ops.
final class PenaltyGradientTests: XCTestCase {
    private func values(_ seed: UInt64, _ shape: [Int], scale: Double = 0.5) -> Tensor<Double> {
        var generator = SplitMix64(seed: seed)
        return Tensor<Double>.randomNormal(shape, using: &generator).scaled(by: scale).detached()
    }

    /// Toy discriminator: softplus features of the flattened image, then a linear read-out.
    private func logits(_ x: Tensor<Double>, _ w1: Tensor<Double>, _ w2: Tensor<Double>) -> Tensor<Double> {
        let h = Tensor.matmul(x.reshaped([x.shape[0], -1]), w1).softplus()
        return Tensor.matmul(h.tanh(), w2)
    }

    func testR1PenaltyGradientMatchesFiniteDifferences() {
        let x = values(1, [3, 2, 2, 2], scale: 1)
        let w1 = values(2, [8, 5]), w2 = values(3, [5, 1])
        func penalty(_ w: Tensor<Double>) -> Tensor<Double> {
            let images = Tensor(shape: x.shape, scalars: x.scalars, requiresGrad: true)
            return Regularizers.r1Penalty(logits: logits(images, w, w2), images: images).sum()
        }
        let leaf = Tensor(shape: w1.shape, scalars: w1.scalars, requiresGrad: true)
        penalty(leaf).backward()
        let analytic = leaf.grad?.scalars ?? []
        XCTAssertEqual(analytic.count, w1.count)
        for index in stride(from: 0, to: w1.count, by: 3) {
            let numeric = centralDifference(w1, index) { penalty($0).item }
            XCTAssertEqual(analytic[index], numeric, accuracy: 1e-6 * Swift.max(1, Swift.abs(numeric)), "w1[\(index)]")
        }
    }

    func testPathLengthGradientMatchesFiniteDifferences() {
        let z = values(4, [2, 3], scale: 1), noise = values(5, [2, 1, 2, 2], scale: 0.5)
        let a = values(6, [3, 6]), b = values(7, [6, 4])
        func loss(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
            let ws = Tensor.matmul(z, a).tanh().reshaped([2, 2, 3])  // [N, num_ws, w_dim]
            let img = Tensor.matmul(ws.reshaped([2, 6]), b).softplus().reshaped([2, 1, 2, 2])
            let lengths = Regularizers.pathLengths(images: img, ws: ws, noise: noise)
            return (lengths.adding(-0.3)).square().sum()
        }
        let leafA = Tensor(shape: a.shape, scalars: a.scalars, requiresGrad: true)
        let leafB = Tensor(shape: b.shape, scalars: b.scalars, requiresGrad: true)
        loss(leafA, leafB).backward()
        for index in 0..<a.count {
            let numeric = centralDifference(a, index) { loss(Self.leaf($0), Self.leaf(b)).item }
            XCTAssertEqual(leafA.grad?.scalars[index] ?? .nan, numeric, accuracy: 1e-6 * Swift.max(1, Swift.abs(numeric)), "a[\(index)]")
        }
        for index in stride(from: 0, to: b.count, by: 2) {
            let numeric = centralDifference(b, index) { loss(Self.leaf(a), Self.leaf($0)).item }
            XCTAssertEqual(leafB.grad?.scalars[index] ?? .nan, numeric, accuracy: 1e-6 * Swift.max(1, Swift.abs(numeric)), "b[\(index)]")
        }
    }

    /// A fresh leaf requiring grad (the path-length gradient needs a graph from the weights to ws).
    private static func leaf(_ x: Tensor<Double>) -> Tensor<Double> { Tensor(shape: x.shape, scalars: x.scalars, requiresGrad: true) }

    private func centralDifference(_ base: Tensor<Double>, _ index: Int, _ f: (Tensor<Double>) -> Double) -> Double {
        let h = 1e-5
        var plus = base.scalars, minus = base.scalars
        plus[index] += h
        minus[index] -= h
        return (f(Tensor(shape: base.shape, scalars: plus)) - f(Tensor(shape: base.shape, scalars: minus))) / (2 * h)
    }
}
