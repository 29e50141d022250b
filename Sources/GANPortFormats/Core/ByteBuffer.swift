#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Errors from opening or mapping a file.
public enum FileAccessError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened (`errno` text included).
    case cannotOpen(path: String, reason: String)
    /// The file could not be mapped into memory.
    case cannotMap(path: String, reason: String)
    /// The path names a directory or something that is not a regular file.
    case notARegularFile(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open \(path): \(reason)"
        case let .cannotMap(path, reason): return "cannot map \(path): \(reason)"
        case let .notARegularFile(path): return "\(path) is not a regular file"
        }
    }
}

/// Immutable bytes: a memory-mapped file or an owned heap buffer.
///
/// Readers keep `ByteSlice`s into a buffer instead of copying, so a mapped checkpoint is
/// read zero-copy: only the pages a command touches are ever loaded.
public final class ByteBuffer: @unchecked Sendable {
    /// Start of the bytes; nil only when `count == 0`.
    public let baseAddress: UnsafeRawPointer?
    /// Number of bytes.
    public let count: Int
    /// Whether the bytes are a read-only file mapping (pages can be dropped and re-read).
    public var isMapped: Bool { mappedFile != nil }
    /// The file a mapped buffer maps (byte `i` of the buffer is byte `i` of the file).
    public var mappedPath: String? { mappedFile?.path }
    /// The mapped file with the identity it had when it was mapped.
    public let mappedFile: MappedFile?
    private let release: () -> Void

    private init(baseAddress: UnsafeRawPointer?, count: Int, mappedFile: MappedFile? = nil, release: @escaping () -> Void) {
        self.baseAddress = baseAddress
        self.count = count
        self.mappedFile = mappedFile
        self.release = release
    }

    deinit { release() }

    /// Owned copy of `bytes`.
    public convenience init<C: Collection>(copying bytes: C) where C.Element == UInt8 {
        let count = bytes.count
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1), alignment: 64)
        var index = 0
        for byte in bytes {
            memory.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
        self.init(baseAddress: UnsafeRawPointer(memory), count: count, release: { memory.deallocate() })
    }

    /// Takes ownership of memory allocated with `UnsafeMutableRawPointer.allocate`.
    public convenience init(adopting memory: UnsafeMutableRawPointer, count: Int) {
        self.init(baseAddress: UnsafeRawPointer(memory), count: count, release: { memory.deallocate() })
    }

    /// Maps the file at `path` read-only (zero-copy). Empty files give an empty buffer.
    public static func map(path: String) throws -> ByteBuffer {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileAccessError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileAccessError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileAccessError.notARegularFile(path: path) }
        let size = Int(info.st_size)
        if size == 0 { return ByteBuffer(baseAddress: nil, count: 0, release: {}) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw FileAccessError.cannotMap(path: path, reason: String(cString: strerror(errno)))
        }
        return ByteBuffer(baseAddress: UnsafeRawPointer(mapped), count: size, mappedFile: MappedFile(path: path, status: info),
                          release: { munmap(mapped, size) })
    }

    /// The whole buffer as a slice.
    public var all: ByteSlice { ByteSlice(buffer: self, range: 0..<count) }
}

/// A range of bytes inside a `ByteBuffer`; keeps the buffer alive.
public struct ByteSlice: @unchecked Sendable {
    /// The buffer the bytes live in.
    public let buffer: ByteBuffer
    /// Byte range inside `buffer`.
    public let range: Range<Int>

    /// Creates a slice; `range` must lie inside the buffer (callers validate untrusted ranges first).
    public init(buffer: ByteBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "slice outside buffer")
        self.buffer = buffer
        self.range = range
    }

    /// Owned slice over a copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        let buffer = ByteBuffer(copying: bytes)
        self.init(buffer: buffer, range: 0..<buffer.count)
    }

    /// Number of bytes.
    public var count: Int { range.count }

    /// Byte at `index` (0-based within the slice; the caller checks bounds).
    @inlinable public subscript(index: Int) -> UInt8 {
        buffer.baseAddress.unsafelyUnwrapped.load(fromByteOffset: range.lowerBound + index, as: UInt8.self)
    }

    /// A sub-slice, or nil when `sub` does not lie inside this slice.
    public func slice(_ sub: Range<Int>) -> ByteSlice? {
        guard sub.lowerBound >= 0, sub.upperBound <= count else { return nil }
        return ByteSlice(buffer: buffer, range: (range.lowerBound + sub.lowerBound)..<(range.lowerBound + sub.upperBound))
    }

    /// Calls `body` with the bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let base = buffer.baseAddress else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Tells the kernel the pages of a mapped slice are not needed now (`MADV_DONTNEED`), so
    /// streaming over a large file keeps resident memory flat; a later access re-reads them from
    /// the file. Does nothing for heap buffers.
    public func releasePages() {
        guard buffer.isMapped, let base = buffer.baseAddress, count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound / page) * page
        let end = Swift.min(buffer.count, ((range.upperBound + page - 1) / page) * page)
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// A copy of the bytes as an array.
    public var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// A copy of the bytes as `Data`.
    public var data: Data { withUnsafeBytes { Data($0) } }
}
