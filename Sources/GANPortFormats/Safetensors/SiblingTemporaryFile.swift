#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemRename = Glibc.rename
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemRename = Darwin.rename
#endif

/// Errors from writing an output file.
public enum FileOutputError: Error, Equatable, CustomStringConvertible {
    /// The temporary file next to the destination could not be created.
    case cannotCreate(path: String, reason: String)
    /// Writing (or flushing) the temporary file failed; the destination is untouched.
    case writeFailed(path: String, reason: String)
    /// The finished temporary file could not be renamed over the destination.
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create \(path): \(reason)"
        case let .writeFailed(path, reason): return "cannot write \(path): \(reason)"
        case let .cannotRename(from, to, reason): return "cannot rename \(from) to \(to): \(reason)"
        }
    }
}

/// A file written under a temporary name in its destination's directory and renamed over the
/// destination only when complete, so a failed write leaves nothing behind and a file that is
/// being read (mapped) is never truncated in place.
final class SiblingTemporaryFile {
    /// The final path.
    let destination: String
    /// The temporary path in the same directory.
    let temporaryPath: String
    private var descriptor: Int32

    /// A fresh temporary name next to `destination` (`dir/.name.tmp-<random>`).
    static func temporaryPath(for destination: String) -> String {
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { String(destination[...$0]) } ?? ""
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(directory).\(name).tmp-\(suffix)"
    }

    /// Creates the temporary file (exclusively, mode 0666 minus the umask).
    init(destination: String) throws {
        self.destination = destination
        var path = SiblingTemporaryFile.temporaryPath(for: destination)
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        var attempts = 1
        while fd < 0, errno == EEXIST, attempts < 8 {
            path = SiblingTemporaryFile.temporaryPath(for: destination)
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            attempts += 1
        }
        guard fd >= 0 else { throw FileOutputError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        self.temporaryPath = path
        self.descriptor = fd
    }

    deinit { discard() }

    /// Appends `bytes`, retrying short writes and interrupted calls.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileOutputError.writeFailed(path: temporaryPath, reason: String(cString: strerror(errno)))
            }
            next += written
            remaining -= written
        }
    }

    /// Flushes to disk and renames the temporary file over the destination.
    func commit() throws {
        guard descriptor >= 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: "already closed") }
        let synced = fsync(descriptor) == 0
        let reason = String(cString: strerror(errno))
        let closed = close(descriptor) == 0
        descriptor = -1
        guard synced, closed else {
            unlink(temporaryPath)
            throw FileOutputError.writeFailed(path: temporaryPath, reason: reason)
        }
        try SiblingTemporaryFile.rename(temporaryPath, over: destination)
    }

    /// Closes and removes the temporary file (no-op after `commit()`).
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// Renames `source` over `destination`, removing `source` when that fails.
    static func rename(_ source: String, over destination: String) throws {
        guard systemRename(source, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(source)
            throw FileOutputError.cannotRename(from: source, to: destination, reason: reason)
        }
    }
}
