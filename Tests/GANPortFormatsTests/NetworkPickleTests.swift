import Foundation
import XCTest
@testable import GANPortFormats

/// NVIDIA network pickles (PyTorch and TF era), torch.save files and StarGAN v2 checkpoints
/// against the manifests their generators wrote (names, dtypes, shapes, SHA-256, kwargs).
final class NetworkPickleTests: XCTestCase {
    static let networkPickles = [
        "nvidia/stylegan2-ada-tiny-16.pkl", "nvidia/stylegan2-ada-tiny-16-p5.pkl", "nvidia/stylegan2-ada-cond-32.pkl",
        "nvidia/stylegan3-t-tiny-16.pkl", "nvidia/stylegan3-t-tiny-16-p5.pkl", "nvidia/stylegan3-r-tiny-16.pkl",
        "examples/stylegan2-tiny.pkl",
    ]

    func testEveryFixtureMatchesItsManifestBitForBit() throws {
        for file in Self.networkPickles + [
            "nvidia/stylegan2-tf-tiny.pkl", "nvidia/stylegan2-tf-tiny.legacy.pt", "torch/dtypes-zip.pt", "torch/dtypes-legacy.pt",
            "stargan/100000_nets_ema.ckpt", "stargan/100000_nets.ckpt",
        ] {
            try Fixtures.assertMatchesManifest(file)
        }
    }

    func testOfficialFilesHaveNoFindings() throws {
        for file in Self.networkPickles + ["nvidia/stylegan2-tf-tiny.pkl", "torch/dtypes-zip.pt", "stargan/100000_nets.ckpt"] {
            XCTAssertEqual(try CheckpointReader.read(path: Fixtures.path(file)).findings, [], file)
        }
    }

    func testConstructorArgumentsAreRecoveredExactly() throws {
        for file in Self.networkPickles {
            let manifest = try manifestObject(file)
            let networks = try XCTUnwrap(manifest["networks"] as? [String: Any])
            let pickle = try networkPickle(file)
            for (key, value) in networks {
                guard let expected = value as? [String: Any] else { XCTAssertNil(pickle.network(key), "\(file) \(key)"); continue }
                let module = try XCTUnwrap(pickle.network(key), "\(file) \(key)")
                XCTAssertEqual(module.className, expected["class_name"] as? String)
                XCTAssertEqual(try jsonObject(module.initKwargs), expected["init_kwargs"] as? NSDictionary, "\(file) \(key)")
                XCTAssertEqual(try jsonObject(module.initArgs) as? NSArray, expected["init_args"] as? NSArray)
            }
            let trainingSet = try XCTUnwrap(pickle.otherEntries.first(where: { $0.0 == "training_set_kwargs" })?.1)
            XCTAssertEqual(try jsonObject(trainingSet), manifest["training_set_kwargs"] as? NSDictionary, file)
        }
    }

    func testEmbeddedSourceIsReportedNotRun() throws {
        let pickle = try networkPickle("nvidia/stylegan2-ada-tiny-16.pkl")
        XCTAssertFalse(pickle.embeddedSources.isEmpty)
        XCTAssertTrue(pickle.embeddedSources.flatMap(\.classNames).contains("Generator"))
        XCTAssertTrue(pickle.embeddedSources.allSatisfy { $0.sha256.count == 64 })
    }

    func testModuleTreeMirrorsTheOfficialClasses() throws {
        let generator = try XCTUnwrap(try networkPickle("nvidia/stylegan2-ada-tiny-16.pkl").network("G_ema"))
        XCTAssertEqual(generator.module(at: "synthesis")?.className, "SynthesisNetwork")
        XCTAssertEqual(generator.module(at: "mapping.fc0")?.className, "FullyConnectedLayer")
        XCTAssertEqual(generator.module(at: "mapping")?.attribute("z_dim"), .int(32))
        XCTAssertEqual(generator.stateDict().first?.name, "synthesis.b4.const")
        let sg3 = try XCTUnwrap(try networkPickle("nvidia/stylegan3-t-tiny-16.pkl").network("G_ema"))
        XCTAssertEqual(sg3.module(at: "synthesis.input")?.className, "SynthesisInput")
    }

    func testTFNetworksKeepStaticKwargs() throws {
        let bytes = try Fixtures.bytes("nvidia/stylegan2-tf-tiny.pkl")
        guard case let .tfNetworkPickle(pickle) = try PickleFileReader.decode(bytes).content else { return XCTFail("not a TF pickle") }
        let manifest = try XCTUnwrap(try manifestObject("nvidia/stylegan2-tf-tiny.pkl")["networks"] as? [String: [String: Any]])
        for key in ["G", "D", "Gs"] {
            let network = try XCTUnwrap(pickle.network(key))
            XCTAssertEqual(network.buildFunctionName, manifest[key]?["build_func_name"] as? String)
            XCTAssertEqual(try jsonObject(network.staticKwargs), manifest[key]?["static_kwargs"] as? NSDictionary, key)
        }
        XCTAssertNotNil(pickle.network("Gs")?.variable("synthesis/4x4/Const/const"))
    }

    private func networkPickle(_ file: String) throws -> NetworkPickle {
        guard case let .networkPickle(pickle) = try PickleFileReader.decode(try Fixtures.bytes(file)).content else {
            XCTFail("\(file) is not a network pickle")
            throw CocoaError(.fileReadCorruptFile)
        }
        return pickle
    }

    private func manifestObject(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(file + ".manifest.json")))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func jsonObject(_ value: JSONValue) throws -> NSObject? {
        try JSONSerialization.jsonObject(with: Data(value.serialized().utf8), options: [.fragmentsAllowed]) as? NSObject
    }
}
