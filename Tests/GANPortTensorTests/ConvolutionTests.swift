import XCTest
@testable import GANPortTensor

/// Direct-loop correlation used as the reference for the BLAS path.
func naiveConv2d(_ x: Tensor<Double>, _ w: Tensor<Double>, stride: Int, padding: Int, groups: Int) -> Tensor<Double> {
    let (n, c, h, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (o, cg, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
    let outH = (h + 2 * padding - kh) / stride + 1, outW = (width + 2 * padding - kw) / stride + 1
    let og = o / groups
    var out = [Double](repeating: 0, count: n * o * outH * outW)
    for s in 0..<n { for oc in 0..<o { for oy in 0..<outH { for ox in 0..<outW {
        var total = 0.0
        let group = oc / og
        for ic in 0..<cg { for i in 0..<kh { for j in 0..<kw {
            let iy = oy * stride - padding + i, ix = ox * stride - padding + j
            guard iy >= 0, iy < h, ix >= 0, ix < width else { continue }
            total += x.scalars[((s * c + group * cg + ic) * h + iy) * width + ix] * w.scalars[((oc * cg + ic) * kh + i) * kw + j]
        } } }
        out[((s * o + oc) * outH + oy) * outW + ox] = total
    } } } }
    return Tensor(shape: [n, o, outH, outW], scalars: out)
}

final class ConvolutionTests: XCTestCase {
    func testConv2dMatchesDirectLoops() {
        for (stride, padding, groups, kernel) in [(1, 1, 1, 3), (2, 1, 1, 3), (1, 0, 2, 3), (2, 2, 3, 4), (1, 0, 1, 1), (3, 0, 1, 2)] {
            let x = randn([2, 6, 7, 6], seed: 1)
            let w = randn([6, 6 / groups, kernel, kernel], seed: 2)
            let y = Tensor.conv2d(x, w, stride: [stride], padding: [padding], groups: groups)
            XCTAssertLessThan(maxAbsDifference(y, naiveConv2d(x, w, stride: stride, padding: padding, groups: groups)), 1e-12)
        }
    }

    func testRowTilesGiveTheSameConvolutionsAndGradients() {
        let saved = Kernels.convTileBudget
        defer { Kernels.convTileBudget = saved }
        let x = randn([2, 4, 9, 7], seed: 11), w = randn([4, 2, 3, 3], seed: 12)
        func run() -> [Tensor<Double>] {
            let xl = Tensor(shape: x.shape, scalars: x.scalars, requiresGrad: true)
            let wl = Tensor(shape: w.shape, scalars: w.scalars, requiresGrad: true)
            let y = Tensor.conv2d(xl, wl, stride: [2, 1], padding: [1], groups: 2)
            let t = Tensor.convTranspose2d(xl, wl.transposed(0, 1).reshaped([4, 2, 3, 3]), stride: [2], padding: [1], groups: 2)
            return [y, t] + Tensor.gradients(of: [y.square().sum() + t.sum()], wrt: [xl, wl])
        }
        let whole = run()
        Kernels.convTileBudget = 40  // one or two rows per tile
        XCTAssertGreaterThan(RowTiling(rows: 5, width: 7, rowsPerColumn: 18, budget: 40 * 7).count, 1)
        for (a, b) in zip(whole, run()) { XCTAssertLessThan(maxAbsDifference(a, b), 1e-12) }
        XCTAssertLessThan(maxAbsDifference(whole[0], naiveConv2dStrided(x, w)), 1e-12)
    }

    /// `naiveConv2d` with stride (2, 1), padding 1, 2 groups.
    func naiveConv2dStrided(_ x: Tensor<Double>, _ w: Tensor<Double>) -> Tensor<Double> {
        let full = naiveConv2d(x, w, stride: 1, padding: 1, groups: 2)
        return full.sliced(axis: 2, start: 0, end: full.shape[2], step: 2)
    }

    func testConvTransposeIsAdjointOfConv() {
        // <conv2d(x, w), y> == <x, convTranspose2d(y, w)>
        let x = randn([2, 4, 9, 9], seed: 3), w = randn([6, 2, 3, 3], seed: 4)
        let y = Tensor.conv2d(x, w, stride: [2], padding: [1], groups: 2)
        let probe = randn(y.shape, seed: 5)
        let back = Tensor.convTranspose2d(probe, w, stride: [2], padding: [1], groups: 2)
        XCTAssertEqual(back.shape, [2, 4, 9, 9])
        XCTAssertEqual((y * probe).sum().item, (x * back).sum().item, accuracy: 1e-10)
    }

    func testConvGradientsFirstAndSecondOrder() {
        let x = randn([2, 4, 5, 5], seed: 6), w = randn([4, 2, 3, 3], seed: 7)
        for (stride, padding) in [(1, 1), (2, 0), (2, 1)] {
            checkGradients([x, w]) { Tensor.conv2d($0[0], $0[1], stride: [stride], padding: [padding], groups: 2) }
            checkGradients([x, w], order: 2) {
                Tensor.conv2d($0[0], $0[1], stride: [stride], padding: [padding], groups: 2).square()
            }
        }
        let t = randn([2, 4, 3, 3], seed: 8)
        checkGradients([t, w]) { Tensor.convTranspose2d($0[0], $0[1], stride: [2], padding: [0], groups: 2) }
        checkGradients([t, w], order: 2) {
            Tensor.convTranspose2d($0[0], $0[1], stride: [2], padding: [1], outputPadding: [1], groups: 2).square()
        }
    }

    func testMatmulAndLinear() {
        let a = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor<Double>(shape: [3, 1], scalars: [1, 0, -1])
        XCTAssertEqual(a.matmul(b).scalars, [-2, -2])
        XCTAssertEqual(Tensor.matmul(a, a, transposeB: true).scalars, [14, 32, 32, 77])
        XCTAssertEqual(Tensor.matmul(a, a, transposeA: true).shape, [3, 3])
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let x = randn(ta ? [2, 4, 3] : [2, 3, 4], seed: 1), y = randn(tb ? [2, 5, 4] : [2, 4, 5], seed: 2)
            checkGradients([x, y], order: 2) { Tensor.matmul($0[0], $0[1], transposeA: ta, transposeB: tb).square() }
        }
        checkGradients([randn([3, 4], seed: 3), randn([5, 4], seed: 4), randn([5], seed: 5)], order: 2) {
            Tensor.linear($0[0], weight: $0[1], bias: $0[2]).tanh()
        }
    }

    func testMatmulBlockAndReductionSplitsMatchDirectSums() {
        // 2100 × 3: rows split into 2 blocks; 3 × 2500 · 2500 × 4: the reduction split into 2 chunks.
        XCTAssertEqual(GemmPlan(m: 2100, n: 3, k: 5).blocks, 2)
        XCTAssertEqual(GemmPlan(m: 3, n: 4, k: 2500).kChunks, 2)
        for (m, n, k, ta, tb) in [(2100, 3, 5, false, true), (3, 4, 2500, true, false), (5, 2048, 3, true, true)] {
            let a = randn(ta ? [2, k, m] : [2, m, k], seed: 1), b = randn(tb ? [2, n, k] : [2, k, n], seed: 2)
            let c = Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
            var worst = 0.0
            for index in 0..<2 { for row in 0..<m { for column in 0..<n {
                var total = 0.0
                for r in 0..<k {
                    total += a.scalars[index * m * k + (ta ? r * m + row : row * k + r)]
                        * b.scalars[index * k * n + (tb ? column * k + r : r * n + column)]
                }
                worst = max(worst, abs(total - c.scalars[(index * m + row) * n + column]))
            } } }
            XCTAssertLessThan(worst, 1e-10, "\(m)×\(k)·\(k)×\(n)")
        }
    }

    func testResultsDoNotDependOnThreadCount() {
        func run() -> [[Float]] {
            let x = Tensor<Float>(shape: randnFloat([2, 64, 24, 24], seed: 1).shape, scalars: randnFloat([2, 64, 24, 24], seed: 1).scalars, requiresGrad: true)
            let w = Tensor<Float>(shape: [96, 32, 3, 3], scalars: randnFloat([96, 32, 3, 3], seed: 2).scalars, requiresGrad: true)
            let y = Tensor.conv2d(x, w, stride: [1], padding: [1], groups: 2)
            let grads = Tensor.gradients(of: [y], wrt: [x, w], cotangents: [randnFloat(y.shape, seed: 3)])
            let a = randnFloat([300, 200], seed: 4), b = randnFloat([200, 700], seed: 5)
            let long = randnFloat([40, 3000], seed: 6), tall = randnFloat([64, 2100], seed: 7)
            let t = Tensor.convTranspose2d(y, w, stride: [2], padding: [1], groups: 2)
            return [y.scalars, grads[0].scalars, grads[1].scalars, a.matmul(b).scalars, t.scalars,
                    Tensor.matmul(long, long, transposeB: true).scalars, Tensor.matmul(tall, long.sliced(axis: 1, start: 0, end: 1500).sliced(axis: 0, start: 0, end: 32).repeated([2, 1]), transposeA: true).scalars]
        }
        let saved = TensorRuntime.threadCount, savedBudget = Kernels.convTileBudget
        defer { TensorRuntime.threadCount = saved; Kernels.convTileBudget = savedBudget }
        Kernels.convTileBudget = 288 * 24 * 5  // five output rows per im2col tile
        TensorRuntime.threadCount = 1
        let single = run()
        TensorRuntime.threadCount = 2
        let double = run()
        let again = run()
        for (index, (a, b)) in zip(single, double).enumerated() {
            XCTAssertEqual(zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count, 0, "result \(index): 1 vs 2 threads")
        }
        for (index, (a, b)) in zip(double, again).enumerated() {
            XCTAssertEqual(zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count, 0, "result \(index): run to run")
        }
    }
}
