import GANPortFormats
import GANPortModels
import GANPortTensor

extension NetworkSnapshot {
    /// Reads `network.safetensors` from `directory`: format, version, image count and
    /// configurations from the metadata; every tensor float32 and under a known network key;
    /// G, D and G_ema each present and fitting its configuration.
    public static func read(from directory: String) throws -> NetworkSnapshot {
        let path = RunFiles.join(directory, fileName)
        let file = try RunFiles.reading(path) { try SafetensorsReader.read(path: path) }
        func value(_ key: String) throws -> String {
            guard let found = file.metadata.first(where: { $0.0 == key })?.1 else {
                throw RunFileError.missingField(path: path, field: "__metadata__.\(key)")
            }
            return found
        }
        let declared = try value("format")
        guard declared == format else { throw RunFileError.wrongFormat(path: path, found: declared, expected: format) }
        let versionText = try value("ganport.snapshot_version")
        guard let fileVersion = Int(versionText), fileVersion >= 1 else {
            throw RunFileError.invalidField(path: path, field: "__metadata__.ganport.snapshot_version", reason: "'\(versionText)' is not a version")
        }
        guard fileVersion <= version else { throw RunFileError.unsupportedVersion(path: path, found: fileVersion, supported: version) }
        let nimgText = try value("cur_nimg")
        guard let curNimg = Int(nimgText), curNimg >= 0 else {
            throw RunFileError.invalidField(path: path, field: "__metadata__.cur_nimg", reason: "'\(nimgText)' is not an image count")
        }
        let generatorConfig: StyleGAN2.GeneratorConfig
        let discriminatorConfig: StyleGAN2.DiscriminatorConfig
        do { generatorConfig = try StyleGAN2.GeneratorConfig(json: try value("G.init_kwargs")) } catch let error as RunFileError { throw error } catch {
            throw RunFileError.invalidField(path: path, field: "__metadata__.G.init_kwargs", reason: String(describing: error))
        }
        do { discriminatorConfig = try StyleGAN2.DiscriminatorConfig(json: try value("D.init_kwargs")) } catch let error as RunFileError { throw error } catch {
            throw RunFileError.invalidField(path: path, field: "__metadata__.D.init_kwargs", reason: String(describing: error))
        }
        var groups: [String: StateDict] = [:]
        let keys = networkKeys + [augmentPipeKey]
        for named in file.tensors {
            guard let key = keys.first(where: { named.name.hasPrefix($0 + ".") }) else {
                throw RunFileError.unexpectedTensor(path: path, name: named.name)
            }
            guard named.tensor.dtype == .f32 else {
                throw RunFileError.notFloat32(path: path, name: named.name, dtype: named.tensor.dtype.rawValue)
            }
            let tensor = try RunFiles.reading(path) { try Tensor<Float>(named.tensor) }
            groups[key, default: []].append((name: String(named.name.dropFirst(key.count + 1)), tensor: tensor))
        }
        for key in networkKeys where groups[key] == nil { throw RunFileError.missingTensor(path: path, name: key + ".*") }
        var snapshot = NetworkSnapshot(curNimg: curNimg, generatorConfig: generatorConfig, discriminatorConfig: discriminatorConfig,
                                       generator: groups["G"] ?? [], discriminator: groups["D"] ?? [],
                                       generatorEMA: groups["G_ema"] ?? [], augmentPipe: groups[augmentPipeKey] ?? [])
        // Build each network once: checks every key and shape, and restores the official order.
        do {
            snapshot.generator = try snapshot.makeGenerator(ema: false).stateDict()
            snapshot.generatorEMA = try snapshot.makeGenerator(ema: true).stateDict()
            snapshot.discriminator = try snapshot.makeDiscriminator().stateDict()
        } catch {
            throw RunFileError.unreadableFile(path: path, reason: String(describing: error))
        }
        return snapshot
    }
}
