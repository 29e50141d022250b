import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// What a running fine-tune tells its caller.
public enum FineTuneEvent {
    /// One iteration finished.
    case iteration(curNimg: Int, totalNimg: Int)
    /// A tick finished: the official-style status line and the metrics entry written for it.
    case tick(line: String, entry: MetricsEntry)
    /// A snapshot directory was written.
    case snapshot(path: String)
}

extension FineTuneRun {
    /// Trains until `kimg` thousand real images have been shown, writing ticks to the metrics log
    /// and loss plot and a snapshot every `snapKimg` and at the end.
    public func run(report: (FineTuneEvent) -> Void = { _ in }) throws {
        var entries: [MetricsEntry] = []
        if let resumedFrom {
            try directory.prepareResume(from: resumedFrom)
            entries = try directory.readMetrics()
        } else {
            try directory.writeOptions(options)
            try directory.removePartialSnapshots()
            try directory.removeMetrics()
            try writeStartImages()
        }
        let metrics = try directory.openMetricsLog()
        defer { metrics.close() }
        let plot = LossPlot()
        let batch = training.batchSize
        let total = options.totalNimg
        let runStart = Date()
        var tickStartTime = Date()
        var maintenance = 0.0
        while curNimg < total {
            let (real, realLabels, generatorLabels) = try nextBatch(batch)
            let result = step.run(realImages: real, realLabels: realLabels, generatorLabels: generatorLabels,
                                  batchIndex: batchIndex, curNimg: curNimg, random: random)
            curNimg += batch
            batchIndex += 1
            tickStart.add(result)
            if var ada = adaptiveStrength, let pipe = augmentPipe {
                let signs = result.realSigns
                if !signs.isEmpty { ada.record(realLogits: Tensor(shape: [signs.count], scalars: signs)) }
                pipe.p = ada.update(p: pipe.p, batchIndex: batchIndex)
                adaptiveStrength = ada
            }
            report(.iteration(curNimg: curNimg, totalNimg: total))
            let done = curNimg >= total
            let snapshotDue = done || curNimg / options.snapNimg > (curNimg - batch) / options.snapNimg
            guard done || curTick == 0 || curNimg >= tickStart.startNimg + options.tickNimg else {
                if snapshotDue {
                    let maintenanceStart = Date()
                    report(.snapshot(path: try writeSnapshot().path))
                    maintenance += Date().timeIntervalSince(maintenanceStart)
                }
                continue
            }
            // Close the tick (as the official loop: status line, statistics, then maintenance).
            let seconds = Date().timeIntervalSince(tickStartTime)
            let entry = tickEntry(seconds: seconds)
            let line = ProgressLine(tick: curTick, curNimg: curNimg, totalSeconds: Date().timeIntervalSince(runStart),
                                    secondsPerTick: seconds, secondsPerKimg: entry.secondsPerKimg, maintenanceSeconds: maintenance,
                                    cpuMemoryGiB: (entry.peakRSSMiB ?? 0) / 1024, augmentP: Double(augmentPipe?.p ?? 0))
            report(.tick(line: line.text, entry: entry))
            let maintenanceStart = Date()
            try metrics.append(entry)
            entries.append(entry)
            try plot.write(entries, to: directory.lossPlotPath)
            curTick += 1
            tickStart = TickState(startNimg: curNimg)
            if snapshotDue { report(.snapshot(path: try writeSnapshot().path)) }
            maintenance = Date().timeIntervalSince(maintenanceStart)
            tickStartTime = Date()
        }
    }

    /// The metrics line of the tick that closes now, `seconds` after it started.
    private func tickEntry(seconds: Double) -> MetricsEntry {
        let images = Swift.max(curNimg - tickStart.startNimg, 1)
        var stats = tickStart.means
        if let augmentPipe { stats[MetricsEntry.StatName.augment] = Double(augmentPipe.p) }
        return MetricsEntry(curNimg: curNimg, tick: curTick, secondsPerKimg: seconds / Double(images) * 1000,
                            imagesPerSecond: Double(images) / Swift.max(seconds, 1e-9), stats: stats,
                            timestamp: Date().timeIntervalSince1970, peakRSSMiB: PeakMemory.residentMiB)
    }

    /// The next real batch (uint8 → [−1, 1]), its labels and the labels of the generated images
    /// (drawn uniformly from the dataset's labels, as the official loop does).
    private func nextBatch(_ batch: Int) throws -> (Tensor<Float>, Tensor<Float>?, Tensor<Float>?) {
        let indices = sampler.next(batch)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(batch * dataset.imageShape.reduce(1, *))
        for index in indices { pixels += try dataset.image(at: index).pixels }
        let real = StyleGAN2TrainingStep.realImages(pixels: pixels, shape: [batch] + dataset.imageShape)
        let cDim = step.generator.config.cDim
        guard cDim > 0 else { return (real, nil, nil) }
        let realLabels = try labels(indices)
        let picks = random.integers(low: 0, high: dataset.count, shape: [step.phases.count * batch])
        return (real, realLabels, try labels(picks))
    }

    private func labels(_ indices: [Int]) throws -> Tensor<Float> {
        var values: [Float] = []
        for index in indices { values += try dataset.label(at: index) }
        return Tensor(shape: [indices.count, dataset.labelDimension], scalars: values)
    }

    /// Writes the snapshot of the current state (networks, training state, sample grid).
    @discardableResult
    public func writeSnapshot() throws -> SnapshotLocation {
        var pipeTensors: StateDict = []
        if let augmentPipe { pipeTensors = augmentPipe.stateDict }
        let networks = NetworkSnapshot(curNimg: curNimg, generator: step.generator, discriminator: step.discriminator,
                                       generatorEMA: step.generatorEMA, augmentPipe: pipeTensors)
        let state = FineTuneState(curNimg: curNimg, curTick: curTick, batchIndex: batchIndex, samplerPosition: sampler.position,
                                  augmentP: augmentPipe?.p, adaptiveStrength: adaptiveStrength, random: random.state,
                                  tick: tickStart, datasetCount: dataset.count, options: options,
                                  ganportVersion: GANPortVersion.current)
        let samples = try SampleGrid.render(step.generatorEMA, seeds: options.sampleSeeds, columns: options.sampleColumns,
                                            labels: try sampleLabels())
        return try directory.writeSnapshot(networks: networks, state: state,
                                           stateTensors: step.exportState().map { ($0.name, $0.tensor) },
                                           samples: samples, ganportVersion: GANPortVersion.current)
    }

    /// Labels of the sample grid: the dataset's labels in order (nil for an unconditional generator).
    func sampleLabels() throws -> Tensor<Float>? {
        guard step.generator.config.cDim > 0 else { return nil }
        return try labels(options.sampleSeeds.indices.map { $0 % dataset.count })
    }
}
