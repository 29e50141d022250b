import Foundation
import XCTest
@testable import GANPortFormats

/// Export into a network-pickle template: bit-exact round trips, untouched non-tensor bytes,
/// and one failing test per rule.
final class NetworkPickleExportTests: XCTestCase {
    static let templatePath = Fixtures.path("nvidia/stylegan2-ada-tiny-16.pkl")

    /// Every template tensor with distinct new values (x · 1.5 + 0.25 in float32).
    static func perturbed(_ tensors: [NamedTensor]) throws -> [NamedTensor] {
        try tensors.map { named in
            let floats = try named.tensor.contiguousBytes().withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let bytes = floats.map { $0 * 1.5 + 0.25 }.withUnsafeBytes { Array($0) }
            return NamedTensor(name: named.name, tensor: try StoredTensor(dtype: .f32, shape: named.tensor.shape, bytes: ByteSlice(bytes)))
        }
    }

    /// Writes `tensors` as safetensors and reads them back (so the source is a real checkpoint file).
    static func safetensors(_ tensors: [NamedTensor]) throws -> Checkpoint {
        let path = Fixtures.temporaryPath("source.safetensors")
        try CheckpointWriter.write(tensors, metadata: [], format: .safetensors, to: path)
        return try CheckpointReader.read(path: path)
    }

