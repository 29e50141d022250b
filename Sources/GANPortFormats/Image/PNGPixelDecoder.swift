/// Turns inflated, filtered scanlines into samples: undoes the five filter types in place,
/// unpacks sub-byte depths, expands palettes and places Adam7 passes.
struct PNGPixelDecoder {
    let header: PNGHeader
    let palette: PNGPalette?

    /// The layout of the decoded samples.
    var layout: PNGPixelLayout {
        switch header.colorType {
        case 0: return .gray
        case 4: return .grayAlpha
        case 2: return .rgb
        case 3: return palette?.hasTransparency == true ? .rgba : .rgb
        default: return .rgba
        }
    }

    func decode(_ scanlines: inout [UInt8]) throws -> PNGImage {
        try unfilter(&scanlines)
        let channels = layout.channels
        let count = header.width * header.height * channels
        if header.bitDepth == 16 {
            var samples = [UInt16](repeating: 0, count: count)
            try place(scanlines, channels: channels) { pass, x, y, row in
                let pixel = ((pass.y0 + y * pass.dy) * header.width + pass.x0 + x * pass.dx) * channels
                for c in 0..<channels {
                    let at = row + (x * channels + c) * 2
                    samples[pixel + c] = UInt16(scanlines[at]) << 8 | UInt16(scanlines[at + 1])
                }
            }
            return PNGImage(width: header.width, height: header.height, layout: layout, samples: .uint16(samples))
        }
        var samples = [UInt8](repeating: 0, count: count)
        let depth = header.bitDepth
        let grayScale = depth < 8 ? UInt8(255 / ((1 << depth) - 1)) : 1
        let perByte = 8 / depth, mask = UInt8((1 << depth) - 1)
        try place(scanlines, channels: header.fileChannels) { pass, x, y, row in
            let pixel = ((pass.y0 + y * pass.dy) * header.width + pass.x0 + x * pass.dx) * channels
            if let palette {
                let index = Int(depth == 8 ? scanlines[row + x]
                    : scanlines[row + x / perByte] >> UInt8(8 - depth * (x % perByte + 1)) & mask)
                guard index < palette.count else { throw PNGError.paletteIndexOutOfRange(index: index, entries: palette.count) }
                for c in 0..<channels { samples[pixel + c] = palette.rgba[index * 4 + c] }
            } else if depth < 8 {
                let value = scanlines[row + x / perByte] >> UInt8(8 - depth * (x % perByte + 1)) & mask
                samples[pixel] = value &* grayScale
            } else {
                for c in 0..<channels { samples[pixel + c] = scanlines[row + x * channels + c] }
            }
        }
        return PNGImage(width: header.width, height: header.height, layout: layout, samples: .uint8(samples))
    }

    /// Calls `body(pass, x, y, rowStart)` for every pixel, `rowStart` being the offset of the
    /// pixel's row data (after its filter byte) in `scanlines`.
    private func place(_ scanlines: [UInt8], channels: Int,
                       _ body: (PNGHeader.Pass, Int, Int, Int) throws -> Void) throws {
        var offset = 0
        for pass in header.passes {
            let rowBytes = header.rowBytes(pixels: pass.width)
            for y in 0..<pass.height {
                for x in 0..<pass.width { try body(pass, x, y, offset + 1) }
                offset += 1 + rowBytes
            }
        }
    }

    /// Undoes the scanline filters in place (None, Sub, Up, Average, Paeth), pass by pass.
    private func unfilter(_ data: inout [UInt8]) throws {
        let stride = header.filterStride
        var offset = 0, rowNumber = 0
        try data.withUnsafeMutableBufferPointer { bytes in
            for pass in header.passes {
                let rowBytes = header.rowBytes(pixels: pass.width)
                var previous = -1
                for _ in 0..<pass.height {
                    let filter = bytes[offset]
                    let row = offset + 1
                    guard filter <= 4 else { throw PNGError.invalidFilterType(row: rowNumber, value: Int(filter)) }
                    for i in 0..<rowBytes {
                        let a = i >= stride ? Int(bytes[row + i - stride]) : 0
                        let b = previous >= 0 ? Int(bytes[previous + i]) : 0
                        let c = i >= stride && previous >= 0 ? Int(bytes[previous + i - stride]) : 0
                        let predictor: Int
                        switch filter {
                        case 1: predictor = a
                        case 2: predictor = b
                        case 3: predictor = (a + b) / 2
                        case 4: predictor = PNGPixelDecoder.paeth(a, b, c)
                        default: predictor = 0
                        }
                        bytes[row + i] = bytes[row + i] &+ UInt8(truncatingIfNeeded: predictor)
                    }
                    previous = row
                    offset = row + rowBytes
                    rowNumber += 1
                }
            }
        }
    }

    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb, pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
