import Dispatch

/// Wall-clock timing shared by the benchmarks (`ganport bench …`).
public enum BenchmarkTiming {
    /// Seconds `body` takes.
    public static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// One warm-up run, then `count` timed runs (seconds).
    public static func samples(_ count: Int, _ body: () -> Void) -> [Double] {
        body()
        return (0..<count).map { _ in seconds(body) }
    }

    /// The middle value (the mean of the two middle values for an even count; 0 when empty).
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
