/// How an `ImageDataset` presents its images: the official `ImageFolderDataset` arguments
/// (`resolution`, `use_labels`, `max_size`, `xflip`) plus resource limits.
public struct ImageDatasetOptions: @unchecked Sendable {
    /// Require this resolution (`resolution=`); nil accepts the first image's.
    public var resolution: Int?
    /// Read `dataset.json` labels (`use_labels=True`); otherwise every label has dimension 0.
    public var useLabels: Bool
    /// Keep at most this many images, chosen by `subsetShuffle` (`max_size=`, applied before x-flips).
    public var maxSize: Int?
    /// Shuffles `0..<count` in place; the first `maxSize` indices, sorted, are kept. The official
    /// code uses `np.random.RandomState(random_seed).shuffle` (GANPortTensor's
    /// `NumPyRandomState.shuffle` gives the same permutation). Without it the first `maxSize` are kept.
    public var subsetShuffle: ((inout [Int]) -> Void)?
    /// Double the index space with horizontally mirrored copies (`xflip=True`).
    public var xflip: Bool
    /// Largest `width × height` of one image.
    public var maxPixels: Int
    /// Largest `dataset.json`.
    public var maxLabelFileBytes: Int
    /// Largest one-hot label (largest class index + 1).
    public var maxClasses: Int

    public init(resolution: Int? = nil, useLabels: Bool = false, maxSize: Int? = nil,
                subsetShuffle: ((inout [Int]) -> Void)? = nil, xflip: Bool = false,
                maxPixels: Int = 1 << 26, maxLabelFileBytes: Int = 1 << 28, maxClasses: Int = 1 << 20) {
        self.resolution = resolution
        self.useLabels = useLabels
        self.maxSize = maxSize
        self.subsetShuffle = subsetShuffle
        self.xflip = xflip
        self.maxPixels = maxPixels
        self.maxLabelFileBytes = maxLabelFileBytes
        self.maxClasses = maxClasses
    }
}
