import Foundation
import GANPortFormats
import GANPortTensor

/// Small file helpers shared by the run-directory writers and readers.
enum RunFiles {
    /// Writes `bytes` to `path` atomically: a temporary file in the same directory renamed over
    /// `path`, so readers see the old file or the whole new one, never a torn one.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RunFileError.writeFailed(path: path, reason: String(describing: error))
        }
    }

    /// The bytes of the file at `path`; `missingFile` when it does not exist.
    static func read(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw RunFileError.missingFile(path: path) }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RunFileError.unreadableFile(path: path, reason: String(describing: error))
        }
    }

    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Creates `path` and its parents when missing.
    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RunFileError.writeFailed(path: path, reason: String(describing: error))
        }
    }

    /// Runs `body`, turning any error that is not already a `RunFileError` into `unreadableFile(path)`.
    static func reading<T>(_ path: String, _ body: () throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw RunFileError.missingFile(path: path) }
        do {
            return try body()
        } catch let error as RunFileError {
            throw error
        } catch {
            throw RunFileError.unreadableFile(path: path, reason: String(describing: error))
        }
    }

    /// Runs `body`, turning any error that is not already a `RunFileError` into `writeFailed(path)`.
    static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunFileError {
            throw error
        } catch {
            throw RunFileError.writeFailed(path: path, reason: String(describing: error))
        }
    }

    /// Writes `image` as a PNG at `path`, failures as `RunFileError.writeFailed` naming it.
    static func writePNG(_ image: PNGImage, to path: String) throws {
        try writing(path) { try PNGEncoder.write(image, to: path) }
    }

    /// `path/name`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension Tensor where Scalar == Float {
    /// The elements as a contiguous little-endian F32 stored tensor (one bulk copy).
    func float32Stored() throws -> StoredTensor {
        #if _endian(little)
        let bytes = scalars.withUnsafeBytes { Array($0) }
        #else
        var bytes = [UInt8]()
        bytes.reserveCapacity(count * 4)
        for value in scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        #endif
        return try StoredTensor(dtype: .f32, shape: shape, bytes: ByteSlice(bytes))
    }
}
