import GANPortFormats
import GANPortTensor

extension FineTuneRun {
    /// `reals.png` (training images, as the official loop's `reals.png`) and `fakes_init.png`
    /// (the starting G_ema on the sample seeds, as `fakes_init.png`), written when a new run starts.
    func writeStartImages() throws {
        let columns = options.sampleColumns, count = options.sampleSeeds.count
        var values: [Float] = []
        for index in 0..<count { values += try dataset.image(at: index % dataset.count).pixels.map(Float.init) }
        let reals = try StyleGANImageConversion.imageGrid(values, shape: [count] + dataset.imageShape, low: 0, high: 255,
                                                          columns: columns, rows: count / columns)
        try RunFiles.writePNG(reals, to: RunFiles.join(directory.path, "reals.png"))
        let fakes = try SampleGrid.render(step.generatorEMA, seeds: options.sampleSeeds, columns: columns, labels: try sampleLabels())
        try RunFiles.writePNG(fakes, to: RunFiles.join(directory.path, "fakes_init.png"))
    }
}
