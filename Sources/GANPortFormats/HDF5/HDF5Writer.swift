import CHDF5
#if canImport(Glibc)
import Glibc
private let closeDescriptor = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let closeDescriptor = Darwin.close
#endif

/// Writes HDF5 files that h5py reads as it reads its own: datasets from `StoredTensor`s (bool as
/// h5py's int8 enum, float16 as h5py's half type, bfloat16 as a custom 16-bit float), groups,
/// and attributes from `JSONValue`s (strings as variable-length UTF-8 like h5py writes `str`).
///
/// The file is built under a temporary name in the destination's directory and renamed into
/// place by `close()`; `discard()` (or dropping an unclosed writer) removes it.
///
///     let writer = try HDF5Writer(path: "golden.h5")
///     try writer.writeDataset(path: "inputs/z", tensor: z, gzip: nil)
///     try writer.setAttribute("format", .string("ganport-golden"), at: "/")
///     try writer.close()
public final class HDF5Writer {
    /// The destination path.
    public let path: String
    private let temporaryPath: String
    private var fileID: hid_t

    /// Starts a new file that will replace `path` on `close()`.
    public init(path: String) throws {
        self.path = path
        temporaryPath = SiblingTemporaryFile.temporaryPath(for: path)
        HDF5Library.silence()
        fileID = H5Fcreate(temporaryPath, ganport_h5f_acc_excl(), HDF5Library.defaultPlist, HDF5Library.defaultPlist)
        guard fileID >= 0 else { throw HDF5Library.failure("H5Fcreate", path: temporaryPath) }
    }

    deinit { discard() }

    /// Creates the group at `path` and any missing parents; an existing group is fine.
    public func createGroup(_ path: String) throws {
        let absolute = try objectPath(path)
        guard absolute != "/" else { return }
        if try exists(absolute) {
            let group = H5Gopen2(fileID, absolute, HDF5Library.defaultPlist)
            guard group >= 0 else { _ = HDF5Library.takeErrorMessage(); throw HDF5Error.alreadyExists(path: absolute) }
            H5Gclose(group)
            return
        }
        let links = try linkCreationList(path: absolute)
        defer { H5Pclose(links) }
        let group = try HDF5Library.check(
            H5Gcreate2(fileID, absolute, links, HDF5Library.defaultPlist, HDF5Library.defaultPlist), "H5Gcreate2", path: absolute)
        H5Gclose(group)
    }

    /// Writes `tensor` (gathered into C order) as a new dataset at `path`, creating parent groups.
    /// `gzip` (0…9) compresses; `chunkShape` sets the chunks (default with gzip: the whole tensor,
    /// halved until a chunk is at most 1 MiB). Scalars and empty tensors are always stored
    /// contiguously, without filters.
    public func writeDataset(path: String, tensor: StoredTensor, gzip: Int? = nil, chunkShape: [Int]? = nil) throws {
        let absolute = try objectPath(path)
        guard absolute != "/" else { throw HDF5Error.invalidPath(path: path) }
        guard try !exists(absolute) else { throw HDF5Error.alreadyExists(path: absolute) }
        if let gzip, !(0...9).contains(gzip) { throw HDF5Error.invalidGzipLevel(path: absolute, level: gzip) }
        let filtered = (gzip != nil || chunkShape != nil) && !tensor.shape.isEmpty && tensor.elementCount > 0
        let chunk = filtered ? (chunkShape ?? HDF5Writer.defaultChunk(for: tensor.shape, itemSize: tensor.dtype.byteSize)) : nil
        if let chunk, chunk.count != tensor.shape.count || zip(chunk, tensor.shape).contains(where: { $0 < 1 || $0 > $1 }) {
            throw HDF5Error.invalidChunkShape(path: absolute, chunk: chunk, shape: tensor.shape)
        }
        let bytes = try tensor.contiguousBytes()
        let type = try HDF5Library.check(HDF5ElementType.makeType(for: tensor.dtype), "H5Tcreate", path: absolute)
        defer { H5Tclose(type) }
        let space = try makeSpace(shape: tensor.shape, path: absolute)
        defer { H5Sclose(space) }
        let creation = try HDF5Library.check(H5Pcreate(ganport_h5p_dataset_create()), "H5Pcreate", path: absolute)
        defer { H5Pclose(creation) }
        if let chunk {
            let dims = chunk.map { hsize_t($0) }
            try HDF5Library.check(H5Pset_chunk(creation, Int32(dims.count), dims), "H5Pset_chunk", path: absolute)
            if let gzip { try HDF5Library.check(H5Pset_deflate(creation, UInt32(gzip)), "H5Pset_deflate", path: absolute) }
        }
        let links = try linkCreationList(path: absolute)
        defer { H5Pclose(links) }
        let dataset = try HDF5Library.check(
            H5Dcreate2(fileID, absolute, type, space, links, creation, HDF5Library.defaultPlist), "H5Dcreate2", path: absolute)
        defer { H5Dclose(dataset) }
        guard bytes.count > 0 else { return }
        let all = hid_t(ganport_h5s_all())
        let status = bytes.withUnsafeBytes { H5Dwrite(dataset, type, all, all, HDF5Library.defaultPlist, $0.baseAddress) }
        try HDF5Library.check(status, "H5Dwrite", path: absolute)
    }

