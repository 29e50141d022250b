/// Resampling parameters of one `upfirdn2d` pass (per axis: up, down, padding before/after).
struct Resampling: Equatable {
    var upX = 1, upY = 1, downX = 1, downY = 1
    var padX0 = 0, padX1 = 0, padY0 = 0, padY1 = 0

    /// Output width for an input of `width` and a filter of `taps` columns.
    func outWidth(_ width: Int, taps: Int) -> Int { (width * upX + padX0 + padX1 - taps + downX) / downX }
    /// Output height for an input of `height` and a filter of `taps` rows.
    func outHeight(_ height: Int, taps: Int) -> Int { (height * upY + padY0 + padY1 - taps + downY) / downY }
}

/// Output columns `ox0, ox0 + strideOut, …` (`count` of them) reading input columns `ix0, ix0 + strideIn, …`.
struct FIRProgression { var ox0: Int, ix0: Int, count: Int }

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? a : greatestCommonDivisor(b, a % b) }

extension Kernels {
    /// 2-D FIR with zero-insertion upsampling, zero padding (negative = crop) and decimation, done
    /// by index arithmetic on the input (the upsampled image is never built). `kernel` [kh, kw] is
    /// applied as a correlation over the virtual upsampled, padded image, output pixel (oy, ox)
    /// reading rows `oy·downY + i` and columns `ox·downX + j`.
    /// Planes (N·C of them) are independent and split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func fir2d<T: TensorScalar>(_ x: [T], planes: Int, height: Int, width: Int,
                                        kernel: [T], kernelH: Int, kernelW: Int, _ r: Resampling) -> (outH: Int, outW: Int, values: [T]) {
        let outH = r.outHeight(height, taps: kernelH), outW = r.outWidth(width, taps: kernelW)
        precondition(outH > 0 && outW > 0, "upfirdn2d: empty output (input \(height)×\(width), filter \(kernelH)×\(kernelW))")
        var out: [T] = uninitializedArray(count: planes * outH * outW) { _ in }
        // Column progressions per filter column j: outputs ox0, ox0+strideOut, … read input columns ix0, ix0+strideIn, ….
        let g = greatestCommonDivisor(r.downX, r.upX)
        let strideOut = r.upX / g, strideIn = r.downX / g
        var columns = [FIRProgression]()
        for j in 0..<kernelW {
            var first: Int?
            for ox in 0..<Swift.min(strideOut, outW) where (ox * r.downX + j - r.padX0) % r.upX == 0 { first = ox; break }
            guard var ox0 = first else { columns.append(FIRProgression(ox0: 0, ix0: 0, count: 0)); continue }
            var ix0 = (ox0 * r.downX + j - r.padX0) / r.upX
            if ix0 < 0 {  // advance to the first in-range input column
                let steps = (-ix0 + strideIn - 1) / strideIn
                ox0 += steps * strideOut
                ix0 += steps * strideIn
            }
            let byOut = ox0 < outW ? (outW - 1 - ox0) / strideOut + 1 : 0
            let byIn = ix0 < width ? (width - 1 - ix0) / strideIn + 1 : 0
            columns.append(FIRProgression(ox0: ox0, ix0: ix0, count: Swift.max(0, Swift.min(byOut, byIn))))
        }
        x.withUnsafeBufferPointer { px in
            kernel.withUnsafeBufferPointer { pk in
                out.withUnsafeMutableBufferPointer { po in
                    nonisolated(unsafe) let px = px.baseAddress!, pk = pk.baseAddress!, po = po.baseAddress!
                    TensorRuntime.parallelFor(planes) { plane in
                        let source = px + plane * height * width
                        let target = po + plane * outH * outW
                        target.initialize(repeating: 0, count: outH * outW)
                        for oy in 0..<outH {
                            let row = target + oy * outW
                            for i in 0..<kernelH {
                                let virtualRow = oy * r.downY + i - r.padY0
                                guard virtualRow >= 0, virtualRow % r.upY == 0 else { continue }
                                let iy = virtualRow / r.upY
                                guard iy < height else { continue }
                                let line = source + iy * width
                                for j in 0..<kernelW {
                                    let p = columns[j]
                                    guard p.count > 0 else { continue }
                                    let weight = pk[i * kernelW + j]
                                    let o = row + p.ox0, s = line + p.ix0
                                    if strideOut == 1 && strideIn == 1 {
                                        for t in 0..<p.count { o[t] += weight * s[t] }
                                    } else {
                                        for t in 0..<p.count { o[t * strideOut] += weight * s[t * strideIn] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (outH, outW, out)
    }
}
