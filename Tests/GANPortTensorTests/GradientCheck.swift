import XCTest
@testable import GANPortTensor

/// Checks reverse-mode gradients of `function` against float64 central finite differences.
///
/// The checked scalar is `Σ(function(inputs) · cotangent)` with a fixed random cotangent. With
/// `order: 2`, the function is replaced by a scalar made from its own gradients taken with
/// `createGraph: true` (`Σ_k Σ(∂f/∂x_k · v_k)`, fixed random `v_k`), whose gradient is then
/// checked the same way: this exercises the differentiability of every pullback involved.
func checkGradients(
    _ inputs: [Tensor<Double>], order: Int = 1, epsilon: Double = 1e-6, tolerance: Double = 1e-6,
    seed: UInt64 = 7, file: StaticString = #filePath, line: UInt = #line,
    _ function: @escaping ([Tensor<Double>]) -> Tensor<Double>
) {
    var generator = SplitMix64(seed: seed)
    var scalarFunction: ([Tensor<Double>]) -> Tensor<Double>
    let probe = function(inputs.map { $0.detached() })
    let cotangent = Tensor<Double>.randomNormal(probe.shape, using: &generator)
    scalarFunction = { xs in (function(xs) * cotangent).sum() }
    if order == 2 {
        let first = scalarFunction
        let directions = inputs.map { Tensor<Double>.randomNormal($0.shape, using: &generator) }
        scalarFunction = { xs in
            let gradients = Tensor.gradients(of: [first(xs)], wrt: xs, createGraph: true)
            return zip(gradients, directions).map { ($0 * $1).sum() }.reduce(Tensor(0), +)
        }
    }
    func leaves(_ values: [Tensor<Double>]) -> [Tensor<Double>] {
        values.map { Tensor(shape: $0.shape, scalars: $0.scalars, requiresGrad: true) }
    }
    let xs = leaves(inputs)
    let analytic = Tensor.gradients(of: [scalarFunction(xs)], wrt: xs)
    for (index, input) in inputs.enumerated() {
        for element in 0..<input.count {
            func evaluate(_ delta: Double) -> Double {
                var values = inputs.map(\.scalars)
                values[index][element] += delta
                return scalarFunction(leaves(zip(inputs, values).map { Tensor(shape: $0.shape, scalars: $1) })).item
            }
            let numeric = (evaluate(epsilon) - evaluate(-epsilon)) / (2 * epsilon)
            let value = analytic[index].scalars[element]
            let error = abs(numeric - value) / max(1, abs(numeric))
            if error > tolerance {
                XCTFail("order \(order) gradient of input \(index) element \(element): analytic \(value), numeric \(numeric)",
                        file: file, line: line)
                return
            }
        }
    }
}

/// Deterministic normal samples for tests.
func randn(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
    var generator = SplitMix64(seed: seed)
    return Tensor<Double>.randomNormal(shape, using: &generator)
}

/// Deterministic normal samples for tests, in Float.
func randnFloat(_ shape: [Int], seed: UInt64) -> Tensor<Float> {
    var generator = SplitMix64(seed: seed)
    return Tensor<Float>.randomNormal(shape, using: &generator)
}

/// Largest absolute element-wise difference.
func maxAbsDifference<T: TensorScalar>(_ a: Tensor<T>, _ b: Tensor<T>) -> Double {
    precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
    return zip(a.scalars, b.scalars).map { abs(Double($0) - Double($1)) }.max() ?? 0
}
