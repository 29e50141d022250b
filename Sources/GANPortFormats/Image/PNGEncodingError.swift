/// Why an image cannot be encoded as PNG.
public enum PNGEncodingError: Error, Equatable, CustomStringConvertible {
    /// A width or height outside 1...2^31 − 1.
    case invalidDimensions(width: Int, height: Int)
    /// The sample count is not `width × height × channels` (or that product overflows).
    case sampleCountMismatch(expected: Int?, actual: Int)
    /// zlib failed while compressing.
    case deflateFailed(status: Int)

    public var description: String {
        switch self {
        case let .invalidDimensions(width, height): return "cannot encode a \(width)×\(height) image as PNG"
        case let .sampleCountMismatch(expected?, actual): return "image holds \(actual) samples, \(expected) expected"
        case let .sampleCountMismatch(nil, actual): return "image of \(actual) samples has dimensions whose product overflows"
        case let .deflateFailed(status): return "zlib deflate failed with status \(status)"
        }
    }
}
