/// The open tick of a run: the image count it started at and the statistics gathered since,
/// averaged into the tick's metrics line when it closes. Saved with every snapshot, so a resumed
/// run closes its ticks where the uninterrupted run would, with the same means.
public struct TickState: Codable, Equatable, Sendable {
    /// A running sum of one statistic.
    public struct Sum: Codable, Equatable, Sendable {
        public var sum: Double
        public var count: Int

        public init(sum: Double, count: Int) {
            self.sum = sum
            self.count = count
        }
    }

    /// `cur_nimg` when the tick started (`tick_start_nimg`).
    public var startNimg: Int
    /// Sums of every statistic reported since, by official name.
    public var sums: [String: Sum]

    public init(startNimg: Int = 0, sums: [String: Sum] = [:]) {
        self.startNimg = startNimg
        self.sums = sums
    }

    private enum CodingKeys: String, CodingKey { case startNimg = "start_nimg", sums }

    /// Adds every statistic an iteration reported.
    mutating func add(_ result: TrainingStepResult) {
        for (_, statistics) in result.phases {
            for (name, value) in statistics.entries {
                var accumulated = sums[name] ?? Sum(sum: 0, count: 0)
                for x in value.scalars { accumulated.sum += Double(x) }
                accumulated.count += value.count
                sums[name] = accumulated
            }
        }
    }

    /// The mean of every statistic.
    var means: [String: Double] {
        sums.compactMapValues { $0.count > 0 ? $0.sum / Double($0.count) : nil }
    }
}
