extension NPYHeader {
    /// Element strides of the stored layout: C order, or reversed (column-major) for Fortran order.
    public var strides: [Int] {
        guard fortranOrder else { return StoredTensor.contiguousStrides(for: shape) }
        return Array(StoredTensor.contiguousStrides(for: shape.reversed()).reversed())
    }

    /// Checks that exactly `dataByteCount` bytes follow the header in a file of `totalSize` bytes.
    func checkDataSize(totalSize: Int, name: String) throws {
        let actual = totalSize - dataOffset
        if actual < dataByteCount { throw NumPyError.dataTooShort(name: name, expected: dataByteCount, actual: actual) }
        if actual > dataByteCount { throw NumPyError.trailingBytes(name: name, expected: dataByteCount, actual: actual) }
    }

    /// `data` as little-endian elements: the same slice, or a byte-swapped copy for big-endian data.
    func littleEndian(_ data: ByteSlice) -> ByteSlice {
        guard needsByteSwap else { return data }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(data.count, 1), alignment: 64)
        data.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            switch dtype.byteSize {
            case 2: NPYHeader.swap(UInt16.self, from: base, to: memory, count: source.count)
            case 4: NPYHeader.swap(UInt32.self, from: base, to: memory, count: source.count)
            default: NPYHeader.swap(UInt64.self, from: base, to: memory, count: source.count)
            }
        }
        return ByteBuffer(adopting: memory, count: data.count).all
    }

    private static func swap<Word: FixedWidthInteger>(_: Word.Type, from source: UnsafeRawPointer,
                                                      to destination: UnsafeMutableRawPointer, count: Int) {
        for offset in stride(from: 0, to: count, by: MemoryLayout<Word>.size) {
            let word = source.loadUnaligned(fromByteOffset: offset, as: Word.self)
            destination.storeBytes(of: word.byteSwapped, toByteOffset: offset, as: Word.self)
        }
    }

    /// The tensor this header describes over `storage` (which holds exactly the data bytes).
    func tensor(over storage: TensorStorage) throws -> StoredTensor {
        try StoredTensor(dtype: dtype, shape: shape, strides: strides, storage: storage)
    }
}
