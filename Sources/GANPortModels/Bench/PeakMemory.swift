#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's peak resident set size so far (`getrusage(RUSAGE_SELF).ru_maxrss`).
public enum PeakMemory {
    /// Peak RSS in MiB (Linux reports KiB, macOS bytes), or nil when unavailable.
    public static var residentMiB: Double? {
        #if canImport(Glibc)
        let selfWho = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let selfWho = RUSAGE_SELF
        #endif
        var usage = rusage()
        guard getrusage(selfWho, &usage) == 0 else { return nil }
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }
}
