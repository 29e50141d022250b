import GANPortFormats
import GANPortModels
import GANPortTensor
import XCTest

final class LoadingTests: XCTestCase {
    func testOneCallLoadRunsAndDifferentiates() throws {
        let golden = try ModuleGolden(path: Fixtures.modules + "/sg2a_tiny16_G_skip.h5")
        let G = try StyleGAN2.Generator.load(path: Pickles.tiny, key: "G_ema")
        let z = try XCTUnwrap(golden.group("inputs")["z"])
        let img = G(z, nil, truncationPsi: 1, noiseMode: .const)
        let reference = try XCTUnwrap(golden.group("outputs")["img"])
        let m = ParityComparator.compareOutput("img", img, reference: reference, tier: .reduction(length: 1204))
        XCTAssertTrue(m.passed, m.line)
        img.square().mean().backward()
        XCTAssertTrue(G.parameters.allSatisfy { $0.grad != nil })
        XCTAssertGreaterThan(G.synthesis.blocks[0].const?.grad?.scalars.map(abs).max() ?? 0, 0)
    }

    func testUnknownEntryAndWrongClassAreErrors() {
        XCTAssertThrowsError(try StyleGAN2.Generator.load(path: Pickles.tiny, key: "G_avg")) {
            XCTAssertEqual($0 as? ModelLoadError, .entryNotFound("G_avg", available: ["G", "D", "G_ema", "augment_pipe"]))
        }
        XCTAssertThrowsError(try StyleGAN2.Generator.load(path: Pickles.tiny, key: "D")) {
            XCTAssertEqual($0 as? ModelLoadError, .wrongClass(entry: "D", expected: "Generator", found: "Discriminator"))
        }
        XCTAssertThrowsError(try StyleGAN2.Discriminator.load(path: Pickles.tiny, key: "augment_pipe"))
    }

    /// safetensors holding the official state dict: config from the recorded metadata, from an explicit
    /// config, or inferred from shapes; every route gives the model the pickle gives.
    func testStateDictFilesLoadLikeThePickle() throws {
        let pickle = try Pickles.decode(Pickles.conditional)
        let network = try XCTUnwrap(pickle.network("G_ema"))
        let fromPickle = try StyleGAN2.Generator.load(path: Pickles.conditional)
        let z = Tensor<Float>.seeded([2, 32], seed: 3), c = Tensor<Float>.oneHot([0, 2], classes: 3)
        let expected = fromPickle(z, c, truncationPsi: 0.5).scalars

        let bare = temporaryPath("bare.safetensors"), prefixed = temporaryPath("prefixed.safetensors")
        defer { try? FileManager.default.removeItem(atPath: bare); try? FileManager.default.removeItem(atPath: prefixed) }
        try SafetensorsWriter.write(network.stateDict(), to: bare)
        let recorded = JSONValue.object([("networks", .object([("G_ema", .object([("init_kwargs", network.initKwargs)]))]))])
        try SafetensorsWriter.write(pickle.tensors, metadata: [("ganport.source_metadata", recorded.serialized())], to: prefixed)

        let inferred = try StyleGAN2.Generator.load(path: bare)
        XCTAssertEqual(inferred(z, c, truncationPsi: 0.5).scalars, expected)
        let withMetadata = try StyleGAN2.Generator.load(path: prefixed, key: "G_ema")
        XCTAssertEqual(withMetadata.config, fromPickle.config)
        XCTAssertEqual(withMetadata(z, c, truncationPsi: 0.5).scalars, expected)
        let explicit = try StyleGAN2.Generator.load(path: bare, config: fromPickle.config)
        XCTAssertEqual(explicit(z, c, truncationPsi: 0.5).scalars, expected)
        let d = try StyleGAN2.Discriminator.load(path: prefixed, key: "D")
        XCTAssertEqual(d.config.cDim, 3)
        XCTAssertEqual(d(Tensor(shape: [2, 3, 32, 32], scalars: expected), c).shape, [2, 1])
    }

    func testTruncationAndWAvgUpdate() throws {
        let G = try StyleGAN2.Generator.load(path: Pickles.tiny)
        let z = Tensor<Float>.seeded([3, 32], seed: 5)
        let wAvg = try XCTUnwrap(G.mapping.wAvg)
        let truncated = G.mapping(z, nil, truncationPsi: 0)
        XCTAssertEqual(truncated.shape, [3, 6, 32])
        for sample in 0..<18 { XCTAssertEqual(Array(truncated.scalars[(sample * 32)..<(sample * 32 + 32)]), wAvg.scalars) }
        let plain = G.mapping(z, nil)
        let cut = G.mapping(z, nil, truncationPsi: 0, truncationCutoff: 2)
        for n in 0..<3 {
            for w in 0..<6 {
                let row = Array(cut.scalars[((n * 6 + w) * 32)..<((n * 6 + w) * 32 + 32)])
                XCTAssertEqual(row, w < 2 ? wAvg.scalars : Array(plain.scalars[((n * 6 + w) * 32)..<((n * 6 + w) * 32 + 32)]))
            }
        }
        let before = wAvg.scalars
        _ = G.mapping(z, nil, updateWAvg: true)
        let mean = plain.sliced(axis: 1, start: 0, end: 1).reshaped([3, 32]).mean(axes: [0]).scalars
        for i in 0..<32 {
            XCTAssertEqual(wAvg.scalars[i], mean[i] + 0.995 * (before[i] - mean[i]), accuracy: 1e-6)
        }
    }

    func testNoiseModes() throws {
        let G = try StyleGAN2.Generator.load(path: Pickles.tiny)
        let z = Tensor<Float>.seeded([1, 32], seed: 9)
        let a = G(z, noiseMode: .random(seed: 1)).scalars, b = G(z, noiseMode: .random(seed: 1)).scalars
        let c = G(z, noiseMode: .random(seed: 2)).scalars, constant = G(z).scalars, none = G(z, noiseMode: .none).scalars
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertNotEqual(a, constant)
        XCTAssertNotEqual(constant, none)
        let fused = G(z, fusedModconv: true).scalars, split = G(z, fusedModconv: false).scalars
        XCTAssertLessThan(zip(fused, split).map { abs($0 - $1) }.max() ?? 1, 1e-4)
    }

    func testBlockCallsComposeToTheNetworks() throws {
        let G = try StyleGAN2.Generator.load(path: Pickles.conditional)
        let ws = G.mapping(Tensor<Float>.seeded([2, 32], seed: 1), Tensor<Float>.oneHot([1, 2], classes: 3))
        var x: Tensor<Float>?, img: Tensor<Float>?, index = 0
        for block in G.synthesis.blocks {
            let count = block.numConv + block.numTorgb
            (x, img) = block(x, img, ws: ws.sliced(axis: 1, start: index, end: index + count))
            index += block.numConv
        }
        XCTAssertEqual(img?.scalars, G.synthesis(ws).scalars)

        let D = try StyleGAN2.Discriminator.load(path: Pickles.conditional)
        let image = Tensor<Float>.seeded([2, 3, 32, 32], seed: 2), c = Tensor<Float>.oneHot([0, 1], classes: 3)
        var features: Tensor<Float>?, running: Tensor<Float>? = image
        for block in D.blocks { (features, running) = block(features: features, image: running) }
        let logits = D.epilogue(features: try XCTUnwrap(features), image: running, cmap: D.mapping.map { $0(nil, c) })
        XCTAssertEqual(logits.scalars, D(image, c).scalars)
    }
}
