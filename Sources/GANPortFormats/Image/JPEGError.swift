/// A rule a JPEG file broke, or a limit it exceeded. libjpeg-turbo's own message is kept.
public enum JPEGError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the JPEG start-of-image marker `FF D8 FF`.
    case badSignature
    /// libjpeg stopped on a corrupt or unsupported stream (its message).
    case corrupt(String)
    /// libjpeg warned about corrupt data it would have papered over (its message).
    case corruptData(String)
    /// The data ends before the image does.
    case truncated(String)
    /// A progressive file with more scans than `JPEGLimits.maxScans`.
    case tooManyScans(limit: Int)
    /// A colour space other than grayscale, YCbCr or RGB (CMYK, YCCK).
    case unsupportedColorSpace(String)
    /// A zero dimension, or `width × height × channels` overflows.
    case invalidDimensions(width: Int, height: Int)
    /// `width × height` is over `JPEGLimits.maxPixels`.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The file is larger than libjpeg's input length type can hold.
    case fileTooLarge(Int)

    public var description: String {
        switch self {
        case .badSignature: return "not a JPEG file (no FF D8 FF start-of-image marker)"
        case let .corrupt(message): return "corrupt JPEG: \(message)"
        case let .corruptData(message): return "corrupt JPEG data: \(message)"
        case let .truncated(message): return "truncated JPEG: \(message)"
        case let .tooManyScans(limit): return "JPEG has more than \(limit) scans"
        case let .unsupportedColorSpace(message): return "unsupported JPEG: \(message)"
        case let .invalidDimensions(width, height): return "invalid JPEG dimensions \(width)×\(height)"
        case let .tooManyPixels(width, height, limit): return "JPEG of \(width)×\(height) pixels is over the limit of \(limit) pixels"
        case let .fileTooLarge(count): return "JPEG file of \(count) bytes is too large"
        }
    }
}
