/// Why network output cannot be turned into 8-bit images.
public enum ImageConversionError: Error, Equatable, CustomStringConvertible {
    /// The shape is not `[N, C, H, W]` with positive dimensions whose product fits in `Int`.
    case invalidShape([Int])
    /// The value count is not the product of the shape.
    case countMismatch(expected: Int, actual: Int)
    /// A channel count the image kind cannot hold (grids: 1 or 3; images: 1, 3 or 4).
    case unsupportedChannels(Int)
    /// The batch does not fill a `columns × rows` grid exactly.
    case gridMismatch(batch: Int, columns: Int, rows: Int)
    /// `high == low`: the grid scale `255 / (high - low)` divides by zero.
    case emptyDynamicRange(low: Double, high: Double)

    public var description: String {
        switch self {
        case let .invalidShape(shape): return "shape \(shape) is not a valid [N, C, H, W]"
        case let .countMismatch(expected, actual): return "\(actual) values for a shape of \(expected)"
        case let .unsupportedChannels(channels): return "\(channels) channels cannot be saved as an image"
        case let .gridMismatch(batch, columns, rows): return "a batch of \(batch) does not fill a \(columns)×\(rows) grid"
        case let .emptyDynamicRange(low, high): return "dynamic range [\(low), \(high)] is empty"
        }
    }
}
