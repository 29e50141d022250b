import Foundation
extension RunDirectory {
    /// Opens `metrics.jsonl` for appending (creating the run directory when missing).
    public func openMetricsLog() throws -> MetricsLog {
        try create()
        return try MetricsLog(path: metricsPath)
    }

    /// Prepares the run directory for resuming from `snapshot`: removes leftover partial
    /// snapshots and drops metrics entries past the snapshot's image count. Call before
    /// `openMetricsLog()`.
    public func prepareResume(from snapshot: SnapshotLocation) throws {
        try removePartialSnapshots()
        try MetricsLog.truncate(path: metricsPath, keepingThrough: snapshot.curNimg)
    }

    /// Redraws `losses.png` from `metrics.jsonl` (a torn last line is skipped).
    public func writeLossPlot(_ plot: LossPlot = LossPlot()) throws {
        let entries = try MetricsLog.read(path: metricsPath, allowingTornLastLine: true)
        try plot.write(entries, to: lossPlotPath)
    }

    /// The metrics entries written so far (none when there is no log yet; a torn last line is skipped).
    public func readMetrics() throws -> [MetricsEntry] {
        guard FileManager.default.fileExists(atPath: metricsPath) else { return [] }
        return try MetricsLog.read(path: metricsPath, allowingTornLastLine: true)
    }

    /// Removes `metrics.jsonl` and `losses.png` left by an earlier attempt that never wrote a
    /// snapshot, so a new run starts with an empty log.
    public func removeMetrics() throws {
        for path in [metricsPath, lossPlotPath] where FileManager.default.fileExists(atPath: path) {
            try RunFiles.writing(path) { try FileManager.default.removeItem(atPath: path) }
        }
    }
}
