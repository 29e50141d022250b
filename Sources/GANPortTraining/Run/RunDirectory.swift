import Foundation
import GANPortFormats
import GANPortTensor

/// A complete snapshot directory found in a run directory.
public struct SnapshotLocation: Equatable, Sendable {
    /// Real images shown to D when it was taken.
    public let curNimg: Int
    /// Its path.
    public let path: String

    /// Reads its networks.
    public func readNetworks() throws -> NetworkSnapshot { try NetworkSnapshot.read(from: path) }

    /// Reads its training state (record and tensors).
    public func readTrainingState<R: VersionedRecord>(_ type: R.Type = FineTuneState.self) throws
        -> (record: R, tensors: [(String, Tensor<Float>)]) {
        try TrainingStateFile.read(type, from: path)
    }
}

/// The output directory of `ganport finetune`:
///
///     RUN_DIR/options.json                  command-line configuration (FineTuneOptions)
///     RUN_DIR/metrics.jsonl                 one JSON object per tick (MetricsLog)
///     RUN_DIR/losses.png                    loss curves (LossPlot)
///     RUN_DIR/snapshot-<cur_nimg, 9 digits>/
///         network.safetensors, G.pt, D.pt, G_ema.pt   (NetworkSnapshot)
///         training-state.json, training-state.safetensors   (TrainingStateFile)
///         samples.png                                  (SampleGrid)
///
/// A snapshot is written into `snapshot-….partial` and renamed only when every file is in place,
/// so an interrupted run loses at most the work since its last complete snapshot; leftover
/// `.partial` directories are never read and `removePartialSnapshots()` deletes them.
public struct RunDirectory: Sendable {
    /// The run directory.
    public let path: String

    /// Name prefix of snapshot directories.
    public static let snapshotPrefix = "snapshot-"
    /// Suffix of a snapshot directory still being written.
    public static let partialSuffix = ".partial"

    public init(path: String) { self.path = path }

    /// `options.json`.
    public var optionsPath: String { RunFiles.join(path, "options.json") }
    /// `metrics.jsonl`.
    public var metricsPath: String { RunFiles.join(path, "metrics.jsonl") }
    /// `losses.png`.
    public var lossPlotPath: String { RunFiles.join(path, "losses.png") }

    /// Creates the run directory (and parents) when missing.
    public func create() throws { try RunFiles.createDirectory(path) }

    /// `snapshot-<cur_nimg>` with at least 9 digits.
    public static func snapshotName(curNimg: Int) -> String {
        let digits = String(curNimg)
        return snapshotPrefix + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    /// The image count of a complete snapshot directory name, or nil for any other name.
    public static func curNimg(ofSnapshotName name: String) -> Int? {
        guard name.hasPrefix(snapshotPrefix) else { return nil }
        let digits = name.dropFirst(snapshotPrefix.count)
        guard digits.count >= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The path of the snapshot for `curNimg`.
    public func snapshotPath(curNimg: Int) -> String { RunFiles.join(path, RunDirectory.snapshotName(curNimg: curNimg)) }

    /// Complete snapshots, oldest first (an absent run directory has none).
    public func snapshots() throws -> [SnapshotLocation] {
        guard RunFiles.isDirectory(path) else { return [] }
        let names = try RunFiles.reading(path) { try FileManager.default.contentsOfDirectory(atPath: path) }
        return names.compactMap { name -> SnapshotLocation? in
            guard let nimg = RunDirectory.curNimg(ofSnapshotName: name), RunFiles.isDirectory(RunFiles.join(path, name)) else { return nil }
            return SnapshotLocation(curNimg: nimg, path: RunFiles.join(path, name))
        }.sorted { $0.curNimg < $1.curNimg }
    }

    /// The newest complete snapshot, or nil.
    public func latestSnapshot() throws -> SnapshotLocation? { try snapshots().last }

    /// Deletes leftover `snapshot-….partial` directories of interrupted writes; returns their paths.
    @discardableResult
    public func removePartialSnapshots() throws -> [String] {
        guard RunFiles.isDirectory(path) else { return [] }
        let names = try RunFiles.reading(path) { try FileManager.default.contentsOfDirectory(atPath: path) }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(RunDirectory.snapshotPrefix) && name.hasSuffix(RunDirectory.partialSuffix) {
            let partial = RunFiles.join(path, name)
            try RunFiles.writing(partial) { try FileManager.default.removeItem(atPath: partial) }
            removed.append(partial)
        }
        return removed
    }

    /// Writes a snapshot for `curNimg`: `body` fills the directory it is given (a fresh
    /// `.partial` directory), which is then renamed into place. Throws `snapshotExists` when the
    /// snapshot is already there; on failure the partial directory is removed.
    @discardableResult
    public func writeSnapshot(curNimg: Int, _ body: (String) throws -> Void) throws -> SnapshotLocation {
        guard curNimg >= 0 else { throw RunFileError.invalidArgument("cur_nimg \(curNimg) is negative") }
        let final = snapshotPath(curNimg: curNimg)
        guard !FileManager.default.fileExists(atPath: final) else { throw RunFileError.snapshotExists(path: final) }
        let partial = final + RunDirectory.partialSuffix
        if FileManager.default.fileExists(atPath: partial) {
            try RunFiles.writing(partial) { try FileManager.default.removeItem(atPath: partial) }
        }
        try RunFiles.createDirectory(partial)
        do {
            try body(partial)
            try RunFiles.writing(final) { try FileManager.default.moveItem(atPath: partial, toPath: final) }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        return SnapshotLocation(curNimg: curNimg, path: final)
    }

    /// Writes a complete snapshot: networks, training state (record and tensors) and, when
    /// given, the sample grid. The image count is the networks'.
    @discardableResult
    public func writeSnapshot<R: VersionedRecord>(networks: NetworkSnapshot, state: R, stateTensors: [(String, Tensor<Float>)],
                                                  samples: PNGImage?, ganportVersion: String) throws -> SnapshotLocation {
        try writeSnapshot(curNimg: networks.curNimg) { directory in
            try networks.write(to: directory, ganportVersion: ganportVersion)
            try TrainingStateFile.write(state, tensors: stateTensors, to: directory)
            if let samples { try SampleGrid.write(samples, to: directory) }
        }
    }

    /// Writes `options.json` (atomically), creating the run directory when missing.
    public func writeOptions(_ options: FineTuneOptions) throws {
        try create()
        try VersionedRecordFile.write(options, to: optionsPath)
    }

    /// Reads `options.json`.
    public func readOptions() throws -> FineTuneOptions { try VersionedRecordFile.read(FineTuneOptions.self, from: optionsPath).record }
}
