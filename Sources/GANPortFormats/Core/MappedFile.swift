#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as it was when GANPort mapped it: its path and identity (device, inode, size and
/// modification time). Kernel-side copies by path (`copy_file_range`) first check that the path
/// still names the same, unchanged file, so a file replaced or rewritten after it was validated
/// is never copied into an output; the bytes then come from the mapping instead.
public struct MappedFile: Equatable, Sendable {
    /// The path it was mapped from.
    public let path: String
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int64
    let modifiedNanoseconds: Int64

    init(path: String, status info: stat) {
        self.path = path
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modifiedSeconds = Int64(info.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #else
        modifiedSeconds = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// Whether the open descriptor `fd` is this file, unchanged.
    func isSame(asOpen fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        return MappedFile(path: path, status: info) == self
    }
}
