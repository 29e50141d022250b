import GANPortFormats
import GANPortModels
import GANPortTensor
import XCTest

final class GoldenRunnerTests: XCTestCase {
    func writeGolden(_ attributes: [(String, JSONValue)]) throws -> String {
        let path = temporaryPath("golden.h5")
        let writer = try HDF5Writer(path: path)
        for (name, value) in attributes { try writer.setAttribute(name, value) }
        try writer.close()
        return path
    }

    func attributes(format: String = "ganport-golden", version: Int64 = 1, kind: String = "module",
                    target: String = "stylegan2-ada/Generator") -> [(String, JSONValue)] {
        [("format", .string(format)), ("version", .int(version)), ("kind", .string(kind)), ("target", .string(target)),
         ("call", .string("{}")), ("checkpoint", .string("../nvidia/stylegan2-ada-tiny-16.pkl")), ("checkpoint_entry", .string("G_ema"))]
    }

    func testUnknownTargetKindFormatAndVersionAreErrorsNotPasses() throws {
        let cases: [([(String, JSONValue)], GoldenError)] = [
            (attributes(target: "stylegan2-ada/Encoder"), .unknownTarget("stylegan2-ada/Encoder")),
            (attributes(kind: "op"), .wrongKind("op")),
        ]
        for (attrs, expected) in cases {
            let path = try writeGolden(attrs)
            defer { try? FileManager.default.removeItem(atPath: path) }
            XCTAssertThrowsError(try ModuleGoldenRunner.run(fixturePath: path)) { XCTAssertEqual($0 as? GoldenError, expected) }
        }
        for attrs in [attributes(format: "other-golden"), attributes(version: 2)] {
            let path = try writeGolden(attrs)
            defer { try? FileManager.default.removeItem(atPath: path) }
            XCTAssertThrowsError(try ModuleGoldenRunner.run(fixturePath: path)) { XCTAssertEqual($0 as? GoldenError, .notAGolden(path)) }
        }
        var missingEntry = attributes()
        missingEntry.removeLast()
        let path = try writeGolden(missingEntry)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try ModuleGoldenRunner.run(fixturePath: path)) { XCTAssertEqual($0 as? GoldenError, .badAttribute("checkpoint_entry")) }
    }

    func testMissingParameterGradientAndPerturbedOutputFail() throws {
        var golden = try ModuleGolden(path: Fixtures.modules + "/sg2a_tiny16_mapping_psi05_cutoff2.h5")
        let module = try StyleGAN2.Generator.load(path: Pickles.tiny).mapping
        XCTAssertTrue(try ModuleGoldenRunner.run(golden, module: module).passed)
        golden.tensors["grads/params/fc1.bias"] = nil
        let missing = try ModuleGoldenRunner.run(golden, module: module)
        XCTAssertFalse(missing.passed)
        XCTAssertEqual(missing.problems, ["no stored gradient for parameter 'fc1.bias'"])
        var perturbed = try ModuleGolden(path: Fixtures.modules + "/sg2a_tiny16_mapping_psi05_cutoff2.h5")
        let ws = try XCTUnwrap(perturbed.tensors["outputs/ws"])
        var values = ws.scalars
        values[7] += 1e-3
        perturbed.tensors["outputs/ws"] = Tensor(shape: ws.shape, scalars: values)
        let report = try ModuleGoldenRunner.run(perturbed, module: module)
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.measurements.filter { !$0.passed }.map(\.name), ["outputs/ws"])
        XCTAssertTrue(report.lines.last?.hasSuffix("FAIL") ?? false)
    }

    /// A converted file (safetensors with the official keys and the recorded kwargs) verified against every golden of its pickle.
    func testConvertedCheckpointVerifiesAgainstTheGoldens() throws {
        let pickle = try Pickles.decode(Pickles.conditional)
        let recorded = JSONValue.object([("networks", .object(pickle.networks.map { ($0.key, .object([("init_kwargs", $0.module.initKwargs)])) }))])
        let converted = temporaryPath("converted.safetensors")
        defer { try? FileManager.default.removeItem(atPath: converted) }
        try SafetensorsWriter.write(pickle.tensors, metadata: [("ganport.source_metadata", recorded.serialized())], to: converted)
        for name in ["sg2a_cond32_G_resnet_psi06_cutoff3", "sg2a_cond32_mapping", "sg2a_cond32_D_orig"] {
            let report = try ModuleGoldenRunner.run(fixturePath: Fixtures.modules + "/\(name).h5", checkpointPath: converted)
            XCTAssertTrue(report.passed, report.lines.joined(separator: "\n"))
        }
    }
}
