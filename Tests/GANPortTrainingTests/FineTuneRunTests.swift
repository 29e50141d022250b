import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor
@testable import GANPortTraining
import XCTest

/// End-to-end fine-tuning runs on the tiny 16² example pickle and a generated 8-image dataset.
final class FineTuneRunTests: XCTestCase {
    /// Eight 16×16 RGB PNGs with deterministic content.
    private func dataset() throws -> String {
        let folder = try RunTestSupport.temporaryDirectory(self)
        for index in 0..<8 {
            let samples = (0..<(16 * 16 * 3)).map { UInt8(truncatingIfNeeded: $0 &* (index + 3) &+ index * 29) }
            try PNGEncoder.write(PNGImage(width: 16, height: 16, layout: .rgb, samples: .uint8(samples)),
                                 to: folder + "/img\(index).png")
        }
        return folder
    }

    private func options(out: String, data: String, kimg: Double = 0.012, snapKimg: Double = 0.004,
                         tickKimg: Double = 0.004, batch: Int = 2) -> FineTuneOptions {
        FineTuneOptions(checkpoint: RunTestSupport.tinyPickle, data: data, out: out, kimg: kimg, snapKimg: snapKimg,
                        tickKimg: tickKimg, batch: batch, seed: 5, cfg: .paper256, gamma: 0.5, aug: "ada", target: 0.6,
                        sampleSeeds: [0, 1, 2, 3], sampleColumns: 2)
    }

    /// The parts of the metrics log that do not depend on timing.
    private func metricsWithoutTiming(_ run: String) throws -> [String] {
        try MetricsLog.read(path: run + "/metrics.jsonl").map { "\($0.curNimg) \($0.tick) \($0.stats.sorted { $0.key < $1.key })" }
    }

    private func networkBits(_ location: SnapshotLocation) throws -> [String: [UInt32]] {
        RunTestSupport.bits(try location.readNetworks().flattenedTensors)
    }

