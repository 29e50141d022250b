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

extension Kernels {
    /// `target[t] += weight · source[t]` for `t < count` (non-overlapping buffers; vectorizable).
    @inline(__always)
    static func multiplyAdd<T: TensorScalar>(_ weight: T, _ source: UnsafePointer<T>, into target: UnsafeMutablePointer<T>, count: Int) {
        let source = UnsafeBufferPointer(start: source, count: count)
        let target = UnsafeMutableBufferPointer(start: target, count: count)
        for t in 0..<count { target[t] += weight * source[t] }
    }
}

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
        // Strided columns are handled by phases, so every inner loop runs over contiguous memory:
        // input rows are split into `strideIn` phases (column ψ + u·strideIn at phase ψ, index u) and
        // output rows are accumulated in `strideOut` phases, then interleaved. Each output element
        // still receives its terms in (i, j) order.
        let inPhaseWidth = (width + strideIn - 1) / strideIn, outPhaseWidth = (outW + strideOut - 1) / strideOut
        let reads = columns.map { (phase: $0.ix0 % strideIn, start: $0.ix0 / strideIn) }
        let writes = columns.map { (phase: $0.ox0 % strideOut, start: $0.ox0 / strideOut) }
        let planeScratch = strideIn > 1 ? height * strideIn * inPhaseWidth : 0
        let rowScratch = strideOut > 1 ? strideOut * outPhaseWidth : 0
        x.withUnsafeBufferPointer { px in
            kernel.withUnsafeBufferPointer { pk in
                out.withUnsafeMutableBufferPointer { po in
                    nonisolated(unsafe) let px = px.baseAddress!, pk = pk.baseAddress!, po = po.baseAddress!
                    forEachUnit(planes, scratchCount: planeScratch + rowScratch, of: T.self) { plane, scratch in
                        let source = px + plane * height * width
                        let target = po + plane * outH * outW
                        let phased = scratch, accumulator = scratch + planeScratch
                        if strideIn > 1 {
                            for iy in 0..<height {
                                let line = source + iy * width
                                for phase in 0..<strideIn {
                                    let destination = phased + (iy * strideIn + phase) * inPhaseWidth
                                    var u = 0, column = phase
                                    while column < width { destination[u] = line[column]; u += 1; column += strideIn }
                                }
                            }
                        }
                        for oy in 0..<outH {
                            let row = target + oy * outW
                            let sums = strideOut > 1 ? accumulator : row
                            sums.initialize(repeating: 0, count: strideOut > 1 ? rowScratch : outW)
                            for i in 0..<kernelH {
                                let virtualRow = oy * r.downY + i - r.padY0
                                guard virtualRow >= 0, virtualRow % r.upY == 0 else { continue }
                                let iy = virtualRow / r.upY
                                guard iy < height else { continue }
                                for j in 0..<kernelW {
                                    let count = columns[j].count
                                    guard count > 0 else { continue }
                                    let weight = pk[i * kernelW + j]
                                    let s = strideIn > 1 ? UnsafePointer(phased + (iy * strideIn + reads[j].phase) * inPhaseWidth + reads[j].start)
                                                         : source + iy * width + columns[j].ix0
                                    let o = strideOut > 1 ? sums + writes[j].phase * outPhaseWidth + writes[j].start : sums + columns[j].ox0
                                    multiplyAdd(weight, s, into: o, count: count)
                                }
                            }
                            if strideOut > 1 {
                                for phase in 0..<Swift.min(strideOut, outW) {
                                    let from = accumulator + phase * outPhaseWidth
                                    var t = 0, column = phase
                                    while column < outW { row[column] = from[t]; t += 1; column += strideOut }
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
