import Dispatch

/// Process-wide settings of the tensor engine.
///
/// Graph building is single-threaded: create tensors and run ops from one thread at a time.
/// Kernels may use `threadCount` threads internally; they split only independent work
/// (batch items, channels, output rows), never a reduction, so results are bit-identical
/// for any thread count.
public enum TensorRuntime {
    nonisolated(unsafe) private static var storedThreadCount = 1
    nonisolated(unsafe) static var gradEnabled = true

    /// Threads used by kernels (default 1), including matrix products: OpenBLAS itself is kept
    /// single-threaded and gemms are split into fixed column blocks run on these threads.
    public static var threadCount: Int {
        get { storedThreadCount }
        set {
            _ = Kernels.singleThreadedBLAS
            storedThreadCount = Swift.max(1, newValue)
        }
    }

    /// Whether operations record the graph for differentiation (false inside `withNoGrad`).
    public static var isGradEnabled: Bool { gradEnabled }

    /// Runs `body(i)` for `i` in `0..<count`, split into contiguous chunks over `threadCount` threads.
    /// Every index must be independent of the others.
    static func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        let threads = Swift.min(storedThreadCount, count)
        if threads <= 1 {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: threads) { chunk in
                let start = count * chunk / threads
                let end = count * (chunk + 1) / threads
                for index in start..<end { body(index) }
            }
        }
    }

    /// Runs `body(range)` over contiguous chunks of `0..<count` of at least `grain` indices each
    /// (fewer chunks than threads for small counts, none split for tiny ones). For element-wise
    /// work whose results do not depend on how the indices are chunked.
    static func parallelSplit(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(storedThreadCount, count / Swift.max(1, grain))
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
            }
        }
    }

    /// Runs `body(range)` over contiguous chunks of `0..<count`, one chunk per thread (at most
    /// `threadCount` chunks), for work that wants per-thread scratch memory. Every index must be
    /// independent of the others, and a chunk must treat its indices exactly as single indices
    /// would be treated (results may not depend on the chunk boundaries).
    static func parallelChunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let threads = Swift.min(storedThreadCount, count)
        if threads <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: threads) { chunk in
                body((count * chunk / threads)..<(count * (chunk + 1) / threads))
            }
        }
    }
}

/// Runs `body` without recording operations for differentiation (PyTorch's `torch.no_grad()`).
@discardableResult
public func withNoGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    let previous = TensorRuntime.gradEnabled
    TensorRuntime.gradEnabled = false
    defer { TensorRuntime.gradEnabled = previous }
    return try body()
}

/// Runs `body` with differentiation recording switched on or off explicitly.
@discardableResult
public func withGradEnabled<Result>(_ enabled: Bool, _ body: () throws -> Result) rethrows -> Result {
    let previous = TensorRuntime.gradEnabled
    TensorRuntime.gradEnabled = enabled
    defer { TensorRuntime.gradEnabled = previous }
    return try body()
}
