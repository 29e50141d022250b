/// Float network output to 8-bit pixels exactly as the official StyleGAN2-ADA / StyleGAN3
/// scripts do it, on float32 `[N, C, H, W]` arrays.
///
/// * `generate.py` / `gen_images.py`:
///   `(img.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8)` — two float32
///   operations, each rounded (no fused multiply-add), a clamp to [0, 255], then a cast that
///   truncates toward zero. The net effect is round-half-up of `x·127.5 + 127.5`, up to float32
///   rounding of the product and the sum.
/// * `training_loop.save_image_grid(img, fname, drange=[lo, hi], grid_size=(gw, gh))`: on a
///   float32 array, `(img - lo) * (255 / (hi - lo))` with `lo` and `255 / (hi - lo)` (a float64
///   Python division) cast to float32 as NumPy 1.x does for Python scalars, then `np.rint`
///   (round half to even), `clip(0, 255)`, `astype(uint8)`; images tiled `gh` rows by `gw`
///   columns, batch index `row · gw + column`.
///
/// NaN becomes 0 in both, as torch and NumPy give on x86-64 CPUs (the C cast of NaN is
/// undefined; other platforms may differ).
public enum StyleGANImageConversion {
    /// One sample as `generate.py` converts it.
    @inlinable
    public static func generatorSample(_ value: Float) -> UInt8 {
        let scaled = value * 127.5
        let shifted = scaled + 128
        guard !shifted.isNaN else { return 0 }
        return UInt8(Swift.min(Swift.max(shifted, 0), 255))
    }

    /// `generate.py`'s conversion of an `[N, C, H, W]` float32 array: `[N, H, W, C]` bytes.
    public static func generatorPixels(_ values: [Float], shape: [Int]) throws -> [UInt8] {
        let (n, c, h, w) = try checkedShape(shape, count: values.count)
        var out = [UInt8](repeating: 0, count: values.count)
        for image in 0..<n {
            for channel in 0..<c {
                let plane = (image * c + channel) * h * w
                for pixel in 0..<(h * w) {
                    out[(image * h * w + pixel) * c + channel] = generatorSample(values[plane + pixel])
                }
            }
        }
        return out
    }

    /// The images `generate.py` saves, one per batch element (1, 3 or 4 channels: gray, RGB, RGBA).
    public static func generatorImages(_ values: [Float], shape: [Int]) throws -> [PNGImage] {
        let (n, c, h, w) = try checkedShape(shape, count: values.count)
        guard let layout = [1: PNGPixelLayout.gray, 3: .rgb, 4: .rgba][c] else {
            throw ImageConversionError.unsupportedChannels(c)
        }
        let pixels = try generatorPixels(values, shape: shape)
        let size = h * w * c
        return (0..<n).map { PNGImage(width: w, height: h, layout: layout, pixels: Array(pixels[($0 * size)..<(($0 + 1) * size)])) }
    }

    /// `[N, C, H, W]` of a shape, checked against the value count.
    static func checkedShape(_ shape: [Int], count: Int) throws -> (Int, Int, Int, Int) {
        guard shape.count == 4, shape.allSatisfy({ $0 > 0 }) else { throw ImageConversionError.invalidShape(shape) }
        var product = 1
        for dimension in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw ImageConversionError.invalidShape(shape) }
            product = next
        }
        guard product == count else { throw ImageConversionError.countMismatch(expected: product, actual: count) }
        return (shape[0], shape[1], shape[2], shape[3])
    }
}
