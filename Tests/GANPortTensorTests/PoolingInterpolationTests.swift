import XCTest
@testable import GANPortTensor

/// Direct average pooling with PyTorch's window and divisor rules.
func naiveAvgPool(_ x: Tensor<Double>, kernel: Int, stride: Int, padding: Int, includePad: Bool, ceil: Bool) -> [Double] {
    let (h, w) = (x.shape[2], x.shape[3])
    let out = { (size: Int) in PoolGeometry.outputSize(size, kernel: kernel, stride: stride, pad: padding, ceilMode: ceil) }
    var values: [Double] = []
    for plane in 0..<(x.shape[0] * x.shape[1]) { for oy in 0..<out(h) { for ox in 0..<out(w) {
        let y0 = oy * stride - padding, x0 = ox * stride - padding
        let y1 = min(y0 + kernel, h + padding), x1 = min(x0 + kernel, w + padding)
        var total = 0.0, count = 0
        for iy in max(y0, 0)..<min(y1, h) { for ix in max(x0, 0)..<min(x1, w) {
            total += x.scalars[(plane * h + iy) * w + ix]
            count += 1
        } }
        values.append(total / Double(includePad ? (y1 - y0) * (x1 - x0) : count))
    } } }
    return values
}

final class PoolingInterpolationTests: XCTestCase {
    func testAvgPoolMatchesDirectWindows() {
        let x = randn([2, 2, 7, 6], seed: 1)
        for (kernel, stride, padding, includePad, ceil) in [(2, 2, 0, true, false), (3, 2, 1, true, false), (3, 2, 1, false, false),
                                                            (3, 2, 1, true, true), (2, 3, 1, false, true)] {
            let y = Tensor.avgPool2d(x, kernel: [kernel], stride: [stride], padding: [padding], ceilMode: ceil, countIncludePad: includePad)
            let expected = naiveAvgPool(x, kernel: kernel, stride: stride, padding: padding, includePad: includePad, ceil: ceil)
            XCTAssertEqual(y.count, expected.count)
            XCTAssertLessThan(zip(y.scalars, expected).map { abs($0 - $1) }.max() ?? 1, 1e-14, "k\(kernel) s\(stride) p\(padding)")
        }
        XCTAssertEqual(Tensor.avgPool2d(x, kernel: [3], stride: [2], padding: [1], ceilMode: true).shape, [2, 2, 4, 4])
        XCTAssertEqual(Tensor.avgPool2d(x, kernel: [2], divisorOverride: 1).scalars[0],
                       x.scalars[0] + x.scalars[1] + x.scalars[6] + x.scalars[7], accuracy: 1e-14)
    }

    func testAvgPoolGradientsFirstAndSecondOrder() {
        let x = randn([1, 2, 5, 5], seed: 2)
        checkGradients([x]) { Tensor.avgPool2d($0[0], kernel: [3], stride: [2], padding: [1], countIncludePad: false) }
        checkGradients([x], order: 2) { Tensor.avgPool2d($0[0], kernel: [2, 3], stride: [2, 1], ceilMode: true).square() }
    }

    func testNearestResizes() {
        let x = Tensor<Double>(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(Tensor.interpolate(x, scaleFactor: [2]).scalars,
                       [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6])
        // ⌊o · 3/5⌋ = 0, 0, 1, 1, 2 across; rows ⌊o · 2/3⌋ = 0, 0, 1.
        XCTAssertEqual(Tensor.interpolate(x, size: [3, 5]).scalars, [1, 1, 2, 2, 3, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6])
        XCTAssertEqual(Tensor.interpolate(x, size: [1, 2]).scalars, [1, 2])
    }

    func testBilinearResizes() {
        let x = Tensor<Double>(shape: [1, 1, 2, 2], scalars: [0, 1, 2, 3])
        // Align corners: corners coincide, the middle is the mean.
        let aligned = Tensor.interpolate(x, size: [3, 3], mode: .bilinear, alignCorners: true)
        XCTAssertEqual(aligned.scalars, [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3])
        // Half-pixel centers: x2 samples at −0.25 (clamped to 0), 0.25, 0.75, 1.25.
        let doubled = Tensor.interpolate(x, scaleFactor: [2], mode: .bilinear)
        XCTAssertEqual(Array(doubled.scalars[0..<4]), [0, 0.25, 0.75, 1])
        XCTAssertEqual(Tensor.interpolate(x, size: [2, 2], mode: .bilinear).scalars, x.scalars)
    }

    func testInterpolationAdjointAndGradients() {
        let x = randn([1, 2, 4, 5], seed: 3)
        let leaf = Tensor(shape: x.shape, scalars: x.scalars, requiresGrad: true)
        for (size, mode, corners) in [([7, 3], InterpolationMode.nearest, false), ([7, 9], .bilinear, false), ([3, 8], .bilinear, true)] {
            let y = Tensor.interpolate(leaf, size: size, mode: mode, alignCorners: corners)
            let probe = randn(y.shape, seed: 4)
            let back = Tensor.gradients(of: [y * probe], wrt: [leaf])[0]
            XCTAssertEqual((y * probe).sum().item, (x * back).sum().item, accuracy: 1e-12)
            checkGradients([x]) { Tensor.interpolate($0[0], size: size, mode: mode, alignCorners: corners) }
            checkGradients([x], order: 2) { Tensor.interpolate($0[0], size: size, mode: mode, alignCorners: corners).square() }
        }
        checkGradients([x], order: 2) { Tensor.interpolate($0[0], scaleFactor: [1.5], mode: .bilinear).square() }
    }

    func testPaddingSecondOrder() {
        let x = randn([1, 2, 3, 3], seed: 5)
        checkGradients([x], order: 2) { $0[0].replicationPadded(top: 1, bottom: 2, left: 2, right: 0).square() }
        checkGradients([x], order: 2) { $0[0].padded([(1, 2), (-1, 1)]).square() }
    }
}
