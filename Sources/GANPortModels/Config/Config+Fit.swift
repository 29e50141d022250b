/// Checks a configuration against the tensors at hand before a model is built, so a pickle or
/// config JSON that declares huge widths cannot make GANPort allocate a huge model for a small
/// state dict: every size that drives an allocation must equal the one the tensors show.
protocol ShapeSignature {
    /// Sizes that determine the model's tensor shapes, by name.
    var shapeSignature: [String: Int] { get }
}

extension ShapeSignature {
    /// Throws `ModelLoadError.configDoesNotFit` listing every size that differs from the state dict's.
    func checkFits(_ inferred: Self) throws {
        let mine = shapeSignature, theirs = inferred.shapeSignature
        let differences = Set(mine.keys).union(theirs.keys).sorted().compactMap { key -> String? in
            let a = mine[key], b = theirs[key]
            guard a != b else { return nil }
            return "\(key): config \(a.map(String.init) ?? "none"), tensors \(b.map(String.init) ?? "none")"
        }
        guard differences.isEmpty else { throw ModelLoadError.configDoesNotFit(differences) }
    }
}

extension StyleGAN2.MappingKwargs {
    func signature(cDim: Int, wDim: Int) -> [String: Int] {
        ["mapping.num_layers": numLayers, "mapping.embed_features": cDim == 0 ? 0 : (embedFeatures ?? wDim),
         "mapping.layer_features": numLayers > 1 ? (layerFeatures ?? wDim) : 0]
    }
}

extension StyleGAN2.GeneratorConfig: ShapeSignature {
    var shapeSignature: [String: Int] {
        var out: [String: Int] = ["z_dim": zDim, "c_dim": cDim, "w_dim": wDim, "img_resolution": imgResolution,
                                  "img_channels": imgChannels, "kernel_size": synthesis.kernelSize,
                                  "use_noise": synthesis.useNoise ? 1 : 0, "resample_filter_taps": synthesis.resampleFilter.count]
        if imgResolution > 4 { out["architecture"] = StyleGAN2.Architecture.allCases.firstIndex(of: synthesis.architecture) }
        for r in synthesisConfig.blockResolutions { out["channels_\(r)"] = synthesis.channels(at: r) }
        return out.merging(mapping.signature(cDim: cDim, wDim: wDim)) { a, _ in a }
    }
}

extension StyleGAN2.DiscriminatorConfig: ShapeSignature {
    var shapeSignature: [String: Int] {
        var out: [String: Int] = ["c_dim": cDim, "img_resolution": imgResolution, "img_channels": imgChannels,
                                  "mbstd_num_channels": mbstdNumChannels, "cmap_dim": effectiveCmapDim,
                                  "resample_filter_taps": resampleFilter.count,
                                  "architecture": StyleGAN2.Architecture.allCases.firstIndex(of: architecture) ?? 0]
        for r in blockResolutions + [4] { out["channels_\(r)"] = channels(at: r) }
        if cDim > 0 { out.merge(mapping.signature(cDim: cDim, wDim: effectiveCmapDim)) { a, _ in a } }
        return out
    }
}
