import COpenBLAS

/// The OpenBLAS kernel set that runs the matrix products.
///
/// Distribution builds of OpenBLAS (`DYNAMIC_ARCH`) pick their kernels from the CPU at load time;
/// the environment variable `OPENBLAS_CORETYPE` overrides the choice. Results are reproducible run
/// to run for one kernel set, but differ in the last bits between kernel sets, and speed differs a
/// lot: on an AVX-512 CPU the `Cooperlake`/`SkylakeX` kernels run SGEMM about twice as fast as
/// `Haswell` (AVX2). Benchmark reports name the kernel set in use.
public enum BLASCore {
    /// The OpenBLAS kernel set in use (`openblas_get_corename`), e.g. `"Cooperlake"` or `"Haswell"`.
    public static var name: String {
        _ = Kernels.singleThreadedBLAS
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }
}
