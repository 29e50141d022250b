import ArgumentParser
import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// `ganport generate CHECKPOINT --seeds 0-7 --out DIR|grid.png`: images as the official `generate.py` makes them.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate images from a StyleGAN2-ADA generator, as the official generate.py does.",
        discussion: """
        Latents are np.random.RandomState(seed).randn(1, z_dim), the label one-hot for --class, \
        truncation psi lerps from w_avg, and images are converted to uint8 as generate.py does \
        ((x·127.5 + 128) clamped to 0…255, truncated). Images are written as DIR/seed%04d.png, or \
        tiled into one PNG when --out ends in .png. The network runs in float32 on the CPU \
        (generate.py's fp16 GPU blocks are computed in float32). --noise-mode random uses \
        GANPort's own reproducible noise (seeded by the image seed), not torch.randn.
        """
    )

    @Argument(help: "Checkpoint: NVIDIA network pickle, TF-era pickle, or a converted state dict.")
    var checkpoint: String

    @Option(help: "Seeds: N, A-B (inclusive) or comma-separated mixes such as 0-3,10.")
    var seeds: String?

    @Option(help: "Truncate only the first K ws (default: all).")
    var truncCutoff: Int?

    @Option(name: .customLong("projected-w"), help: "Render the ws of a projection (.npz with an array 'w' [N, num_ws, w_dim]) instead of seeds.")
    var projectedW: String?

    @Option(help: "Output folder, or a .png file for one grid image.")
    var out: String

    @Option(help: "Grid layout COLSxROWS (with --out FILE.png; default: as square as possible).")
    var grid: String?

    @OptionGroup var model: GeneratorOptions

    func validate() throws {
        if grid != nil && !ImageOutput.isGridPath(out) { throw ValidationError("--grid needs --out FILE.png") }
    }

    func run() throws {
        let seedList = try checkingArguments { try seeds.map { try SeedList.parse($0, option: "--seeds") } }
        if projectedW == nil && seedList == nil { try checkingArguments { throw ImageCommandError.seedsRequired } }
        let generator = try model.loadGenerator(checkpoint)
        if let projectedW {
            if seedList != nil { printNote("warning: --seeds is ignored when using --projected-w") }
            try renderProjection(generator, path: projectedW)
            return
        }
        let synthesis = try checkingArguments {
            try ImageSynthesis(generator: generator, classIndex: model.classIndex, warn: printNote)
        }
        try checkingArguments { try synthesis.checkTruncation(model.trunc) }
        let seedValues = seedList ?? []
        var sink = try ImageSink(out: out, grid: grid, count: seedValues.count)
        for (index, seed) in seedValues.enumerated() {
            let image = try synthesis.image(seed: seed, truncationPsi: model.trunc, truncationCutoff: truncCutoff, noise: model.noiseMode)
            let destination = try sink.add(image, name: ImageOutput.seedFileName(seed))
            if !model.quiet { printNote("seed \(seed) (\(index + 1)/\(seedValues.count)) → \(destination)") }
        }
        try sink.finish(quiet: model.quiet)
    }

    /// `generate.py --projected-w`: `G.synthesis(w)` for each row of the file's `w`.
    private func renderProjection(_ generator: StyleGAN2.Generator, path: String) throws {
        let synthesis = try checkingArguments { try ImageSynthesis(generator: generator, classIndex: nil, needsLabel: false, warn: { _ in }) }
        let ws = try readingInput(path) { () throws -> Tensor<Float> in
            guard let stored = try NPZReader.read(contentsOf: path).first(where: { $0.name == "w" })?.tensor else {
                throw ImageCommandError.projectedWMissing
            }
            let shape = stored.shape
            guard shape.count == 3, shape[0] >= 1, shape[1] == synthesis.numWs, shape[2] == synthesis.wDim else {
                throw ImageCommandError.projectedWShape(found: shape, numWs: synthesis.numWs, wDim: synthesis.wDim)
            }
            return try Tensor<Float>(stored)
        }
        let count = ws.shape[0]
        var sink = try ImageSink(out: out, grid: grid, count: count)
        for index in 0..<count {
            let image = try synthesis.synthesize(ws.sliced(axis: 0, start: index, end: index + 1),
                                                 noise: model.noiseMode.mode(seed: UInt64(index)))[0]
            let destination = try sink.add(image, name: ImageOutput.projectionFileName(index))
            if !model.quiet { printNote("w \(index) (\(index + 1)/\(count)) → \(destination)") }
        }
        try sink.finish(quiet: model.quiet)
    }
}

/// Collects generated images: each written to the folder at once, or tiled into one grid PNG at the end.
struct ImageSink {
    let out: String
    let layout: GridLayout?
    private var canvas: ImageCanvas?
    private var count = 0

    init(out: String, grid: String?, count: Int) throws {
        self.out = out
        if ImageOutput.isGridPath(out) {
            layout = try checkingArguments { try GridLayout(spec: grid, count: count) }
            let parent = (out as NSString).deletingLastPathComponent
            if !parent.isEmpty { try ImageOutput.makeDirectory(parent) }
        } else {
            layout = nil
            try ImageOutput.makeDirectory(out)
        }
    }

    /// Writes `image` as `out/name`, or places it in the next grid cell; returns where it went.
    mutating func add(_ image: PNGImage, name: String) throws -> String {
        defer { count += 1 }
        guard let layout else {
            let path = (out as NSString).appendingPathComponent(name)
            try ImageOutput.write(image, to: path)
            return path
        }
        if canvas == nil {
            canvas = ImageCanvas(cellWidth: image.width, cellHeight: image.height, columns: layout.columns, rows: layout.rows,
                                 layout: image.layout)
        }
        let (row, column) = count.quotientAndRemainder(dividingBy: layout.columns)
        canvas?.paste(image, column: column, row: row)
        return "\(out) cell \(count)"
    }

    /// Writes the grid image (when there is one).
    func finish(quiet: Bool) throws {
        guard let canvas else { return }
        try ImageOutput.write(canvas.image, to: out)
        if !quiet { printNote("wrote \(count) images as a \(canvas.columns)x\(canvas.rows) grid to \(out)") }
    }
}
