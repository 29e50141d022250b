#if canImport(Glibc)
import Glibc
#endif

/// Allocation of large element arrays.
///
/// Tensors of a training step are large and short-lived; on Linux, glibc serves them with fresh
/// anonymous pages, and faulting those in 4 KiB at a time took about a third of the CPU time of a
/// modulated convolution's forward + backward pass. Large arrays are therefore advised to use
/// transparent huge pages before their first write (`madvise(MADV_HUGEPAGE)`, honoured when the
/// system's THP mode is `madvise` or `always`; a no-op otherwise). Contents are unaffected.
extension Kernels {
    /// Arrays of at least this many bytes get the huge-page advice.
    static let hugePageThreshold = 4 << 20
    /// The transparent huge page size on x86-64 and most arm64 kernels.
    static let hugePageSize = 2 << 20

    /// Advises the whole huge pages inside `bytes` bytes at `base` to be backed by huge pages.
    static func adviseHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= hugePageThreshold else { return }
        let address = Int(bitPattern: base)
        let start = (address + hugePageSize - 1) & ~(hugePageSize - 1)
        let end = (address + bytes) & ~(hugePageSize - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }

    /// A new array of `count` elements written by `initialize`, which must write every element.
    @inline(__always)
    static func uninitializedArray<T: TensorScalar>(count: Int, _ initialize: (UnsafeMutablePointer<T>) -> Void) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress!), bytes: count * MemoryLayout<T>.stride)
            initialize(buffer.baseAddress!)
            initialized = count
        }
    }

    /// A new zero-filled array of `count` elements.
    @inline(__always)
    static func zeroArray<T: TensorScalar>(count: Int) -> [T] {
        uninitializedArray(count: count) { $0.initialize(repeating: 0, count: count) }
    }

    /// Scratch memory for `count` elements (uninitialized; free with `deallocate()`).
    static func allocateScratch<T: TensorScalar>(_ count: Int, of type: T.Type = T.self) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, count))
        adviseHugePages(UnsafeMutableRawPointer(pointer), bytes: count * MemoryLayout<T>.stride)
        return pointer
    }
}
