#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HDF5 format signature and where the specification allows it: offset 0, 512, 1024, 2048, …
enum HDF5Signature {
    static let bytes: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The offset of the first signature in the file at `path`, nil when there is none.
    static func offset(inFileAt path: String) throws -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileAccessError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileAccessError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileAccessError.notARegularFile(path: path) }
        let size = Int(info.st_size)
        var candidate = 0
        var probe = [UInt8](repeating: 0, count: 8)
        while candidate <= size - 8 {
            let read = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 8, off_t(candidate)) }
            if read == 8, probe == bytes { return candidate }
            candidate = candidate == 0 ? 512 : candidate * 2
        }
        return nil
    }
}
