/// Writes `.npz` archives readable by `numpy.load`: one stored `<key>.npy` member per array,
/// each member's data 64-byte aligned in the file.
public final class NPZWriter {
    private let zip: ZipWriter

    /// Starts an archive that appears at `path` on `finish()`.
    public init(path: String) throws {
        zip = try ZipWriter(path: path)
    }

    /// Adds `tensor` as member `<name>.npy`, streaming its bytes.
    public func add(name: String, tensor: StoredTensor) throws {
        let member = name + ".npy"
        try zip.beginEntry(name: member, size: NPYWriter.fileSize(of: tensor, name: member))
        try NPYWriter.write(tensor, name: member) { try zip.write($0) }
        try zip.endEntry()
    }

    /// Writes the central directory and moves the file into place.
    public func finish() throws {
        try zip.finish()
    }
}
