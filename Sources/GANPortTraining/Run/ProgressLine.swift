import Foundation

/// The status line printed once per tick, in the official training loop's format:
///
///     tick 3     kimg 1.2      time 2m 10s       sec/tick 43.1    sec/kimg 12.30   maintenance 0.4    cpumem 1.21   augment 0.012
///
/// Fields and widths are those of `training_loop.py` (`f"tick {cur_tick:<5d}"`,
/// `f"kimg {kimg:<8.1f}"`, `f"time {format_time(t):<12s}"`, `sec/tick :<7.1f`,
/// `sec/kimg :<7.2f`, `maintenance :<6.1f`, `cpumem :<6.2f`, `augment :.3f`), without the
/// GPU-memory field; `cpumem` is the peak resident memory in GiB.
public struct ProgressLine: Equatable, Sendable {
    public var tick: Int
    public var curNimg: Int
    /// Seconds since the run started.
    public var totalSeconds: Double
    /// Seconds the tick took.
    public var secondsPerTick: Double
    /// Seconds per thousand images over the tick.
    public var secondsPerKimg: Double
    /// Seconds spent outside training steps before the tick (snapshots, plots).
    public var maintenanceSeconds: Double
    /// Peak resident memory in GiB.
    public var cpuMemoryGiB: Double
    /// The augmentation probability (0 when not augmenting).
    public var augmentP: Double

    public init(tick: Int, curNimg: Int, totalSeconds: Double, secondsPerTick: Double, secondsPerKimg: Double,
                maintenanceSeconds: Double, cpuMemoryGiB: Double, augmentP: Double) {
        self.tick = tick
        self.curNimg = curNimg
        self.totalSeconds = totalSeconds
        self.secondsPerTick = secondsPerTick
        self.secondsPerKimg = secondsPerKimg
        self.maintenanceSeconds = maintenanceSeconds
        self.cpuMemoryGiB = cpuMemoryGiB
        self.augmentP = augmentP
    }

    /// The line.
    public var text: String {
        [
            "tick " + Self.padded(String(tick), 5),
            "kimg " + Self.padded(Self.fixed(Double(curNimg) / 1e3, 1), 8),
            "time " + Self.padded(Self.formatTime(totalSeconds), 12),
            "sec/tick " + Self.padded(Self.fixed(secondsPerTick, 1), 7),
            "sec/kimg " + Self.padded(Self.fixed(secondsPerKimg, 2), 7),
            "maintenance " + Self.padded(Self.fixed(maintenanceSeconds, 1), 6),
            "cpumem " + Self.padded(Self.fixed(cpuMemoryGiB, 2), 6),
            "augment " + Self.fixed(augmentP, 3),
        ].joined(separator: " ")
    }

    /// `dnnlib.util.format_time`: seconds rounded half to even, then `42s`, `2m 05s`,
    /// `1h 02m 03s` or `2d 03h 04m`.
    public static func formatTime(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(seconds.rounded(.toNearestOrEven)) : 0
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(two(s % 60))s" }
        if s < 86400 { return "\(s / 3600)h \(two(s / 60 % 60))m \(two(s % 60))s" }
        return "\(s / 86400)d \(two(s / 3600 % 24))h \(two(s / 60 % 60))m"
    }

    /// Python's `f"{value:.Nf}"` (correctly rounded, like C's `%.*f`; `nan`/`inf` as Python spells them).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.\(digits)f", value)
    }

    /// Left-aligned in `width` columns (Python's `:<width`).
    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
