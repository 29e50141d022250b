import XCTest
@testable import GANPortTensor

/// The reference recipe step by step: zero insertion, pad/crop, flipped-filter correlation, decimation.
func naiveUpfirdn2d(_ x: Tensor<Double>, _ f: Tensor<Double>, up: (Int, Int), down: (Int, Int),
                    pad: [Int], flip: Bool, gain: Double) -> Tensor<Double> {
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let filter2d: [[Double]] = f.rank == 2
        ? (0..<f.shape[0]).map { i in (0..<f.shape[1]).map { f.scalars[i * f.shape[1] + $0] * gain } }
        : f.scalars.map { a in f.scalars.map { a * $0 * gain } }
    let fh = filter2d.count, fw = filter2d[0].count
    let (uh, uw) = (h * up.1, w * up.0)
    let (ph, pw) = (uh + pad[2] + pad[3], uw + pad[0] + pad[1])
    func padded(_ plane: Int, _ r: Int, _ col: Int) -> Double {
        let ur = r - pad[2], uc = col - pad[0]
        guard ur >= 0, uc >= 0, ur < uh, uc < uw, ur % up.1 == 0, uc % up.0 == 0 else { return 0 }
        return x.scalars[(plane * h + ur / up.1) * w + uc / up.0]
    }
    let convH = ph - fh + 1, convW = pw - fw + 1
    let outH = (convH + down.1 - 1) / down.1, outW = (convW + down.0 - 1) / down.0
    var out = [Double]()
    for plane in 0..<(n * c) { for oy in 0..<outH { for ox in 0..<outW {
        var total = 0.0
        for i in 0..<fh { for j in 0..<fw {
            let k = flip ? filter2d[i][j] : filter2d[fh - 1 - i][fw - 1 - j]
            total += k * padded(plane, oy * down.1 + i, ox * down.0 + j)
        } }
        out.append(total)
    } } }
    return Tensor(shape: [n, c, outH, outW], scalars: out)
}

final class Upfirdn2dTests: XCTestCase {
    func testSetupFilter() {
        let f = Tensor<Float>.setupFilter(Tensor([1, 3, 3, 1]))
        XCTAssertEqual(f.shape, [4, 4])
        XCTAssertEqual(f.scalars[0], 1.0 / 64)
        XCTAssertEqual(f.scalars[5], 9.0 / 64)
        let separable = Tensor<Float>.setupFilter(Tensor([1, 2, 3, 4, 4, 3, 2, 1]), gain: 4)
        XCTAssertEqual(separable.shape, [8])
        XCTAssertEqual(separable.scalars[0], Float(1.0 / 20) * 2)
        XCTAssertEqual(Tensor<Float>.setupFilter().scalars, [1])
        XCTAssertEqual(Tensor<Float>.setupFilter(Tensor([1, 2]), normalize: false, flipFilter: true).scalars, [4, 2, 2, 1])
    }

    let cases: [(up: [Int], down: [Int], pad: [Int], flip: Bool, gain: Double)] = [
        ([1], [1], [0], false, 1), ([2], [1], [2, 1, 2, 1], false, 4), ([1], [2], [1, 1, 1, 1], false, 1),
        ([2], [2], [1], true, 2), ([3, 1], [1, 2], [-1, 2, 0, -2], false, 1.5), ([1], [1], [-1, 1, 2, -1], true, 1),
    ]

    func testMatchesReferenceRecipe() {
        let x = randn([2, 3, 7, 6], seed: 1)
        for filter in [randn([4, 3], seed: 2), randn([5], seed: 3)] {
            for c in cases {
                let y = Tensor.upfirdn2d(x, filter: filter, up: c.up, down: c.down, padding: c.pad, flipFilter: c.flip, gain: c.gain)
                let expected = naiveUpfirdn2d(x, filter, up: (c.up[0], c.up.last!), down: (c.down[0], c.down.last!),
                                              pad: c.pad.count == 4 ? c.pad : [Int](repeating: c.pad[0], count: 4), flip: c.flip, gain: c.gain)
                XCTAssertEqual(y.shape, expected.shape, "\(c)")
                if y.shape == expected.shape { XCTAssertLessThan(maxAbsDifference(y, expected), 1e-12, "\(c)") }
            }
        }
    }

    func testGradientsFirstAndSecondOrder() {
        let x = randn([1, 2, 5, 4], seed: 4)
        for filter in [randn([3, 4], seed: 5), randn([3], seed: 6)] {
            for c in cases {
                checkGradients([x]) { Tensor.upfirdn2d($0[0], filter: filter, up: c.up, down: c.down, padding: c.pad, flipFilter: c.flip, gain: c.gain) }
            }
            checkGradients([x], order: 2) { Tensor.upfirdn2d($0[0], filter: filter, up: [2], down: [1], padding: [1]).square() }
        }
    }

    func testWrappersKeepSizes() {
        let x = randnFloat([1, 2, 8, 8], seed: 7)
        let f = Tensor<Float>.setupFilter(Tensor([1, 3, 3, 1]))
        XCTAssertEqual(Tensor.upsample2d(x, filter: f).shape, [1, 2, 16, 16])
        XCTAssertEqual(Tensor.downsample2d(x, filter: f).shape, [1, 2, 4, 4])
        XCTAssertEqual(Tensor.filter2d(x, filter: f).shape, [1, 2, 8, 8])
        // A constant image stays constant inside after up/down-sampling with a normalized filter.
        let ones = Tensor<Float>.ones([1, 1, 8, 8])
        XCTAssertEqual(Tensor.upsample2d(ones, filter: f).scalars[5 * 16 + 7], 1, accuracy: 1e-6)
        XCTAssertEqual(Tensor.downsample2d(ones, filter: f).scalars[1 * 4 + 2], 1, accuracy: 1e-6)
    }
}
