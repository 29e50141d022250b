/// NVIDIA `conv2d_resample`: convolution with optional FIR up/downsampling, taking the same
/// path as the official code for each case (the order of operations matters at the borders).
extension Tensor {
    /// `conv2d_resample(x, w, f, up, down, padding, groups, flip_weight, flip_filter)`.
    /// `flipWeight` true is correlation (PyTorch), false a true convolution; `padding` is relative
    /// to the upsampled image (`[p]`, `[px, py]` or `[x0, x1, y0, y1]`).
    public static func conv2dResample(_ x: Tensor, _ w: Tensor, filter f: Tensor? = nil, up: Int = 1, down: Int = 1,
                                      padding: [Int] = [0], groups: Int = 1, flipWeight: Bool = true,
                                      flipFilter: Bool = false) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4 && up >= 1 && down >= 1 && groups >= 1, "conv2dResample: invalid arguments")
        let (outChannels, inPerGroup, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        let fw = f?.shape.last ?? 1, fh = f?.shape[0] ?? 1
        let p = parseResampling(up: [1], down: [1], padding: padding)
        var (px0, px1, py0, py1) = (p.padX0, p.padX1, p.padY0, p.padY1)
        if up > 1 {
            px0 += (fw + up - 1) / 2; px1 += (fw - up) / 2
            py0 += (fh + up - 1) / 2; py1 += (fh - up) / 2
        }
        if down > 1 {
            px0 += (fw - down + 1) / 2; px1 += (fw - down) / 2
            py0 += (fh - down + 1) / 2; py1 += (fh - down) / 2
        }
        func convolve(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: [Int] = [0, 0], transpose: Bool = false, flip: Bool) -> Tensor {
            let weight = flip ? w : w.flipped([2, 3])
            return transpose
                ? convTranspose2d(x, weight, stride: [stride], padding: padding, groups: groups)
                : conv2d(x, weight, stride: [stride], padding: padding, groups: groups)
        }
        let pads = [px0, px1, py0, py1]
        if kw == 1 && kh == 1 && down > 1 && up == 1 {
            let filtered = upfirdn2d(x, filter: f, down: [down], padding: pads, flipFilter: flipFilter)
            return convolve(filtered, w, flip: flipWeight)
        }
        if kw == 1 && kh == 1 && up > 1 && down == 1 {
            return upfirdn2d(convolve(x, w, flip: flipWeight), filter: f, up: [up], padding: pads,
                             flipFilter: flipFilter, gain: Double(up * up))
        }
        if down > 1 && up == 1 {
            let filtered = upfirdn2d(x, filter: f, padding: pads, flipFilter: flipFilter)
            return convolve(filtered, w, stride: down, flip: flipWeight)
        }
        if up > 1 {
            let transposedWeight = groups == 1 ? w.transposed(0, 1)
                : w.reshaped([groups, outChannels / groups, inPerGroup, kh, kw]).transposed(1, 2)
                    .reshaped([groups * inPerGroup, outChannels / groups, kh, kw])
            px0 -= kw - 1; px1 -= kw - up
            py0 -= kh - 1; py1 -= kh - up
            let pxt = Swift.max(Swift.min(-px0, -px1), 0), pyt = Swift.max(Swift.min(-py0, -py1), 0)
            var y = convolve(x, transposedWeight, stride: up, padding: [pyt, pxt], transpose: true, flip: !flipWeight)
            y = upfirdn2d(y, filter: f, padding: [px0 + pxt, px1 + pxt, py0 + pyt, py1 + pyt],
                          flipFilter: flipFilter, gain: Double(up * up))
            if down > 1 { y = upfirdn2d(y, filter: f, down: [down], flipFilter: flipFilter) }
            return y
        }
        if up == 1 && down == 1 && px0 == px1 && py0 == py1 && px0 >= 0 && py0 >= 0 {
            return convolve(x, w, padding: [py0, px0], flip: flipWeight)
        }
        var y = upfirdn2d(x, filter: up > 1 ? f : nil, up: [up], padding: pads, flipFilter: flipFilter, gain: Double(up * up))
        y = convolve(y, w, flip: flipWeight)
        if down > 1 { y = upfirdn2d(y, filter: f, down: [down], flipFilter: flipFilter) }
        return y
    }
}
