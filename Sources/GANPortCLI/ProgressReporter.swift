import Foundation

/// Progress lines on standard error for long work (only when standard error is a terminal,
/// or `GANPORT_PROGRESS=1`), throttled to a few updates per second.
final class ProgressReporter {
    /// What the counts measure.
    enum Unit { case bytes, images }

    private let label: String
    private let unit: Unit
    private let enabled: Bool
    private var lastUpdate = Date.distantPast
    private var started = Date()

    init(label: String, unit: Unit = .bytes) {
        self.label = label
        self.unit = unit
        enabled = isatty(STDERR_FILENO) != 0 || ProcessInfo.processInfo.environment["GANPORT_PROGRESS"] == "1"
    }

    /// A `(done, total)` callback, or nil when progress is off.
    var callback: ((Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] done, total in update(done: done, total: total) }
    }

    func update(done: Int, total: Int) {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastUpdate) > 0.25 else { return }
        lastUpdate = now
        let percent = total > 0 ? Double(done) * 100 / Double(total) : 100
        let seconds = now.timeIntervalSince(started)
        let line: String
        switch unit {
        case .bytes:
            let rate = seconds > 0 ? Double(done) / seconds / 1e6 : 0
            line = String(format: "\r%@ %5.1f%%  %.1f/%.1f MB  %.0f MB/s", label, percent, Double(done) / 1e6, Double(total) / 1e6, rate)
        case .images:
            let rate = seconds > 0 ? Double(done) / seconds : 0
            line = String(format: "\r%@ %5.1f%%  kimg %.3f/%.3f  %.2f img/s", label, percent, Double(done) / 1e3, Double(total) / 1e3, rate)
        }
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Erases the current progress line so that other output starts on a clean line.
    func clearLine() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
