import COpenBLAS

extension Kernels {
    /// Columns per gemm block. Blocks depend only on the problem shape, never on the thread count.
    static let gemmBlockColumns = 512

    /// OpenBLAS runs single-threaded: its own threading changed result bits between thread counts
    /// (measured with OpenBLAS 0.3.21), so threads are applied here, over fixed column blocks.
    static let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

    /// Row-major `C = op(A) · op(B) + beta · C`, computed as independent gemm calls over fixed
    /// blocks of columns of C, spread over `TensorRuntime.threadCount` threads. Each block does the
    /// same arithmetic whatever the thread count, so results are bit-identical for any count.
    static func gemm<T: TensorScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                      a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                      beta: T, c: UnsafeMutablePointer<T>, ldc: Int) {
        _ = singleThreadedBLAS
        guard m > 0, n > 0 else { return }
        let blocks = (n + gemmBlockColumns - 1) / gemmBlockColumns
        nonisolated(unsafe) let a = a, b = b, c = c
        TensorRuntime.parallelFor(blocks) { block in
            let start = block * gemmBlockColumns
            let width = Swift.min(gemmBlockColumns, n - start)
            T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: width, k: k, alpha: 1,
                   a: a, lda: lda, b: transposeB ? b + start * ldb : b + start, ldb: ldb,
                   beta: beta, c: c + start, ldc: ldc)
        }
    }
}
