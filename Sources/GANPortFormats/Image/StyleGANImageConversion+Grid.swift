extension StyleGANImageConversion {
    /// The float32 offset and scale `save_image_grid` applies for `drange = [low, high]`:
    /// `Float(low)` and `Float(255 / (high - low))`.
    public static func gridScale(low: Double, high: Double) throws -> (offset: Float, scale: Float) {
        let range = high - low
        guard range != 0 else { throw ImageConversionError.emptyDynamicRange(low: low, high: high) }
        return (Float(low), Float(255 / range))
    }

    /// One sample as `save_image_grid` converts it: `rint((x - offset) * scale)` in float32,
    /// clipped to 0...255.
    @inlinable
    public static func gridSample(_ value: Float, offset: Float, scale: Float) -> UInt8 {
        let scaled = (value - offset) * scale
        guard !scaled.isNaN else { return 0 }
        return UInt8(Swift.min(Swift.max(scaled.rounded(.toNearestOrEven), 0), 255))
    }

    /// `save_image_grid`'s pixels: `[N, C, H, W]` float32 with `N = columns × rows` becomes a
    /// `rows·H × columns·W × C` byte array; image `row · columns + column` lands at that cell.
    public static func gridPixels(_ values: [Float], shape: [Int], low: Double, high: Double,
                                  columns: Int, rows: Int) throws -> [UInt8] {
        let (n, c, h, w) = try checkedShape(shape, count: values.count)
        guard columns > 0, rows > 0, columns.multipliedReportingOverflow(by: rows) == (n, false) else {
            throw ImageConversionError.gridMismatch(batch: n, columns: columns, rows: rows)
        }
        let (offset, scale) = try gridScale(low: low, high: high)
        let gridWidth = columns * w
        var out = [UInt8](repeating: 0, count: values.count)
        for image in 0..<n {
            let (row, column) = image.quotientAndRemainder(dividingBy: columns)
            for channel in 0..<c {
                let plane = (image * c + channel) * h * w
                for y in 0..<h {
                    let outRow = (row * h + y) * gridWidth + column * w
                    for x in 0..<w {
                        out[(outRow + x) * c + channel] = gridSample(values[plane + y * w + x], offset: offset, scale: scale)
                    }
                }
            }
        }
        return out
    }

    /// The image `save_image_grid` writes: gray for 1 channel, RGB for 3.
    public static func imageGrid(_ values: [Float], shape: [Int], low: Double, high: Double,
                                 columns: Int, rows: Int) throws -> PNGImage {
        let (_, c, _, _) = try checkedShape(shape, count: values.count)
        guard c == 1 || c == 3 else { throw ImageConversionError.unsupportedChannels(c) }
        let pixels = try gridPixels(values, shape: shape, low: low, high: high, columns: columns, rows: rows)
        return PNGImage(width: columns * shape[3], height: rows * shape[2], layout: shape[1] == 1 ? .gray : .rgb,
                        pixels: pixels)
    }
}