    /// Finishes the file and renames it into place.
    public func close() throws {
        guard fileID >= 0 else { throw HDF5Error.writerClosed(path: path) }
        let status = H5Fclose(fileID)
        fileID = -1
        guard status >= 0 else {
            let error = HDF5Library.failure("H5Fclose", path: temporaryPath)
            unlink(temporaryPath)
            throw error
        }
        let fd = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            if SiblingTemporaryFile.syncsBeforeRename { fsync(fd) }
            _ = closeDescriptor(fd)
        }
        try SiblingTemporaryFile.rename(temporaryPath, over: path)
    }

    /// Abandons the file: closes it and removes the temporary file (no-op after `close()`).
    public func discard() {
        guard fileID >= 0 else { return }
        H5Fclose(fileID)
        fileID = -1
        unlink(temporaryPath)
    }

    // MARK: Helpers

    /// Whole tensor, leading dimensions halved in turn until a chunk holds at most 1 MiB.
    static func defaultChunk(for shape: [Int], itemSize: Int) -> [Int] {
        var chunk = shape.map { max($0, 1) }
        var dimension = 0
        while chunk.reduce(itemSize, *) > 1 << 20, chunk.contains(where: { $0 > 1 }) {
            if chunk[dimension] > 1 { chunk[dimension] = (chunk[dimension] + 1) / 2 }
            dimension = (dimension + 1) % chunk.count
        }
        return chunk
    }

    /// The open file, or `writerClosed`.
    func openFile() throws -> hid_t {
        guard fileID >= 0 else { throw HDF5Error.writerClosed(path: path) }
        HDF5Library.silence()
        return fileID
    }

    /// `/a/b` for `a/b` or `/a/b`; `/` for the root; `invalidPath` for empty, `.` or `..` components.
    func objectPath(_ path: String) throws -> String {
        _ = try openFile()
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if trimmed.isEmpty { return "/" }
        let components = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { throw HDF5Error.invalidPath(path: path) }
        return "/" + components.joined(separator: "/")
    }

    /// Whether a link exists at `absolute` (checked component by component, as `H5Lexists` requires).
    func exists(_ absolute: String) throws -> Bool {
        guard absolute != "/" else { return true }
        var prefix = ""
        for component in absolute.split(separator: "/") {
            prefix += "/" + component
            let found = H5Lexists(fileID, prefix, HDF5Library.defaultPlist)
            guard found >= 0 else { throw HDF5Library.failure("H5Lexists", path: prefix) }
            if found == 0 { return false }
        }
        return true
    }

    private func linkCreationList(path: String) throws -> hid_t {
        let links = try HDF5Library.check(H5Pcreate(ganport_h5p_link_create()), "H5Pcreate", path: path)
        guard H5Pset_create_intermediate_group(links, 1) >= 0 else {
            H5Pclose(links)
            throw HDF5Library.failure("H5Pset_create_intermediate_group", path: path)
        }
        return links
    }

    /// A scalar dataspace for `[]`, a simple one otherwise.
    func makeSpace(shape: [Int], path: String) throws -> hid_t {
        if shape.isEmpty { return try HDF5Library.check(H5Screate(H5S_SCALAR), "H5Screate", path: path) }
        let dims = shape.map { hsize_t($0) }
        return try HDF5Library.check(H5Screate_simple(Int32(dims.count), dims, nil), "H5Screate_simple", path: path)
    }
}
