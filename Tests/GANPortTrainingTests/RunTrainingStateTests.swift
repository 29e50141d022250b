import Foundation
import GANPortFormats
import GANPortTensor
@testable import GANPortTraining
import XCTest

final class RunTrainingStateTests: XCTestCase {
    static func sampleState(curNimg: Int = 4_000, random: NumPyRandomState.State = NumPyRandomSource(seed: 3).state) -> FineTuneState {
        var ada = AdaptiveAugmentStrength(batchSize: 4)
        ada.record(realLogits: Tensor([0.5, -2, 3]))
        return FineTuneState(curNimg: curNimg, curTick: 2, batchIndex: 1_000, samplerPosition: 4_000,
                             augmentP: Float(bitPattern: 0x3C49_BA5E), adaptiveStrength: ada, random: random,
                             tick: TickState(startNimg: 3_000, sums: ["Loss/G/loss": .init(sum: 2.5, count: 4)]),
                             datasetCount: 70_000, options: RunTestSupport.options(), ganportVersion: "test")
    }

    func testRoundTripContinuesTheSameRandomNumbers() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let source = NumPyRandomSource(seed: 5)
        _ = source.normal([7])  // leaves a cached Gaussian
        let state = Self.sampleState(random: source.state)
        let moments: [(String, Tensor<Float>)] = [
            ("G.adam.exp_avg.mapping.fc0.weight", Tensor(shape: [2, 2], scalars: [1e-30, -0, .nan, 3.25])),
            ("D.adam.exp_avg_sq.b4.out.bias", Tensor(shape: [1], scalars: [.leastNonzeroMagnitude])),
        ]
        try TrainingStateFile.write(state, tensors: moments, to: directory)
        let (record, tensors) = try TrainingStateFile.read(FineTuneState.self, from: directory)
        XCTAssertEqual(record, state)
        XCTAssertEqual(record.augmentP?.bitPattern, 0x3C49_BA5E)
        XCTAssertEqual(tensors.map(\.0), moments.map(\.0))
        XCTAssertEqual(tensors.map { $0.1.scalars.map(\.bitPattern) }, moments.map { $0.1.scalars.map(\.bitPattern) })
        let resumed = try NumPyRandomSource(state: record.random)
        XCTAssertEqual(resumed.normal([9]).scalars, source.normal([9]).scalars)
        XCTAssertEqual(resumed.integers(low: 0, high: 100, shape: [5]), source.integers(low: 0, high: 100, shape: [5]))
    }

    func testOptionsRoundTrip() throws {
        let run = RunDirectory(path: try RunTestSupport.temporaryDirectory(self) + "/nested/run")
        try run.writeOptions(RunTestSupport.options())
        XCTAssertEqual(try run.readOptions(), RunTestSupport.options())
        let text = try String(contentsOfFile: run.optionsPath, encoding: .utf8)
        XCTAssertTrue(text.contains("\"snap_kimg\" : 2"), text)
    }

    func testMissingAndCorruptFilesNameTheFile() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let json = directory + "/training-state.json", tensors = directory + "/training-state.safetensors"
        XCTAssertEqual(readError(directory), .missingFile(path: json))
        try TrainingStateFile.write(Self.sampleState(), tensors: [("m", Tensor([1, 2]))], to: directory)
        try FileManager.default.removeItem(atPath: tensors)
        XCTAssertEqual(readError(directory), .missingFile(path: tensors))
        try RunTestSupport.overwrite(tensors, [1, 2, 3])
        guard case let .unreadableFile(path, _)? = readError(directory) else { return XCTFail("expected unreadableFile") }
        XCTAssertEqual(path, tensors)
        try SafetensorsWriter.write([], metadata: [("format", "ganport-training-state")], to: tensors)
        XCTAssertEqual(readError(directory), .missingTensor(path: tensors, name: "m"))
        try SafetensorsWriter.write([NamedTensor(name: "m", tensor: try Tensor<Float>([1]).float32Stored()),
                                     NamedTensor(name: "n", tensor: try Tensor<Float>([1]).float32Stored())],
                                    metadata: [("format", "ganport-training-state")], to: tensors)
        XCTAssertEqual(readError(directory), .unexpectedTensor(path: tensors, name: "n"))
        try SafetensorsWriter.write([NamedTensor(name: "m", tensor: try Tensor<Double>([1]).storedTensor())],
                                    metadata: [("format", "ganport-training-state")], to: tensors)
        XCTAssertEqual(readError(directory), .notFloat32(path: tensors, name: "m", dtype: "F64"))
        try SafetensorsWriter.write([], metadata: nil, to: tensors)
        XCTAssertEqual(readError(directory), .wrongFormat(path: tensors, found: "", expected: "ganport-training-state"))
        try RunTestSupport.overwrite(json, Array("{\"format\": ".utf8))
        guard case .malformedJSON(json, _)? = readError(directory) else { return XCTFail("expected malformedJSON") }
    }

    func testRecordFieldsAreCheckedStrictly() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let json = directory + "/training-state.json"
        try TrainingStateFile.write(Self.sampleState(), tensors: [], to: directory)
        let original = try String(contentsOfFile: json, encoding: .utf8)
        func edited(_ from: String, _ to: String) throws -> RunFileError? {
            XCTAssertTrue(original.contains(from), from)
            try RunTestSupport.overwrite(json, Array(original.replacingOccurrences(of: from, with: to).utf8))
            return readError(directory)
        }
        XCTAssertEqual(try edited("\"cur_tick\"", "\"cur_tock\""), .missingField(path: json, field: "content.cur_tick"))
        XCTAssertEqual(try edited("\"batch_idx\"", "\"extra\" : 1, \"batch_idx\""), .unknownField(path: json, field: "content.extra"))
        XCTAssertEqual(try edited("\"sign_count\"", "\"signs\" : 2, \"sign_count\""), .unknownField(path: json, field: "content.ada.signs"))
        XCTAssertEqual(try edited("\"version\" : 1", "\"version\" : 2"), .unsupportedVersion(path: json, found: 2, supported: 1))
        XCTAssertEqual(try edited("\"format\" : \"ganport-finetune-state\"", "\"format\" : \"other\""),
                       .wrongFormat(path: json, found: "other", expected: "ganport-finetune-state"))
        XCTAssertEqual(try edited("\"cur_nimg\" : 4000", "\"cur_nimg\" : \"x\""),
                       .invalidField(path: json, field: "content.cur_nimg", reason: "expected Int"))
        XCTAssertEqual(try edited("\"tensors\"", "\"tensorz\""), .unknownField(path: json, field: "tensorz"))
        guard case .invalidField(json, _, _)? = try edited("\"batch_idx\" : 1000", "\"batch_idx\" : 1000.5") else {
            return XCTFail("a fractional integer must be an invalid field")
        }
    }

    private func readError(_ directory: String) -> RunFileError? {
        do { _ = try TrainingStateFile.read(FineTuneState.self, from: directory) } catch let error as RunFileError { return error } catch {
            XCTFail("untyped error \(error)")
        }
        return nil
    }
}
