import Foundation

/// A batch of small square float32 matrices (the 3×3 geometric and 4×4 color transforms of
/// `AugmentPipe`), multiplied with PyTorch's CPU rounding so the matrices equal the official ones.
struct AugmentMatrix: Equatable {
    /// Rows and columns of each matrix.
    let size: Int
    /// Number of matrices.
    let batch: Int
    /// Row-major elements, matrix after matrix.
    var values: [Float]

    /// `batch` copies of the identity.
    static func identity(size: Int, batch: Int) -> AugmentMatrix {
        var values = [Float](repeating: 0, count: batch * size * size)
        for b in 0..<batch { for i in 0..<size { values[(b * size + i) * size + i] = 1 } }
        return AugmentMatrix(size: size, batch: batch, values: values)
    }

    /// One matrix per batch entry from a closure giving the rows of entry `b`.
    static func build(size: Int, batch: Int, _ rows: (Int) -> [[Float]]) -> AugmentMatrix {
        var values: [Float] = []
        values.reserveCapacity(batch * size * size)
        for b in 0..<batch {
            let matrix = rows(b)
            precondition(matrix.count == size && matrix.allSatisfy { $0.count == size }, "matrix rows do not match size \(size)")
            values += matrix.flatMap { $0 }
        }
        return AugmentMatrix(size: size, batch: batch, values: values)
    }

    /// Element `[b, i, j]`.
    subscript(b: Int, i: Int, j: Int) -> Float { values[(b * size + i) * size + j] }

    /// `self @ other` per batch entry. `fused` selects the rounding of a BLAS product (a chain of
    /// fused multiply-adds); otherwise each product is rounded and summed in order (PyTorch's
    /// kernel for small batched products).
    func multiplied(by other: AugmentMatrix, fused: Bool = false) -> AugmentMatrix {
        precondition(size == other.size && batch == other.batch, "matrix batches differ")
        var out = [Float](repeating: 0, count: values.count)
        for b in 0..<batch {
            for i in 0..<size {
                for j in 0..<size {
                    var accumulator: Float = 0
                    for k in 0..<size {
                        if fused {
                            accumulator.addProduct(self[b, i, k], other[b, k, j])
                        } else {
                            accumulator += self[b, i, k] * other[b, k, j]
                        }
                    }
                    out[(b * size + i) * size + j] = accumulator
                }
            }
        }
        return AugmentMatrix(size: size, batch: batch, values: out)
    }

    /// `self @ points` for one [size, count] matrix of column points shared by the batch, as a BLAS
    /// product (fused multiply-adds): [batch, size, count] row-major.
    func applied(toColumns points: [[Float]]) -> [Float] {
        let count = points[0].count
        var out = [Float](repeating: 0, count: batch * size * count)
        for b in 0..<batch {
            for i in 0..<size {
                for j in 0..<count {
                    var accumulator: Float = 0
                    for k in 0..<size { accumulator.addProduct(self[b, i, k], points[k][j]) }
                    out[(b * size + i) * count + j] = accumulator
                }
            }
        }
        return out
    }
}

/// The official transform constructors (`translate2d`, `scale2d`, `rotate2d`, their 3-D forms and
/// inverses), one value per batch entry.
enum AugmentTransforms {
    static func translate2d(_ tx: [Float], _ ty: [Float]) -> AugmentMatrix {
        .build(size: 3, batch: tx.count) { b in [[1, 0, tx[b]], [0, 1, ty[b]], [0, 0, 1]] }
    }

    static func translate2dInverse(_ tx: [Float], _ ty: [Float]) -> AugmentMatrix {
        translate2d(tx.map { -$0 }, ty.map { -$0 })
    }

    static func scale2d(_ sx: [Float], _ sy: [Float]) -> AugmentMatrix {
        .build(size: 3, batch: sx.count) { b in [[sx[b], 0, 0], [0, sy[b], 0], [0, 0, 1]] }
    }

    static func scale2dInverse(_ sx: [Float], _ sy: [Float]) -> AugmentMatrix {
        scale2d(sx.map { 1 / $0 }, sy.map { 1 / $0 })
    }

    /// `rotate2d(θ)`: `[[cos θ, sin(−θ), 0], [sin θ, cos θ, 0], [0, 0, 1]]`.
    static func rotate2d(_ theta: [Float]) -> AugmentMatrix {
        .build(size: 3, batch: theta.count) { b in
            let t = theta[b]
            return [[cosf(t), sinf(-t), 0], [sinf(t), cosf(t), 0], [0, 0, 1]]
        }
    }

    static func rotate2dInverse(_ theta: [Float]) -> AugmentMatrix { rotate2d(theta.map { -$0 }) }

    static func translate3d(_ t: [Float]) -> AugmentMatrix {
        .build(size: 4, batch: t.count) { b in [[1, 0, 0, t[b]], [0, 1, 0, t[b]], [0, 0, 1, t[b]], [0, 0, 0, 1]] }
    }

    static func scale3d(_ s: [Float]) -> AugmentMatrix {
        .build(size: 4, batch: s.count) { b in [[s[b], 0, 0, 0], [0, s[b], 0, 0], [0, 0, s[b], 0], [0, 0, 0, 1]] }
    }

    /// `rotate3d(v, θ)`: rotation by θ about the unit axis `v` (Rodrigues), each element computed
    /// with the official expression and rounding order.
    static func rotate3d(axis v: [Float], _ theta: [Float]) -> AugmentMatrix {
        let (vx, vy, vz) = (v[0], v[1], v[2])
        return .build(size: 4, batch: theta.count) { b in
            let s = sinf(theta[b]), c = cosf(theta[b]), cc = 1 - c
            return [
                [vx * vx * cc + c, vx * vy * cc - vz * s, vx * vz * cc + vy * s, 0],
                [vy * vx * cc + vz * s, vy * vy * cc + c, vy * vz * cc - vx * s, 0],
                [vz * vx * cc - vy * s, vz * vy * cc + vx * s, vz * vz * cc + c, 0],
                [0, 0, 0, 1],
            ]
        }
    }
}
