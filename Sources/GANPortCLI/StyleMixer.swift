import GANPortFormats
import GANPortModels
import GANPortTensor

/// `style_mixing.py`'s computation: ws per seed (truncated as `w_avg + (w − w_avg)·psi`), one batched
/// synthesis of every seed, then one synthesis per (row, column) pair with the column's ws at `colStyles`.
struct StyleMixer {
    let synthesis: ImageSynthesis
    let psi: Double
    let noise: NoiseModeOption

    /// The images keyed by (row seed, column seed) in the script's dictionary order: every seed's own
    /// image first, then the mixes (a mix of a seed with itself replaces its own image in place).
    struct Images {
        private(set) var entries: [(row: Int, col: Int, image: PNGImage)] = []
        private var index: [Pair: Int] = [:]

        private struct Pair: Hashable { let row: Int, col: Int }

        mutating func set(row: Int, col: Int, _ image: PNGImage) {
            if let at = index[Pair(row: row, col: col)] {
                entries[at].image = image
            } else {
                index[Pair(row: row, col: col)] = entries.count
                entries.append((row, col, image))
            }
        }

        func image(row: Int, col: Int) -> PNGImage? { index[Pair(row: row, col: col)].map { entries[$0].image } }

        /// `grid.png`: column seeds' own images across the top, row seeds' down the left, the mixes
        /// inside, the top-left cell black.
        func grid(rowSeeds: [Int], colSeeds: [Int]) -> PNGImage {
            guard let first = entries.first?.image else { return PNGImage(width: 0, height: 0, layout: .rgb, pixels: []) }
            var canvas = ImageCanvas(cellWidth: first.width, cellHeight: first.height, columns: colSeeds.count + 1,
                                     rows: rowSeeds.count + 1, layout: first.layout)
            for (rowIndex, rowSeed) in ([0] + rowSeeds).enumerated() {
                for (colIndex, colSeed) in ([0] + colSeeds).enumerated() where rowIndex != 0 || colIndex != 0 {
                    var key = (rowSeed, colSeed)
                    if rowIndex == 0 { key = (colSeed, colSeed) }
                    if colIndex == 0 { key = (rowSeed, rowSeed) }
                    if let cell = image(row: key.0, col: key.1) { canvas.paste(cell, column: colIndex, row: rowIndex) }
                }
            }
            return canvas.image
        }
    }

    /// Runs the whole matrix; `progress(done, total)` after each synthesis.
    func matrix(rowSeeds: [Int], colSeeds: [Int], colStyles: [Int], progress: (Int, Int) -> Void) throws -> Images {
        var seeds: [Int] = []
        for seed in rowSeeds + colSeeds where !seeds.contains(seed) { seeds.append(seed) }
        let total = 1 + rowSeeds.count * colSeeds.count
        let ws = truncatedWs(seeds: seeds)
        var images = Images()
        for (seed, image) in zip(seeds, try synthesis.synthesize(ws, noise: noise.mode(seed: 0))) {
            images.set(row: seed, col: seed, image)
        }
        progress(1, total)
        let numWs = synthesis.numWs, wDim = synthesis.wDim
        let position = Dictionary(uniqueKeysWithValues: seeds.enumerated().map { ($0.element, $0.offset) })
        var done = 1
        for rowSeed in rowSeeds {
            for colSeed in colSeeds {
                guard let row = position[rowSeed], let col = position[colSeed] else { continue }
                var mixed = Array(ws.scalars[(row * numWs * wDim)..<((row + 1) * numWs * wDim)])
                for style in colStyles {
                    let from = (col * numWs + style) * wDim
                    mixed.replaceSubrange((style * wDim)..<((style + 1) * wDim), with: ws.scalars[from..<(from + wDim)])
                }
                let noiseSeed = UInt64(truncatingIfNeeded: rowSeed) &* 0x1_0000_0001 &+ UInt64(truncatingIfNeeded: colSeed)
                let image = try synthesis.synthesize(Tensor(shape: [1, numWs, wDim], scalars: mixed), noise: noise.mode(seed: noiseSeed))[0]
                images.set(row: rowSeed, col: colSeed, image)
                done += 1
                progress(done, total)
            }
        }
        return images
    }

    /// `all_w = G.mapping(all_z, c)` then `w_avg + (all_w - w_avg) * psi`, each step rounded to
    /// float32 as torch computes it (`psi` cast to float32). Without `w_avg` (only allowed at psi 1)
    /// the ws are used as they are.
    func truncatedWs(seeds: [Int]) -> Tensor<Float> {
        let generator = synthesis.generator
        let ws = withNoGrad { generator.mapping(synthesis.latents(seeds: seeds), synthesis.labels(count: seeds.count)) }
        guard let wAvg = generator.mapping.wAvg?.scalars, wAvg.count == synthesis.wDim else { return ws }
        let scale = Float(psi), wDim = wAvg.count
        var values = ws.scalars
        for index in values.indices {
            let average = wAvg[index % wDim]
            let offset = (values[index] - average) * scale
            values[index] = average + offset
        }
        return Tensor(shape: ws.shape, scalars: values)
    }
}
