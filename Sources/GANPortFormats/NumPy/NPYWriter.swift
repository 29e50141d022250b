/// Writes `.npy` files byte-identical to `numpy.save` (NumPy 1.24) for the same array.
///
/// Little-endian data; `fortran_order` is True exactly when NumPy would choose it (the view
/// is column-major contiguous but not row-major contiguous); any other view is written in C
/// order. Version 1.0 unless the header needs 2.0.
public enum NPYWriter {
    /// Header and padding NumPy's `GROWTH_AXIS_MAX_DIGITS` and `ARRAY_ALIGN` call for.
    static let growthAxisDigits = 21
    static let alignment = 64

    /// The complete header (magic, version, length, dict, padding, newline) for `tensor`.
    public static func header(for tensor: StoredTensor, name: String = "array.npy") throws -> [UInt8] {
        let descr = try descriptor(of: tensor.dtype, name: name)
        let fortran = writesFortranOrder(tensor)
        let shape = tensor.shape
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        if let growthAxis = fortran ? shape.last : shape.first {
            dict += String(repeating: " ", count: Swift.max(0, growthAxisDigits - String(growthAxis).count))
        }
        return wrap(Array(dict.utf8), major: 1) ?? wrap(Array(dict.utf8), major: 2) ?? []
    }

    /// Header then data, streamed to `body` in chunks.
    public static func write(_ tensor: StoredTensor, name: String = "array.npy",
                             to body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let prefix = try header(for: tensor, name: name)
        try prefix.withUnsafeBytes(body)
        try dataView(of: tensor).forEachContiguousChunk(body)
    }

    /// The whole file as bytes.
    public static func encode(_ tensor: StoredTensor, name: String = "array.npy") throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(tensor, name: name) { bytes += $0 }
        return bytes
    }

    /// Writes the file at `path` (through a temporary file renamed into place).
    public static func write(_ tensor: StoredTensor, toFile path: String) throws {
        let output = try SiblingTemporaryFile(destination: path)
        try write(tensor, name: path) { try output.write($0) }
        try output.commit()
    }

    /// Size of the whole file in bytes.
    public static func fileSize(of tensor: StoredTensor, name: String = "array.npy") throws -> Int {
        try header(for: tensor, name: name).count + tensor.byteCount
    }

    /// `magic + version + length + header + spaces + "\n"`, the total a multiple of 64; nil
    /// when the length does not fit the version's length field.
    private static func wrap(_ dict: [UInt8], major: UInt8) -> [UInt8]? {
        let lengthSize = major == 1 ? 2 : 4
        let withNewline = dict.count + 1
        let padding = alignment - (NPYHeader.magic.count + 2 + lengthSize + withNewline) % alignment
        let length = withNewline + padding
        guard major != 1 || length <= 0xFFFF else { return nil }
        var bytes = NPYHeader.magic + [major, 0]
        bytes += (0..<lengthSize).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        bytes += dict + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        return bytes
    }

    private static func descriptor(of dtype: DType, name: String) throws -> String {
        guard dtype != .bf16 else { throw NumPyError.cannotWriteDType(name: name, dtype: dtype) }
        return (dtype.byteSize == 1 ? "|" : "<") + dtype.numpyKind
    }

    /// NumPy writes Fortran order for arrays that are F- but not C-contiguous.
    static func writesFortranOrder(_ tensor: StoredTensor) -> Bool {
        guard tensor.elementCount > 0, !tensor.isContiguous else { return false }
        var expected = 1
        for (size, stride) in zip(tensor.shape, tensor.strides) where size != 1 {
            if stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// The view whose C-order elements are the file's data: the transpose for Fortran order.
    private static func dataView(of tensor: StoredTensor) throws -> StoredTensor {
        guard writesFortranOrder(tensor) else { return tensor }
        return try StoredTensor(dtype: tensor.dtype, shape: tensor.shape.reversed(), strides: tensor.strides.reversed(),
                                storageOffset: tensor.storageOffset, storage: tensor.storage)
    }
}
