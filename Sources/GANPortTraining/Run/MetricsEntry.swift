import GANPortFormats

/// One line of `metrics.jsonl`: the progress of one tick and the mean of each statistic over it,
/// under the official `training_stats` names.
///
/// JSON form (one compact object per line, keys in this order, statistics sorted by name):
/// `{"kimg": 1.2, "cur_nimg": 1200, "tick": 3, "sec_per_kimg": 12.3, "images_per_sec": 81.3,
///   "Loss/D/loss": 1.1, ..., "Progress/augment": 0.012, "timestamp": 1700000000.5, "peak_rss_mib": 812.0}`.
/// Non-finite values are written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
public struct MetricsEntry: Equatable, Sendable {
    /// Real images shown to D at the end of the tick.
    public var curNimg: Int
    /// The tick index.
    public var tick: Int
    /// Seconds per thousand images over the tick.
    public var secondsPerKimg: Double
    /// Images per second over the tick.
    public var imagesPerSecond: Double
    /// Statistics by official name (see `StatName`).
    public var stats: [String: Double]
    /// Seconds since 1970 when the tick ended.
    public var timestamp: Double
    /// Peak resident memory in MiB, when known.
    public var peakRSSMiB: Double?

    public init(curNimg: Int, tick: Int, secondsPerKimg: Double, imagesPerSecond: Double, stats: [String: Double],
                timestamp: Double, peakRSSMiB: Double? = nil) {
        self.curNimg = curNimg
        self.tick = tick
        self.secondsPerKimg = secondsPerKimg
        self.imagesPerSecond = imagesPerSecond
        self.stats = stats
        self.timestamp = timestamp
        self.peakRSSMiB = peakRSSMiB
    }

    /// Thousands of images (`cur_nimg / 1e3`).
    public var kimg: Double { Double(curNimg) / 1000 }

    /// The official statistic names the loss and loop report.
    public enum StatName {
        public static let generatorLoss = "Loss/G/loss"
        public static let discriminatorLoss = "Loss/D/loss"
        public static let r1Penalty = "Loss/r1_penalty"
        public static let plPenalty = "Loss/pl_penalty"
        public static let realScores = "Loss/scores/real"
        public static let fakeScores = "Loss/scores/fake"
        public static let augment = "Progress/augment"
        /// The loss statistics, in plotting order.
        public static let losses = [generatorLoss, discriminatorLoss, r1Penalty, plPenalty, realScores, fakeScores]
    }

    /// Keys with a fixed meaning; statistics may not use them.
    static let reservedKeys: Set<String> = ["kimg", "cur_nimg", "tick", "sec_per_kimg", "images_per_sec", "timestamp", "peak_rss_mib"]

    /// The compact JSON line (without the newline).
    public func jsonLine() throws -> String {
        if let clash = stats.keys.first(where: { MetricsEntry.reservedKeys.contains($0) }) {
            throw RunFileError.invalidArgument("statistic name '\(clash)' is reserved in metrics.jsonl")
        }
        var pairs: [(String, JSONValue)] = [
            ("kimg", .double(kimg)), ("cur_nimg", .int(Int64(curNimg))), ("tick", .int(Int64(tick))),
            ("sec_per_kimg", .double(secondsPerKimg)), ("images_per_sec", .double(imagesPerSecond)),
        ]
        pairs += stats.keys.sorted().map { ($0, JSONValue.double(stats[$0] ?? .nan)) }
        pairs.append(("timestamp", .double(timestamp)))
        if let peakRSSMiB { pairs.append(("peak_rss_mib", .double(peakRSSMiB))) }
        return JSONValue.object(pairs).serialized()
    }

    /// Parses one line; `reason` of the error says what is wrong.
    init(jsonLine values: [String: Double]) throws {
        func required(_ key: String) throws -> Double {
            guard let value = values[key] else { throw MetricsLineError("field '\(key)' is missing") }
            return value
        }
        func integer(_ key: String) throws -> Int {
            let value = try required(key)
            guard value.rounded() == value, abs(value) < 9.0e15 else { throw MetricsLineError("field '\(key)' is not an integer") }
            return Int(value)
        }
        curNimg = try integer("cur_nimg")
        tick = try integer("tick")
        secondsPerKimg = try required("sec_per_kimg")
        imagesPerSecond = try required("images_per_sec")
        timestamp = try required("timestamp")
        peakRSSMiB = values["peak_rss_mib"]
        stats = values.filter { !MetricsEntry.reservedKeys.contains($0.key) }
    }
}

/// Why a metrics line was refused (wrapped into `RunFileError.malformedMetricsLine`).
struct MetricsLineError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
