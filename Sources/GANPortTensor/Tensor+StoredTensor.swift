import GANPortFormats

/// Errors converting stored tensors into `Tensor`s.
public enum TensorConversionError: Error, Equatable, CustomStringConvertible {
    /// The stored dtype is not a floating-point type.
    case notFloatingPoint(DType)

    public var description: String {
        switch self {
        case let .notFloatingPoint(dtype): return "cannot convert a \(dtype.rawValue) tensor to floating point"
        }
    }
}

/// Float value of IEEE half-precision bits (exact).
func floatFromHalfBits(_ bits: UInt16) -> Float {
    let sign = UInt32(bits >> 15) << 31
    let exponent = Int((bits >> 10) & 0x1F)
    let mantissa = UInt32(bits & 0x3FF)
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    if exponent == 0 {
        let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
        return sign != 0 ? -magnitude : magnitude
    }
    return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
}

extension Tensor {
    /// The values of a stored floating-point tensor (F32, F16, BF16, F64; little-endian, any strides).
    /// F32/F16/BF16 convert exactly; F64 into a Float tensor rounds to nearest.
    public convenience init(_ stored: StoredTensor) throws {
        let bytes = try stored.contiguousBytes()
        let count = stored.elementCount
        var values = [Scalar](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            switch stored.dtype {
            case .f32:
                for i in 0..<count { values[i] = Scalar(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))) }
            case .f64:
                for i in 0..<count { values[i] = Scalar(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
            case .f16:
                for i in 0..<count { values[i] = Scalar(floatFromHalfBits(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))) }
            case .bf16:
                for i in 0..<count {
                    let bits = UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16
                    values[i] = Scalar(Float(bitPattern: bits))
                }
            default: break
            }
        }
        guard stored.dtype.isFloatingPoint else { throw TensorConversionError.notFloatingPoint(stored.dtype) }
        self.init(shape: stored.shape, scalars: values)
    }

    /// The elements as a contiguous little-endian stored tensor of this scalar type (F32 or F64).
    public func storedTensor() throws -> StoredTensor {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count * MemoryLayout<Scalar>.size)
        for value in scalars {
            if let float = value as? Float {
                withUnsafeBytes(of: float.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return try StoredTensor(dtype: Scalar.dtype, shape: shape, bytes: ByteSlice(bytes))
    }
}
