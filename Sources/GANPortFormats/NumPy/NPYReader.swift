/// Reads `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Little-endian data is returned zero-copy over the given bytes; big-endian data becomes a
/// little-endian copy; Fortran-order data keeps its bytes and gets column-major strides.
public enum NPYReader {
    /// The array in `bytes` (a whole `.npy` file). `name` appears in errors.
    public static func read(_ bytes: ByteSlice, name: String = "array.npy") throws -> StoredTensor {
        let header = try NPYHeader.parse(bytes, name: name)
        try header.checkDataSize(totalSize: bytes.count, name: name)
        guard let data = bytes.slice(header.dataOffset..<bytes.count) else {
            throw NumPyError.dataTooShort(name: name, expected: header.dataByteCount, actual: 0)
        }
        return try header.tensor(over: TensorStorage(header.littleEndian(data)))
    }

    /// Maps and reads the `.npy` file at `path`.
    public static func read(contentsOf path: String) throws -> StoredTensor {
        try read(ByteBuffer.map(path: path).all, name: path)
    }
}
