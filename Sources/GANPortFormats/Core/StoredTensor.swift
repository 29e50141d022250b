import Foundation

/// Errors in a tensor's declared layout (shape, strides, offset) against its storage.
public enum TensorLayoutError: Error, Equatable, CustomStringConvertible {
    /// A dimension or stride is negative.
    case negativeDimension(shape: [Int], strides: [Int])
    /// `shape` and `strides` have different lengths.
    case rankMismatch(shape: [Int], strides: [Int])
    /// An element count or byte size overflows.
    case sizeOverflow(shape: [Int])
    /// The view reaches past the end of its storage.
    case outOfStorage(needed: Int, available: Int)

    public var description: String {
        switch self {
        case let .negativeDimension(shape, strides): return "negative size or stride (shape \(shape), strides \(strides))"
        case let .rankMismatch(shape, strides): return "shape \(shape) and strides \(strides) differ in rank"
        case let .sizeOverflow(shape): return "element count of shape \(shape) overflows"
        case let .outOfStorage(needed, available): return "view needs \(needed) bytes of storage, only \(available) present"
        }
    }
}

/// The bytes behind one or more tensors, loaded on first use.
///
/// Stored (uncompressed) data stays a zero-copy slice of the mapped file; compressed data is
/// inflated only when a command needs the values, so `inspect` without hashes never touches it.
public final class TensorStorage: @unchecked Sendable {
    /// Size in bytes, known before loading.
    public let byteCount: Int
    private let loader: () throws -> ByteSlice
    private var cached: ByteSlice?
    private var keepsSlice = false
    /// Guards `cached`: tensors sharing a storage may be streamed from several threads.
    private let lock = NSLock()

    /// Storage whose bytes come from `loader`; the loader must return exactly `byteCount` bytes.
    public init(byteCount: Int, loader: @escaping () throws -> ByteSlice) {
        self.byteCount = byteCount
        self.loader = loader
    }

    /// Storage over bytes already in memory or mapped.
    public convenience init(_ slice: ByteSlice) {
        self.init(byteCount: slice.count, loader: { slice })
        cached = slice
        keepsSlice = true
    }

    /// The bytes, loading them on first call.
    public func bytes() throws -> ByteSlice {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let loaded = try loader()
        guard loaded.count == byteCount else {
            throw TensorLayoutError.outOfStorage(needed: byteCount, available: loaded.count)
        }
        cached = loaded
        return loaded
    }

    /// Releases loaded bytes after a streaming pass (hashing, conversion): heap copies are
    /// freed and mapped file pages handed back to the kernel; the next use loads them again.
    public func evict() {
        lock.lock()
        defer { lock.unlock() }
        guard let slice = cached else { return }
        slice.releasePages()
        if !keepsSlice { cached = nil }
    }
}

/// A tensor as a checkpoint stores it: dtype, shape, element strides and an offset into a storage.
///
/// Values are never decoded here; `contiguousBytes()` and `forEachContiguousChunk` give
/// the raw little-endian elements in C order (a strided view is gathered into that order).
public struct StoredTensor: @unchecked Sendable {
    /// Element type.
    public let dtype: DType
    /// Size of each dimension (`[]` for a scalar).
    public let shape: [Int]
    /// Element stride of each dimension.
    public let strides: [Int]
    /// Offset of element 0 in the storage, in elements.
    public let storageOffset: Int
    /// The bytes behind the view.
    public let storage: TensorStorage

    /// Creates a validated view: sizes and strides non-negative, every element inside the storage.
    public init(dtype: DType, shape: [Int], strides: [Int]? = nil, storageOffset: Int = 0, storage: TensorStorage) throws {
        let strides = strides ?? StoredTensor.contiguousStrides(for: shape)
        guard strides.count == shape.count else { throw TensorLayoutError.rankMismatch(shape: shape, strides: strides) }
        guard storageOffset >= 0, !shape.contains(where: { $0 < 0 }), !strides.contains(where: { $0 < 0 }) else {
            throw TensorLayoutError.negativeDimension(shape: shape, strides: strides)
        }
        guard let count = StoredTensor.checkedElementCount(shape),
              count.multipliedReportingOverflow(by: dtype.byteSize).overflow == false else {
            throw TensorLayoutError.sizeOverflow(shape: shape)
        }
        if count > 0 {
            // Last element index = offset + Σ (size_i − 1) · stride_i, computed with overflow checks.
            var last = storageOffset
            for (size, stride) in zip(shape, strides) {
                let step = (size - 1).multipliedReportingOverflow(by: stride)
                let sum = last.addingReportingOverflow(step.partialValue)
                guard !step.overflow, !sum.overflow else { throw TensorLayoutError.sizeOverflow(shape: shape) }
                last = sum.partialValue
            }
            let needed = (last + 1).multipliedReportingOverflow(by: dtype.byteSize)
            guard !needed.overflow else { throw TensorLayoutError.sizeOverflow(shape: shape) }
            guard needed.partialValue <= storage.byteCount else {
                throw TensorLayoutError.outOfStorage(needed: needed.partialValue, available: storage.byteCount)
            }
        }
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.storageOffset = storageOffset
        self.storage = storage
    }

    /// A contiguous tensor over `bytes` (the byte count must equal `shape`'s element count × dtype size).
    public init(dtype: DType, shape: [Int], bytes: ByteSlice) throws {
        guard let count = StoredTensor.checkedElementCount(shape) else { throw TensorLayoutError.sizeOverflow(shape: shape) }
        let needed = count.multipliedReportingOverflow(by: dtype.byteSize)
        guard !needed.overflow else { throw TensorLayoutError.sizeOverflow(shape: shape) }
        guard needed.partialValue == bytes.count else {
            throw TensorLayoutError.outOfStorage(needed: needed.partialValue, available: bytes.count)
        }
        try self.init(dtype: dtype, shape: shape, storage: TensorStorage(bytes))
    }

    /// Number of elements.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Size of the elements in bytes (C-contiguous).
    public var byteCount: Int { elementCount * dtype.byteSize }

    /// Whether the elements lie in C order without gaps.
    public var isContiguous: Bool {
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() where size != 1 {
            if stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// C-order strides for `shape`.
    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for index in shape.indices.reversed() {
            strides[index] = running
            running = running &* Swift.max(shape[index], 1)
        }
        return strides
    }

    /// Product of `shape`, or nil on overflow or a negative dimension.
    public static func checkedElementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for size in shape {
            guard size >= 0 else { return nil }
            let product = count.multipliedReportingOverflow(by: size)
            if product.overflow { return nil }
            count = product.partialValue
        }
        return count
    }
}
