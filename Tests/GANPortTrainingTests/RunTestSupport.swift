import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor
@testable import GANPortTraining
import XCTest

/// Temporary directories and fixtures shared by the run-directory tests.
enum RunTestSupport {
    /// A fresh empty directory, removed when the test case tears down.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ganport-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    static let tinyPickle = TrainingFixtures.path("examples/stylegan2-tiny.pkl")

    /// G, D, G_ema and the augmentation pipe of the tiny fixture pickle.
    static func tinySnapshot(curNimg: Int = 12_000) throws -> NetworkSnapshot {
        let augment = try CheckpointReader.read(path: tinyPickle).tensors
            .filter { $0.name.hasPrefix("augment_pipe.") }
            .map { (name: String($0.name.dropFirst("augment_pipe.".count)), tensor: try Tensor<Float>($0.tensor)) }
        return NetworkSnapshot(curNimg: curNimg, generator: try StyleGAN2.Generator.load(path: tinyPickle, key: "G"),
                               discriminator: try StyleGAN2.Discriminator.load(path: tinyPickle),
                               generatorEMA: try StyleGAN2.Generator.load(path: tinyPickle, key: "G_ema"),
                               augmentPipe: augment)
    }

    static func options(out: String = "run") -> FineTuneOptions {
        FineTuneOptions(checkpoint: "tiny.pkl", data: "images", out: out, kimg: 10, snapKimg: 2, batch: 4, gamma: 0.5,
                        sampleSeeds: [0, 1, 2, 3], sampleColumns: 2)
    }

    /// Bit patterns by name, for bit-exact comparisons.
    static func bits(_ tensors: [(name: String, tensor: Tensor<Float>)]) -> [String: [UInt32]] {
        Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.tensor.scalars.map(\.bitPattern)) })
    }

    static func shapes(_ tensors: [(name: String, tensor: Tensor<Float>)]) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.tensor.shape) })
    }

    /// Replaces the file at `path` with `bytes`.
    static func overwrite(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
