import GANPortFormats

/// A black 8-bit canvas that equal-sized images are pasted onto (`PIL.Image.new(…, 'black')` then
/// `paste`), for image grids.
struct ImageCanvas {
    let cellWidth: Int
    let cellHeight: Int
    let columns: Int
    let rows: Int
    let layout: PNGPixelLayout
    private(set) var pixels: [UInt8]

    /// A canvas of `columns × rows` cells of `cellWidth × cellHeight` pixels (sizes already checked).
    init(cellWidth: Int, cellHeight: Int, columns: Int, rows: Int, layout: PNGPixelLayout) {
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.columns = columns
        self.rows = rows
        self.layout = layout
        pixels = [UInt8](repeating: 0, count: columns * cellWidth * rows * cellHeight * layout.channels)
    }

    /// Copies `image` (of the cell size and layout) into the cell at `column`, `row`.
    mutating func paste(_ image: PNGImage, column: Int, row: Int) {
        guard let source = image.pixels, image.width == cellWidth, image.height == cellHeight, image.layout == layout,
              (0..<columns).contains(column), (0..<rows).contains(row) else { return }
        let rowBytes = cellWidth * layout.channels
        let canvasRowBytes = columns * rowBytes
        for y in 0..<cellHeight {
            let target = (row * cellHeight + y) * canvasRowBytes + column * rowBytes
            pixels.replaceSubrange(target..<(target + rowBytes), with: source[(y * rowBytes)..<((y + 1) * rowBytes)])
        }
    }

    var image: PNGImage {
        PNGImage(width: columns * cellWidth, height: rows * cellHeight, layout: layout, pixels: pixels)
    }
}
