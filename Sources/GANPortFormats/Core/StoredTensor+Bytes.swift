extension StoredTensor {
    /// The file and byte offset of this tensor's elements when they lie contiguously, in C order,
    /// in a mapped file (so they can be copied file to file); nil otherwise.
    public func mappedFileRange() throws -> (file: MappedFile, offset: Int)? {
        guard isContiguous, byteCount > 0 else { return nil }
        let source = try storage.bytes()
        guard let file = source.buffer.mappedFile else { return nil }
        return (file, source.range.lowerBound + storageOffset * dtype.byteSize)
    }

    /// The elements in C order as a slice: zero-copy for a contiguous view, a gathered copy otherwise.
    public func contiguousBytes() throws -> ByteSlice {
        let source = try storage.bytes()
        let itemSize = dtype.byteSize
        if isContiguous {
            let start = storageOffset * itemSize
            guard let slice = source.slice(start..<(start + byteCount)) else {
                throw TensorLayoutError.outOfStorage(needed: start + byteCount, available: source.count)
            }
            return slice
        }
        let total = byteCount
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(total, 1), alignment: 64)
        var written = 0
        source.withUnsafeBytes { raw in
            forEachElementOffset { elementOffset in
                let from = raw.baseAddress.unsafelyUnwrapped + elementOffset * itemSize
                (memory + written).copyMemory(from: from, byteCount: itemSize)
                written += itemSize
            }
        }
        let buffer = ByteBuffer(adopting: memory, count: total)
        return buffer.all
    }

    /// Streams the elements in C order in chunks of at most `chunkBytes` (contiguous views are
    /// passed straight from the storage; strided views are gathered chunk by chunk).
    public func forEachContiguousChunk(chunkBytes: Int = 1 << 22, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let source = try storage.bytes()
        if isContiguous {
            let start = storageOffset * dtype.byteSize
            guard let slice = source.slice(start..<(start + byteCount)) else {
                throw TensorLayoutError.outOfStorage(needed: start + byteCount, available: source.count)
            }
            try slice.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let end = Swift.min(raw.count, offset + chunkBytes)
                    try body(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
                    offset = end
                }
            }
            return
        }
        let itemSize = dtype.byteSize
        let capacity = Swift.max(itemSize, chunkBytes - chunkBytes % itemSize)
        var chunk = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        var failure: Error?
        source.withUnsafeBytes { raw in
            chunk.withUnsafeMutableBytes { out in
                forEachElementOffset { elementOffset in
                    guard failure == nil else { return }
                    (out.baseAddress.unsafelyUnwrapped + filled)
                        .copyMemory(from: raw.baseAddress.unsafelyUnwrapped + elementOffset * itemSize, byteCount: itemSize)
                    filled += itemSize
                    if filled == capacity {
                        do { try body(UnsafeRawBufferPointer(out)) } catch { failure = error }
                        filled = 0
                    }
                }
                if failure == nil, filled > 0 {
                    do { try body(UnsafeRawBufferPointer(rebasing: out[0..<filled])) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Calls `body` with the storage element offset of every element, in C order.
    func forEachElementOffset(_ body: (Int) -> Void) {
        let count = elementCount
        guard count > 0 else { return }
        if shape.isEmpty { body(storageOffset); return }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = storageOffset
        for _ in 0..<count {
            body(offset)
            var dim = shape.count - 1
            while dim >= 0 {
                index[dim] += 1
                offset += strides[dim]
                if index[dim] < shape[dim] { break }
                offset -= strides[dim] * shape[dim]
                index[dim] = 0
                dim -= 1
            }
        }
    }
}
