import ArgumentParser
import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// `ganport style-mix CHECKPOINT --rows … --cols … --out DIR`: the official `style_mixing.py` matrix.
struct StyleMixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "style-mix",
        abstract: "Style-mixing matrix as the official style_mixing.py makes it.",
        discussion: """
        Each row seed's ws take the column seed's ws at the --styles indices. Writes \
        DIR/ROW-COL.png for every pair, DIR/S-S.png for every seed, and DIR/grid.png: column seeds \
        across the top, row seeds down the left, the mixes inside, the top-left cell black. \
        Truncation is w_avg + (w − w_avg)·psi as style_mixing.py computes it. --class (not in the \
        official script) selects the label of a conditional network.
        """
    )

    @Argument(help: "Checkpoint: NVIDIA network pickle, TF-era pickle, or a converted state dict.")
    var checkpoint: String

    @Option(help: "Seeds of the rows (e.g. 85,100,75).")
    var rows: String

    @Option(help: "Seeds of the columns (e.g. 55,821,1789).")
    var cols: String

    @Option(help: "Indices of the ws taken from the column seed.")
    var styles = "0-6"

    @Option(help: "Output folder.")
    var out: String

    @OptionGroup var model: GeneratorOptions

    func run() throws {
        let (rowSeeds, colSeeds, colStyles) = try checkingArguments {
            (try SeedList.parse(rows, option: "--rows"), try SeedList.parse(cols, option: "--cols"),
             try SeedList.parse(styles, option: "--styles", maxValue: 1 << 20))
        }
        let generator = try model.loadGenerator(checkpoint)
        let synthesis = try checkingArguments { try ImageSynthesis(generator: generator, classIndex: model.classIndex, warn: printNote) }
        try checkingArguments {
            try synthesis.checkTruncation(model.trunc)
            if let bad = colStyles.first(where: { $0 >= synthesis.numWs }) {
                throw ImageCommandError.styleOutOfRange(bad, numWs: synthesis.numWs)
            }
        }
        try ImageOutput.makeDirectory(out)
        let mixer = StyleMixer(synthesis: synthesis, psi: model.trunc, noise: model.noiseMode)
        let images = try mixer.matrix(rowSeeds: rowSeeds, colSeeds: colSeeds, colStyles: colStyles) { done, total in
            if !model.quiet { printNote("image \(done)/\(total)") }
        }
        for entry in images.entries {
            try ImageOutput.write(entry.image, to: (out as NSString).appendingPathComponent("\(entry.row)-\(entry.col).png"))
        }
        let grid = (out as NSString).appendingPathComponent("grid.png")
        try ImageOutput.write(images.grid(rowSeeds: rowSeeds, colSeeds: colSeeds), to: grid)
        if !model.quiet { printNote("wrote \(images.entries.count) images and \(grid)") }
    }
}
