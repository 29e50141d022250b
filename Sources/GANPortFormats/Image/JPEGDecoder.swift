import CJPEG

/// Decodes baseline and progressive JPEG files with libjpeg-turbo, as PIL does: grayscale files
/// give one channel, YCbCr and RGB files three (RGB), with libjpeg's default islow DCT and fancy
/// upsampling. Every libjpeg warning is an error (libjpeg would otherwise fill corrupt or
/// missing data with gray); EXIF orientation is not applied (neither does `np.array(PIL.Image.open(f))`).
public enum JPEGDecoder {
    /// The first bytes of every JPEG file (start-of-image marker and the next marker's prefix).
    public static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Whether `bytes` start like a JPEG file.
    public static func hasSignature(_ bytes: ByteSlice) -> Bool {
        bytes.count >= 3 && (0..<3).allSatisfy { bytes[$0] == signature[$0] }
    }

    /// Decodes the JPEG file at `path` (memory-mapped).
    public static func decode(path: String, limits: JPEGLimits = .default) throws -> PNGImage {
        try decode(ByteBuffer.map(path: path).all, limits: limits)
    }

    /// Decodes JPEG bytes into an 8-bit gray or RGB image.
    public static func decode(_ bytes: ByteSlice, limits: JPEGLimits = .default) throws -> PNGImage {
        guard hasSignature(bytes) else { throw JPEGError.badSignature }
        guard let length = UInt(exactly: bytes.count) else { throw JPEGError.fileTooLarge(bytes.count) }
        let scans = Int32(clamping: limits.maxScans)
        var message = [CChar](repeating: 0, count: Int(GANPORT_JPEG_MESSAGE_LENGTH))
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        let headerCode = bytes.withUnsafeBytes { raw in
            ganport_jpeg_read_header(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), length, scans,
                                     &width, &height, &channels, &message)
        }
        try check(headerCode, message: message, limits: limits)
        let (w, h, c) = (Int(width), Int(height), Int(channels))
        guard w > 0, h > 0 else { throw JPEGError.invalidDimensions(width: w, height: h) }
        let pixels = w.multipliedReportingOverflow(by: h)
        guard !pixels.overflow else { throw JPEGError.invalidDimensions(width: w, height: h) }
        guard pixels.partialValue <= limits.maxPixels else {
            throw JPEGError.tooManyPixels(width: w, height: h, limit: limits.maxPixels)
        }
        let samples = pixels.partialValue.multipliedReportingOverflow(by: c)
        guard !samples.overflow else { throw JPEGError.invalidDimensions(width: w, height: h) }
        var output = [UInt8](repeating: 0, count: samples.partialValue)
        let decodeCode = bytes.withUnsafeBytes { raw in
            output.withUnsafeMutableBufferPointer { out in
                ganport_jpeg_decode(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), length, scans,
                                    out.baseAddress, out.count, width, height, channels, &message)
            }
        }
        try check(decodeCode, message: message, limits: limits)
        return PNGImage(width: w, height: h, layout: c == 1 ? .gray : .rgb, pixels: output)
    }

    /// Turns a shim return code into the matching error.
    private static func check(_ code: Int32, message: [CChar], limits: JPEGLimits) throws {
        let text = message.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        switch Int(code) {
        case GANPORT_JPEG_OK: return
        case GANPORT_JPEG_WARNING: throw JPEGError.corruptData(text)
        case GANPORT_JPEG_TRUNCATED: throw JPEGError.truncated(text)
        case GANPORT_JPEG_TOO_MANY_SCANS: throw JPEGError.tooManyScans(limit: limits.maxScans)
        case GANPORT_JPEG_COLOR_SPACE: throw JPEGError.unsupportedColorSpace(text)
        default: throw JPEGError.corrupt(text)
        }
    }
}
