import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor
@testable import GANPortTraining
import XCTest

final class RunSnapshotTests: XCTestCase {
    func testNetworksRoundTripBitExact() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let snapshot = try RunTestSupport.tinySnapshot()
        try snapshot.write(to: directory, ganportVersion: "test")
        let read = try NetworkSnapshot.read(from: directory)
        XCTAssertEqual(read.curNimg, 12_000)
        XCTAssertEqual(read.generatorConfig, snapshot.generatorConfig)
        XCTAssertEqual(read.discriminatorConfig, snapshot.discriminatorConfig)
        for key in ["G", "D", "G_ema", "augment_pipe"] {
            XCTAssertEqual(RunTestSupport.bits(read.stateDict(key)), RunTestSupport.bits(snapshot.stateDict(key)), key)
            XCTAssertEqual(RunTestSupport.shapes(read.stateDict(key)), RunTestSupport.shapes(snapshot.stateDict(key)), key)
        }
        XCTAssertEqual(read.generator.map(\.name), snapshot.generator.map(\.name), "official state-dict order restored")
        XCTAssertFalse(read.augmentPipe.isEmpty)
    }

    func testTorchFilesHoldTheOfficialStateDicts() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let snapshot = try RunTestSupport.tinySnapshot()
        try snapshot.write(to: directory, ganportVersion: "test")
        for key in NetworkSnapshot.networkKeys {
            let checkpoint = try CheckpointReader.read(path: "\(directory)/\(key).pt")
            XCTAssertEqual(checkpoint.format, .torchZip)
            XCTAssertEqual(checkpoint.tensors.map(\.name), snapshot.stateDict(key).map(\.name), key)
            let tensors = try checkpoint.tensors.map { (name: $0.name, tensor: try Tensor<Float>($0.tensor)) }
            XCTAssertEqual(RunTestSupport.bits(tensors), RunTestSupport.bits(snapshot.stateDict(key)), key)
        }
    }

    func testExistingLoadersReadTheCombinedFile() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let snapshot = try RunTestSupport.tinySnapshot()
        try snapshot.write(to: directory, ganportVersion: "test")
        let path = "\(directory)/\(NetworkSnapshot.fileName)"
        let generator = try StyleGAN2.Generator.load(path: path, key: "G_ema")
        XCTAssertEqual(generator.config, snapshot.generatorConfig)
        XCTAssertEqual(RunTestSupport.bits(generator.stateDict()), RunTestSupport.bits(snapshot.generatorEMA))
        let metadata = try SafetensorsReader.read(path: path).metadata
        XCTAssertEqual(metadata.first(where: { $0.0 == "format" })?.1, "ganport-finetune-snapshot")
        XCTAssertEqual(metadata.first(where: { $0.0 == "cur_nimg" })?.1, "12000")
    }

    func testSnapshotDirectoryAppearsOnlyComplete() throws {
        let run = RunDirectory(path: try RunTestSupport.temporaryDirectory(self))
        let networks = try RunTestSupport.tinySnapshot(curNimg: 4_000)
        let state = RunTrainingStateTests.sampleState(curNimg: 4_000)
        let location = try run.writeSnapshot(networks: networks, state: state, stateTensors: [], samples: nil, ganportVersion: "test")
        XCTAssertEqual(location.path, run.path + "/snapshot-000004000")
        try run.writeSnapshot(curNimg: 8_000) { try Data([1]).write(to: URL(fileURLWithPath: $0 + "/x")) }
        try FileManager.default.createDirectory(atPath: run.path + "/snapshot-000009000.partial", withIntermediateDirectories: false)
        XCTAssertThrowsError(try run.writeSnapshot(curNimg: 10_000) { _ in throw RunFileError.invalidArgument("stop") })
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.path + "/snapshot-000010000.partial"))
        XCTAssertEqual(try run.snapshots().map(\.curNimg), [4_000, 8_000])
        XCTAssertEqual(try RunDirectory(path: run.path).latestSnapshot()?.curNimg, 8_000)
        XCTAssertEqual(try run.removePartialSnapshots(), [run.path + "/snapshot-000009000.partial"])
        XCTAssertThrowsError(try run.writeSnapshot(curNimg: 8_000) { _ in }) {
            XCTAssertEqual($0 as? RunFileError, .snapshotExists(path: run.path + "/snapshot-000008000"))
        }
        let (record, tensors) = try location.readTrainingState()
        XCTAssertEqual(record, state)
        XCTAssertTrue(tensors.isEmpty)
        XCTAssertNil(try RunDirectory(path: run.path + "/absent").latestSnapshot())
    }

    /// Writes a complete snapshot; with `GANPORT_SNAPSHOT_OUT=DIR` into DIR's run directory, for
    /// `tools/check_snapshot.py`.
    func testCompleteSnapshotHoldsEveryFile() throws {
        let temporary = try RunTestSupport.temporaryDirectory(self)
        let root = ProcessInfo.processInfo.environment["GANPORT_SNAPSHOT_OUT"] ?? temporary
        let run = RunDirectory(path: root)
        let networks = try RunTestSupport.tinySnapshot(curNimg: 16_000)
        try? FileManager.default.removeItem(atPath: run.snapshotPath(curNimg: 16_000))
        let samples = try SampleGrid.render(try networks.makeGenerator(), seeds: [0, 1, 2, 3, 4, 5], columns: 3)
        let location = try run.writeSnapshot(networks: networks, state: RunTrainingStateTests.sampleState(curNimg: 16_000),
                                             stateTensors: [("G.adam.step", Tensor([1]))], samples: samples, ganportVersion: "test")
        let files = try FileManager.default.contentsOfDirectory(atPath: location.path).sorted()
        XCTAssertEqual(files, ["D.pt", "G.pt", "G_ema.pt", "network.safetensors", "samples.png", "training-state.json",
                               "training-state.safetensors"])
    }

    func testSampleGridUsesTheTrainingLoopConversion() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let generator = try RunTestSupport.tinySnapshot().makeGenerator()
        let image = try SampleGrid.render(generator, seeds: [0, 1, 2, 3], columns: 2)
        let resolution = generator.config.imgResolution
        XCTAssertEqual([image.width, image.height], [2 * resolution, 2 * resolution])
        let z = Tensor<Float>(shape: [1, generator.config.zDim],
                              scalars: NumPyRandomState.latents(seed: 2, zDim: generator.config.zDim).map(Float.init))
        let single = try StyleGANImageConversion.imageGrid(generator(z).scalars, shape: [1, 3, resolution, resolution],
                                                           low: -1, high: 1, columns: 1, rows: 1)
        let pixels = try XCTUnwrap(image.pixels)
        var cell: [UInt8] = []
        for y in 0..<resolution {
            let start: Int = (resolution + y) * 2 * resolution * 3
            cell += pixels[start..<(start + resolution * 3)]
        }
        XCTAssertEqual(cell, single.pixels, "seed 2 lands at row 1, column 0")
        try SampleGrid.write(image, to: directory)
        XCTAssertEqual(try PNGDecoder.decode(path: directory + "/samples.png"), image)
        XCTAssertThrowsError(try SampleGrid.render(generator, seeds: [0, 1, 2], columns: 2))
    }

    func testDamagedNetworkFilesNameTheFile() throws {
        let directory = try RunTestSupport.temporaryDirectory(self)
        let path = directory + "/network.safetensors"
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .missingFile(path: path))
        try RunTestSupport.tinySnapshot().write(to: directory, ganportVersion: "test")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast(4)
        try RunTestSupport.overwrite(path, bytes)
        guard case let .unreadableFile(reported, _)? = try error({ try NetworkSnapshot.read(from: directory) }) else {
            return XCTFail("expected unreadableFile")
        }
        XCTAssertEqual(reported, path)
        let tensor = try Tensor<Float>([1]).float32Stored()
        try SafetensorsWriter.write([NamedTensor(name: "G.x", tensor: tensor)], metadata: [("format", "pt")], to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) },
                       .wrongFormat(path: path, found: "pt", expected: "ganport-finetune-snapshot"))
        var metadata = try RunTestSupport.tinySnapshot().metadata(ganportVersion: "t")
        metadata[1].1 = "2"
        try SafetensorsWriter.write([NamedTensor(name: "G.x", tensor: tensor)], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .unsupportedVersion(path: path, found: 2, supported: 1))
        metadata[1].1 = "1"
        try SafetensorsWriter.write([NamedTensor(name: "H.x", tensor: tensor)], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .unexpectedTensor(path: path, name: "H.x"))
        try SafetensorsWriter.write([NamedTensor(name: "G.x", tensor: tensor)], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .missingTensor(path: path, name: "D.*"))
        try SafetensorsWriter.write([NamedTensor(name: "G.x", tensor: try Tensor<Double>([1]).storedTensor())], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .notFloat32(path: path, name: "G.x", dtype: "F64"))
        metadata[2].1 = "-5"
        try SafetensorsWriter.write([], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) },
                       .invalidField(path: path, field: "__metadata__.cur_nimg", reason: "'-5' is not an image count"))
        metadata[2].1 = "5"
        metadata[4].1 = "{\"z_dim\": 1}"
        try SafetensorsWriter.write([], metadata: metadata, to: path)
        guard case .invalidField(path, "__metadata__.G.init_kwargs", _)? = try error({ try NetworkSnapshot.read(from: directory) }) else {
            return XCTFail("expected invalid G.init_kwargs")
        }
        metadata[4].1 = try RunTestSupport.tinySnapshot().generatorConfig.initKwargs.serialized()
        metadata.remove(at: 5)
        try SafetensorsWriter.write([], metadata: metadata, to: path)
        XCTAssertEqual(try error { try NetworkSnapshot.read(from: directory) }, .missingField(path: path, field: "__metadata__.D.init_kwargs"))
    }

    private func error(_ body: () throws -> Any) throws -> RunFileError? {
        do { _ = try body() } catch let error as RunFileError { return error }
        return nil
    }
}
