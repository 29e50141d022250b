import GANPortFormats
import XCTest
@testable import GANPortTensor

final class StoredTensorConversionTests: XCTestCase {
    func stored(_ dtype: DType, _ bytes: [UInt8], shape: [Int]) throws -> StoredTensor {
        try StoredTensor(dtype: dtype, shape: shape, bytes: ByteSlice(bytes))
    }

    func testHalfBFloatFloatDoubleConvertExactly() throws {
        // F16: 1.0 = 0x3C00, -2.5 = 0xC100, smallest subnormal 0x0001 = 2^-24.
        let half = try Tensor<Float>(stored(.f16, [0x00, 0x3C, 0x00, 0xC1, 0x01, 0x00], shape: [3]))
        XCTAssertEqual(half.scalars, [1, -2.5, Float(sign: .plus, exponent: -24, significand: 1)])
        // BF16: 0x3FC0 = 1.5.
        XCTAssertEqual(try Tensor<Double>(stored(.bf16, [0xC0, 0x3F], shape: [1])).scalars, [1.5])
        let floats: [Float] = [0.1, -3]
        let f32 = try stored(.f32, floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }, shape: [2, 1])
        let converted = try Tensor<Float>(f32)
        XCTAssertEqual(converted.shape, [2, 1])
        XCTAssertEqual(converted.scalars, floats)
        XCTAssertEqual(try Tensor<Float>(converted.storedTensor()).scalars, floats)
        let f64 = try Tensor<Double>([0.1, 2]).storedTensor()
        XCTAssertEqual(f64.dtype, .f64)
        XCTAssertEqual(try Tensor<Double>(f64).scalars, [0.1, 2])
    }

    func testIntegerTensorsAreRejected() throws {
        XCTAssertThrowsError(try Tensor<Float>(stored(.i32, [0, 0, 0, 0], shape: [1]))) { error in
            XCTAssertEqual(error as? TensorConversionError, .notFloatingPoint(.i32))
        }
    }
}
