import GANPortFormats
import GANPortModels
import GANPortTensor

extension NetworkSnapshot {
    /// Writes `network.safetensors`, `G.pt`, `D.pt` and `G_ema.pt` into `directory` (each file
    /// atomically).
    public func write(to directory: String, ganportVersion: String) throws {
        guard curNimg >= 0 else { throw RunFileError.invalidArgument("cur_nimg \(curNimg) is negative") }
        let combined = try flattenedTensors.map { NamedTensor(name: $0.name, tensor: try $0.tensor.float32Stored()) }
        var seen = Set<String>()
        for named in combined where !seen.insert(named.name).inserted { throw RunFileError.duplicateTensor(name: named.name) }
        let path = RunFiles.join(directory, NetworkSnapshot.fileName)
        try RunFiles.writing(path) {
            try SafetensorsWriter.write(combined, metadata: metadata(ganportVersion: ganportVersion), to: path)
        }
        for key in NetworkSnapshot.networkKeys {
            let ptPath = RunFiles.join(directory, key + ".pt")
            try RunFiles.writing(ptPath) {
                let tensors = try stateDict(key).map { NamedTensor(name: $0.name, tensor: try $0.tensor.float32Stored()) }
                try TorchZipWriter.write(tensors, to: ptPath)
            }
        }
    }

    /// The `__metadata__` of `network.safetensors`.
    func metadata(ganportVersion: String) -> [(String, String)] {
        let generatorKwargs = generatorConfig.initKwargs
        let discriminatorKwargs = discriminatorConfig.initKwargs
        let networks: [(String, JSONValue)] = [
            ("G", .object([("class_name", .string("Generator")), ("init_kwargs", generatorKwargs)])),
            ("D", .object([("class_name", .string("Discriminator")), ("init_kwargs", discriminatorKwargs)])),
            ("G_ema", .object([("class_name", .string("Generator")), ("init_kwargs", generatorKwargs)])),
        ]
        return [
            ("format", NetworkSnapshot.format),
            ("ganport.snapshot_version", String(NetworkSnapshot.version)),
            ("cur_nimg", String(curNimg)),
            ("ganport.version", ganportVersion),
            ("G.init_kwargs", generatorKwargs.serialized()),
            ("D.init_kwargs", discriminatorKwargs.serialized()),
            ("ganport.source_metadata", JSONValue.object([("networks", .object(networks))]).serialized()),
        ]
    }
}
