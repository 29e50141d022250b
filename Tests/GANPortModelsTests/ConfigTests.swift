import GANPortFormats
import GANPortModels
import GANPortTensor
import XCTest

final class ConfigTests: XCTestCase {
    func testGeneratorConfigFromInitKwargsAppliesOfficialDefaults() throws {
        let network = try XCTUnwrap(try Pickles.decode(Pickles.tiny).network("G_ema"))
        let config = try StyleGAN2.GeneratorConfig(initKwargs: network.initKwargs)
        XCTAssertEqual(config.zDim, 32)
        XCTAssertEqual(config.cDim, 0)
        XCTAssertEqual(config.imgResolution, 16)
        XCTAssertEqual(config.mapping, StyleGAN2.MappingKwargs(numLayers: 2))
        XCTAssertEqual(config.synthesis.channelBase, 128)
        XCTAssertEqual(config.synthesis.channelMax, 16)
        XCTAssertEqual(config.synthesis.numFp16Res, 4)
        XCTAssertEqual(config.synthesis.convClamp, 256)
        XCTAssertEqual(config.synthesis.architecture, .skip)
        XCTAssertEqual(config.synthesis.resampleFilter, [1, 3, 3, 1])
        XCTAssertEqual(config.synthesisConfig.numWs, 6)
    }

    func testEveryRecordedSubmoduleConfigMatchesItsParent() throws {
        for path in Pickles.all {
            let g = try XCTUnwrap(try Pickles.decode(path).network("G_ema"))
            let config = try StyleGAN2.GeneratorConfig(initKwargs: g.initKwargs)
            XCTAssertEqual(try StyleGAN2.MappingNetworkConfig(initKwargs: XCTUnwrap(g.module(at: "mapping")).initKwargs), config.mappingConfig)
            XCTAssertEqual(try StyleGAN2.SynthesisNetworkConfig(initKwargs: XCTUnwrap(g.module(at: "synthesis")).initKwargs), config.synthesisConfig)
        }
    }

    func testDiscriminatorConfigFromInitKwargs() throws {
        let d = try XCTUnwrap(try Pickles.decode(Pickles.extra).network("D"))
        let config = try StyleGAN2.DiscriminatorConfig(initKwargs: d.initKwargs)
        XCTAssertEqual(config.architecture, .skip)
        XCTAssertEqual(config.cmapDim, 5)
        XCTAssertEqual(config.freezeLayers, 1)
        XCTAssertNil(config.mbstdGroupSize)
        XCTAssertEqual(config.mbstdNumChannels, 2)
        XCTAssertEqual(config.resampleFilter, [1, 2, 1])
        XCTAssertEqual(config.mapping.numLayers, 2)
        XCTAssertNil(config.mapping.wAvgBeta)
        XCTAssertEqual(config.convClamp, 64)
    }

