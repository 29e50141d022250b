/// An image dataset for training, read as the official `training/dataset.py`
/// (`ImageFolderDataset`) reads it: a folder (searched recursively) or a zip written by
/// `dataset_tool.py`, images listed by extension and sorted by relative path, optional
/// `dataset.json` labels, `max_size` subsetting and x-flip mirroring.
///
/// Opening lists the files, reads the labels and decodes the first image (which fixes the
/// dataset's `[C, H, W]`); other images are decoded on demand, so memory stays at one image
/// per call. Calls are independent and may run on several threads.
public final class ImageDataset: @unchecked Sendable {
    /// The dataset's name: the folder or zip name without extension.
    public let name: String
    /// Image file names, relative and `/`-separated, in dataset (sorted) order.
    public let imageFiles: [String]
    /// `[C, H, W]` shared by every image.
    public let imageShape: [Int]
    /// Labels of the raw images (`.none` unless `useLabels`).
    public let labels: DatasetLabels
    /// Raw image index behind each dataset index (after `maxSize`, repeated for x-flips).
    public let rawIndices: [Int]
    /// How many dataset indices are mirrored copies (the second half when `xflip`).
    private let flippedFrom: Int
    private let source: ImageDatasetSource
    private let maxPixels: Int

    /// Opens the folder or zip at `path`.
    public init(path: String, options: ImageDatasetOptions = ImageDatasetOptions()) throws {
        let (source, names) = try ImageDatasetSource.open(path)
        let images = names.filter(ImageFileExtensions.isImage).sorted(by: ImageFileExtensions.pythonOrder)
        guard let first = images.first else { throw ImageDatasetError.noImageFiles(path) }
        self.source = source
        self.maxPixels = options.maxPixels
        self.imageFiles = images
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let fileName = base.split(separator: "/").last.map(String.init) ?? base
        let ext = ImageFileExtensions.extensionOf(fileName)
        self.name = ext.isEmpty ? fileName : String(fileName.dropLast(ext.count))

        let firstImage = try DatasetImage.decode(try source.bytes(of: first), file: first, maxPixels: options.maxPixels)
        try ImageDataset.checkGeometry(firstImage, file: first)
        if let resolution = options.resolution, firstImage.height != resolution || firstImage.width != resolution {
            throw ImageDatasetError.resolutionMismatch(file: first, requested: resolution, found: firstImage.shape)
        }
        imageShape = firstImage.shape

        if options.useLabels, names.contains("dataset.json") {
            let size = try source.size(of: "dataset.json")
            guard size <= options.maxLabelFileBytes else {
                throw ImageDatasetError.labelFileTooLarge(bytes: size, limit: options.maxLabelFileBytes)
            }
            labels = try DatasetLabels.parse(try source.bytes(of: "dataset.json"), files: images, maxClasses: options.maxClasses)
        } else {
            labels = .none
        }

        var indices = Array(0..<images.count)
        if let maxSize = options.maxSize {
            guard maxSize >= 0 else { throw ImageDatasetError.invalidMaxSize(maxSize) }
            if indices.count > maxSize {
                if let shuffle = options.subsetShuffle {
                    shuffle(&indices)
                    guard indices.count == images.count, Set(indices) == Set(0..<images.count) else {
                        throw ImageDatasetError.shuffleNotAPermutation(count: images.count)
                    }
                }
                indices = Array(indices.prefix(maxSize)).sorted()
            }
        }
        flippedFrom = options.xflip ? indices.count : Int.max
        rawIndices = options.xflip ? indices + indices : indices
    }

    /// Number of dataset indices (`len(dataset)`: doubled by x-flips).
    public var count: Int { rawIndices.count }
    /// Channels (1 or 3).
    public var channelCount: Int { imageShape[0] }
    /// Side of the square images.
    public var resolution: Int { imageShape[1] }
    /// Length of each label (0 without labels).
    public var labelDimension: Int { labels.dimension }

    /// Whether dataset index `index` is a mirrored copy.
    public func isMirrored(_ index: Int) throws -> Bool {
        try checkIndex(index)
        return index >= flippedFrom
    }

    /// The raw image file behind dataset index `index`.
    public func file(at index: Int) throws -> String {
        try checkIndex(index)
        return imageFiles[rawIndices[index]]
    }

    /// The image at dataset index `index` (`dataset[index][0]`): CHW `UInt8`, mirrored for the
    /// second half of an x-flipped dataset. Fails on an image that differs in shape from the first.
    public func image(at index: Int) throws -> DatasetImage {
        let file = try file(at: index)
        let image = try DatasetImage.decode(try source.bytes(of: file), file: file, maxPixels: maxPixels)
        guard image.shape == imageShape else { throw ImageDatasetError.shapeMismatch(file: file, expected: imageShape, found: image.shape) }
        return index >= flippedFrom ? image.mirrored() : image
    }

    /// The label at dataset index `index` (`dataset[index][1]`): one-hot for class indices,
    /// the stored vector otherwise, empty without labels.
    public func label(at index: Int) throws -> [Float] {
        try checkIndex(index)
        return labels.label(rawIndex: rawIndices[index])
    }

    /// Decodes every raw image once and checks it (what training would meet later), reporting
    /// the first offending file.
    public func validateAllImages() throws {
        for file in imageFiles {
            let image = try DatasetImage.decode(try source.bytes(of: file), file: file, maxPixels: maxPixels)
            guard image.shape == imageShape else { throw ImageDatasetError.shapeMismatch(file: file, expected: imageShape, found: image.shape) }
        }
    }

    private func checkIndex(_ index: Int) throws {
        guard index >= 0, index < rawIndices.count else { throw ImageDatasetError.indexOutOfRange(index: index, count: rawIndices.count) }
    }

    /// The rules `dataset_tool.py` enforces: 1 or 3 channels, square, power-of-two side.
    static func checkGeometry(_ image: DatasetImage, file: String) throws {
        guard image.channels == 1 || image.channels == 3 else {
            throw ImageDatasetError.unsupportedChannelCount(file: file, channels: image.channels)
        }
        guard image.width == image.height else { throw ImageDatasetError.notSquare(file: file, width: image.width, height: image.height) }
        guard image.width > 0, image.width & (image.width - 1) == 0 else {
            throw ImageDatasetError.notPowerOfTwo(file: file, resolution: image.width)
        }
    }
}
