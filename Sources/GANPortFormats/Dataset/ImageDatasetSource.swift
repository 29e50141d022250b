#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a dataset's files live: a folder (walked recursively like `os.walk`) or a zip archive
/// (as `dataset_tool.py` writes). Names are relative, `/`-separated.
enum ImageDatasetSource: @unchecked Sendable {
    case folder(root: String)
    case zip(ZipArchive)

    /// Opens `path` and lists every file name in it.
    static func open(_ path: String) throws -> (source: ImageDatasetSource, names: [String]) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ImageDatasetError.pathNotFound(path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let root = path.hasSuffix("/") ? String(path.dropLast()) : path
            return (.folder(root: root), try walk(root: root))
        }
        guard ImageFileExtensions.extensionOf(path) == ".zip" else { throw ImageDatasetError.notADirectoryOrZip(path) }
        let archive: ZipArchive
        do {
            archive = try ZipArchive(contentsOf: path)
        } catch {
            throw ImageDatasetError.unreadableFile(file: path, reason: "\(error)")
        }
        return (.zip(archive), archive.entries.map(\.name))
    }

    /// The bytes of the file `name` (mapped for folders; zero-copy or inflated and CRC-checked for zips).
    func bytes(of name: String) throws -> ByteSlice {
        do {
            switch self {
            case let .folder(root):
                // Only regular files: opening a FIFO (or a device) would block or never end.
                var info = stat()
                guard stat(root + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    throw ImageDatasetError.unreadableFile(file: name, reason: "not a regular file")
                }
                return try ByteBuffer.map(path: root + "/" + name).all
            case let .zip(archive): return try archive.data(named: name, verifyingCRC: true)
            }
        } catch {
            throw ImageDatasetError.unreadableFile(file: name, reason: "\(error)")
        }
    }

    /// Size of the file `name` without reading it.
    func size(of name: String) throws -> Int {
        switch self {
        case let .folder(root):
            var info = stat()
            guard stat(root + "/" + name, &info) == 0 else {
                throw ImageDatasetError.unreadableFile(file: name, reason: String(cString: strerror(errno)))
            }
            return Int(info.st_size)
        case let .zip(archive):
            guard let entry = archive.entry(named: name) else { throw ImageDatasetError.unreadableFile(file: name, reason: "no such entry") }
            return entry.uncompressedSize
        }
    }

    /// Every non-directory entry under `root`, as `os.walk` lists files: symbolic links to
    /// directories are neither followed nor listed; other links are listed as files.
    private static func walk(root: String) throws -> [String] {
        var names: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            let children: [String]
            do {
                children = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw ImageDatasetError.unreadableFile(file: relative.isEmpty ? "." : relative, reason: "\(error)")
            }
            for child in children {
                let name = relative.isEmpty ? child : relative + "/" + child
                let full = root + "/" + name
                var linkInfo = stat()
                guard lstat(full, &linkInfo) == 0 else { names.append(name); continue }
                let isLink = (linkInfo.st_mode & S_IFMT) == S_IFLNK
                var targetInfo = stat()
                let resolves = stat(full, &targetInfo) == 0
                let kind = targetInfo.st_mode & S_IFMT
                if resolves && kind == S_IFDIR {
                    if !isLink { pending.append(name) }
                } else if !resolves || kind == S_IFREG {
                    names.append(name)  // regular files; broken links are reported when read
                }  // FIFOs, sockets and devices are not images: skipped (opening a FIFO would block)
            }
        }
        return names
    }
}