    func testUnknownAndMalformedArgumentsAreErrors() {
        func kwargs(_ json: String) throws -> StyleGAN2.GeneratorConfig { try StyleGAN2.GeneratorConfig(json: json) }
        let base = #""z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": 8, "img_channels": 3"#
        XCTAssertNoThrow(try kwargs("{\(base)}"))
        XCTAssertThrowsError(try kwargs("{\(base), \"truncation\": 1}")) {
            XCTAssertEqual($0 as? ModelConfigError, .unknownArgument("truncation"))
        }
        XCTAssertThrowsError(try kwargs("{\(base), \"synthesis_kwargs\": {\"use_fp16\": true}}")) {
            XCTAssertEqual($0 as? ModelConfigError, .unknownArgument("synthesis_kwargs.use_fp16"))
        }
        XCTAssertThrowsError(try kwargs("{\(base), \"mapping_kwargs\": {\"num_layers\": \"8\"}}")) {
            XCTAssertEqual($0 as? ModelConfigError, .invalidArgument("mapping_kwargs.num_layers", expected: "an integer"))
        }
        XCTAssertThrowsError(try kwargs(#"{"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_channels": 3}"#)) {
            XCTAssertEqual($0 as? ModelConfigError, .missingArgument("img_resolution"))
        }
        XCTAssertThrowsError(try kwargs(#"{"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": 12, "img_channels": 3}"#))
        XCTAssertThrowsError(try kwargs("{\(base), \"synthesis_kwargs\": {\"architecture\": \"fancy\"}}"))
        XCTAssertThrowsError(try kwargs("[1, 2]"))
        XCTAssertThrowsError(try kwargs("{\(base)} trailing"))
        XCTAssertThrowsError(try StyleGAN2.DiscriminatorConfig(json: #"{"c_dim": 2, "img_resolution": 8, "img_channels": 3, "mapping_kwargs": {"w_avg_beta": 0.9}}"#)) {
            XCTAssertEqual($0 as? ModelConfigError, .unknownArgument("mapping_kwargs.w_avg_beta"))
        }
    }

    func testConfigJSONRoundTrips() throws {
        for path in Pickles.all {
            let pickle = try Pickles.decode(path)
            let g = try StyleGAN2.GeneratorConfig(initKwargs: XCTUnwrap(pickle.network("G_ema")).initKwargs)
            XCTAssertEqual(try StyleGAN2.GeneratorConfig(json: g.initKwargs.serialized()), g)
            let d = try StyleGAN2.DiscriminatorConfig(initKwargs: XCTUnwrap(pickle.network("D")).initKwargs)
            XCTAssertEqual(try StyleGAN2.DiscriminatorConfig(json: d.initKwargs.serialized()), d)
        }
    }

    func testShapeInferenceRecoversTheShapeDeterminedFields() throws {
        for path in Pickles.all {
            let pickle = try Pickles.decode(path)
            let gNetwork = try XCTUnwrap(pickle.network("G_ema"))
            let recorded = try StyleGAN2.GeneratorConfig(initKwargs: gNetwork.initKwargs)
            let g = try StyleGAN2.module(from: gNetwork)
            var inferred = try StyleGAN2.GeneratorConfig(inferringFrom: g.stateDict())
            XCTAssertEqual(StyleGAN2.Generator(config: inferred).stateDict().map(\.tensor.shape), g.stateDict().map(\.tensor.shape), path)
            XCTAssertEqual(inferred.synthesis.architecture, recorded.synthesis.architecture, path)
            XCTAssertEqual(inferred.synthesis.resampleFilter, recorded.synthesis.resampleFilter, path)
            XCTAssertEqual(inferred.cDim, recorded.cDim)
            // What shapes cannot tell comes from the defaults.
            inferred.synthesis.convClamp = recorded.synthesis.convClamp
            inferred.synthesis.numFp16Res = recorded.synthesis.numFp16Res
            inferred.mapping.lrMultiplier = recorded.mapping.lrMultiplier
            XCTAssertEqual(inferred.synthesisConfig.blockResolutions, recorded.synthesisConfig.blockResolutions)
            for r in recorded.synthesisConfig.blockResolutions {
                XCTAssertEqual(inferred.synthesis.channels(at: r), recorded.synthesis.channels(at: r))
            }

            let dNetwork = try XCTUnwrap(pickle.network("D"))
            let dRecorded = try StyleGAN2.DiscriminatorConfig(initKwargs: dNetwork.initKwargs)
            let d = try StyleGAN2.module(from: dNetwork)
            var dInferred = try StyleGAN2.DiscriminatorConfig(inferringFrom: d.stateDict())
            XCTAssertEqual(dInferred.freezeLayers, 0, "Freeze-D cannot be seen in shapes")
            dInferred.freezeLayers = dRecorded.freezeLayers  // it only moves weights between parameters and buffers
            XCTAssertEqual(StyleGAN2.Discriminator(config: dInferred).stateDict().map(\.name), d.stateDict().map(\.name), path)
            XCTAssertEqual(StyleGAN2.Discriminator(config: dInferred).stateDict().map(\.tensor.shape), d.stateDict().map(\.tensor.shape), path)
            XCTAssertEqual(dInferred.architecture, dRecorded.architecture)
            XCTAssertEqual(dInferred.mbstdNumChannels, dRecorded.mbstdNumChannels)
            XCTAssertEqual(dInferred.effectiveCmapDim, dRecorded.effectiveCmapDim)
        }
    }

    func testShapeInferenceRejectsInconsistentWidths() {
        XCTAssertThrowsError(try StyleGAN2.GeneratorConfig(inferringFrom: [])) {
            XCTAssertEqual($0 as? ModelConfigError, .cannotInfer("no 'synthesis.b4.conv1.weight'"))
        }
    }
}
