import COpenBLAS

/// How one matrix product `C[m, n] = A[m, k] · B[k, n]` is split into independent single-threaded
/// gemm calls. The split depends on the shape only — never on the thread count — so results are
/// bit-identical for any number of threads.
///
/// The larger of M and N is cut into blocks of at least 1024 (at most 16 blocks). When that gives
/// fewer than 4 blocks and K is long, K is cut into chunks as well: chunk 0 writes C, the other
/// chunks write partial products that are then added to C in chunk order.
struct GemmPlan: Equatable {
    let m: Int, n: Int, k: Int
    let splitRows: Bool
    let blocks: Int
    let kChunks: Int

    init(m: Int, n: Int, k: Int) {
        (self.m, self.n, self.k) = (m, n, k)
        splitRows = m >= n
        blocks = Swift.max(1, Swift.min(16, Swift.max(m, n) / 1024))
        kChunks = blocks >= 4 || k < 2048 ? 1 : Swift.min(k / 1024, (4 + blocks - 1) / blocks)
    }

    /// Rows (`splitRows`) or columns of block `block`.
    func blockRange(_ block: Int) -> Range<Int> {
        let size = splitRows ? m : n
        return (size * block / blocks)..<(size * (block + 1) / blocks)
    }

    /// The reduction indices of chunk `chunk`.
    func chunkRange(_ chunk: Int) -> Range<Int> { (k * chunk / kChunks)..<(k * (chunk + 1) / kChunks) }
}

extension Kernels {
    /// OpenBLAS runs single-threaded: its own threading changed result bits between thread counts
    /// (measured with OpenBLAS 0.3.21), so threads are applied here, over independent blocks.
    static let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

    /// `batch` row-major products `C_i = op(A_i) · op(B_i)` (A_i, B_i, C_i consecutive in memory),
    /// split by `GemmPlan` and run on `TensorRuntime.threadCount` threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gemm<T: TensorScalar>(batch: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                      a: UnsafePointer<T>, b: UnsafePointer<T>, c: UnsafeMutablePointer<T>) {
        guard batch > 0, m > 0, n > 0 else { return }
        let plan = GemmPlan(m: m, n: n, k: k)
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let extra = plan.kChunks - 1
        let partials = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, batch * extra * m * n))
        defer { partials.deallocate() }
        nonisolated(unsafe) let a = a, b = b, c = c, p = partials
        TensorRuntime.parallelFor(batch * plan.blocks * plan.kChunks) { unit in
            let chunk = unit % plan.kChunks, block = (unit / plan.kChunks) % plan.blocks
            let index = unit / (plan.kChunks * plan.blocks)
            let kRange = plan.chunkRange(chunk), range = plan.blockRange(block)
            // A_i[r, κ] lives at r·lda + κ (or κ·lda + r transposed); B_i[κ, col] at κ·ldb + col (or col·ldb + κ).
            var pa = a + index * m * k + (transposeA ? kRange.lowerBound * lda : kRange.lowerBound)
            var pb = b + index * k * n + (transposeB ? kRange.lowerBound : kRange.lowerBound * ldb)
            var pc = chunk == 0 ? c + index * m * n : p + ((index * extra) + chunk - 1) * m * n
            var (rows, columns) = (m, n)
            if plan.splitRows {
                pa += transposeA ? range.lowerBound : range.lowerBound * lda
                pc += range.lowerBound * n
                rows = range.count
            } else {
                pb += transposeB ? range.lowerBound * ldb : range.lowerBound
                pc += range.lowerBound
                columns = range.count
            }
            gemmSerial(transposeA: transposeA, transposeB: transposeB, m: rows, n: columns, k: kRange.count,
                       a: pa, lda: lda, b: pb, ldb: ldb, beta: 0, c: pc, ldc: n)
        }
        guard extra > 0 else { return }
        let count = m * n
        TensorRuntime.parallelSplit(batch * count, grain: elementwiseGrain) { range in
            var start = range.lowerBound
            while start < range.upperBound {
                let index = start / count, end = Swift.min(range.upperBound, (index + 1) * count)
                for chunk in 0..<extra {
                    addRow(p + (index * extra + chunk) * count + (start - index * count), into: c + start, count: end - start)
                }
                start = end
            }
        }
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
