/// Matrix products through BLAS gemm.
extension Tensor {
    /// Matrix product of rank-2 tensors `[m, k] · [k, n]`, or batched rank-3 `[B, m, k] · [B, k, n]`;
    /// either operand may be used transposed (its last two dimensions swapped) without a copy.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == b.rank && (a.rank == 2 || a.rank == 3), "matmul needs two rank-2 or two rank-3 tensors, got \(a.shape) and \(b.shape)")
        let batch = a.rank == 3 ? a.shape[0] : 1
        precondition(a.rank == 2 || b.shape[0] == batch, "matmul batch sizes differ: \(a.shape) and \(b.shape)")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (kb, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == kb, "matmul inner dimensions differ: \(a.shape) and \(b.shape) (transposed: \(transposeA), \(transposeB))")
        let values = Kernels.matmul(a.scalars, b.scalars, batch: batch, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        let shape = a.rank == 3 ? [batch, m, n] : [m, n]
        return make(shape, values, "matmul", [a, b]) { g, _, needs in
            let da: Tensor?, db: Tensor?
            switch (transposeA, transposeB) {
            case (false, false):
                da = needs[0] ? matmul(g, b, transposeB: true) : nil
                db = needs[1] ? matmul(a, g, transposeA: true) : nil
            case (false, true):
                da = needs[0] ? matmul(g, b) : nil
                db = needs[1] ? matmul(g, a, transposeA: true) : nil
            case (true, false):
                da = needs[0] ? matmul(b, g, transposeB: true) : nil
                db = needs[1] ? matmul(a, g) : nil
            case (true, true):
                da = needs[0] ? matmul(b, g, transposeA: true, transposeB: true) : nil
                db = needs[1] ? matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [da, db]
        }
    }

    /// `self · other` (see `matmul`).
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }

    /// Fully connected layer `x · wᵀ + b` (PyTorch `F.linear`): x [N, in], w [out, in], b [out].
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let product = matmul(x, weight, transposeB: true)
        return bias.map { product + $0 } ?? product
    }
}
