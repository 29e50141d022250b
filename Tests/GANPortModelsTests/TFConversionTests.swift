import Foundation
import GANPortFormats
@testable import GANPortModels
import GANPortTensor
import XCTest

/// TF-era pickles convert exactly like the official `legacy.py` (its output is committed as
/// `stylegan2-tf-tiny.legacy.pt`, its constructor kwargs as `stylegan2-tf-tiny.legacy.json`).
final class TFConversionTests: XCTestCase {
    static let tfPickle = Fixtures.nvidia + "/stylegan2-tf-tiny.pkl"

    func decode() throws -> TFNetworkPickle {
        guard case let .tfNetworkPickle(pickle) = try PickleFileReader.decode(try ByteBuffer.map(path: Self.tfPickle).all).content else {
            throw ModelLoadError.unsupportedContent(Self.tfPickle)
        }
        return pickle
    }

    func testConversionIsBitExactWithTheOfficialConverter() throws {
        let pickle = try decode()
        let official = try CheckpointReader.read(path: Fixtures.nvidia + "/stylegan2-tf-tiny.legacy.pt")
        let legacyJSON = try String(contentsOfFile: Fixtures.nvidia + "/stylegan2-tf-tiny.legacy.json", encoding: .utf8)
        for key in ["G_ema", "D"] {
            let converted = try TFConversion.convert(pickle, key: key)
            let expected = official.tensors.filter { $0.name.hasPrefix(key + ".") }
            XCTAssertEqual(converted.stateDict.map(\.name), expected.map { String($0.name.dropFirst(key.count + 1)) }, key)
            for (mine, theirs) in zip(converted.stateDict, expected) {
                XCTAssertEqual(mine.tensor.shape, theirs.tensor.shape, mine.name)
                XCTAssertEqual(mine.tensor.scalars, try Tensor<Float>(theirs.tensor).scalars, mine.name)
            }
            let recorded = try XCTUnwrap(try JSONText.parse(legacyJSON)["networks"]?[key]?["init_kwargs"])
            XCTAssertEqual(converted.kwargs, recorded, key)
        }
    }

    func testOneCallLoadOfATFPickle() throws {
        let G = try StyleGAN2.Generator.load(path: Self.tfPickle)
        XCTAssertEqual(G.config.synthesis.channelBase, 128)
        let D = try StyleGAN2.Discriminator.load(path: Self.tfPickle)
        XCTAssertNil(D.config.mbstdGroupSize)
        let img = G(Tensor<Float>.seeded([2, 32], seed: 1), truncationPsi: 0.7)
        XCTAssertEqual(img.shape, [2, 3, 16, 16])
        XCTAssertEqual(D(img).shape, [2, 1])
        XCTAssertThrowsError(try StyleGAN2.Generator.load(path: Self.tfPickle, key: "Gx")) {
            XCTAssertEqual($0 as? ModelLoadError, .entryNotFound("Gx", available: ["G", "D", "G_ema"]))
        }
    }

    func testRulesMatchOfficialPatterns() {
        XCTAssertEqual(TFConversion.ruleSource(for: "synthesis.b16.conv0.noise_const", generator: true), "synthesis/noise3")
        XCTAssertEqual(TFConversion.ruleSource(for: "synthesis.b16.conv1.noise_const", generator: true), "synthesis/noise4")
        XCTAssertEqual(TFConversion.ruleSource(for: "synthesis.b4.torgb.weight", generator: true), "synthesis/4x4/ToRGB/weight")
        XCTAssertEqual(TFConversion.ruleSource(for: "b32.conv1.bias", generator: false), "32x32/Conv1_down/bias")
        XCTAssertNil(TFConversion.ruleSource(for: "b32.conv2.bias", generator: false))
        XCTAssertEqual(TFConversion.ruleSource(for: "b32.resample_filter", generator: false), "")
    }
}

