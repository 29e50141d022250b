import XCTest
@testable import GANPortFormats

final class StoredTensorTests: XCTestCase {
    func testStridedViewIsGatheredInCOrder() throws {
        let bytes = ByteSlice((0..<6).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) })
        // A 3×2 transpose of a 2×3 row-major matrix.
        let view = try StoredTensor(dtype: .f32, shape: [3, 2], strides: [1, 3], storage: TensorStorage(bytes))
        XCTAssertFalse(view.isContiguous)
        let floats = try view.contiguousBytes().array.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(floats, [0, 3, 1, 4, 2, 5])
    }

    func testViewPastStorageIsRejected() {
        let bytes = ByteSlice([UInt8](repeating: 0, count: 16))
        XCTAssertThrowsError(try StoredTensor(dtype: .f32, shape: [5], storage: TensorStorage(bytes))) { error in
            XCTAssertEqual(error as? TensorLayoutError, .outOfStorage(needed: 20, available: 16))
        }
    }

    func testOverflowingShapeIsRejected() {
        let bytes = ByteSlice([UInt8](repeating: 0, count: 16))
        XCTAssertThrowsError(try StoredTensor(dtype: .f32, shape: [Int.max / 2, 4], storage: TensorStorage(bytes))) { error in
            XCTAssertEqual(error as? TensorLayoutError, .sizeOverflow(shape: [Int.max / 2, 4]))
        }
    }

    func testNegativeStrideIsRejected() {
        let bytes = ByteSlice([UInt8](repeating: 0, count: 16))
        XCTAssertThrowsError(try StoredTensor(dtype: .f32, shape: [2], strides: [-1], storageOffset: 1, storage: TensorStorage(bytes)))
    }

    func testChunkedStreamingMatchesGather() throws {
        let bytes = ByteSlice((0..<24).map { UInt8($0) })
        let view = try StoredTensor(dtype: .i16, shape: [3, 2], strides: [1, 3], storage: TensorStorage(bytes))
        var streamed: [UInt8] = []
        try view.forEachContiguousChunk(chunkBytes: 4) { streamed += Array($0) }
        XCTAssertEqual(streamed, try view.contiguousBytes().array)
    }
}
