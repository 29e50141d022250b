/// The validated `IHDR` of a PNG file and the geometry it implies.
struct PNGHeader: Equatable {
    let width: Int
    let height: Int
    let bitDepth: Int
    /// 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA.
    let colorType: Int
    let interlaced: Bool

    /// Samples per pixel in the file (1 for palette indices).
    var fileChannels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1 }
    /// Bits per pixel in the file.
    var bitsPerPixel: Int { fileChannels * bitDepth }
    /// Bytes between a byte and the one the Sub/Average/Paeth filters predict it from.
    var filterStride: Int { Swift.max(1, bitsPerPixel / 8) }

    /// One pass of the scanline order: the non-interlaced image, or one of Adam7's seven.
    struct Pass: Equatable {
        let x0: Int, y0: Int, dx: Int, dy: Int
        let width: Int, height: Int
    }

    /// Adam7's seven passes (origin and step), in order.
    static let adam7: [(x0: Int, y0: Int, dx: Int, dy: Int)] = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    /// The passes holding at least one pixel.
    var passes: [Pass] {
        guard interlaced else { return [Pass(x0: 0, y0: 0, dx: 1, dy: 1, width: width, height: height)] }
        return PNGHeader.adam7.compactMap { step in
            let w = width > step.x0 ? (width - step.x0 + step.dx - 1) / step.dx : 0
            let h = height > step.y0 ? (height - step.y0 + step.dy - 1) / step.dy : 0
            return w > 0 && h > 0 ? Pass(x0: step.x0, y0: step.y0, dx: step.dx, dy: step.dy, width: w, height: h) : nil
        }
    }

    /// Bytes of one packed row of `pixels` pixels (without its filter byte).
    func rowBytes(pixels: Int) -> Int { (pixels * bitsPerPixel + 7) / 8 }

    /// Parses and checks `IHDR` data against the format and `limits`; also checks that the
    /// filtered-scanline size is representable.
    init(_ chunk: PNGChunk, limits: PNGLimits) throws {
        guard chunk.data.count == 13 else {
            throw PNGError.invalidChunkLength(offset: chunk.offset, type: chunk.type, length: chunk.data.count)
        }
        let width = Int(PNGChunk.bigEndian32(chunk.data, 0)), height = Int(PNGChunk.bigEndian32(chunk.data, 4))
        guard (1...Int(Int32.max)).contains(width) else { throw PNGError.invalidIHDR(field: "width", value: width) }
        guard (1...Int(Int32.max)).contains(height) else { throw PNGError.invalidIHDR(field: "height", value: height) }
        let depth = Int(chunk.data[8]), colorType = Int(chunk.data[9])
        let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = allowed[colorType] else { throw PNGError.unsupportedColorType(colorType) }
        guard depths.contains(depth) else { throw PNGError.unsupportedBitDepth(colorType: colorType, bitDepth: depth) }
        guard chunk.data[10] == 0 else { throw PNGError.invalidIHDR(field: "compression method", value: Int(chunk.data[10])) }
        guard chunk.data[11] == 0 else { throw PNGError.invalidIHDR(field: "filter method", value: Int(chunk.data[11])) }
        guard chunk.data[12] <= 1 else { throw PNGError.invalidIHDR(field: "interlace method", value: Int(chunk.data[12])) }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else { throw PNGError.dimensionsOverflow(width: width, height: height) }
        guard pixels <= limits.maxPixels else { throw PNGError.tooManyPixels(width: width, height: height, limit: limits.maxPixels) }
        self.width = width
        self.height = height
        self.bitDepth = depth
        self.colorType = colorType
        self.interlaced = chunk.data[12] == 1
        guard scanlineBytes != nil else { throw PNGError.dimensionsOverflow(width: width, height: height) }
    }

    /// Total bytes of filtered scanlines over all passes (filter bytes included); nil on overflow.
    var scanlineBytes: Int? {
        var total = 0
        for pass in passes {
            let (bits, o1) = pass.width.multipliedReportingOverflow(by: bitsPerPixel)
            let (row, o2) = ((bits + 7) / 8).addingReportingOverflow(1)
            let (bytes, o3) = row.multipliedReportingOverflow(by: pass.height)
            let (sum, o4) = total.addingReportingOverflow(bytes)
            guard !(o1 || o2 || o3 || o4) else { return nil }
            total = sum
        }
        return total
    }
}
