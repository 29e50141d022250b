#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors from writing an output file.
public enum FileOutputError: Error, Equatable, CustomStringConvertible {
    /// The temporary file next to the destination could not be created.
    case cannotCreate(path: String, reason: String)
    /// A write, seek or sync failed.
    case writeFailed(path: String, reason: String)
    /// The finished temporary file could not be renamed onto the destination.
    case cannotCommit(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create \(path): \(reason)"
        case let .writeFailed(path, reason): return "cannot write \(path): \(reason)"
        case let .cannotCommit(path, reason): return "cannot move the finished file to \(path): \(reason)"
        }
    }
}

/// A file written sequentially to `path + ".tmp-<random>"` and renamed onto `path` only after
/// `commit()` (with `fsync`); dropped without commit, the temporary file is deleted.
final class StreamingFileOutput {
    let path: String
    let temporaryPath: String
    /// Bytes written so far (the offset of the next sequential write).
    private(set) var position = 0
    private var descriptor: Int32
    private var closed = false

    init(path: String) throws {
        self.path = path
        self.temporaryPath = path + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw FileOutputError.cannotCreate(path: temporaryPath, reason: Self.errnoText()) }
    }

    deinit { discard() }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try write(bytes, at: position)
        position += bytes.count
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Overwrites bytes already written at `offset` (for patching headers).
    func overwrite(_ bytes: [UInt8], at offset: Int) throws {
        precondition(offset + bytes.count <= position, "overwrite past the written bytes")
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    /// Syncs, closes and renames the temporary file onto `path`.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: Self.errnoText()) }
        closed = true
        guard close(descriptor) == 0 else {
            let reason = Self.errnoText()
            unlink(temporaryPath)
            throw FileOutputError.writeFailed(path: temporaryPath, reason: reason)
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = Self.errnoText()
            unlink(temporaryPath)
            throw FileOutputError.cannotCommit(path: path, reason: reason)
        }
    }

    /// Closes and deletes the temporary file (no-op after `commit()`).
    func discard() {
        guard !closed else { return }
        closed = true
        close(descriptor)
        unlink(temporaryPath)
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard !closed else { throw FileOutputError.writeFailed(path: temporaryPath, reason: "file already closed") }
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let result = pwrite(descriptor, base + done, bytes.count - done, off_t(offset + done))
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw FileOutputError.writeFailed(path: temporaryPath, reason: Self.errnoText()) }
            done += result
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
