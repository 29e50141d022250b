import GANPortModels
import GANPortTensor
import XCTest

/// Second-order gradients through the whole discriminator (R1 regularization) and the
/// generator (path-length regularization), as the official training loss takes them.
final class SecondOrderTests: XCTestCase {
    func testR1PenaltyDifferentiatesToEveryDiscriminatorParameter() throws {
        let D = try StyleGAN2.Discriminator.load(path: Pickles.conditional)
        let img = Tensor<Float>.seeded([4, 3, 32, 32], seed: 4)
        img.requiresGrad = true
        let logits = D(img, Tensor<Float>.oneHot([0, 1, 2, 0], classes: 3))
        let gradient = Tensor.gradients(of: [logits.sum()], wrt: [img], createGraph: true)[0]
        let penalty = gradient.square().sum(axes: [1, 2, 3]).mean()
        let grads = Tensor.gradients(of: [penalty], wrt: D.parameters)
        XCTAssertEqual(grads.count, D.parameters.count)
        XCTAssertTrue(grads.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
        // Directional check against finite differences along the R1 gradient of the last layer.
        let weight = D.epilogue.out.weight
        let g = grads[D.namedParameters().firstIndex { $0.name == "b4.out.weight" } ?? 0]
        func r1() -> Double {
            let x = Tensor<Float>(shape: img.shape, scalars: img.scalars, requiresGrad: true)
            let l = D(x, Tensor<Float>.oneHot([0, 1, 2, 0], classes: 3))
            return Double(Tensor.gradients(of: [l.sum()], wrt: [x])[0].square().sum(axes: [1, 2, 3]).mean().item)
        }
        let original = weight.scalars
        let norm = g.scalars.reduce(0) { $0 + Double($1 * $1) }.squareRoot()
        let step = 1e-2
        weight.assign { values in for i in values.indices { values[i] = original[i] + Float(step * Double(g.scalars[i]) / norm) } }
        let plus = r1()
        weight.assign { values in for i in values.indices { values[i] = original[i] - Float(step * Double(g.scalars[i]) / norm) } }
        let minus = r1()
        weight.assign { $0 = original }
        XCTAssertEqual((plus - minus) / (2 * step), norm, accuracy: 0.02 * norm)
    }

    func testPathLengthGradientReachesTheSynthesisWeights() throws {
        let G = try StyleGAN2.Generator.load(path: Pickles.tiny)
        let ws = G.mapping(Tensor<Float>.seeded([2, 32], seed: 2), nil).detached()
        ws.requiresGrad = true
        let img = G.synthesis(ws)
        let noise = Tensor<Float>.seeded(img.shape, seed: 3).scaled(by: 1 / 16)
        let jacobian = Tensor.gradients(of: [(img * noise).sum()], wrt: [ws], createGraph: true)[0]
        let lengths = jacobian.square().sum(axes: [2]).mean(axes: [1]).sqrt()
        let penalty = (lengths - 1).square().mean()
        let grads = Tensor.gradients(of: [penalty], wrt: G.synthesis.parameters)
        XCTAssertTrue(grads.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
        XCTAssertGreaterThan(grads[0].scalars.map(abs).max() ?? 0, 0)
    }
}
