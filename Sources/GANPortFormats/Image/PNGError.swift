/// A rule a PNG file broke. One case per validation rule; offsets are byte offsets of the chunk
/// (its length field) in the file.
public enum PNGError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with the 8-byte PNG signature.
    case badSignature
    /// A chunk's header, data or CRC runs past the end of the file.
    case truncatedChunk(offset: Int, needed: Int, available: Int)
    /// A chunk length over the format's 2^31 − 1 or over `PNGLimits.maxChunkLength`.
    case chunkTooLong(offset: Int, type: String, length: Int, limit: Int)
    /// A chunk type that is not four ASCII letters.
    case invalidChunkType(offset: Int)
    /// The stored CRC-32 of a chunk differs from the one computed over its type and data.
    case crcMismatch(offset: Int, type: String, stored: UInt32, computed: UInt32)
    /// The first chunk is not `IHDR`.
    case firstChunkNotIHDR(offset: Int, type: String)
    /// A chunk whose data length its type forbids (`IHDR` not 13, `IEND` not 0).
    case invalidChunkLength(offset: Int, type: String, length: Int)
    /// An `IHDR` field out of range (zero or too large dimension, compression, filter or interlace method).
    case invalidIHDR(field: String, value: Int)
    /// A colour type other than 0, 2, 3, 4, 6.
    case unsupportedColorType(Int)
    /// A bit depth the colour type does not allow.
    case unsupportedBitDepth(colorType: Int, bitDepth: Int)
    /// `width × height` or the decompressed size overflows.
    case dimensionsOverflow(width: Int, height: Int)
    /// `width × height` is over `PNGLimits.maxPixels`.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// A chunk out of order or repeated (a second `IHDR` or `PLTE`, `PLTE` after `IDAT` or in a
    /// gray image, `tRNS` before `PLTE` or after `IDAT`, `IDAT` chunks that are not consecutive).
    case misplacedChunk(offset: Int, type: String, reason: String)
    /// A critical chunk (upper-case first letter) this decoder does not know.
    case unknownCriticalChunk(offset: Int, type: String)
    /// A `PLTE` whose length is not a multiple of 3, or with 0 or too many entries.
    case invalidPalette(offset: Int, reason: String)
    /// A palette image without a `PLTE` chunk before its data.
    case missingPalette
    /// A `tRNS` chunk of the wrong length for the colour type, or in an image with alpha.
    case invalidTransparency(offset: Int, reason: String)
    /// No `IDAT` chunk.
    case missingImageData
    /// The concatenated `IDAT` data is smaller than any zlib stream of the image's size could be.
    case compressedDataTooSmall(expected: Int, compressedBytes: Int)
    /// zlib refused the `IDAT` stream (bad header, bad block, Adler-32 mismatch, data after its end).
    case idatInflateError(reason: String)
    /// The `IDAT` stream ends before the image's filtered scanlines do.
    case imageDataTooShort(expected: Int, actual: Int)
    /// The `IDAT` stream holds more than the image's filtered scanlines.
    case imageDataTooLong(expected: Int)
    /// A scanline filter type byte over 4 (`row` counts filtered rows over all passes).
    case invalidFilterType(row: Int, value: Int)
    /// A palette index at or beyond the palette's entries.
    case paletteIndexOutOfRange(index: Int, entries: Int)
    /// The file ends without an `IEND` chunk.
    case missingIEND
    /// Bytes follow the `IEND` chunk.
    case trailingBytes(offset: Int, count: Int)

    public var description: String {
        switch self {
        case .badSignature: return "not a PNG file (bad signature)"
        case let .truncatedChunk(offset, needed, available):
            return "chunk at offset \(offset) needs \(needed) bytes, \(available) present"
        case let .chunkTooLong(offset, type, length, limit):
            return "chunk \(type) at offset \(offset) declares \(length) bytes, over the limit of \(limit)"
        case let .invalidChunkType(offset): return "chunk at offset \(offset) has a type that is not four ASCII letters"
        case let .crcMismatch(offset, type, stored, computed):
            return "chunk \(type) at offset \(offset): CRC \(hex(stored)) stored, \(hex(computed)) computed"
        case let .firstChunkNotIHDR(offset, type): return "first chunk at offset \(offset) is \(type), not IHDR"
        case let .invalidChunkLength(offset, type, length): return "chunk \(type) at offset \(offset) has invalid length \(length)"
        case let .invalidIHDR(field, value): return "IHDR \(field) \(value) is invalid"
        case let .unsupportedColorType(value): return "colour type \(value) is not a PNG colour type"
        case let .unsupportedBitDepth(colorType, bitDepth): return "bit depth \(bitDepth) is not allowed for colour type \(colorType)"
        case let .dimensionsOverflow(width, height): return "image size \(width)×\(height) overflows"
        case let .tooManyPixels(width, height, limit): return "image size \(width)×\(height) is over the limit of \(limit) pixels"
        case let .misplacedChunk(offset, type, reason): return "chunk \(type) at offset \(offset) is misplaced: \(reason)"
        case let .unknownCriticalChunk(offset, type): return "unknown critical chunk \(type) at offset \(offset)"
        case let .invalidPalette(offset, reason): return "PLTE at offset \(offset): \(reason)"
        case .missingPalette: return "palette image has no PLTE chunk before its data"
        case let .invalidTransparency(offset, reason): return "tRNS at offset \(offset): \(reason)"
        case .missingImageData: return "no IDAT chunk"
        case let .compressedDataTooSmall(expected, compressed):
            return "\(compressed) compressed bytes cannot hold \(expected) bytes of scanlines"
        case let .idatInflateError(reason): return "IDAT data does not inflate: \(reason)"
        case let .imageDataTooShort(expected, actual): return "IDAT data inflates to \(actual) bytes, \(expected) expected"
        case let .imageDataTooLong(expected): return "IDAT data inflates to more than the \(expected) bytes expected"
        case let .invalidFilterType(row, value): return "scanline \(row) has filter type \(value)"
        case let .paletteIndexOutOfRange(index, entries): return "palette index \(index) is beyond the \(entries) palette entries"
        case .missingIEND: return "file ends without an IEND chunk"
        case let .trailingBytes(offset, count): return "\(count) bytes after IEND at offset \(offset)"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
