import GANPortFormats
import GANPortModels
import GANPortTensor

/// `samples.png`: a grid of generator images for fixed latent seeds, converted as the official
/// training loop's `save_image_grid(img, fname, drange=[-1, 1], grid_size)` does —
/// `rint((x − lo)·255/(hi − lo))` in float32, round half to even, clipped to 0...255
/// (`StyleGANImageConversion.imageGrid`). This differs from `generate.py`'s conversion
/// (`x·127.5 + 128`, truncated), which `ganport generate` uses: the same network output can
/// differ by one level between the two.
public enum SampleGrid {
    /// File name in a snapshot directory.
    public static let fileName = "samples.png"

    /// The grid of `generator`'s images for `seeds` (latents `np.random.RandomState(seed).randn(z_dim)`
    /// as `generate.py` draws them), `columns` images per row, constant noise and no truncation,
    /// seed `row · columns + column` in each cell. `labels` (`[seeds.count, c_dim]`) are required
    /// for a conditional generator. Images are generated one at a time, so memory stays one image.
    public static func render(_ generator: StyleGAN2.Generator, seeds: [UInt32], columns: Int,
                              labels: Tensor<Float>? = nil) throws -> PNGImage {
        let config = generator.config
        guard !seeds.isEmpty, columns > 0, seeds.count % columns == 0 else {
            throw RunFileError.invalidArgument("\(seeds.count) sample seeds do not fill rows of \(columns) columns")
        }
        if config.cDim > 0 {
            guard let labels, labels.shape == [seeds.count, config.cDim] else {
                throw RunFileError.invalidArgument("a conditional generator needs labels of shape [\(seeds.count), \(config.cDim)]")
            }
        }
        var values: [Float] = []
        var imageShape: [Int] = []
        for (index, seed) in seeds.enumerated() {
            let z = Tensor<Float>(shape: [1, config.zDim], scalars: NumPyRandomState.latents(seed: seed, zDim: config.zDim).map(Float.init))
            let c = labels.map { Tensor<Float>(shape: [1, config.cDim], scalars: Array($0.scalars[(index * config.cDim)..<((index + 1) * config.cDim)])) }
            let image = generator(z, config.cDim > 0 ? c : nil, noiseMode: .const)
            imageShape = image.shape
            values += image.scalars
        }
        let shape = [seeds.count] + imageShape.dropFirst()
        return try StyleGANImageConversion.imageGrid(values, shape: shape, low: -1, high: 1,
                                                     columns: columns, rows: seeds.count / columns)
    }

    /// Writes `image` to `directory/samples.png` atomically.
    public static func write(_ image: PNGImage, to directory: String) throws {
        try RunFiles.writePNG(image, to: RunFiles.join(directory, fileName))
    }
}
