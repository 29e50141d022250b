import ArgumentParser
import Foundation
import GANPortFormats

/// Where `generate` and `style-mix` write: a folder of PNGs, or one grid PNG.
enum ImageOutput {
    /// Creates `path` and its parents (`os.makedirs(outdir, exist_ok=True)`); exit 3 on failure.
    static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            printError("\(path): exists and is not a directory")
            throw ExitCode(ExitStatus.outputFailed)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            printError("\(path): cannot create the directory (\(error.localizedDescription))")
            throw ExitCode(ExitStatus.outputFailed)
        }
    }

    /// Writes `image` as PNG at `path`; exit 3 on failure.
    static func write(_ image: PNGImage, to path: String) throws {
        do {
            try PNGEncoder.write(image, to: path)
        } catch {
            printError("\(path): \(error)")
            throw ExitCode(ExitStatus.outputFailed)
        }
    }

    /// `seed%04d.png`, `generate.py`'s file name.
    static func seedFileName(_ seed: Int) -> String { "seed\(zeroPadded(seed, width: 4)).png" }

    /// `proj%02d.png`, `generate.py`'s file name for the rows of `--projected-w`.
    static func projectionFileName(_ index: Int) -> String { "proj\(zeroPadded(index, width: 2)).png" }

    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }

    /// Whether `--out` names a grid image rather than a folder.
    static func isGridPath(_ path: String) -> Bool { path.lowercased().hasSuffix(".png") }
}

/// The cell layout of a grid: `--grid COLSxROWS`, or the most square layout for `count` images.
struct GridLayout: Equatable {
    let columns: Int
    let rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// `COLSxROWS` (both ≥ 1, at most 4096 cells), or nil for the default layout.
    init(spec: String?, count: Int) throws {
        guard let spec else {
            var columns = 1
            while columns * columns < count { columns += 1 }
            self.init(columns: columns, rows: Swift.max(1, (count + columns - 1) / columns))
            return
        }
        let parts = spec.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]),
              (1...4096).contains(columns), (1...4096).contains(rows) else {
            throw ImageCommandError.badGrid("'\(spec)' is not COLSxROWS (e.g. 4x2)")
        }
        guard columns * rows >= count else {
            throw ImageCommandError.badGrid("\(columns)x\(rows) has \(columns * rows) cells for \(count) images")
        }
        self.init(columns: columns, rows: rows)
    }
}
