import XCTest
@testable import GANPortCLI
@testable import GANPortFormats

final class ConversionPlanTests: XCTestCase {
    private func checkpoint(_ names: [String]) throws -> Checkpoint {
        let tensors = try names.map { NamedTensor(name: $0, tensor: try StoredTensor(dtype: .f32, shape: [1], bytes: ByteSlice([0, 0, 128, 63]))) }
        return Checkpoint(format: .safetensors, tensors: tensors)
    }

    func testSelectMatchesWholeComponents() throws {
        let plan = try ConversionPlan(checkpoint: checkpoint(["G_ema.a", "G_ema2.b", "G.c"]), selections: ["G_ema"], stripPrefix: false, dtype: nil)
        XCTAssertEqual(plan.tensors.map(\.name), ["G_ema.a"])
    }

    func testStripPrefixRemovesTheSelection() throws {
        let plan = try ConversionPlan(checkpoint: checkpoint(["G_ema.mapping.fc0.weight", "D.b"]), selections: ["G_ema"], stripPrefix: true, dtype: nil)
        XCTAssertEqual(plan.tensors.map(\.name), ["mapping.fc0.weight"])
    }

    func testEmptySelectionIsAnError() throws {
        XCTAssertThrowsError(try ConversionPlan(checkpoint: checkpoint(["a"]), selections: ["b"], stripPrefix: false, dtype: nil))
    }

    func testDTypeConversionIsLazyAndExact() throws {
        // 1.5 as F16 is 0x3E00.
        let half = try StoredTensor(dtype: .f16, shape: [1], bytes: ByteSlice([0x00, 0x3E]))
        let plan = try ConversionPlan(checkpoint: Checkpoint(format: .safetensors, tensors: [NamedTensor(name: "h", tensor: half)]),
                                      selections: [], stripPrefix: false, dtype: .f32)
        XCTAssertEqual(plan.tensors[0].tensor.dtype, .f32)
        XCTAssertEqual(try plan.tensors[0].tensor.contiguousBytes().array, Array(withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian, Array.init)))
    }

    func testConvertRejectsUnknownOutputExtension() {
        XCTAssertThrowsError(try GANPortCommand.parseAsRoot(["convert", "in.pkl", "--to", "out.bin"]))
    }

    func testStripPrefixNeedsOneSelection() {
        XCTAssertThrowsError(try GANPortCommand.parseAsRoot(["convert", "in.pkl", "--to", "out.pt", "--strip-prefix"]))
    }
}
