/// Element-wise kernels. Each is specialized for Float and Double; the operation is chosen
/// once per call (a switch outside the loop), never per element through a closure.
enum BinaryOperation { case add, subtract, multiply, divide }

enum UnaryOperation {
    case negate, exp, log, sqrt, rsqrt, square, sin, cos, tanh, sigmoid, softplus, abs, reciprocal
    case scale(Double), addScalar(Double), power(Double)
    case relu, leakyRelu(alpha: Double), clamp(lower: Double, upper: Double)
    /// 1 where `x > 0`, `alpha` elsewhere: the derivative of leaky ReLU (`alpha = 0`: ReLU).
    case leakyReluSlope(alpha: Double)
    /// 1 where `lower ≤ x ≤ upper`, 0 elsewhere: the derivative of clamp (inclusive, as PyTorch).
    case clampMask(lower: Double, upper: Double)
    /// 1 where `x > 0`, `-1` where `x < 0`, 0 at 0.
    case sign
    /// 1 where `|x| < bound`, 0 elsewhere.
    case magnitudeBelow(Double)
}

/// Broadcast shape of two shapes (NumPy rules), or nil when they do not broadcast.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for index in 0..<rank {
        let x = index - (rank - a.count) >= 0 ? a[index - (rank - a.count)] : 1
        let y = index - (rank - b.count) >= 0 ? b[index - (rank - b.count)] : 1
        if x == y || y == 1 { result[index] = x } else if x == 1 { result[index] = y } else { return nil }
    }
    return result
}

/// Row-major element strides of `shape` aligned to `outShape` (0 along broadcast dimensions).
func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: outShape.count)
    var running = 1
    for index in stride(from: shape.count - 1, through: 0, by: -1) {
        let outIndex = index + outShape.count - shape.count
        strides[outIndex] = shape[index] == 1 && outShape[outIndex] != 1 ? 0 : running
        running *= shape[index]
    }
    return strides
}

/// Merges adjacent dimensions that every operand walks contiguously; drops size-1 dimensions.
func coalesce(_ shape: [Int], _ strides: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
    var outShape: [Int] = []
    var outStrides = [[Int]](repeating: [], count: strides.count)
    for dim in shape.indices where shape[dim] != 1 {
        if let last = outShape.last,
           strides.indices.allSatisfy({ outStrides[$0].last! == strides[$0][dim] * shape[dim] }) {
            outShape[outShape.count - 1] = last * shape[dim]
            for operand in strides.indices { outStrides[operand][outStrides[operand].count - 1] = strides[operand][dim] }
        } else {
            outShape.append(shape[dim])
            for operand in strides.indices { outStrides[operand].append(strides[operand][dim]) }
        }
    }
    if outShape.isEmpty { return ([1], strides.map { _ in [1] }) }
    return (outShape, outStrides)
}

enum Kernels {
    /// Elements per chunk when element-wise work is split over threads.
    static let elementwiseGrain = 1 << 15

