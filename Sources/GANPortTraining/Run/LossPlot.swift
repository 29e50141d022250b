import GANPortFormats

/// Renders the loss curves of a metrics log as a PNG (`RUN_DIR/losses.png`): one colored polyline
/// per statistic against kimg, axes with labeled ticks, grid lines and a legend, drawn with a
/// built-in bitmap font. No external dependencies; the same entries always give the same bytes.
///
/// Non-finite values break a curve; statistics absent from every entry are left out of the plot
/// and the legend.
public struct LossPlot: Sendable {
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// The statistics to plot, in legend order.
    public var series: [String]

    public init(width: Int = 800, height: Int = 480, series: [String] = MetricsEntry.StatName.losses) {
        self.width = width
        self.height = height
        self.series = series
    }

    /// Colors of the curves, in series order (repeating).
    static let palette = [
        RGB(r: 31, g: 119, b: 180), RGB(r: 255, g: 127, b: 14), RGB(r: 44, g: 160, b: 44),
        RGB(r: 214, g: 39, b: 40), RGB(r: 148, g: 103, b: 189), RGB(r: 140, g: 86, b: 75),
        RGB(r: 227, g: 119, b: 194), RGB(r: 127, g: 127, b: 127),
    ]

    static let margins = (left: 72, right: 16, top: 16, bottom: 40)

    /// The plot of `entries` (an empty log gives empty axes).
    public func render(_ entries: [MetricsEntry]) throws -> PNGImage {
        let m = LossPlot.margins
        guard width >= m.left + m.right + 64, height >= m.top + m.bottom + 64, width <= 8192, height <= 8192 else {
            throw RunFileError.invalidArgument("plot size \(width)×\(height) is outside 152×120...8192×8192")
        }
        let shown = series.filter { name in entries.contains { $0.stats[name]?.isFinite == true } }
        let xs = entries.map(\.kimg)
        let ys = shown.flatMap { name in entries.compactMap { $0.stats[name] }.filter(\.isFinite) }
        let xAxis = PlotAxis(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, targetTicks: 6)
        let yAxis = PlotAxis(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1, targetTicks: 6)
        let plot = (x: m.left, y: m.top, width: width - m.left - m.right, height: height - m.top - m.bottom)
        func px(_ value: Double) -> Int { plot.x + Int((xAxis.fraction(value) * Double(plot.width - 1)).rounded()) }
        func py(_ value: Double) -> Int { plot.y + Int(((1 - yAxis.fraction(value)) * Double(plot.height - 1)).rounded()) }

        var canvas = RasterCanvas(width: width, height: height, background: .white)
        for tick in xAxis.ticks {
            let x = px(tick)
            canvas.line(x, plot.y, x, plot.y + plot.height - 1, .grid)
            canvas.line(x, plot.y + plot.height, x, plot.y + plot.height + 3, .black)
            let label = xAxis.label(tick)
            canvas.text(label, x: x - BitmapFont.width(of: label) / 2, y: plot.y + plot.height + 7, .text)
        }
        for tick in yAxis.ticks {
            let y = py(tick)
            canvas.line(plot.x, y, plot.x + plot.width - 1, y, .grid)
            canvas.line(plot.x - 4, y, plot.x - 1, y, .black)
            let label = yAxis.label(tick)
            canvas.text(label, x: plot.x - 7 - BitmapFont.width(of: label), y: y - BitmapFont.glyphHeight / 2, .text)
        }
        canvas.text("KIMG", x: plot.x + plot.width - BitmapFont.width(of: "KIMG"), y: plot.y + plot.height + 22, .text)
        for (index, name) in shown.enumerated() {
            let color = LossPlot.palette[index % LossPlot.palette.count]
            var previous: (Int, Int)?
            for entry in entries {
                guard let value = entry.stats[name], value.isFinite else { previous = nil; continue }
                let point = (px(entry.kimg), py(value))
                if let (x0, y0) = previous { canvas.line(x0, y0, point.0, point.1, color, thickness: 2) } else {
                    canvas.fill(x: point.0 - 1, y: point.1 - 1, width: 2, height: 2, color)
                }
                previous = point
            }
        }
        drawFrame(&canvas, plot: plot)
        drawLegend(&canvas, names: shown, plot: plot)
        return canvas.image
    }

    /// Renders `entries` and writes the PNG to `path` atomically.
    public func write(_ entries: [MetricsEntry], to path: String) throws {
        let image = try render(entries)
        try RunFiles.writing(path) { try PNGEncoder.write(image, to: path) }
    }

    private func drawFrame(_ canvas: inout RasterCanvas, plot: (x: Int, y: Int, width: Int, height: Int)) {
        let right = plot.x + plot.width - 1, bottom = plot.y + plot.height - 1
        canvas.line(plot.x, plot.y, right, plot.y, .black)
        canvas.line(plot.x, bottom, right, bottom, .black)
        canvas.line(plot.x, plot.y, plot.x, bottom, .black)
        canvas.line(right, plot.y, right, bottom, .black)
    }

    private func drawLegend(_ canvas: inout RasterCanvas, names: [String], plot: (x: Int, y: Int, width: Int, height: Int)) {
        guard !names.isEmpty else { return }
        let rowHeight = 12, swatch = 16
        let textWidth = names.map { BitmapFont.width(of: $0) }.max() ?? 0
        let boxWidth = 6 + swatch + 6 + textWidth + 6
        let boxHeight = 6 + names.count * rowHeight
        let x = plot.x + plot.width - boxWidth - 8, y = plot.y + 8
        canvas.fill(x: x, y: y, width: boxWidth, height: boxHeight, .white)
        canvas.line(x, y, x + boxWidth - 1, y, .black)
        canvas.line(x, y + boxHeight - 1, x + boxWidth - 1, y + boxHeight - 1, .black)
        canvas.line(x, y, x, y + boxHeight - 1, .black)
        canvas.line(x + boxWidth - 1, y, x + boxWidth - 1, y + boxHeight - 1, .black)
        for (index, name) in names.enumerated() {
            let rowY = y + 6 + index * rowHeight
            let color = LossPlot.palette[index % LossPlot.palette.count]
            canvas.line(x + 6, rowY + 3, x + 6 + swatch, rowY + 3, color, thickness: 2)
            canvas.text(name, x: x + 6 + swatch + 6, y: rowY, .text)
        }
    }
}
