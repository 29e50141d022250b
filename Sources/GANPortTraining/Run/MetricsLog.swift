import Foundation

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif

/// `RUN_DIR/metrics.jsonl`: one `MetricsEntry` per line, appended as the run goes.
///
/// Each line goes to the file in a single `write` on a descriptor opened with `O_APPEND`, so it
/// reaches the kernel before `append` returns and an interrupted run leaves at most one torn
/// last line. On resume, call `truncate(path:keepingThrough:)` with the snapshot's `cur_nimg`
/// before opening the log, so the log holds no ticks the resumed run will redo.
public final class MetricsLog {
    /// The log file.
    public let path: String
    private var descriptor: Int32

    /// Opens `path` for appending, creating it when missing.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw RunFileError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close() }

    /// Appends `entry` as one line.
    public func append(_ entry: MetricsEntry) throws {
        guard descriptor >= 0 else { throw RunFileError.writeFailed(path: path, reason: "log is closed") }
        let line = Array((try entry.jsonLine() + "\n").utf8)
        try line.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let written = systemWrite(descriptor, base + done, raw.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RunFileError.writeFailed(path: path, reason: String(cString: strerror(errno)))
                }
                done += written
            }
        }
    }

    /// Closes the file (further appends fail).
    public func close() {
        guard descriptor >= 0 else { return }
        _ = systemClose(descriptor)
        descriptor = -1
    }

    /// The entries of the log at `path`. Every line must be a complete entry; with
    /// `allowingTornLastLine`, a last line without its newline that does not parse (an
    /// interrupted append) is skipped instead.
    public static func read(path: String, allowingTornLastLine: Bool = false) throws -> [MetricsEntry] {
        try lines(path: path, allowingTornLastLine: allowingTornLastLine).map(\.entry)
    }

    /// Rewrites the log at `path` (atomically) keeping only the entries with `cur_nimg ≤ curNimg`
    /// and dropping a torn last line; returns the number kept. A missing log stays missing (0).
    @discardableResult
    public static func truncate(path: String, keepingThrough curNimg: Int) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let kept = try lines(path: path, allowingTornLastLine: true).filter { $0.entry.curNimg <= curNimg }
        let text = kept.map { $0.text + "\n" }.joined()
        try RunFiles.writeAtomically(Array(text.utf8), to: path)
        return kept.count
    }

    /// The parsed lines with their text.
    static func lines(path: String, allowingTornLastLine: Bool) throws -> [(entry: MetricsEntry, text: String)] {
        let bytes = try RunFiles.read(path)
        var rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let endsWithNewline = bytes.last == 0x0A || bytes.isEmpty
        if rows.last?.isEmpty == true { rows.removeLast() }
        var out: [(entry: MetricsEntry, text: String)] = []
        for (index, row) in rows.enumerated() {
            let isTorn = !endsWithNewline && index == rows.count - 1
            do {
                out.append((try parse(row), String(decoding: row, as: UTF8.self)))
            } catch let error as MetricsLineError {
                if isTorn && allowingTornLastLine { break }
                throw RunFileError.malformedMetricsLine(path: path, line: index + 1, reason: error.reason)
            }
        }
        return out
    }

    static func parse(_ row: ArraySlice<UInt8>) throws -> MetricsEntry {
        let values: [String: Double]
        do {
            values = try StrictJSON.decoder().decode([String: Double].self, from: Data(row))
        } catch {
            throw MetricsLineError("not a JSON object of numbers")
        }
        return try MetricsEntry(jsonLine: values)
    }
}
