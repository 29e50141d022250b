import Foundation
import GANPortFormats
import GANPortModels
import GANPortTensor

/// The committed NVIDIA network pickles with StyleGAN2-ADA networks.
enum Pickles {
    static let tiny = Fixtures.nvidia + "/stylegan2-ada-tiny-16.pkl"
    static let conditional = Fixtures.nvidia + "/stylegan2-ada-cond-32.pkl"
    static let extra = Fixtures.modules + "/stylegan2-ada-orig-skip-16.pkl"
    static let all = [tiny, conditional, extra]

    static func decode(_ path: String) throws -> NetworkPickle {
        guard case let .networkPickle(pickle) = try PickleFileReader.decode(try ByteBuffer.map(path: path).all).content else {
            throw ModelLoadError.unsupportedContent(path)
        }
        return pickle
    }
}

extension Tensor where Scalar == Float {
    /// Standard normal values from a seed.
    static func seeded(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SplitMix64(seed: seed)
        return Tensor.randomNormal(shape, using: &generator)
    }

    /// One-hot rows for labels.
    static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        Tensor(shape: [labels.count, classes], scalars: labels.flatMap { label in (0..<classes).map { $0 == label ? 1 : 0 } })
    }
}

/// A unique temporary path.
func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("ganport-models-\(UUID().uuidString)-\(name)").path
}
