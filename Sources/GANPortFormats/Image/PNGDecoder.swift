/// A strict PNG decoder: every chunk's CRC is checked, chunk order follows the specification,
/// and the image data must inflate to exactly the image's filtered scanlines. Reads 8- and
/// 16-bit gray, gray + alpha, RGB and RGBA; gray of depth 1, 2, 4; palette images of depth 1,
/// 2, 4, 8; non-interlaced and Adam7-interlaced. Ancillary chunks are checked and skipped.
public enum PNGDecoder {
    /// Decodes the PNG file at `path` (memory-mapped).
    public static func decode(path: String, limits: PNGLimits = .default) throws -> PNGImage {
        try decode(ByteBuffer.map(path: path).all, limits: limits)
    }

    /// Decodes PNG bytes.
    public static func decode(_ bytes: [UInt8], limits: PNGLimits = .default) throws -> PNGImage {
        try decode(ByteSlice(bytes), limits: limits)
    }

    /// Decodes PNG bytes.
    public static func decode(_ bytes: ByteSlice, limits: PNGLimits = .default) throws -> PNGImage {
        let layout = try PNGFileLayout(bytes, limits: limits)
        guard let expected = layout.header.scanlineBytes else {
            throw PNGError.dimensionsOverflow(width: layout.header.width, height: layout.header.height)
        }
        let compressed = layout.imageData.reduce(0) { $0 + $1.count }
        // Deflate expands at most about 1032:1; a larger claim cannot be met.
        guard expected / 1032 <= compressed else {
            throw PNGError.compressedDataTooSmall(expected: expected, compressedBytes: compressed)
        }
        var scanlines = try PNGInflater.inflate(layout.imageData, expected: expected)
        return try PNGPixelDecoder(header: layout.header, palette: layout.palette).decode(&scanlines)
    }
}

/// The chunks of a PNG file, walked and checked for order: header, optional palette and
/// transparency, the image-data pieces, `IEND` last.
struct PNGFileLayout {
    let header: PNGHeader
    /// RGBA palette entries (alpha from `tRNS`, 255 where it has none); nil without `PLTE`.
    let palette: PNGPalette?
    let imageData: [ByteSlice]

    init(_ bytes: ByteSlice, limits: PNGLimits) throws {
        guard bytes.count >= 8, (0..<8).allSatisfy({ bytes[$0] == PNGChunk.signature[$0] }) else {
            throw PNGError.badSignature
        }
        let first = try PNGChunk.read(bytes, at: 8, limits: limits)
        guard first.type == "IHDR" else { throw PNGError.firstChunkNotIHDR(offset: first.offset, type: first.type) }
        let header = try PNGHeader(first, limits: limits)
        var palette: PNGPalette?
        var sawTransparency = false
        var pieces = [ByteSlice]()
        var dataEnded = false
        var offset = 8 + first.totalLength
        while true {
            guard offset < bytes.count else { throw PNGError.missingIEND }
            let chunk = try PNGChunk.read(bytes, at: offset, limits: limits)
            offset += chunk.totalLength
            func misplaced(_ reason: String) -> PNGError { .misplacedChunk(offset: chunk.offset, type: chunk.type, reason: reason) }
            if !pieces.isEmpty, chunk.type != "IDAT" { dataEnded = true }
            switch chunk.type {
            case "IHDR":
                throw misplaced("second IHDR")
            case "PLTE":
                guard palette == nil else { throw misplaced("second PLTE") }
                guard pieces.isEmpty else { throw misplaced("PLTE after IDAT") }
                guard header.colorType != 0, header.colorType != 4 else { throw misplaced("PLTE in a gray image") }
                guard !sawTransparency else { throw misplaced("PLTE after tRNS") }
                palette = try PNGPalette(chunk, bitDepth: header.colorType == 3 ? header.bitDepth : 8)
            case "tRNS":
                guard !sawTransparency else { throw misplaced("second tRNS") }
                guard pieces.isEmpty else { throw misplaced("tRNS after IDAT") }
                if header.colorType == 3 {
                    guard var entries = palette else { throw misplaced("tRNS before PLTE") }
                    try entries.applyTransparency(chunk)
                    palette = entries
                } else {
                    try PNGPalette.checkTransparency(chunk, colorType: header.colorType)
                }
                sawTransparency = true
            case "IDAT":
                guard !dataEnded else { throw misplaced("IDAT chunks are not consecutive") }
                if header.colorType == 3, palette == nil { throw PNGError.missingPalette }
                pieces.append(chunk.data)
            case "IEND":
                guard chunk.data.count == 0 else {
                    throw PNGError.invalidChunkLength(offset: chunk.offset, type: chunk.type, length: chunk.data.count)
                }
                guard !pieces.isEmpty else { throw PNGError.missingImageData }
                guard offset == bytes.count else { throw PNGError.trailingBytes(offset: offset, count: bytes.count - offset) }
                self.header = header
                self.palette = header.colorType == 3 ? palette : nil
                self.imageData = pieces
                return
            default:
                guard !chunk.isCritical else { throw PNGError.unknownCriticalChunk(offset: chunk.offset, type: chunk.type) }
            }
        }
    }
}
