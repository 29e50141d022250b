import GANPortFormats
import GANPortModels
import GANPortTensor
import XCTest

/// Module trees built from the recorded configurations have exactly the official state-dict keys,
/// in the official order and with the official shapes.
final class StateDictKeyTests: XCTestCase {
    func testKeysOrderAndShapesEqualTheOfficialStateDict() throws {
        for path in Pickles.all {
            let pickle = try Pickles.decode(path)
            for key in ["G_ema", "G", "D"] {
                guard let network = pickle.network(key) else { XCTFail("\(path): no \(key)"); continue }
                let module = try StyleGAN2.module(from: network, entry: key)
                let official = network.stateDict()
                XCTAssertEqual(module.stateDict().map(\.name), official.map(\.name), "\(path) \(key)")
                XCTAssertEqual(module.stateDict().map(\.tensor.shape), official.map(\.tensor.shape), "\(path) \(key)")
            }
        }
    }

    func testParametersAndBuffersFollowTheOfficialKinds() throws {
        let pickle = try Pickles.decode(Pickles.extra)
        let d = try XCTUnwrap(try StyleGAN2.module(from: XCTUnwrap(pickle.network("D")), entry: "D") as? StyleGAN2.Discriminator)
        // Freeze-D 1: the first layer (b16.fromrgb) holds weight and bias as buffers.
        let parameterNames = Set(d.namedParameters().map(\.name))
        XCTAssertFalse(parameterNames.contains("b16.fromrgb.weight"))
        XCTAssertTrue(d.namedBuffers().map(\.name).contains("b16.fromrgb.weight"))
        XCTAssertTrue(parameterNames.contains("b16.conv0.weight"))
        let g = try XCTUnwrap(try StyleGAN2.module(from: XCTUnwrap(pickle.network("G_ema")), entry: "G_ema") as? StyleGAN2.Generator)
        XCTAssertEqual(Set(g.namedBuffers().map(\.name)).filter { !$0.hasSuffix("resample_filter") && !$0.hasSuffix("noise_const") },
                       ["mapping.w_avg"])
        XCTAssertTrue(g.parameters.allSatisfy(\.requiresGrad))
        XCTAssertFalse(g.namedBuffers().contains { $0.tensor.requiresGrad })
    }

    func testLoadingReportsEveryProblemAtOnce() throws {
        let pickle = try Pickles.decode(Pickles.tiny)
        let network = try XCTUnwrap(pickle.network("G_ema"))
        let g = StyleGAN2.Generator(config: try StyleGAN2.GeneratorConfig(initKwargs: network.initKwargs))
        var stateDict = g.stateDict().map { ($0.name, $0.tensor) }
        stateDict.removeAll { $0.0 == "mapping.w_avg" || $0.0 == "synthesis.b4.const" }
        stateDict.append(("mapping.fc9.weight", Tensor<Float>.zeros([1])))
        if let index = stateDict.firstIndex(where: { $0.0 == "synthesis.b8.conv0.weight" }) {
            stateDict[index].1 = Tensor<Float>.zeros([1, 2, 3])
        }
        let before = g.mapping.layers[0].weight.scalars
        XCTAssertThrowsError(try g.load(stateDict: stateDict.map { (name: $0.0, tensor: $0.1) })) { error in
            guard let problems = error as? StateDictError else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.missing, ["synthesis.b4.const", "mapping.w_avg"])
            XCTAssertEqual(problems.unexpected, ["mapping.fc9.weight"])
            XCTAssertEqual(problems.shapeMismatches, [.init(name: "synthesis.b8.conv0.weight", expected: [16, 16, 3, 3], found: [1, 2, 3])])
            XCTAssertTrue(problems.description.contains("2 missing"), problems.description)
        }
        XCTAssertEqual(g.mapping.layers[0].weight.scalars, before, "a failed load changes nothing")
    }

    func testStateDictRoundTripsThroughLoad() throws {
        let config = StyleGAN2.GeneratorConfig(zDim: 4, wDim: 4, imgResolution: 8, mapping: .init(numLayers: 1),
                                               synthesis: { var s = StyleGAN2.SynthesisKwargs(); s.channelBase = 32; s.channelMax = 4; return s }())
        let a = StyleGAN2.Generator(config: config, seed: 1)
        let b = StyleGAN2.Generator(config: config, seed: 2)
        XCTAssertNotEqual(a.stateDict().map(\.tensor.scalars), b.stateDict().map(\.tensor.scalars))
        try b.load(stateDict: a.stateDict())
        XCTAssertEqual(a.stateDict().map(\.tensor.scalars), b.stateDict().map(\.tensor.scalars))
    }

    func testHugeDeclaredWidthsAreRejectedBeforeAllocation() throws {
        let network = try XCTUnwrap(try Pickles.decode(Pickles.tiny).network("G_ema"))
        var config = try StyleGAN2.GeneratorConfig(initKwargs: network.initKwargs)
        config.synthesis.channelBase = 1 << 40
        config.synthesis.channelMax = 1 << 30
        config.mapping.numLayers = 3
        let stateDict = try StyleGAN2.Generator.load(path: Pickles.tiny).stateDict()
        XCTAssertThrowsError(try StyleGAN2.Generator(config: config, stateDict: stateDict)) { error in
            guard case let .configDoesNotFit(differences)? = error as? ModelLoadError else { return XCTFail("\(error)") }
            XCTAssertTrue(differences.contains("channels_4: config 1073741824, tensors 16"), "\(differences)")
            XCTAssertTrue(differences.contains("mapping.num_layers: config 3, tensors 2"), "\(differences)")
        }
    }
}
