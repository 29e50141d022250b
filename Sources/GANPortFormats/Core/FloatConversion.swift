/// Exact conversions between the stored floating-point encodings.
public enum FloatConversion {
    /// IEEE binary16 bits → Float, exactly (subnormals, infinities and NaN payloads preserved).
    @inlinable public static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal half: value = mantissa · 2^-24, exactly representable in Float.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }

    /// bfloat16 bits → Float, exactly.
    @inlinable public static func bfloat16ToFloat(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}

/// Errors converting a tensor's element type.
public enum DTypeConversionError: Error, Equatable, CustomStringConvertible {
    /// Only floating-point tensors convert to a floating-point type.
    case unsupported(from: DType, to: DType)
    public var description: String {
        switch self {
        case let .unsupported(from, to): return "cannot convert \(from.rawValue) to \(to.rawValue) (only floating-point tensors convert)"
        }
    }
}

extension StoredTensor {
    /// This tensor with its elements converted to `target` (contiguous result).
    ///
    /// F16 and BF16 → F32 and F32 → F64 are exact; F64 → F32 rounds to nearest even.
    /// Integer and boolean tensors are returned unchanged when `target` is floating-point
    /// and `keepNonFloating` is true, else rejected.
    public func converted(to target: DType, keepNonFloating: Bool = true) throws -> StoredTensor {
        if dtype == target { return self }
        guard dtype.isFloatingPoint, target == .f32 || target == .f64 else {
            if keepNonFloating && !dtype.isFloatingPoint { return self }
            throw DTypeConversionError.unsupported(from: dtype, to: target)
        }
        let source = try contiguousBytes()
        let count = elementCount
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count * target.byteSize, 1), alignment: 64)
        source.withUnsafeBytes { raw in
            for i in 0..<count {
                let value: Double
                switch dtype {
                case .f16: value = Double(FloatConversion.halfToFloat(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian))
                case .bf16: value = Double(FloatConversion.bfloat16ToFloat(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian))
                case .f32: value = Double(Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian))
                default: value = Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian)
                }
                if target == .f32 {
                    memory.storeBytes(of: Float(value).bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                } else {
                    memory.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 8 * i, as: UInt64.self)
                }
            }
        }
        let buffer = ByteBuffer(adopting: memory, count: count * target.byteSize)
        return try StoredTensor(dtype: target, shape: shape, bytes: buffer.all)
    }
}

extension StoredTensor {
    /// A view that converts to `target` only when its bytes are read (so streaming writers keep
    /// one converted tensor in memory at a time). Non-floating tensors are returned unchanged.
    public func lazilyConverted(to target: DType) throws -> StoredTensor {
        guard dtype != target, dtype.isFloatingPoint else { return self }
        guard target == .f32 || target == .f64 else { throw DTypeConversionError.unsupported(from: dtype, to: target) }
        let source = self
        let storage = TensorStorage(byteCount: elementCount * target.byteSize) {
            try source.converted(to: target).contiguousBytes()
        }
        return try StoredTensor(dtype: target, shape: shape, storage: storage)
    }
}
