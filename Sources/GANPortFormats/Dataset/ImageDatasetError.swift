/// A rule an image dataset (folder or zip) broke. `file` is the image's path relative to the
/// dataset root (the name the official code sorts and `dataset.json` uses).
public enum ImageDatasetError: Error, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case pathNotFound(String)
    /// The path is neither a directory nor a file ending in `.zip` (the official rule).
    case notADirectoryOrZip(String)
    /// No file with an image extension in the folder or zip.
    case noImageFiles(String)
    /// A file or zip entry could not be read (I/O, zip structure or CRC).
    case unreadableFile(file: String, reason: String)
    /// An image file whose bytes are neither PNG nor JPEG (`firstBytes` in hex).
    case unrecognizedImageFormat(file: String, firstBytes: String)
    /// A PNG file the decoder rejected.
    case invalidPNG(file: String, PNGError)
    /// A JPEG file the decoder rejected.
    case invalidJPEG(file: String, JPEGError)
    /// A 16-bit image (datasets hold 8-bit samples).
    case unsupportedBitDepth(file: String, bits: Int)
    /// An image with other than 1 (gray) or 3 (RGB) channels.
    case unsupportedChannelCount(file: String, channels: Int)
    /// An image that is not square.
    case notSquare(file: String, width: Int, height: Int)
    /// A square image whose side is not a power of two.
    case notPowerOfTwo(file: String, resolution: Int)
    /// An image whose `[C, H, W]` differs from the first image's.
    case shapeMismatch(file: String, expected: [Int], found: [Int])
    /// The images do not have the resolution the caller asked for.
    case resolutionMismatch(file: String, requested: Int, found: [Int])
    /// `dataset.json` is larger than `ImageDatasetOptions.maxLabelFileBytes`.
    case labelFileTooLarge(bytes: Int, limit: Int)
    /// `dataset.json` is not valid JSON.
    case labelFileNotJSON(reason: String)
    /// `dataset.json` has no `labels` list (or null), or an entry is not `[file name, label]`.
    case malformedLabelList(reason: String)
    /// An image has no entry in a non-null `labels` list.
    case missingLabel(file: String)
    /// A label that is not a non-negative class index or a vector of finite numbers.
    case invalidLabel(file: String, reason: String)
    /// Labels that are not all class indices or all vectors of one length.
    case inconsistentLabels(file: String, reason: String)
    /// The largest class index gives more classes than `ImageDatasetOptions.maxClasses`.
    case tooManyClasses(classes: Int, limit: Int)
    /// `maxSize` is negative.
    case invalidMaxSize(Int)
    /// The subset shuffle did not return a permutation of the raw indices.
    case shuffleNotAPermutation(count: Int)
    /// An index outside `0..<count`.
    case indexOutOfRange(index: Int, count: Int)

    public var description: String {
        switch self {
        case let .pathNotFound(path): return "\(path): no such file or directory"
        case let .notADirectoryOrZip(path): return "\(path): a dataset must be a directory or a .zip file"
        case let .noImageFiles(path): return "\(path): no image files found"
        case let .unreadableFile(file, reason): return "\(file): cannot read (\(reason))"
        case let .unrecognizedImageFormat(file, bytes): return "\(file): neither PNG nor JPEG (first bytes \(bytes))"
        case let .invalidPNG(file, error): return "\(file): \(error)"
        case let .invalidJPEG(file, error): return "\(file): \(error)"
        case let .unsupportedBitDepth(file, bits): return "\(file): \(bits)-bit samples (datasets are 8-bit)"
        case let .unsupportedChannelCount(file, channels): return "\(file): \(channels) channels (must be 1 gray or 3 RGB)"
        case let .notSquare(file, width, height): return "\(file): \(width)×\(height) is not square"
        case let .notPowerOfTwo(file, resolution): return "\(file): resolution \(resolution) is not a power of two"
        case let .shapeMismatch(file, expected, found): return "\(file): shape \(found) differs from the dataset's \(expected) (CHW)"
        case let .resolutionMismatch(file, requested, found): return "\(file): shape \(found) does not have the requested resolution \(requested)"
        case let .labelFileTooLarge(bytes, limit): return "dataset.json: \(bytes) bytes is over the limit of \(limit)"
        case let .labelFileNotJSON(reason): return "dataset.json: not valid JSON (\(reason))"
        case let .malformedLabelList(reason): return "dataset.json: \(reason)"
        case let .missingLabel(file): return "dataset.json: no label for \(file)"
        case let .invalidLabel(file, reason): return "dataset.json: label of \(file) \(reason)"
        case let .inconsistentLabels(file, reason): return "dataset.json: label of \(file) \(reason)"
        case let .tooManyClasses(classes, limit): return "dataset.json: \(classes) classes is over the limit of \(limit)"
        case let .invalidMaxSize(size): return "max size \(size) is negative"
        case let .shuffleNotAPermutation(count): return "the subset shuffle did not return a permutation of 0..<\(count)"
        case let .indexOutOfRange(index, count): return "image index \(index) is outside 0..<\(count)"
        }
    }
}
