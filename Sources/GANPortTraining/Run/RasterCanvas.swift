import GANPortFormats

/// An RGB color.
struct RGB: Equatable {
    var r: UInt8, g: UInt8, b: UInt8
    static let white = RGB(r: 255, g: 255, b: 255)
    static let black = RGB(r: 0, g: 0, b: 0)
    static let grid = RGB(r: 225, g: 225, b: 225)
    static let text = RGB(r: 40, g: 40, b: 40)
}

/// A small RGB raster with the drawing the loss plot needs: rectangles, lines, text.
struct RasterCanvas {
    let width: Int
    let height: Int
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int, background: RGB) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        fill(x: 0, y: 0, width: width, height: height, background)
    }

    var image: PNGImage { PNGImage(width: width, height: height, layout: .rgb, pixels: pixels) }

    /// Sets one pixel (outside the canvas: ignored).
    mutating func set(_ x: Int, _ y: Int, _ color: RGB) {
        guard (0..<width).contains(x), (0..<height).contains(y) else { return }
        let offset = (y * width + x) * 3
        pixels[offset] = color.r
        pixels[offset + 1] = color.g
        pixels[offset + 2] = color.b
    }

    /// The color at a pixel.
    func color(_ x: Int, _ y: Int) -> RGB {
        let offset = (y * width + x) * 3
        return RGB(r: pixels[offset], g: pixels[offset + 1], b: pixels[offset + 2])
    }

    mutating func fill(x: Int, y: Int, width: Int, height: Int, _ color: RGB) {
        for row in max(0, y)..<max(max(0, y), min(self.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) { set(column, row, color) }
        }
    }

    /// A line from (x0, y0) to (x1, y1) (Bresenham), `thickness` pixels wide.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ color: RGB, thickness: Int = 1) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        let low = -(thickness - 1) / 2, high = thickness / 2
        while true {
            for oy in low...high { for ox in low...high { set(x + ox, y + oy, color) } }
            if x == x1 && y == y1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// `text` in the bitmap font with its top-left corner at (x, y).
    mutating func text(_ text: String, x: Int, y: Int, _ color: RGB, scale: Int = 1) {
        for (index, character) in text.enumerated() {
            let originX = x + index * BitmapFont.advance * scale
            for gy in 0..<BitmapFont.glyphHeight {
                for gx in 0..<BitmapFont.glyphWidth where BitmapFont.isSet(character, x: gx, y: gy) {
                    fill(x: originX + gx * scale, y: y + gy * scale, width: scale, height: scale, color)
                }
            }
        }
    }
}