    /// `a ∘ b` with broadcasting to `outShape`. The two innermost (coalesced) dimensions run as a
    /// tight 2-D loop; chunks of the outer dimensions are split over threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func binary<T: TensorScalar>(_ operation: BinaryOperation, _ a: [T], _ aShape: [Int],
                                         _ b: [T], _ bShape: [Int], outShape: [Int]) -> [T] {
        let count = outShape.reduce(1, *)
        guard count > 0 else { return [] }
        var merged = coalesce(outShape, [broadcastStrides(aShape, to: outShape), broadcastStrides(bShape, to: outShape)])
        if merged.shape.count == 1 {
            merged = ([1] + merged.shape, merged.strides.map { [0] + $0 })
        }
        let rank = merged.shape.count
        let (rows, inner) = (merged.shape[rank - 2], merged.shape[rank - 1])
        let (rowA, innerA) = (merged.strides[0][rank - 2], merged.strides[0][rank - 1])
        let (rowB, innerB) = (merged.strides[1][rank - 2], merged.strides[1][rank - 1])
        let outerShape = Array(merged.shape.dropLast(2))
        let outerA = Array(merged.strides[0].dropLast(2)), outerB = Array(merged.strides[1].dropLast(2))
        let block = rows * inner, blocks = count / block
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                uninitializedArray(count: count) { po in
                    nonisolated(unsafe) let pa = pa.baseAddress!, pb = pb.baseAddress!, po = po
                    TensorRuntime.parallelSplit(blocks, grain: Swift.max(1, elementwiseGrain / block)) { range in
                        var walker = OuterWalker(shape: outerShape, strides: [outerA, outerB], start: range.lowerBound)
                        for index in range {
                            binaryBlock(operation, pa + walker.offsets[0], rowA, innerA, pb + walker.offsets[1], rowB, innerB,
                                        po + index * block, rows, inner)
                            walker.advance()
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func binaryBlock<T: TensorScalar>(_ operation: BinaryOperation, _ a: UnsafePointer<T>, _ ra: Int, _ sa: Int,
                                             _ b: UnsafePointer<T>, _ rb: Int, _ sb: Int,
                                             _ o: UnsafeMutablePointer<T>, _ rows: Int, _ n: Int) {
        switch operation {
        case .add: stridedBlock(a, ra, sa, b, rb, sb, o, rows, n) { $0 + $1 }
        case .subtract: stridedBlock(a, ra, sa, b, rb, sb, o, rows, n) { $0 - $1 }
        case .multiply: stridedBlock(a, ra, sa, b, rb, sb, o, rows, n) { $0 * $1 }
        case .divide: stridedBlock(a, ra, sa, b, rb, sb, o, rows, n) { $0 / $1 }
        }
    }

    /// `rows` rows of `n` outputs; operand rows start `ra`/`rb` apart, elements step `sa`/`sb` (0 or 1
    /// get dedicated loops).
    @inline(__always)
    static func stridedBlock<T: TensorScalar>(_ a: UnsafePointer<T>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<T>, _ rb: Int,
                                              _ sb: Int, _ o: UnsafeMutablePointer<T>, _ rows: Int, _ n: Int,
                                              _ f: (T, T) -> T) {
        if sa == 1 && sb == 1 {
            for row in 0..<rows {
                let a = a + row * ra, b = b + row * rb, o = o + row * n
                for j in 0..<n { o[j] = f(a[j], b[j]) }
            }
        } else if sa == 1 && sb == 0 {
            for row in 0..<rows {
                let a = a + row * ra, y = b[row * rb], o = o + row * n
                for j in 0..<n { o[j] = f(a[j], y) }
            }
        } else if sa == 0 && sb == 1 {
            for row in 0..<rows {
                let x = a[row * ra], b = b + row * rb, o = o + row * n
                for j in 0..<n { o[j] = f(x, b[j]) }
            }
        } else {
            for row in 0..<rows {
                let a = a + row * ra, b = b + row * rb, o = o + row * n
                for j in 0..<n { o[j] = f(a[j * sa], b[j * sb]) }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func unary<T: TensorScalar>(_ operation: UnaryOperation, _ x: [T]) -> [T] {
        guard !x.isEmpty else { return [] }
        return x.withUnsafeBufferPointer { px in
            uninitializedArray(count: x.count) { po in
                nonisolated(unsafe) let px = px.baseAddress!, po = po
                TensorRuntime.parallelSplit(x.count, grain: elementwiseGrain) { range in
                    unaryRange(operation, px + range.lowerBound, po + range.lowerBound, range.count)
                }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func unaryRange<T: TensorScalar>(_ operation: UnaryOperation, _ px: UnsafePointer<T>,
                                             _ po: UnsafeMutablePointer<T>, _ n: Int) {
        switch operation {
        case .negate: for i in 0..<n { po[i] = -px[i] }
        case .exp: for i in 0..<n { po[i] = T.exp(px[i]) }
        case .log: for i in 0..<n { po[i] = T.log(px[i]) }
        case .sqrt: for i in 0..<n { po[i] = px[i].squareRoot() }
        case .rsqrt: for i in 0..<n { po[i] = 1 / px[i].squareRoot() }
        case .square: for i in 0..<n { po[i] = px[i] * px[i] }
        case .sin: for i in 0..<n { po[i] = T.sin(px[i]) }
        case .cos: for i in 0..<n { po[i] = T.cos(px[i]) }
        case .tanh: for i in 0..<n { po[i] = T.tanh(px[i]) }
        case .sigmoid: for i in 0..<n { po[i] = 1 / (1 + T.exp(-px[i])) }
        case .softplus:
            // PyTorch: x > 20 ? x : log1p(exp(x)).
            for i in 0..<n { po[i] = px[i] > 20 ? px[i] : T.log1p(T.exp(px[i])) }
        case .abs: for i in 0..<n { po[i] = Swift.abs(px[i]) }
        case .reciprocal: for i in 0..<n { po[i] = 1 / px[i] }
        case let .scale(c):
            let c = T(c)
            for i in 0..<n { po[i] = px[i] * c }
        case let .addScalar(c):
            let c = T(c)
            for i in 0..<n { po[i] = px[i] + c }
        case let .power(p):
            let p = T(p)
            for i in 0..<n { po[i] = T.pow(px[i], p) }
        case .relu: for i in 0..<n { po[i] = px[i] > 0 ? px[i] : 0 }
        case let .leakyRelu(alpha):
            let alpha = T(alpha)
            for i in 0..<n { po[i] = px[i] > 0 ? px[i] : px[i] * alpha }
        case let .clamp(lower, upper):
            let lower = T(lower), upper = T(upper)
            for i in 0..<n { po[i] = Swift.min(Swift.max(px[i], lower), upper) }
        case let .leakyReluSlope(alpha):
            let alpha = T(alpha)
            for i in 0..<n { po[i] = px[i] > 0 ? 1 : alpha }
        case let .clampMask(lower, upper):
            let lower = T(lower), upper = T(upper)
            for i in 0..<n { po[i] = px[i] >= lower && px[i] <= upper ? 1 : 0 }
        case .sign: for i in 0..<n { po[i] = px[i] > 0 ? 1 : (px[i] < 0 ? -1 : 0) }
        case let .magnitudeBelow(bound):
            let bound = T(bound)
            for i in 0..<n { po[i] = Swift.abs(px[i]) < bound ? 1 : 0 }
        }
    }
}

/// Walks the offsets of several operands over an odometer of outer dimensions.
struct OuterWalker {
    let shape: [Int]
    let strides: [[Int]]
    var index: [Int]
    var offsets: [Int]

    /// Positioned at flat outer index `start`.
    init(shape: [Int], strides: [[Int]], start: Int) {
        self.shape = shape
        self.strides = strides
        index = [Int](repeating: 0, count: shape.count)
        offsets = [Int](repeating: 0, count: strides.count)
        var rest = start
        for dim in stride(from: shape.count - 1, through: 0, by: -1) {
            index[dim] = rest % shape[dim]
            rest /= shape[dim]
            for operand in strides.indices { offsets[operand] += index[dim] * strides[operand][dim] }
        }
    }

    /// Moves back to outer index 0.
    @inline(__always)
    mutating func reset() {
        for dim in index.indices { index[dim] = 0 }
        for operand in offsets.indices { offsets[operand] = 0 }
    }

    /// Moves to the next outer index (row-major).
    @inline(__always)
    mutating func advance() {
        var dim = shape.count - 1
        while dim >= 0 {
            index[dim] += 1
            for operand in strides.indices { offsets[operand] += strides[operand][dim] }
            if index[dim] < shape[dim] { return }
            for operand in strides.indices { offsets[operand] -= strides[operand][dim] * shape[dim] }
            index[dim] = 0
            dim -= 1
        }
    }
}