    private func assertProblems(_ source: [NamedTensor], options: NetworkPickleExportOptions = NetworkPickleExportOptions(),
                                _ expected: [NetworkPickleExportProblem], file: StaticString = #filePath, line: UInt = #line) throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let output = Fixtures.temporaryPath("out.pkl")
        XCTAssertThrowsError(try exporter.export(source, to: output, options: options), file: file, line: line) { error in
            XCTAssertEqual(error as? NetworkPickleExportError, .mismatch(expected), file: file, line: line)
        }
        let folder = (output as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], "nothing written", file: file, line: line)
    }

    func testRoundTripIsBitExactAndOnlyDataBytesChange() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let source = try Self.safetensors(try Self.perturbed(exporter.templateTensors))
        let output = Fixtures.temporaryPath("network-snapshot.pkl")
        let summary = try exporter.export(source, to: output)
        XCTAssertEqual(summary.replaced.count, 143)
        XCTAssertEqual(summary.kept, [])

        let exported = try CheckpointReader.read(path: output)
        XCTAssertEqual(exported.format, .nvidiaNetworkPickle)
        XCTAssertEqual(exported.tensors.map(\.name), exporter.templateTensors.map(\.name))
        XCTAssertEqual(exported.findings, [])
        for named in source.tensors {
            XCTAssertEqual(try exported.tensor(named: named.name)?.contiguousBytes().array, try named.tensor.contiguousBytes().array, named.name)
        }
        let before = exporter.template.array
        let after = try ByteBuffer.map(path: output).all.array
        XCTAssertEqual(before.count, after.count)
        var isData = [Bool](repeating: false, count: before.count)
        for named in exporter.templateTensors {
            let range = try named.tensor.storage.bytes().range
            for offset in range { isData[offset] = true }
        }
        let changedOutside = (0..<before.count).filter { !isData[$0] && before[$0] != after[$0] }
        XCTAssertEqual(changedOutside, [], "bytes outside tensor data regions changed")
        XCTAssertNotEqual(before, after)
    }

    func testExportingTheTemplateIntoItselfGivesTheSameBytes() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let output = Fixtures.temporaryPath("same.pkl")
        try exporter.export(try CheckpointReader.read(path: Self.templatePath), to: output)
        XCTAssertEqual(try ByteBuffer.map(path: output).all.array, exporter.template.array)
    }

    func testKeepMissingKeepsTemplateValues() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let gEma = try Self.perturbed(exporter.templateTensors.filter { $0.name.hasPrefix("G_ema.") })
        let output = Fixtures.temporaryPath("partial.pkl")
        let summary = try exporter.export(gEma, to: output, options: NetworkPickleExportOptions(keepMissing: true))
        XCTAssertEqual(summary.replaced.count, gEma.count)
        XCTAssertEqual(summary.kept.count, 143 - gEma.count)
        let exported = try CheckpointReader.read(path: output)
        for named in exporter.templateTensors {
            let expected = try (gEma.first { $0.name == named.name }?.tensor ?? named.tensor).contiguousBytes().array
            XCTAssertEqual(try exported.tensor(named: named.name)?.contiguousBytes().array, expected, named.name)
        }
    }

    /// A fine-tuning snapshot carries `augment_pipe.*`; a template whose `augment_pipe` is None
    /// (legacy.py conversions, `*-noaug.pkl`) takes the networks and leaves those out.
    func testAugmentPipeTensorsAreLeftOutWhenTheTemplateHasNone() throws {
        let template = Fixtures.path("train/stylegan2-ada-train-uncond-8.pkl")
        let exporter = try NetworkPickleExporter(templatePath: template)
        XCTAssertFalse(exporter.templateTensors.contains { $0.name.hasPrefix("augment_pipe.") })
        let pipe = NamedTensor(name: "augment_pipe.p", tensor: try StoredTensor(dtype: .f32, shape: [], bytes: ByteSlice([0, 0, 0, 0])))
        let source = try Self.safetensors(try Self.perturbed(exporter.templateTensors) + [pipe])
        let summary = try exporter.export(source, to: Fixtures.temporaryPath("out.pkl"))
        XCTAssertEqual(summary.skipped, ["augment_pipe.p"])
        XCTAssertEqual(summary.replaced.count, exporter.templateTensors.count)
    }

    /// A template replaced on disk after it was read is not copied into the output: the bytes
    /// come from the validated mapping.
    func testATemplateReplacedAfterReadingIsNotCopied() throws {
        let template = Fixtures.temporaryPath("template.pkl")
        try FileManager.default.copyItem(atPath: Self.templatePath, toPath: template)
        let exporter = try NetworkPickleExporter(templatePath: template)
        let original = try Data(contentsOf: URL(fileURLWithPath: template))
        try FileManager.default.removeItem(atPath: template)
        try Data(repeating: 0x2A, count: original.count).write(to: URL(fileURLWithPath: template))
        let output = Fixtures.temporaryPath("out.pkl")
        try exporter.export(exporter.templateTensors, to: output)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), original)
    }

    func testMissingTensorsAreAnErrorWithoutKeepMissing() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let source = Array(exporter.templateTensors.dropFirst())
        try assertProblems(source, [.missingTensor(exporter.templateTensors[0].name)])
    }

    func testUnknownTensorsAreAnError() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        let extra = NamedTensor(name: "G.extra", tensor: exporter.templateTensors[0].tensor)
        try assertProblems(exporter.templateTensors + [extra], [.unknownTensor("G.extra")])
    }

    func testDTypesMustMatch() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        var source = exporter.templateTensors
        let first = source[0]
        let doubled = try first.tensor.lazilyConverted(to: .f64)
        source[0] = NamedTensor(name: first.name, tensor: doubled)
        try assertProblems(source, [.dtypeMismatch(first.name, template: .f32, source: .f64)])
    }

    func testShapesMustMatch() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        var source = exporter.templateTensors
        let first = source[0]
        let flat = try StoredTensor(dtype: .f32, shape: [first.tensor.elementCount], bytes: try first.tensor.contiguousBytes())
        source[0] = NamedTensor(name: first.name, tensor: flat)
        XCTAssertNotEqual(first.tensor.shape.count, 1)
        try assertProblems(source, [.shapeMismatch(first.name, template: first.tensor.shape, source: [first.tensor.elementCount])])
    }

    func testDuplicateSourceNamesAreAnError() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        try assertProblems(exporter.templateTensors + [exporter.templateTensors[3]], [.duplicateSourceTensor(exporter.templateTensors[3].name)])
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        var source = Array(exporter.templateTensors.dropFirst())
        let second = source[0]
        source[0] = NamedTensor(name: second.name, tensor: try second.tensor.lazilyConverted(to: .f64))
        source.append(NamedTensor(name: "D.nope", tensor: second.tensor))
        try assertProblems(source, [.unknownTensor("D.nope"), .missingTensor(exporter.templateTensors[0].name),
                                    .dtypeMismatch(second.name, template: .f32, source: .f64)])
    }

    func testSharedStorageMustGetConsistentBytes() {
        func patch(_ start: Int, _ bytes: [UInt8], _ name: String) -> NetworkPickleExporter.Patch {
            NetworkPickleExporter.Patch(start: start, bytes: ByteSlice(bytes), name: name)
        }
        let consistent = [patch(100, [1, 2, 3, 4], "a"), patch(102, [3, 4, 5], "b"), patch(104, [5, 6], "c")]
        XCTAssertEqual(NetworkPickleExporter.conflicts(in: consistent), [])
        let inconsistent = [patch(100, [1, 2, 3, 4], "a"), patch(102, [3, 9, 5], "b")]
        XCTAssertEqual(NetworkPickleExporter.conflicts(in: inconsistent), [.inconsistentSharedStorage("a", other: "b", offset: 103)])
        let contained = [patch(100, [1, 2, 3, 4, 5, 6], "a"), patch(101, [2], "b"), patch(104, [0], "c")]
        XCTAssertEqual(NetworkPickleExporter.conflicts(in: contained), [.inconsistentSharedStorage("a", other: "c", offset: 104)])
    }

    /// `G.a` is `base[:6].view(2, 3)` and `G.b` is `base[2:8]` of one 8-element storage.
    private func sharedStorageSource(b: [Float]) throws -> [NamedTensor] {
        func tensor(_ values: [Float], _ shape: [Int]) throws -> StoredTensor {
            try StoredTensor(dtype: .f32, shape: shape, bytes: ByteSlice(values.withUnsafeBytes { Array($0) }))
        }
        return [NamedTensor(name: "G.weight", tensor: try tensor((0..<12).map { Float($0) }, [3, 4])),
                NamedTensor(name: "G.a", tensor: try tensor([10, 11, 12, 13, 14, 15], [2, 3])),
                NamedTensor(name: "G.b", tensor: try tensor(b, [6]))]
    }

    func testViewsOfOneStorageAreWrittenWhenTheyAgree() throws {
        let exporter = try NetworkPickleExporter(templatePath: Fixtures.path("export/shared-storage.pkl"))
        let storages = try exporter.templateTensors.filter { $0.name != "G.weight" }.map { try $0.tensor.storage.bytes().range }
        XCTAssertEqual(storages.count, 2)
        XCTAssertEqual(storages[0], storages[1], "G.a and G.b share one storage blob")
        let output = Fixtures.temporaryPath("shared.pkl")
        try exporter.export(try sharedStorageSource(b: [12, 13, 14, 15, 16, 17]), to: output)
        let exported = try CheckpointReader.read(path: output)
        let b = try XCTUnwrap(exported.tensor(named: "G.b")).contiguousBytes().withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(b, [12, 13, 14, 15, 16, 17])
    }

    func testViewsOfOneStorageMustAgree() throws {
        let exporter = try NetworkPickleExporter(templatePath: Fixtures.path("export/shared-storage.pkl"))
        XCTAssertThrowsError(try exporter.export(try sharedStorageSource(b: [12, 13, 99, 15, 16, 17]), to: Fixtures.temporaryPath("x.pkl"))) { error in
            guard case let .mismatch(problems)? = error as? NetworkPickleExportError, problems.count == 1,
                  case .inconsistentSharedStorage("G.a", other: "G.b", _) = problems[0] else { return XCTFail("\(error)") }
        }
    }

    func testTemplatesWithFindingsAreRefused() throws {
        let hostile = Fixtures.path("pickle/hostile/builtins_eval.pkl")
        XCTAssertThrowsError(try NetworkPickleExporter(templatePath: hostile)) { error in
            guard case .templateHasFindings(let findings)? = error as? NetworkPickleExportError else { return XCTFail("\(error)") }
            XCTAssertFalse(findings.isEmpty)
        }
    }

    func testSourcesWithFindingsAreRefused() throws {
        let exporter = try NetworkPickleExporter(templatePath: Self.templatePath)
        var source = try CheckpointReader.read(path: Self.templatePath)
        source.findings = [SecurityFinding(severity: .dangerous, module: "os", name: "system", byteOffset: 7)]
        XCTAssertThrowsError(try exporter.export(source, to: Fixtures.temporaryPath("x.pkl"))) {
            XCTAssertEqual($0 as? NetworkPickleExportError, .sourceHasFindings(source.findings))
        }
        XCTAssertNoThrow(try exporter.export(source, to: Fixtures.temporaryPath("x.pkl"), options: NetworkPickleExportOptions(allowUnsafe: true)))
    }

    func testTemplatesMustBePyTorchNetworkPickles() throws {
        XCTAssertThrowsError(try NetworkPickleExporter(templatePath: Fixtures.path("nvidia/stylegan2-tf-tiny.pkl"))) {
            XCTAssertEqual($0 as? NetworkPickleExportError, .templateNotANetworkPickle("a TensorFlow-era pickle"))
        }
        XCTAssertThrowsError(try NetworkPickleExporter(templatePath: Fixtures.path("pickle/kitchen_sink_p4.pkl"))) {
            XCTAssertEqual($0 as? NetworkPickleExportError, .templateNotANetworkPickle("a generic pickle"))
        }
    }

    func testEveryNVIDIAFixtureRoundTrips() throws {
        for name in ["stylegan2-ada-cond-32.pkl", "stylegan2-ada-tiny-16-p5.pkl", "stylegan3-r-tiny-16.pkl", "stylegan3-t-tiny-16.pkl"] {
            let exporter = try NetworkPickleExporter(templatePath: Fixtures.path("nvidia/\(name)"))
            let source = try Self.perturbed(exporter.templateTensors)
            let output = Fixtures.temporaryPath(name)
            try exporter.export(source, to: output)
            let exported = try CheckpointReader.read(path: output)
            for named in source {
                XCTAssertEqual(try exported.tensor(named: named.name)?.contiguousBytes().array, try named.tensor.contiguousBytes().array, "\(name) \(named.name)")
            }
        }
    }
}
