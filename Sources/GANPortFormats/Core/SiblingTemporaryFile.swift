#if canImport(Glibc)
import Glibc
private let systemRename = Glibc.rename
#elseif canImport(Darwin)
import Darwin
private let systemRename = Darwin.rename
#endif
import CFileCopy
import Foundation

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
    /// Bytes written so far (the offset of the next append).
    private(set) var position = 0

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
        try write(bytes, at: position)
        position += bytes.count
    }

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `count` bytes of `file` from `offset`, copied inside the kernel (`copy_file_range`);
    /// falls back to `fallback` (which must append the same bytes, from the mapping) where the kernel
    /// cannot copy between these files, or where the path no longer names the mapped, unchanged file.
    func appendCopy(ofFile file: MappedFile, offset: Int, count: Int, fallback: () throws -> Void) throws {
        guard descriptor >= 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: "already closed") }
        let source = open(file.path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return try fallback() }
        defer { close(source) }
        // The path must still name the file that was mapped and checked; otherwise copy from the mapping.
        guard file.isSame(asOpen: source) else { return try fallback() }
        var sourceOffset = Int64(offset)
        var destinationOffset = Int64(position)
        var remaining = count
        while remaining > 0 {
            let copied = ganport_copy_file_range(source, &sourceOffset, descriptor, &destinationOffset, remaining)
            if copied < 0, errno == EINTR { continue }
            if copied <= 0 {
                // Nothing copied yet: let the caller stream the bytes instead; else a real failure.
                guard remaining == count else {
                    throw FileOutputError.writeFailed(path: temporaryPath, reason: String(cString: strerror(errno)))
                }
                return try fallback()
            }
            remaining -= copied
        }
        position += count
    }

    /// Overwrites bytes already written at `offset` (to patch headers after streaming data).
    func overwrite(_ bytes: [UInt8], at offset: Int) throws {
        guard offset >= 0, offset + bytes.count <= position else {
            throw FileOutputError.writeFailed(path: temporaryPath, reason: "patch at \(offset) lies past the written bytes")
        }
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard descriptor >= 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: "already closed") }
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, base + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                throw FileOutputError.writeFailed(path: temporaryPath, reason: String(cString: strerror(errno)))
            }
            done += written
        }
    }

    /// Whether `commit()` flushes the file to disk (`fsync`) before the rename. Off by default, as
    /// in `torch.save` and the safetensors writer (a crash can then lose the new file, but the
    /// rename still never exposes a partial one); `GANPORT_SYNC=1` turns it on.
    static let syncsBeforeRename = ProcessInfo.processInfo.environment["GANPORT_SYNC"] == "1"

    /// Optionally flushes to disk, then renames the temporary file over the destination.
    func commit() throws {
        guard descriptor >= 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: "already closed") }
        let synced = !SiblingTemporaryFile.syncsBeforeRename || fsync(descriptor) == 0
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
