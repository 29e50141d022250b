import COpenBLAS

extension Kernels {
    /// OpenBLAS runs single-threaded: its own threading changed result bits between thread counts
    /// (measured with OpenBLAS 0.3.21), so threads are applied here, over independent blocks.
    static let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

    /// Smallest block of rows or columns one gemm call gets when a product is split.
    static let gemmMinimumBlock = 256
    /// Most blocks a product is split into.
    static let gemmMaximumBlocks = 16

    /// Row-major `C = op(A) · op(B) + beta · C`, computed as independent single-threaded gemm calls
    /// over fixed blocks of rows or columns of C (the larger dimension; never the reduction),
    /// spread over `TensorRuntime.threadCount` threads. Blocks depend only on the shape, so results
    /// are bit-identical for any thread count.
    static func gemm<T: TensorScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                      a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                      beta: T, c: UnsafeMutablePointer<T>, ldc: Int) {
        _ = singleThreadedBLAS
        guard m > 0, n > 0 else { return }
        let splitRows = m >= n
        let blocks = gemmBlockCount(splitRows ? m : n)
        nonisolated(unsafe) let a = a, b = b, c = c
        TensorRuntime.parallelFor(blocks) { block in
            if splitRows {
                let start = m * block / blocks, rows = m * (block + 1) / blocks - start
                T.gemm(transposeA: transposeA, transposeB: transposeB, m: rows, n: n, k: k, alpha: 1,
                       a: transposeA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb,
                       beta: beta, c: c + start * ldc, ldc: ldc)
            } else {
                let start = n * block / blocks, columns = n * (block + 1) / blocks - start
                T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: columns, k: k, alpha: 1,
                       a: a, lda: lda, b: transposeB ? b + start * ldb : b + start, ldb: ldb,
                       beta: beta, c: c + start, ldc: ldc)
            }
        }
    }

    /// Number of blocks a dimension of `size` is split into (a function of the size only).
    static func gemmBlockCount(_ size: Int) -> Int {
        Swift.max(1, Swift.min(gemmMaximumBlocks, size / gemmMinimumBlock))
    }

    /// One single-threaded gemm call (for work already split over threads by the caller).
    @inline(__always)
    static func gemmSerial<T: TensorScalar>(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                                            a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                            beta: T, c: UnsafeMutablePointer<T>, ldc: Int) {
        _ = singleThreadedBLAS
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if beta == 0 { for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) } }
            return
        }
        T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