    func testRunWritesSnapshotsMetricsPlotAndSamples() throws {
        let out = try RunTestSupport.temporaryDirectory(self) + "/run"
        let run = try FineTuneRun(options: options(out: out, data: try dataset()))
        var ticks = 0, snapshots: [String] = []
        try run.run { event in
            if case .tick = event { ticks += 1 }
            if case let .snapshot(path) = event { snapshots.append(path) }
        }
        XCTAssertEqual(run.curNimg, 12)
        XCTAssertEqual(run.batchIndex, 6)
        XCTAssertEqual(snapshots.map { URL(fileURLWithPath: $0).lastPathComponent },
                       ["snapshot-000000004", "snapshot-000000008", "snapshot-000000012"])
        let entries = try MetricsLog.read(path: run.directory.metricsPath)
        XCTAssertEqual(entries.count, ticks)
        XCTAssertNotNil(entries.last?.stats[MetricsEntry.StatName.generatorLoss])
        XCTAssertNotNil(entries.last?.stats[MetricsEntry.StatName.augment])
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.directory.lossPlotPath))
        for name in ["reals.png", "fakes_init.png"] {
            let image = try PNGDecoder.decode(path: out + "/" + name)
            XCTAssertEqual([image.width, image.height], [32, 32], name)
        }
        let samples = try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: snapshots[2] + "/samples.png"))))
        XCTAssertEqual([samples.width, samples.height], [32, 32])
        // Training changed the weights, and G_ema differs from G.
        let start = try StyleGAN2.Generator.load(path: RunTestSupport.tinyPickle, key: "G")
        let trained = try RunDirectory(path: out).latestSnapshot()?.readNetworks()
        XCTAssertNotEqual(RunTestSupport.bits(start.stateDict()), RunTestSupport.bits(trained?.generator ?? []))
    }

    /// A run interrupted after its second snapshot and resumed ends bit for bit where an
    /// uninterrupted run ends: weights, G_ema, Adam moments, pl_mean, augmentation p, RNG.
    func testResumeContinuesBitForBit() throws {
        let data = try dataset()
        let whole = try RunTestSupport.temporaryDirectory(self) + "/whole"
        try FineTuneRun(options: options(out: whole, data: data, tickKimg: 0.006)).run()

        let part = try RunTestSupport.temporaryDirectory(self) + "/part"
        try FineTuneRun(options: options(out: part, data: data, kimg: 0.008, tickKimg: 0.006)).run()
        // The interrupted run's partial work after its last snapshot is lost, not corrupting.
        try FileManager.default.createDirectory(atPath: part + "/snapshot-000000010.partial", withIntermediateDirectories: true)
        let resumed = try FineTuneRun(resuming: part, kimg: 0.012)
        XCTAssertEqual(resumed.curNimg, 8)
        try resumed.run()

        let a = try XCTUnwrap(try RunDirectory(path: whole).latestSnapshot())
        let b = try XCTUnwrap(try RunDirectory(path: part).latestSnapshot())
        XCTAssertEqual(a.curNimg, 12)
        XCTAssertEqual(b.curNimg, 12)
        XCTAssertEqual(try networkBits(a), try networkBits(b))
        let (stateA, tensorsA) = try a.readTrainingState(FineTuneState.self)
        let (stateB, tensorsB) = try b.readTrainingState(FineTuneState.self)
        XCTAssertEqual(RunTestSupport.bits(tensorsA.map { (name: $0.0, tensor: $0.1) }),
                       RunTestSupport.bits(tensorsB.map { (name: $0.0, tensor: $0.1) }))
        XCTAssertEqual(stateA.random, stateB.random)
        XCTAssertEqual(stateA.augmentP, stateB.augmentP)
        XCTAssertEqual(stateA.batchIndex, stateB.batchIndex)
        XCTAssertFalse(FileManager.default.fileExists(atPath: part + "/snapshot-000000010.partial"))
        // Ticks (every 6 images) do not fall on snapshots (every 4): the resumed run still closes them
        // at the same images with the same statistics.
        XCTAssertEqual(try metricsWithoutTiming(whole), try metricsWithoutTiming(part))
    }

    func testBatchesThatDoNotFitTheNetworksAreRefused() throws {
        let data = try dataset()
        let out = try RunTestSupport.temporaryDirectory(self) + "/run"
        for batch in [6, 1] {  // minibatch-std groups of 4; path length needs batch / 2 ≥ 1
            XCTAssertThrowsError(try FineTuneRun(options: options(out: out, data: data, batch: batch)), "batch \(batch)") { error in
                guard case FineTuneError.invalidOption = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testANewRunReplacesTheLogOfAnAttemptWithoutSnapshots() throws {
        let out = try RunTestSupport.temporaryDirectory(self) + "/run"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("{\"torn".utf8).write(to: URL(fileURLWithPath: out + "/metrics.jsonl"))
        try FineTuneRun(options: options(out: out, data: try dataset(), kimg: 0.004)).run()
        XCTAssertEqual(try MetricsLog.read(path: out + "/metrics.jsonl").map(\.curNimg), [2, 4])
    }

    func testResumeChecksTheStateAndTheData() throws {
        let data = try dataset()
        let out = try RunTestSupport.temporaryDirectory(self) + "/run"
        try FineTuneRun(options: options(out: out, data: data, kimg: 0.004)).run()
        XCTAssertThrowsError(try FineTuneRun(resuming: out, kimg: 0.004)) { error in
            guard case FineTuneError.invalidOption = error else { return XCTFail("\(error)") }
        }
        try FileManager.default.removeItem(atPath: data + "/img7.png")
        XCTAssertThrowsError(try FineTuneRun(resuming: out, kimg: 0.008)) { error in
            guard case FineTuneError.cannotResume = error else { return XCTFail("\(error)") }
        }
        let state = out + "/snapshot-000000004/training-state.json"
        let text = try String(contentsOfFile: state, encoding: .utf8)
        try text.replacingOccurrences(of: "\"sampler_position\" : 4", with: "\"sampler_position\" : -1")
            .write(toFile: state, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FineTuneRun(resuming: out, kimg: 0.008)) { error in
            guard case RunFileError.invalidField(_, "content.sampler_position", _) = error else { return XCTFail("\(error)") }
        }
    }

    /// Training gives the same bits on 1 and 2 threads (augmentation, second-order regularizers, Adam).
    func testOneAndTwoThreadsTrainTheSameBits() throws {
        let data = try dataset()
        let saved = TensorRuntime.threadCount
        defer { TensorRuntime.threadCount = saved }
        var results: [[String: [UInt32]]] = []
        for threads in [1, 2] {
            TensorRuntime.threadCount = threads
            let out = try RunTestSupport.temporaryDirectory(self) + "/run\(threads)"
            try FineTuneRun(options: options(out: out, data: data, kimg: 0.008, snapKimg: 0.008)).run()
            results.append(try networkBits(try XCTUnwrap(try RunDirectory(path: out).latestSnapshot())))
        }
        XCTAssertEqual(results[0], results[1])
    }

    /// A conditional network trains on a labeled dataset (`dataset.json` class labels → one-hot).
    func testConditionalRunUsesTheDatasetLabels() throws {
        let folder = try RunTestSupport.temporaryDirectory(self)
        var labels: [String] = []
        for index in 0..<6 {
            let samples = (0..<(32 * 32 * 3)).map { UInt8(truncatingIfNeeded: $0 &* (index + 5)) }
            try PNGEncoder.write(PNGImage(width: 32, height: 32, layout: .rgb, samples: .uint8(samples)), to: folder + "/c\(index).png")
            labels.append("[\"c\(index).png\", \(index % 3)]")
        }
        try Data("{\"labels\": [\(labels.joined(separator: ", "))]}".utf8).write(to: URL(fileURLWithPath: folder + "/dataset.json"))
        var conditional = options(out: try RunTestSupport.temporaryDirectory(self) + "/run", data: folder, kimg: 0.004, snapKimg: 0.004)
        conditional.checkpoint = TrainingFixtures.path("nvidia/stylegan2-ada-cond-32.pkl")
        let run = try FineTuneRun(options: conditional)
        XCTAssertEqual(run.dataset.labelDimension, 3)
        try run.run()
        XCTAssertEqual(run.curNimg, 4)
        XCTAssertNotNil(try run.directory.latestSnapshot())
    }

    func testDatasetOfAnotherResolutionIsRefused() throws {
        let folder = try RunTestSupport.temporaryDirectory(self)
        try PNGEncoder.write(PNGImage(width: 8, height: 8, layout: .rgb, samples: .uint8([UInt8](repeating: 9, count: 192))),
                             to: folder + "/a.png")
        let out = try RunTestSupport.temporaryDirectory(self) + "/run"
        XCTAssertThrowsError(try FineTuneRun(options: options(out: out, data: folder))) { error in
            guard case FineTuneError.datasetMismatch = error else { return XCTFail("\(error)") }
        }
    }

    func testInvalidOptionsAreRefused() {
        var bad = options(out: "/tmp/x", data: "/tmp/y")
        bad.kimg = 0
        XCTAssertThrowsError(try bad.validate())
        bad = options(out: "/tmp/x", data: "/tmp/y")
        bad.sampleSeeds = [1, 2, 3]
        XCTAssertThrowsError(try bad.validate())
        bad = options(out: "/tmp/x", data: "/tmp/y", kimg: 1e17)
        XCTAssertThrowsError(try bad.validate())
    }

    func testResumeWithoutSnapshotIsRefused() throws {
        let empty = try RunTestSupport.temporaryDirectory(self)
        XCTAssertThrowsError(try FineTuneRun(resuming: empty)) { error in
            guard case FineTuneError.cannotResume = error else { return XCTFail("\(error)") }
        }
    }

    func testSamplerVisitsEveryIndexOncePerEpochAndResumes() {
        var sampler = EpochSampler(count: 5, seed: 3)
        let first = sampler.next(5), second = sampler.next(5)
        XCTAssertEqual(Set(first), Set(0..<5))
        XCTAssertEqual(Set(second), Set(0..<5))
        var resumed = EpochSampler(count: 5, seed: 3, position: 7)
        var reference = EpochSampler(count: 5, seed: 3)
        _ = reference.next(7)
        XCTAssertEqual(resumed.next(6), reference.next(6))
    }
}

/// `ganport bench train` reports the keys `tools/bench_train.py` reads.
final class TrainingBenchmarkTests: XCTestCase {
    func testTinyBenchmarkReportsThroughputAndMemory() {
        let json = TrainingBenchmark.run(preset: .tiny, batch: 2, threads: 1, iterations: 2).json
        for key in ["seconds", "images_per_s", "sec_per_kimg", "iteration_s", "peak_rss_mib"] { XCTAssertNotNil(json[key], key) }
        XCTAssertEqual(json["iteration_s"]?.arrayValue?.count, 2)
    }
}
